package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.fromArray;
import static org.torch4j.Torch.fromBuffer;
import static org.torch4j.Torch.tensor;

import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.glue.NativeMemory;

/**
 * Data between LibTorch and Java: every Java entry point ({@code fromArray}, {@code tensor}, {@code fromBuffer})
 * and every reader ({@code toXxxArray}, {@code toByteBuffer}) for every dtype, with exact values (extremes,
 * NaN, infinities, -0.0, subnormals, IEEE rounding to float16/bfloat16), shapes and row-major order; that
 * tensors own copies of the Java data and readers return copies; non-contiguous views read in logical
 * order; empty tensors. Each test releases everything it made.
 */
class DataTransferTest {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private long liveBefore;

    @BeforeEach
    void recordLiveTensors() {
        liveBefore = settledLiveTensors();
    }

    @AfterEach
    void everyTensorReleased() {
        assertEquals(liveBefore, Torch.memory().liveTensors(), "tensors left alive by the test");
    }

    /** The live count once the GC safety net has released what other tests dropped. */
    private static long settledLiveTensors() {
        long prev = -1;
        long now = Torch.memory().liveTensors();
        for (int i = 0; i < 10 && now != prev; i++) {
            NativeMemory.collectNow();
            prev = now;
            now = Torch.memory().liveTensors();
        }
        return now;
    }

    // ------------------------------------------------------------------ helpers

    private static void assertShape(Tensor t, long... shape) {
        assertArrayEquals(shape, t.size().toArray(), "shape of " + t.dtype());
        assertEquals(Shape.wrap(shape).numel(), t.numel());
    }

    /** Compares float bit patterns (NaNs canonical), so that -0.0 differs from 0.0. */
    private static void assertFloatBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
        }
    }

    private static void assertDoubleBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
        }
    }

    /** A direct buffer from {@code toByteBuffer()} must be in native order, at position 0, hold exactly the data. */
    private static ByteBuffer checkedBytes(Tensor t) {
        ByteBuffer b = t.toByteBuffer();
        assertTrue(b.isDirect(), "toByteBuffer gives a direct buffer");
        assertEquals(NATIVE, b.order(), "toByteBuffer gives native order");
        assertEquals(0, b.position());
        assertEquals(t.numel() * t.dtype().itemSize(), b.remaining(), "toByteBuffer holds numel * itemSize bytes");
        assertEquals(b.capacity(), b.limit());
        return b;
    }

    /** The elements of a {@code toByteBuffer()} result decoded as doubles (exact for every dtype). */
    private static double[] decode(ByteBuffer b, DType d) {
        int n = b.remaining() / d.itemSize();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int at = b.position() + i * d.itemSize();
            switch (d) {
                case FLOAT16: out[i] = halfToFloat(b.getShort(at)); break;
                case BFLOAT16: out[i] = bf16ToFloat(b.getShort(at)); break;
                case FLOAT32: out[i] = b.getFloat(at); break;
                case FLOAT64: out[i] = b.getDouble(at); break;
                case UINT8: out[i] = b.get(at) & 0xff; break;
                case INT8: out[i] = b.get(at); break;
                case INT16: out[i] = b.getShort(at); break;
                case INT32: out[i] = b.getInt(at); break;
                case INT64: out[i] = b.getLong(at); break;
                case BOOL: out[i] = b.get(at); break;
                default: throw new AssertionError(d);
            }
        }
        return out;
    }

    private static short[] shorts(ByteBuffer b) {
        short[] out = new short[b.remaining() / 2];
        b.duplicate().order(b.order()).asShortBuffer().get(out);
        return out;
    }

    /** IEEE 754 binary16 to float, exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int e = (h >>> 10) & 0x1f;
        int m = h & 0x3ff;
        float v;
        if (e == 0) {
            v = m * 0x1p-24f;
        } else if (e == 31) {
            v = m == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = (1024 + m) * Math.scalb(1.0f, e - 25);
        }
        return (h & 0x8000) != 0 ? -v : v;
    }

    /** Float to binary16 with round-to-nearest-even, overflow to infinity (reference; not for NaN). */
    static short floatToHalf(float f) {
        if (Float.isNaN(f)) {
            throw new IllegalArgumentException("NaN");
        }
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        float a = Math.abs(f);
        if (Float.isInfinite(a)) {
            return (short) (sign | 0x7c00);
        }
        int e = Math.getExponent(a);
        if (e < -14) {
            // subnormal half (or zero): multiples of 2^-24; 1024 carries into the smallest normal
            return (short) (sign | (int) Math.rint(a * 0x1p24));
        }
        if (e > 15) {
            return (short) (sign | 0x7c00);
        }
        int n = (int) Math.rint(Math.scalb((double) a, 10 - e));     // in [1024, 2048]
        return (short) (sign | (((e + 15) << 10) + n - 1024));       // 2048 carries into the exponent (or infinity)
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Float to bfloat16 with round-to-nearest-even (reference; not for NaN). */
    static short floatToBf16(float f) {
        if (Float.isNaN(f)) {
            throw new IllegalArgumentException("NaN");
        }
        int x = Float.floatToRawIntBits(f);
        return (short) ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16);
    }

    private static boolean isHalfNaN(short s) {
        return (s & 0x7c00) == 0x7c00 && (s & 0x3ff) != 0;
    }

    private static boolean isBf16NaN(short s) {
        return (s & 0x7f80) == 0x7f80 && (s & 0x7f) != 0;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(NATIVE);
    }

    // ------------------------------------------------------------------ fromArray, per Java type

    @Test
    void float32ArrayRoundTripsExactly() {
        float nanPayload = Float.intBitsToFloat(0x7fc12345);
        float[] data = {0f, -0f, 1f, -1.5f, 0.1f, (float) (1 / 3.0), Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, nanPayload, 16777217f};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 4, 4);
            assertEquals(DType.FLOAT32, t.dtype());
            assertShape(t, 4, 4);
            assertTrue(t.isContiguous());
            float[] back = t.toFloatArray();
            assertFloatBits(data, back, "toFloatArray");
            assertEquals(0x7fc12345, Float.floatToRawIntBits(back[14]), "a NaN payload survives the round trip");
            assertEquals(0x80000000, Float.floatToRawIntBits(back[1]), "-0.0 stays negative");
            double[] widened = new double[data.length];
            for (int i = 0; i < data.length; i++) {
                widened[i] = data[i];
            }
            assertDoubleBits(widened, t.toDoubleArray(), "toDoubleArray of float32");
            ByteBuffer b = checkedBytes(t);
            for (int i = 0; i < data.length; i++) {
                assertEquals(Float.floatToRawIntBits(data[i]), b.getInt(4 * i), "toByteBuffer bits [" + i + "]");
            }
            assertEquals(1.5f, fromArray(new float[] {1.5f}).itemFloat(), "no shape: a 0-d tensor");
        }
    }

    @Test
    void float64ArrayRoundTripsExactlyIncludingSubnormals() {
        double subnormal = Double.MIN_NORMAL / 3;        // not a power of two: many significant bits
        double[] data = {0.0, -0.0, 1.0, 0.1, Math.PI, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, subnormal,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 9007199254740993.0 - 1};
        assertTrue(subnormal < Double.MIN_NORMAL && subnormal > 0);
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 2, 8);
            assertEquals(DType.FLOAT64, t.dtype());
            assertShape(t, 2, 8);
            double[] back = t.toDoubleArray();
            assertDoubleBits(data, back, "toDoubleArray");
            assertEquals(Double.doubleToRawLongBits(subnormal), Double.doubleToRawLongBits(back[11]));
            assertEquals(Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(back[8]));
            ByteBuffer b = checkedBytes(t);
            for (int i = 0; i < data.length; i++) {
                assertEquals(Double.doubleToRawLongBits(data[i]), b.getLong(8 * i), "toByteBuffer bits [" + i + "]");
            }
            // reading float64 as float32 rounds each value as Java's (float) cast does
            float[] narrowed = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                narrowed[i] = (float) data[i];
            }
            assertFloatBits(narrowed, t.toFloatArray(), "toFloatArray of float64");
            assertEquals(Float.NEGATIVE_INFINITY, t.toFloatArray()[5], "-1e300 overflows float32");
            assertEquals(0f, t.toFloatArray()[8], "Double.MIN_VALUE underflows float32");
        }
    }

    @Test
    void int64ArrayKeepsExtremes() {
        long[] data = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, (1L << 53) + 1, -(1L << 62), Integer.MAX_VALUE + 1L};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 2, 2, 2);
            assertEquals(DType.INT64, t.dtype());
            assertShape(t, 2, 2, 2);
            assertArrayEquals(data, t.toLongArray());
            ByteBuffer b = checkedBytes(t);
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[i], b.getLong(8 * i));
            }
            double[] asDoubles = t.toDoubleArray();
            for (int i = 0; i < data.length; i++) {
                assertEquals((double) data[i], asDoubles[i], "toDoubleArray rounds as Java's (double) cast");
            }
            assertEquals(Long.MIN_VALUE, tensor(Long.MIN_VALUE).itemLong());
            assertEquals(Long.MAX_VALUE, tensor(new long[] {Long.MAX_VALUE}).toLongArray()[0]);
        }
    }

    @Test
    void int32ArrayKeepsExtremes() {
        int[] data = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, 65536, -32769};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 7);
            assertEquals(DType.INT32, t.dtype());
            assertShape(t, 7);
            assertArrayEquals(data, t.toIntArray());
            long[] widened = Arrays.stream(data).asLongStream().toArray();
            assertArrayEquals(widened, t.toLongArray());
            assertArrayEquals(Arrays.stream(data).asDoubleStream().toArray(), t.toDoubleArray());
            ByteBuffer b = checkedBytes(t);
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[i], b.getInt(4 * i));
            }
        }
    }

    @Test
    void int16ArrayViaFromArray() {
        short[] data = {Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1, 255, 256, -129};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 4, 2);
            assertEquals(DType.INT16, t.dtype());
            assertShape(t, 4, 2);
            int[] expected = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                expected[i] = data[i];
            }
            assertArrayEquals(expected, t.toIntArray());
            assertArrayEquals(Arrays.stream(expected).asLongStream().toArray(), t.toLongArray());
            assertArrayEquals(Arrays.stream(expected).asDoubleStream().toArray(), t.toDoubleArray());
            assertArrayEquals(data, shorts(checkedBytes(t)), "toByteBuffer holds the int16 values");
        }
    }

    @Test
    void uint8ArrayReadsJavaBytesAsUnsigned() {
        byte[] data = {0, 1, 127, -128, -1, 42};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 2, 3);
            assertEquals(DType.UINT8, t.dtype(), "byte[] makes uint8");
            assertShape(t, 2, 3);
            assertArrayEquals(new int[] {0, 1, 127, 128, 255, 42}, t.toIntArray(), "byte -1 reads back as 255");
            assertArrayEquals(new long[] {0, 1, 127, 128, 255, 42}, t.toLongArray());
            assertArrayEquals(new float[] {0, 1, 127, 128, 255, 42}, t.toFloatArray());
            assertArrayEquals(data, t.toByteArray(), "toByteArray gives the same bits back");
            ByteBuffer b = checkedBytes(t);
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            assertArrayEquals(data, raw);
            Tensor explicit = fromArray(data, DType.UINT8, 6);
            assertEquals(DType.UINT8, explicit.dtype());
            assertEquals(255, explicit.toIntArray()[4]);
            Tensor viaTensor = tensor(new byte[] {-1, 3});
            assertEquals(DType.UINT8, viaTensor.dtype());
            assertShape(viaTensor, 2);
            assertArrayEquals(new int[] {255, 3}, viaTensor.toIntArray());
        }
    }

    @Test
    void int8ArrayKeepsSignedExtremes() {
        byte[] data = {-128, 127, -1, 0, 1, -100};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, DType.INT8, 3, 2);
            assertEquals(DType.INT8, t.dtype());
            assertShape(t, 3, 2);
            assertArrayEquals(new int[] {-128, 127, -1, 0, 1, -100}, t.toIntArray());
            assertArrayEquals(new long[] {-128, 127, -1, 0, 1, -100}, t.toLongArray());
            assertArrayEquals(new double[] {-128, 127, -1, 0, 1, -100}, t.toDoubleArray());
            assertArrayEquals(data, t.toByteArray(), "toByteArray of int8 keeps the signed bytes");
            ByteBuffer b = checkedBytes(t);
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            assertArrayEquals(data, raw);
        }
    }

    @Test
    void boolArrayRoundTrips() {
        boolean[] data = {true, false, false, true, true, false};
        try (var s = Scope.open()) {
            Tensor t = fromArray(data, 3, 2);
            assertEquals(DType.BOOL, t.dtype());
            assertShape(t, 3, 2);
            assertArrayEquals(data, t.toBooleanArray());
            assertArrayEquals(new byte[] {1, 0, 0, 1, 1, 0}, t.toByteArray());
            assertArrayEquals(new int[] {1, 0, 0, 1, 1, 0}, t.toIntArray());
            assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0}, t.toFloatArray());
            ByteBuffer b = checkedBytes(t);
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            assertArrayEquals(new byte[] {1, 0, 0, 1, 1, 0}, raw, "bool is stored as one byte 0/1");
            // other dtypes read as booleans: nonzero (NaN included) is true, as PyTorch's bool()
            Tensor f = fromArray(new float[] {0f, -0f, Float.NaN, 2f, -0.5f}, 5);
            assertArrayEquals(new boolean[] {false, false, true, true, true}, f.toBooleanArray());
            Tensor l = fromArray(new long[] {0, Long.MIN_VALUE, 256}, 3);
            assertArrayEquals(new boolean[] {false, true, true}, l.toBooleanArray());
        }
    }

    // ------------------------------------------------------------------ tensor(...): scalars and nested arrays

    @Test
    void scalarsAreZeroDimensional() {
        try (var s = Scope.open()) {
            Tensor f = tensor(-2.5f);
            assertEquals(DType.FLOAT32, f.dtype());
            assertEquals(0, f.dim());
            assertShape(f);
            assertArrayEquals(new float[] {-2.5f}, f.toFloatArray());
            Tensor d = tensor(Double.MIN_VALUE);
            assertEquals(DType.FLOAT64, d.dtype());
            assertEquals(0, d.dim());
            assertEquals(Double.MIN_VALUE, d.toDoubleArray()[0]);
            Tensor l = tensor(Long.MAX_VALUE);
            assertEquals(DType.INT64, l.dtype());
            assertEquals(0, l.dim());
            assertArrayEquals(new long[] {Long.MAX_VALUE}, l.toLongArray());
            Tensor i = tensor(Integer.MIN_VALUE);
            assertEquals(DType.INT32, i.dtype());
            assertEquals(0, i.dim());
            assertArrayEquals(new int[] {Integer.MIN_VALUE}, i.toIntArray());
            Tensor u8 = tensor((byte) -1);
            assertEquals(DType.UINT8, u8.dtype());
            assertEquals(0, u8.dim());
            assertEquals(255L, u8.itemLong());
            Tensor b = tensor(true);
            assertEquals(DType.BOOL, b.dtype());
            assertEquals(0, b.dim());
            assertArrayEquals(new boolean[] {true}, b.toBooleanArray());
            assertFalse(tensor(false).itemBoolean());
            assertEquals(1, checkedBytes(b).get(0));
            Tensor nan = tensor(Float.NaN);
            assertTrue(Float.isNaN(nan.toFloatArray()[0]));
            assertEquals(0x80000000, Float.floatToRawIntBits(tensor(-0f).toFloatArray()[0]));
        }
    }

    private static final long[][] NESTED_SHAPES = {{5}, {3, 4}, {2, 3, 4}, {2, 3, 2, 5}};

    /** Fills a (nested) primitive array in row-major order with {@code value.apply(flatIndex)}. */
    private static int fill(Object a, int next, IntFunction<Object> value) {
        int len = Array.getLength(a);
        boolean leaf = !a.getClass().getComponentType().isArray();
        for (int i = 0; i < len; i++) {
            if (leaf) {
                Array.set(a, i, value.apply(next++));
            } else {
                next = fill(Array.get(a, i), next, value);
            }
        }
        return next;
    }

    private static Object nested(Class<?> leaf, long[] shape, IntFunction<Object> value) {
        int[] dims = Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
        Object a = Array.newInstance(leaf, dims);
        fill(a, 0, value);
        return a;
    }

    @Test
    void nestedFloatArraysOneToFourDimensions() {
        IntFunction<Object> v = i -> i * 0.25f - 3f;
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(float.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((float[]) a); break;
                    case 2: t = tensor((float[][]) a); break;
                    case 3: t = tensor((float[][][]) a); break;
                    default: t = tensor((float[][][][]) a); break;
                }
                assertEquals(DType.FLOAT32, t.dtype());
                assertShape(t, shape);
                float[] expected = new float[(int) t.numel()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) v.apply(i);
                }
                assertArrayEquals(expected, t.toFloatArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void nestedDoubleArraysOneToFourDimensions() {
        IntFunction<Object> v = i -> i == 1 ? Double.MIN_VALUE : i * 1e-3 - 1e10;
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(double.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((double[]) a); break;
                    case 2: t = tensor((double[][]) a); break;
                    case 3: t = tensor((double[][][]) a); break;
                    default: t = tensor((double[][][][]) a); break;
                }
                assertEquals(DType.FLOAT64, t.dtype());
                assertShape(t, shape);
                double[] expected = new double[(int) t.numel()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (double) v.apply(i);
                }
                assertDoubleBits(expected, t.toDoubleArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void nestedLongArraysOneToFourDimensions() {
        IntFunction<Object> v = i -> i == 0 ? Long.MIN_VALUE : i == 1 ? Long.MAX_VALUE : i * 1_000_000_007L;
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(long.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((long[]) a); break;
                    case 2: t = tensor((long[][]) a); break;
                    case 3: t = tensor((long[][][]) a); break;
                    default: t = tensor((long[][][][]) a); break;
                }
                assertEquals(DType.INT64, t.dtype());
                assertShape(t, shape);
                long[] expected = new long[(int) t.numel()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (long) v.apply(i);
                }
                assertArrayEquals(expected, t.toLongArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void nestedIntArraysOneToFourDimensions() {
        IntFunction<Object> v = i -> i == 0 ? Integer.MIN_VALUE : i == 1 ? Integer.MAX_VALUE : i * 7919 - 300;
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(int.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((int[]) a); break;
                    case 2: t = tensor((int[][]) a); break;
                    case 3: t = tensor((int[][][]) a); break;
                    default: t = tensor((int[][][][]) a); break;
                }
                assertEquals(DType.INT32, t.dtype());
                assertShape(t, shape);
                int[] expected = new int[(int) t.numel()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (int) v.apply(i);
                }
                assertArrayEquals(expected, t.toIntArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void nestedByteArraysOneToFourDimensionsAreUint8() {
        IntFunction<Object> v = i -> (byte) (i * 37 - 5);
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(byte.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((byte[]) a); break;
                    case 2: t = tensor((byte[][]) a); break;
                    case 3: t = tensor((byte[][][]) a); break;
                    default: t = tensor((byte[][][][]) a); break;
                }
                assertEquals(DType.UINT8, t.dtype());
                assertShape(t, shape);
                byte[] expected = new byte[(int) t.numel()];
                int[] unsigned = new int[expected.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (byte) v.apply(i);
                    unsigned[i] = expected[i] & 0xff;
                }
                assertArrayEquals(expected, t.toByteArray(), Arrays.toString(shape));
                assertArrayEquals(unsigned, t.toIntArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void nestedBooleanArraysOneToFourDimensions() {
        IntFunction<Object> v = i -> i % 3 == 0 || i % 7 == 1;
        for (long[] shape : NESTED_SHAPES) {
            try (var s = Scope.open()) {
                Object a = nested(boolean.class, shape, v);
                Tensor t;
                switch (shape.length) {
                    case 1: t = tensor((boolean[]) a); break;
                    case 2: t = tensor((boolean[][]) a); break;
                    case 3: t = tensor((boolean[][][]) a); break;
                    default: t = tensor((boolean[][][][]) a); break;
                }
                assertEquals(DType.BOOL, t.dtype());
                assertShape(t, shape);
                boolean[] expected = new boolean[(int) t.numel()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (boolean) v.apply(i);
                }
                assertArrayEquals(expected, t.toBooleanArray(), Arrays.toString(shape));
            }
        }
    }

    @Test
    void rowMajorOrderOfA2x3x4Tensor() {
        float[] flat = new float[24];
        float[][][] nested = new float[2][3][4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    flat[i * 12 + j * 4 + k] = 100 * i + 10 * j + k;
                    nested[i][j][k] = 100 * i + 10 * j + k;
                }
            }
        }
        try (var s = Scope.open()) {
            for (Tensor t : new Tensor[] {fromArray(flat, 2, 3, 4), tensor(nested)}) {
                assertShape(t, 2, 3, 4);
                assertArrayEquals(new long[] {12, 4, 1}, t.stride(), "row-major strides");
                assertArrayEquals(flat, t.toFloatArray());
                assertEquals(123.0, t.index(1, 2, 3).itemDouble(), "element [1][2][3]");
                assertEquals(12.0, t.index(0, 1, 2).itemDouble(), "element [0][1][2]");
                assertEquals(103.0, t.index(1, 0, 3).itemDouble(), "element [1][0][3]");
                assertArrayEquals(new float[] {120, 121, 122, 123}, t.select(0, 1).select(0, 2).toFloatArray());
                assertArrayEquals(new float[] {1, 11, 21, 101, 111, 121}, t.select(2, 1).toFloatArray(),
                        "column k = 1 in (i, j) order");
            }
        }
    }

    // ------------------------------------------------------------------ float16 and bfloat16

    @Test
    void float16RepresentableValuesRoundTripExactly() {
        float[] values = {0f, -0f, 1f, -2f, 0.5f, 1.5f, 1 + 0x1p-10f, 2048f, 65504f, -65504f, 0x1p-14f,
                0x1p-24f, -0x1p-24f, 1023 * 0x1p-24f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        short[] bits = {0x0000, (short) 0x8000, 0x3c00, (short) 0xc000, 0x3800, 0x3e00, 0x3c01, 0x6800, 0x7bff,
                (short) 0xfbff, 0x0400, 0x0001, (short) 0x8001, 0x03ff, 0x7c00, (short) 0xfc00};
        try (var s = Scope.open()) {
            Tensor h = tensor(values).to(DType.FLOAT16);
            assertEquals(DType.FLOAT16, h.dtype());
            assertEquals(2, h.elementSize());
            assertShape(h, values.length);
            assertFloatBits(values, h.toFloatArray(), "float16 -> toFloatArray");
            double[] wide = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                wide[i] = values[i];
            }
            assertDoubleBits(wide, h.toDoubleArray(), "float16 -> toDoubleArray");
            short[] stored = shorts(checkedBytes(h));
            assertArrayEquals(bits, Arrays.copyOf(stored, bits.length), "float16 bit patterns");
            assertTrue(isHalfNaN(stored[values.length - 1]), "NaN stays NaN");
            assertArrayEquals(new long[] {0, 0, 1, -2, 0, 1, 1, 2048, 65504, -65504}, Arrays.copyOf(h.toLongArray(), 10),
                    "toLongArray truncates toward zero");
            Tensor bf = tensor(new float[] {1f, -2f}).toHalf();
            assertEquals(DType.FLOAT16, bf.dtype());
        }
    }

    @Test
    void float16RoundsToNearestEven() {
        float[] in = {1f / 3, 2049f, 2051f, 2050f, 65519f, 65520f, 1e6f, -1e6f, 0x1p-25f, 0x1.8p-25f, 0x1p-26f,
                3 * 0x1p-25f, 1 + 0x1p-11f, 1 + 3 * 0x1p-11f, 0.1f, -0.1f};
        float[] expected = {0.333251953125f, 2048f, 2052f, 2050f, 65504f, Float.POSITIVE_INFINITY,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, 0x1p-24f, 0f, 2 * 0x1p-24f, 1f, 1 + 0x1p-9f,
                0.0999755859375f, -0.0999755859375f};
        try (var s = Scope.open()) {
            Tensor h = tensor(in).to(DType.FLOAT16);
            assertFloatBits(expected, h.toFloatArray(), "float32 -> float16 rounding");
            assertEquals(0.333251953125, h.toDoubleArray()[0], "1/3 in float16");
        }
        // the reference agrees with the hand-computed values above
        for (int i = 0; i < in.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(halfToFloat(floatToHalf(in[i]))),
                    "reference rounding of " + in[i]);
        }
    }

    @Test
    void float16RoundingMatchesIeeeForManyValues() {
        float[] in = manyFloats(new Random(16), -16, 17, true);
        try (var s = Scope.open()) {
            short[] got = shorts(checkedBytes(tensor(in).to(DType.FLOAT16)));
            for (int i = 0; i < in.length; i++) {
                if (Float.isNaN(in[i])) {
                    assertTrue(isHalfNaN(got[i]), "NaN -> float16 NaN");
                } else {
                    assertEquals(floatToHalf(in[i]), got[i],
                            "float16 of " + in[i] + " (" + Float.toHexString(in[i]) + ")");
                }
            }
        }
    }

    @Test
    void everyFloat16BitPatternReadsBackExactly() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        try (var s = Scope.open()) {
            Tensor h = fromBuffer(ShortBuffer.wrap(all), DType.FLOAT16, 256, 256);
            assertEquals(DType.FLOAT16, h.dtype());
            float[] f = h.toFloatArray();
            double[] d = h.toDoubleArray();
            for (int i = 0; i < all.length; i++) {
                float want = halfToFloat(all[i]);
                if (Float.isNaN(want)) {
                    assertTrue(Float.isNaN(f[i]) && Double.isNaN(d[i]), "float16 NaN 0x" + Integer.toHexString(i));
                } else {
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(f[i]), "float16 0x" + Integer.toHexString(i));
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(d[i]), "float16 0x" + Integer.toHexString(i));
                }
            }
            assertArrayEquals(all, shorts(checkedBytes(h)), "toByteBuffer returns the float16 bits unchanged");
        }
    }

    @Test
    void bfloat16RepresentableValuesRoundTripExactly() {
        // float32 subnormals are left to the fromBuffer tests: see bfloat16RoundingMatchesIeeeForManyValues
        float[] values = {0f, -0f, 1f, -3f, 0.5f, 1 + 0x1p-7f, 256f, 0x1.fep127f, -0x1.fep127f, Float.MIN_NORMAL,
                -0x1.02p-126f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        short[] bits = {0x0000, (short) 0x8000, 0x3f80, (short) 0xc040, 0x3f00, 0x3f81, 0x4380, 0x7f7f,
                (short) 0xff7f, 0x0080, (short) 0x8081, 0x7f80, (short) 0xff80};
        try (var s = Scope.open()) {
            Tensor b = tensor(values).to(DType.BFLOAT16);
            assertEquals(DType.BFLOAT16, b.dtype());
            assertEquals(2, b.elementSize());
            assertFloatBits(values, b.toFloatArray(), "bfloat16 -> toFloatArray");
            double[] wide = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                wide[i] = values[i];
            }
            assertDoubleBits(wide, b.toDoubleArray(), "bfloat16 -> toDoubleArray");
            short[] stored = shorts(checkedBytes(b));
            assertArrayEquals(bits, Arrays.copyOf(stored, bits.length), "bfloat16 bit patterns");
            assertTrue(isBf16NaN(stored[values.length - 1]), "NaN stays NaN");
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        float[] in = {1f / 3, 257f, 259f, 258f, 0.1f, -0.1f, Float.MAX_VALUE, 0x1.ffp127f, 1 + 0x1p-8f,
                1 + 3 * 0x1p-8f, 1 + 0x1p-8f + 0x1p-23f};
        float[] expected = {0.333984375f, 256f, 260f, 258f, 0.10009765625f, -0.10009765625f,
                Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 1f, 1 + 0x1p-6f, 1 + 0x1p-7f};
        try (var s = Scope.open()) {
            Tensor b = tensor(in).to(DType.BFLOAT16);
            assertFloatBits(expected, b.toFloatArray(), "float32 -> bfloat16 rounding");
            assertEquals(0.333984375, b.toDoubleArray()[0], "1/3 in bfloat16");
        }
        for (int i = 0; i < in.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(bf16ToFloat(floatToBf16(in[i]))),
                    "reference rounding of " + in[i]);
        }
    }

    @Test
    void bfloat16RoundingMatchesIeeeForManyValues() {
        // normal floats only: x86's bfloat16 conversion instruction (AVX512_BF16) treats float32 subnormal
        // inputs as zero, so LibTorch's result for them may depend on the CPU
        float[] in = manyFloats(new Random(17), -126, 128, false);
        try (var s = Scope.open()) {
            short[] got = shorts(checkedBytes(tensor(in).to(DType.BFLOAT16)));
            for (int i = 0; i < in.length; i++) {
                if (Float.isNaN(in[i])) {
                    assertTrue(isBf16NaN(got[i]), "NaN -> bfloat16 NaN");
                } else {
                    assertEquals(floatToBf16(in[i]), got[i],
                            "bfloat16 of " + in[i] + " (" + Float.toHexString(in[i]) + ")");
                }
            }
        }
    }

    @Test
    void everyBfloat16BitPatternReadsBackExactly() {
        ByteBuffer all = direct(2 * 65536);
        for (int i = 0; i < 65536; i++) {
            all.putShort((short) i);
        }
        all.flip();
        try (var s = Scope.open()) {
            Tensor b = fromBuffer(all, DType.BFLOAT16, 65536);
            assertEquals(DType.BFLOAT16, b.dtype());
            float[] f = b.toFloatArray();
            for (int i = 0; i < 65536; i++) {
                float want = bf16ToFloat((short) i);
                if (Float.isNaN(want)) {
                    assertTrue(Float.isNaN(f[i]), "bfloat16 NaN 0x" + Integer.toHexString(i));
                } else {
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(f[i]), "bfloat16 0x" + Integer.toHexString(i));
                }
            }
            ByteBuffer back = checkedBytes(b);
            assertEquals(all, back, "toByteBuffer returns the bfloat16 bits unchanged");
        }
    }

    /**
     * Floats for rounding checks: special values, random bit patterns, random values with exponents in
     * [minExp, maxExp), and exact ties between neighbouring float16/bfloat16 values.
     */
    private static float[] manyFloats(Random r, int minExp, int maxExp, boolean subnormals) {
        List<Float> v = new ArrayList<>(List.of(0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 65504f, 65505f, 65519f,
                65520f, -65520f, 0x1p-14f, 0x1.ffcp-15f, 0x1.ffep-15f));
        if (subnormals) {
            v.addAll(List.of(Float.MIN_VALUE, -Float.MIN_VALUE, 0x1p-25f, 0x1.000002p-25f, 0x1.8p-24f, 0x1.4p-24f));
        }
        for (int i = 0; i < 20_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (subnormals || Float.isNaN(f) || Math.abs(f) >= Float.MIN_NORMAL || f == 0) {
                v.add(f);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            float mantissa = 1 + r.nextInt(1 << 23) * 0x1p-23f;
            int e = minExp + r.nextInt(maxExp - minExp);
            v.add((r.nextBoolean() ? -1 : 1) * Math.scalb(mantissa, e));
        }
        for (int i = 0; i < 5_000; i++) {
            int e = minExp + r.nextInt(maxExp - minExp);
            // 1 + k/128 + 1/256 (a bfloat16 tie) and 1 + k/1024 + 1/2048 (a float16 tie)
            v.add(Math.scalb(1 + r.nextInt(128) * 0x1p-7f + 0x1p-8f, e));
            v.add(Math.scalb(1 + r.nextInt(1024) * 0x1p-10f + 0x1p-11f, e));
            if (subnormals) {
                v.add((2 * r.nextInt(1024) + 1) * 0x1p-25f);   // float16 subnormal ties
            }
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ fromBuffer

    /** One dtype's test data: its bytes in native order and the values they hold. */
    private static final class RawCase {
        final DType dtype;
        final ByteBuffer bytes;
        final double[] values;

        RawCase(DType dtype, int n, java.util.function.Consumer<ByteBuffer> writer, double... values) {
            this.dtype = dtype;
            this.bytes = direct(n * dtype.itemSize());
            writer.accept(bytes);
            bytes.flip();
            assertEquals(n, values.length);
            assertEquals(n * dtype.itemSize(), bytes.remaining());
            this.values = values;
        }
    }

    private static List<RawCase> rawCases() {
        return List.of(
                new RawCase(DType.FLOAT16, 4, b -> b.putShort((short) 0x3c00).putShort((short) 0xc000)
                        .putShort((short) 0x7bff).putShort((short) 0x0001), 1, -2, 65504, 0x1p-24),
                new RawCase(DType.BFLOAT16, 4, b -> b.putShort((short) 0x3f80).putShort((short) 0xc040)
                        .putShort((short) 0x7f7f).putShort((short) 0x0001), 1, -3, 0x1.fep127, 0x1p-133),
                new RawCase(DType.FLOAT32, 4, b -> b.putFloat(1.5f).putFloat(-0f).putFloat(Float.MAX_VALUE)
                        .putFloat(Float.MIN_VALUE), 1.5, -0.0, Float.MAX_VALUE, Float.MIN_VALUE),
                new RawCase(DType.FLOAT64, 4, b -> b.putDouble(Math.E).putDouble(Double.MIN_VALUE)
                        .putDouble(-Double.MAX_VALUE).putDouble(Double.NEGATIVE_INFINITY),
                        Math.E, Double.MIN_VALUE, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY),
                new RawCase(DType.UINT8, 5, b -> b.put((byte) 0).put((byte) 1).put((byte) 127).put((byte) -128)
                        .put((byte) -1), 0, 1, 127, 128, 255),
                new RawCase(DType.INT8, 5, b -> b.put((byte) 0).put((byte) 1).put((byte) 127).put((byte) -128)
                        .put((byte) -1), 0, 1, 127, -128, -1),
                new RawCase(DType.INT16, 4, b -> b.putShort(Short.MIN_VALUE).putShort(Short.MAX_VALUE)
                        .putShort((short) -1).putShort((short) 300), Short.MIN_VALUE, Short.MAX_VALUE, -1, 300),
                new RawCase(DType.INT32, 4, b -> b.putInt(Integer.MIN_VALUE).putInt(Integer.MAX_VALUE).putInt(-1)
                        .putInt(1 << 20), Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 1 << 20),
                new RawCase(DType.INT64, 4, b -> b.putLong(-(1L << 52)).putLong(1L << 53).putLong(-1).putLong(7),
                        -(1L << 52), 1L << 53, -1, 7),
                new RawCase(DType.BOOL, 4, b -> b.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 1), 1, 0, 0, 1));
    }

    @Test
    void fromDirectByteBufferForEveryDType() {
        List<RawCase> cases = rawCases();
        assertEquals(DType.values().length, cases.size(), "one case per dtype");
        for (RawCase c : cases) {
            try (var s = Scope.open()) {
                int n = c.values.length;
                Tensor t = fromBuffer(c.bytes, c.dtype, n);
                assertEquals(c.dtype, t.dtype());
                assertShape(t, n);
                assertEquals(0, c.bytes.position(), "the source buffer's position is not moved");
                assertDoubleBits(c.values, t.toDoubleArray(), "toDoubleArray of " + c.dtype);
                ByteBuffer back = checkedBytes(t);
                assertEquals(c.bytes, back, "toByteBuffer gives the same bytes for " + c.dtype);
                assertDoubleBits(c.values, decode(back, c.dtype), "decoded toByteBuffer of " + c.dtype);
                // a heap ByteBuffer (native order) holding the same bytes gives the same tensor
                ByteBuffer heap = ByteBuffer.allocate(c.bytes.remaining()).order(NATIVE).put(c.bytes.duplicate());
                heap.flip();
                Tensor h = fromBuffer(heap, c.dtype, n);
                assertEquals(c.bytes, checkedBytes(h), "heap ByteBuffer of " + c.dtype);
            }
        }
        try (var s = Scope.open()) {
            Tensor l = fromBuffer(direct(16).putLong(Long.MIN_VALUE).putLong(Long.MAX_VALUE).flip(), DType.INT64, 2);
            assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, l.toLongArray());
            Tensor b = fromBuffer(direct(4).put(new byte[] {1, 0, 1, 1}).flip(), DType.BOOL, 2, 2);
            assertShape(b, 2, 2);
            assertArrayEquals(new boolean[] {true, false, true, true}, b.toBooleanArray());
        }
    }

    @Test
    void fromTypedBuffersHeapAndDirect() {
        float[] f = {1.5f, -0f, Float.NaN, Float.MAX_VALUE, Float.MIN_VALUE, -7f};
        double[] d = {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, 1e-310};
        long[] l = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 1L << 40};
        int[] i = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, 1 << 30};
        short[] sh = {Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1, 1000};
        for (boolean isDirect : new boolean[] {false, true}) {
            String kind = isDirect ? "direct " : "heap ";
            FloatBuffer fb = isDirect ? direct(4 * f.length).asFloatBuffer().put(f).flip() : FloatBuffer.wrap(f);
            DoubleBuffer db = isDirect ? direct(8 * d.length).asDoubleBuffer().put(d).flip() : DoubleBuffer.wrap(d);
            LongBuffer lb = isDirect ? direct(8 * l.length).asLongBuffer().put(l).flip() : LongBuffer.wrap(l);
            IntBuffer ib = isDirect ? direct(4 * i.length).asIntBuffer().put(i).flip() : IntBuffer.wrap(i);
            ShortBuffer sb = isDirect ? direct(2 * sh.length).asShortBuffer().put(sh).flip() : ShortBuffer.wrap(sh);
            for (Buffer b : new Buffer[] {fb, db, lb, ib, sb}) {
                assertEquals(isDirect, b.isDirect());
            }
            try (var s = Scope.open()) {
                Tensor tf = fromBuffer(fb, DType.FLOAT32, 2, 3);
                assertEquals(DType.FLOAT32, tf.dtype());
                assertShape(tf, 2, 3);
                assertFloatBits(f, tf.toFloatArray(), kind + "FloatBuffer");
                Tensor td = fromBuffer(db, DType.FLOAT64, 3, 2);
                assertEquals(DType.FLOAT64, td.dtype());
                assertShape(td, 3, 2);
                assertDoubleBits(d, td.toDoubleArray(), kind + "DoubleBuffer");
                Tensor tl = fromBuffer(lb, DType.INT64, 6);
                assertEquals(DType.INT64, tl.dtype());
                assertArrayEquals(l, tl.toLongArray(), kind + "LongBuffer");
                Tensor ti = fromBuffer(ib, DType.INT32, 1, 6);
                assertEquals(DType.INT32, ti.dtype());
                assertShape(ti, 1, 6);
                assertArrayEquals(i, ti.toIntArray(), kind + "IntBuffer");
                Tensor ts = fromBuffer(sb, DType.INT16, 6);
                assertEquals(DType.INT16, ts.dtype());
                assertArrayEquals(sh, shorts(checkedBytes(ts)), kind + "ShortBuffer");
                assertArrayEquals(new int[] {Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1, 1000}, ts.toIntArray());
                // a ShortBuffer of float16 / bfloat16 bit patterns
                ShortBuffer halfBits = isDirect
                        ? direct(6).asShortBuffer().put(new short[] {0x3c00, (short) 0xc000, 0x7c00}).flip()
                        : ShortBuffer.wrap(new short[] {0x3c00, (short) 0xc000, 0x7c00});
                assertArrayEquals(new float[] {1f, -2f, Float.POSITIVE_INFINITY},
                        fromBuffer(halfBits, DType.FLOAT16, 3).toFloatArray(), kind + "float16 bits");
                ShortBuffer bfBits = isDirect
                        ? direct(6).asShortBuffer().put(new short[] {0x3f80, (short) 0xc040, 0x4380}).flip()
                        : ShortBuffer.wrap(new short[] {0x3f80, (short) 0xc040, 0x4380});
                assertArrayEquals(new float[] {1f, -3f, 256f},
                        fromBuffer(bfBits, DType.BFLOAT16, 3).toFloatArray(), kind + "bfloat16 bits");
                for (Buffer b : new Buffer[] {fb, db, lb, ib, sb}) {
                    assertEquals(0, b.position(), "fromBuffer does not move the buffer");
                    assertEquals(6, b.limit());
                }
            }
        }
        // typed views of a big-endian buffer hold values, not native bytes: they are read as values
        try (var s = Scope.open()) {
            FloatBuffer be = ByteBuffer.allocateDirect(12).order(ByteOrder.BIG_ENDIAN).asFloatBuffer()
                    .put(new float[] {1.25f, -3f, 1e-40f}).flip();
            assertArrayEquals(new float[] {1.25f, -3f, 1e-40f}, fromBuffer(be, DType.FLOAT32, 3).toFloatArray());
            LongBuffer le = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                    .put(new long[] {Long.MIN_VALUE + 1, 123456789012345L}).flip();
            assertArrayEquals(new long[] {Long.MIN_VALUE + 1, 123456789012345L}, fromBuffer(le, DType.INT64, 2).toLongArray());
            FloatBuffer ro = FloatBuffer.wrap(new float[] {4f, 5f}).asReadOnlyBuffer();
            assertArrayEquals(new float[] {4f, 5f}, fromBuffer(ro, DType.FLOAT32, 2).toFloatArray(), "read-only buffer");
        }
    }

    @Test
    void fromBufferReadsOnlyTheRemainingElementsAndKeepsThePosition() {
        try (var s = Scope.open()) {
            float[] f = {10, 11, 12, 13, 14, 15, 16, 17};
            FloatBuffer heap = FloatBuffer.wrap(f);
            heap.position(2).limit(7);
            Tensor t = fromBuffer(heap, DType.FLOAT32, 5);
            assertArrayEquals(new float[] {12, 13, 14, 15, 16}, t.toFloatArray(), "heap FloatBuffer from position 2");
            assertEquals(2, heap.position(), "position unchanged");
            assertEquals(7, heap.limit(), "limit unchanged");

            FloatBuffer slice = FloatBuffer.wrap(f).position(3).slice();   // array offset 3, position 0
            slice.position(1);
            assertArrayEquals(new float[] {14, 15, 16, 17}, fromBuffer(slice, DType.FLOAT32, 2, 2).toFloatArray(),
                    "a slice with an array offset");
            assertEquals(1, slice.position());

            IntBuffer di = direct(4 * 6).asIntBuffer().put(new int[] {-1, -2, 100, 200, 300, -3}).position(2);
            di.limit(5);
            assertArrayEquals(new int[] {100, 200, 300}, fromBuffer(di, DType.INT32, 3).toIntArray(),
                    "direct IntBuffer from position 2");
            assertEquals(2, di.position());
            assertEquals(5, di.limit());

            DoubleBuffer dd = direct(8 * 4).asDoubleBuffer().put(new double[] {9, 8, Double.MIN_VALUE, 6}).position(1);
            assertArrayEquals(new double[] {8, Double.MIN_VALUE, 6}, fromBuffer(dd, DType.FLOAT64, 3).toDoubleArray());
            assertEquals(1, dd.position());

            LongBuffer hl = LongBuffer.wrap(new long[] {1, Long.MAX_VALUE, Long.MIN_VALUE}).position(1);
            assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MIN_VALUE}, fromBuffer(hl, DType.INT64, 2).toLongArray());
            assertEquals(1, hl.position());

            ShortBuffer hs = ShortBuffer.wrap(new short[] {1, 2, 3, -4}).position(3);
            assertArrayEquals(new int[] {-4}, fromBuffer(hs, DType.INT16, 1).toIntArray());
            assertEquals(3, hs.position());

            // a direct ByteBuffer read from byte 3, not aligned to the element width
            ByteBuffer raw = direct(3 + 16 + 5);
            raw.position(3);
            raw.putDouble(-2.5).putDouble(Double.MAX_VALUE);
            raw.position(3).limit(19);
            Tensor d = fromBuffer(raw, DType.FLOAT64, 2);
            assertArrayEquals(new double[] {-2.5, Double.MAX_VALUE}, d.toDoubleArray(), "unaligned ByteBuffer");
            assertEquals(3, raw.position(), "ByteBuffer position unchanged");
            assertEquals(19, raw.limit());

            ByteBuffer bytes = direct(6).put(new byte[] {9, 9, -1, -128, 127, 9});
            bytes.position(2).limit(5);
            assertArrayEquals(new int[] {255, 128, 127}, fromBuffer(bytes, DType.UINT8, 3).toIntArray());
            assertArrayEquals(new int[] {-1, -128, 127}, fromBuffer(bytes, DType.INT8, 3).toIntArray());
            assertEquals(2, bytes.position());

            ByteBuffer heapBytes = ByteBuffer.allocate(10).order(NATIVE);
            heapBytes.position(2);
            heapBytes.putInt(Integer.MIN_VALUE).putInt(77);
            heapBytes.position(2);
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 77}, fromBuffer(heapBytes, DType.INT32, 2).toIntArray(),
                    "heap ByteBuffer from position 2");
            assertEquals(2, heapBytes.position());
        }
    }

    @Test
    void toByteBufferIsADirectNativeOrderCopyForEveryDType() {
        for (DType d : DType.values()) {
            try (var s = Scope.open()) {
                Tensor t = fromArray(new long[] {0, 1, 5, 2, 7, 3}, 2, 3).to(d);
                assertEquals(d, t.dtype());
                ByteBuffer b = checkedBytes(t);
                double[] expected = d == DType.BOOL ? new double[] {0, 1, 1, 1, 1, 1} : new double[] {0, 1, 5, 2, 7, 3};
                assertDoubleBits(expected, decode(b, d), "toByteBuffer of " + d);
                assertNotSame(b, t.toByteBuffer(), "each call gives a new buffer");
                // the buffer round-trips through fromBuffer
                Tensor again = fromBuffer(b, d, 2, 3);
                assertTrue(again.equal(t), "fromBuffer(toByteBuffer()) equals the tensor for " + d);
                assertEquals(0, b.position());
            }
        }
    }

    // ------------------------------------------------------------------ ownership and copies

    @Test
    void tensorsOwnTheirDataAfterTheJavaArraysAreOverwrittenAndDropped() {
        try (var s = Scope.open()) {
            float[] f = {1, 2, 3, 4, 5, 6};
            double[] d = {1.5, -2.5, Double.MIN_VALUE};
            long[] l = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
            int[] i = {Integer.MIN_VALUE, 0, Integer.MAX_VALUE};
            short[] sh = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
            byte[] u = {-1, 0, 1};
            byte[] c = {-128, 0, 127};
            boolean[] z = {true, false, true};
            float[][] nested = {{7, 8}, {9, 10}};
            Tensor tf = fromArray(f, 2, 3);
            Tensor td = fromArray(d, 3);
            Tensor tl = fromArray(l, 3);
            Tensor ti = fromArray(i, 3);
            Tensor ts = fromArray(sh, 3);
            Tensor tu = fromArray(u, 3);
            Tensor tc = fromArray(c, DType.INT8, 3);
            Tensor tz = fromArray(z, 3);
            Tensor tn = tensor(nested);
            Tensor tv = tensor(f);
            Arrays.fill(f, -99f);
            Arrays.fill(d, -99);
            Arrays.fill(l, -99);
            Arrays.fill(i, -99);
            Arrays.fill(sh, (short) -99);
            Arrays.fill(u, (byte) -99);
            Arrays.fill(c, (byte) -99);
            Arrays.fill(z, false);
            nested[0][0] = -99;
            nested[1] = new float[] {-99, -99};
            f = null;
            d = null;
            l = null;
            i = null;
            sh = null;
            u = null;
            c = null;
            z = null;
            nested = null;
            System.gc();
            churnTheHeap();
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tf.toFloatArray());
            assertArrayEquals(new double[] {1.5, -2.5, Double.MIN_VALUE}, td.toDoubleArray());
            assertArrayEquals(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, tl.toLongArray());
            assertArrayEquals(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, ti.toIntArray());
            assertArrayEquals(new int[] {Short.MIN_VALUE, 0, Short.MAX_VALUE}, ts.toIntArray());
            assertArrayEquals(new int[] {255, 0, 1}, tu.toIntArray());
            assertArrayEquals(new int[] {-128, 0, 127}, tc.toIntArray());
            assertArrayEquals(new boolean[] {true, false, true}, tz.toBooleanArray());
            assertArrayEquals(new float[] {7, 8, 9, 10}, tn.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tv.toFloatArray());
        }
    }

    @Test
    void tensorsOwnTheirDataAfterDirectBuffersAreOverwrittenAndDropped() {
        try (var s = Scope.open()) {
            ByteBuffer raw = direct(4 * 8);
            for (int k = 0; k < 8; k++) {
                raw.putFloat(k + 0.5f);
            }
            raw.flip();
            FloatBuffer fb = direct(4 * 4).asFloatBuffer().put(new float[] {1, 2, 3, 4}).flip();
            DoubleBuffer db = direct(8 * 2).asDoubleBuffer().put(new double[] {-1e300, 1e-300}).flip();
            LongBuffer lb = direct(8 * 2).asLongBuffer().put(new long[] {Long.MIN_VALUE, 42}).flip();
            IntBuffer ib = direct(4 * 2).asIntBuffer().put(new int[] {Integer.MAX_VALUE, -42}).flip();
            ShortBuffer sb = direct(2 * 2).asShortBuffer().put(new short[] {Short.MIN_VALUE, 42}).flip();
            Tensor tr = fromBuffer(raw, DType.FLOAT32, 2, 4);
            Tensor tf = fromBuffer(fb, DType.FLOAT32, 4);
            Tensor td = fromBuffer(db, DType.FLOAT64, 2);
            Tensor tl = fromBuffer(lb, DType.INT64, 2);
            Tensor ti = fromBuffer(ib, DType.INT32, 2);
            Tensor ts = fromBuffer(sb, DType.INT16, 2);
            for (int k = 0; k < raw.capacity(); k++) {
                raw.put(k, (byte) 0x55);
            }
            fb.put(0, -9).put(3, -9);
            db.put(0, -9).put(1, -9);
            lb.put(0, -9);
            ib.put(1, -9);
            sb.put(0, (short) -9);
            raw = null;
            fb = null;
            db = null;
            lb = null;
            ib = null;
            sb = null;
            System.gc();
            churnTheHeap();
            List<ByteBuffer> garbage = new ArrayList<>();
            for (int k = 0; k < 64; k++) {        // reuse the freed direct memory, filled with other bytes
                ByteBuffer g = direct(32);
                while (g.hasRemaining()) {
                    g.put((byte) 0x7f);
                }
                garbage.add(g);
            }
            assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f}, tr.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3, 4}, tf.toFloatArray());
            assertArrayEquals(new double[] {-1e300, 1e-300}, td.toDoubleArray());
            assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, tl.toLongArray());
            assertArrayEquals(new int[] {Integer.MAX_VALUE, -42}, ti.toIntArray());
            assertArrayEquals(new int[] {Short.MIN_VALUE, 42}, ts.toIntArray());
            assertEquals(64, garbage.size());
        }
    }

    /** Allocates and drops heap arrays so that a collection runs and freed memory is reused. */
    private static void churnTheHeap() {
        long sum = 0;
        for (int k = 0; k < 200; k++) {
            float[] junk = new float[16 * 1024];
            Arrays.fill(junk, k);
            sum += (long) junk[k];
        }
        System.gc();
        assertTrue(sum >= 0);
    }

    @Test
    void readersReturnCopies() {
        try (var s = Scope.open()) {
            Tensor f = fromArray(new float[] {1, 2, 3}, 3);
            float[] fa = f.toFloatArray();
            fa[0] = -1;
            double[] da = f.toDoubleArray();
            da[1] = -1;
            assertArrayEquals(new float[] {1, 2, 3}, f.toFloatArray(), "changing toFloatArray's result");
            ByteBuffer fb = f.toByteBuffer();
            fb.putFloat(0, -7f);
            assertArrayEquals(new float[] {1, 2, 3}, f.toFloatArray(), "changing toByteBuffer's result");
            f.fill_(5.0);
            assertArrayEquals(new float[] {-1, 2, 3}, fa, "an earlier array does not follow the tensor");
            assertArrayEquals(new double[] {1, -1, 3}, da);
            assertEquals(-7f, fb.getFloat(0));
            assertEquals(2f, fb.getFloat(4), "an earlier buffer does not follow the tensor");

            Tensor d = fromArray(new double[] {1, 2}, 2);
            double[] dd = d.toDoubleArray();
            dd[0] = 9;
            assertArrayEquals(new double[] {1, 2}, d.toDoubleArray());

            Tensor l = fromArray(new long[] {1, 2}, 2);
            long[] la = l.toLongArray();
            la[0] = 9;
            assertArrayEquals(new long[] {1, 2}, l.toLongArray());
            ByteBuffer lb = l.toByteBuffer();
            lb.putLong(8, 9);
            assertArrayEquals(new long[] {1, 2}, l.toLongArray());

            Tensor i = fromArray(new int[] {1, 2}, 2);
            int[] ia = i.toIntArray();
            ia[1] = 9;
            assertArrayEquals(new int[] {1, 2}, i.toIntArray());

            Tensor u = fromArray(new byte[] {1, 2}, 2);
            byte[] ua = u.toByteArray();
            ua[0] = 9;
            assertArrayEquals(new byte[] {1, 2}, u.toByteArray());

            Tensor c = fromArray(new byte[] {-1, 2}, DType.INT8, 2);
            byte[] ca = c.toByteArray();
            ca[0] = 9;
            assertArrayEquals(new byte[] {-1, 2}, c.toByteArray());

            Tensor z = fromArray(new boolean[] {true, false}, 2);
            boolean[] za = z.toBooleanArray();
            za[0] = false;
            byte[] zb = z.toByteArray();
            zb[1] = 1;
            assertArrayEquals(new boolean[] {true, false}, z.toBooleanArray());

            Tensor h = tensor(new float[] {1, 2}).to(DType.FLOAT16);
            ByteBuffer hb = h.toByteBuffer();
            hb.putShort(0, (short) 0x7c00);
            assertArrayEquals(new float[] {1, 2}, h.toFloatArray());
        }
    }

    // ------------------------------------------------------------------ non-contiguous tensors

    /** Reads {@code v} through every reader and compares with {@code expected} (small non-negative integers). */
    private static void assertReadsAs(long[] expected, Tensor v, String what) {
        DType d = v.dtype();
        long[] e = expected.clone();
        if (d == DType.BOOL) {
            for (int k = 0; k < e.length; k++) {
                e[k] = e[k] != 0 ? 1 : 0;
            }
        }
        String w = what + " of " + d;
        assertArrayEquals(e, v.toLongArray(), w + ": toLongArray");
        assertArrayEquals(Arrays.stream(e).mapToInt(Math::toIntExact).toArray(), v.toIntArray(), w + ": toIntArray");
        assertArrayEquals(Arrays.stream(e).asDoubleStream().toArray(), v.toDoubleArray(), w + ": toDoubleArray");
        float[] fe = new float[e.length];
        byte[] be = new byte[e.length];
        boolean[] ze = new boolean[e.length];
        for (int k = 0; k < e.length; k++) {
            fe[k] = e[k];
            be[k] = (byte) e[k];
            ze[k] = e[k] != 0;
        }
        assertArrayEquals(fe, v.toFloatArray(), w + ": toFloatArray");
        assertArrayEquals(be, v.toByteArray(), w + ": toByteArray");
        assertArrayEquals(ze, v.toBooleanArray(), w + ": toBooleanArray");
        assertArrayEquals(Arrays.stream(e).asDoubleStream().toArray(), decode(checkedBytes(v), d), w + ": toByteBuffer");
    }

    @Test
    void nonContiguousViewsReadInLogicalRowMajorOrder() {
        long[] base = new long[12];
        for (int k = 0; k < 12; k++) {
            base[k] = k + 1;          // 1..12, so that bool views have no false
        }
        for (DType d : DType.values()) {
            try (var s = Scope.open()) {
                Tensor x = fromArray(base, 3, 4).to(d);     // [[1,2,3,4],[5,6,7,8],[9,10,11,12]]
                Tensor t = x.t();
                assertFalse(t.isContiguous());
                assertShape(t, 4, 3);
                assertReadsAs(new long[] {1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12}, t, "transposed");

                Tensor rows = x.narrow(0, 1, 2);
                assertEquals(4, rows.unwrap().storage_offset());
                assertReadsAs(new long[] {5, 6, 7, 8, 9, 10, 11, 12}, rows, "narrow rows 1..2 (offset 4)");

                Tensor cols = x.narrow(1, 1, 2);
                assertFalse(cols.isContiguous());
                assertEquals(1, cols.unwrap().storage_offset());
                assertReadsAs(new long[] {2, 3, 6, 7, 10, 11}, cols, "narrow columns 1..2 (offset 1)");

                Tensor col = x.select(1, 3);
                assertArrayEquals(new long[] {4}, col.stride());
                assertReadsAs(new long[] {4, 8, 12}, col, "column 3");

                Tensor both = x.t().narrow(0, 2, 2).narrow(1, 1, 2);   // rows 2..3 of the transpose, cols 1..2
                assertEquals(6, both.unwrap().storage_offset());
                assertReadsAs(new long[] {7, 11, 8, 12}, both, "narrowed transpose");

                Tensor expanded = fromArray(new long[] {1, 2, 3}, 3, 1).to(d).expand(3, 4);
                assertArrayEquals(new long[] {1, 0}, expanded.stride());
                assertFalse(expanded.isContiguous());
                assertReadsAs(new long[] {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3}, expanded, "expanded column");

                Tensor rowsExpanded = fromArray(new long[] {4, 5}, 2).to(d).expand(3, 2);
                assertReadsAs(new long[] {4, 5, 4, 5, 4, 5}, rowsExpanded, "expanded row");

                Tensor scalarExpanded = tensor(7L).to(d).expand(2, 3);
                assertArrayEquals(new long[] {0, 0}, scalarExpanded.stride());
                assertReadsAs(new long[] {7, 7, 7, 7, 7, 7}, scalarExpanded, "expanded scalar");

                long[] cube = new long[24];
                for (int k = 0; k < 24; k++) {
                    cube[k] = k + 1;
                }
                Tensor p = fromArray(cube, 2, 3, 4).to(d).permute(2, 0, 1);   // p[k][i][j] = cube[i][j][k]
                assertShape(p, 4, 2, 3);
                long[] expected = new long[24];
                int at = 0;
                for (int k = 0; k < 4; k++) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 3; j++) {
                            expected[at++] = cube[i * 12 + j * 4 + k];
                        }
                    }
                }
                assertReadsAs(expected, p, "permuted 2x3x4");
            }
        }
    }

    @Test
    void nonContiguousFloatViewsKeepSpecialValues() {
        try (var s = Scope.open()) {
            Tensor x = fromArray(new double[] {-0.0, Double.NaN, Double.MIN_VALUE, Double.NEGATIVE_INFINITY}, 2, 2);
            assertDoubleBits(new double[] {-0.0, Double.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY},
                    x.t().toDoubleArray(), "transposed float64");
            Tensor h = tensor(new float[] {-0f, 65504f, 0x1p-24f, Float.NEGATIVE_INFINITY}).to(DType.FLOAT16).view(2, 2).t();
            assertFalse(h.isContiguous());
            assertFloatBits(new float[] {-0f, 0x1p-24f, 65504f, Float.NEGATIVE_INFINITY}, h.toFloatArray(), "transposed float16");
            assertArrayEquals(new short[] {(short) 0x8000, 0x0001, 0x7bff, (short) 0xfc00}, shorts(checkedBytes(h)));
        }
    }

    // ------------------------------------------------------------------ empty tensors

    @Test
    void emptyTensorsRoundTripToEmptyArrays() {
        long[][] shapes = {{0}, {2, 0}};
        for (long[] shape : shapes) {
            try (var s = Scope.open()) {
                Tensor[] ts = {
                    fromArray(new float[0], shape), fromArray(new double[0], shape), fromArray(new long[0], shape),
                    fromArray(new int[0], shape), fromArray(new short[0], shape), fromArray(new byte[0], shape),
                    fromArray(new byte[0], DType.INT8, shape), fromArray(new boolean[0], shape),
                    fromArray(new float[0], shape).to(DType.FLOAT16), fromArray(new float[0], shape).to(DType.BFLOAT16),
                };
                assertEquals(DType.values().length, ts.length);
                for (Tensor t : ts) {
                    assertShape(t, shape);
                    assertEquals(0, t.numel());
                    assertEquals(0, t.toFloatArray().length);
                    assertEquals(0, t.toDoubleArray().length);
                    assertEquals(0, t.toLongArray().length);
                    assertEquals(0, t.toIntArray().length);
                    assertEquals(0, t.toByteArray().length);
                    assertEquals(0, t.toBooleanArray().length);
                    ByteBuffer b = checkedBytes(t);
                    assertEquals(0, b.capacity());
                    Tensor again = fromBuffer(b, t.dtype(), shape);
                    assertEquals(t.dtype(), again.dtype());
                    assertShape(again, shape);
                }
                assertShape(fromBuffer(FloatBuffer.allocate(0), DType.FLOAT32, shape), shape);
                assertShape(fromBuffer(direct(0), DType.INT64, shape), shape);
                assertShape(fromBuffer(direct(0).asLongBuffer(), DType.INT64, shape), shape);
            }
        }
        try (var s = Scope.open()) {
            Tensor e1 = tensor(new float[0]);
            assertShape(e1, 0);
            assertEquals(DType.FLOAT32, e1.dtype());
            assertEquals(0, e1.toFloatArray().length);
            Tensor e2 = tensor(new long[2][0]);
            assertShape(e2, 2, 0);
            assertEquals(DType.INT64, e2.dtype());
            assertEquals(0, e2.toLongArray().length);
            Tensor e3 = tensor(new boolean[2][0]);
            assertShape(e3, 2, 0);
            assertEquals(0, e3.toBooleanArray().length);
            Tensor view = fromArray(new float[] {1, 2, 3, 4}, 2, 2).narrow(1, 1, 0);   // an empty view with an offset
            assertShape(view, 2, 0);
            assertEquals(0, view.toFloatArray().length);
            assertEquals(0, checkedBytes(view).capacity());
        }
    }
}
