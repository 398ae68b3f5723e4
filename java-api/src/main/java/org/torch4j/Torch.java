package org.torch4j;

import java.nio.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.glue.LibTorch;
import org.torch4j.glue.NativeData;
import org.torch4j.glue.NativeMemory;

/**
 * Creation functions and free functions, PyTorch's {@code torch.*}, for {@code import static org.torch4j.Torch.*}.
 *
 * <pre>{@code
 * import static org.torch4j.Torch.*;
 *
 * Tensor x = empty(2, 5).fill_(1.125);
 * Tensor m = tensor(new float[][] {{1, 3, 0}, {2, 4, 6}});
 * manualSeed(0);
 * Tensor r = randn(3, 3);
 * Tensor y = mm(m, r);
 * }</pre>
 *
 * <p>Tensors built from Java arrays take the array's type: {@code float[]} gives {@code float32},
 * {@code double[]} {@code float64}, {@code int[]} {@code int32}, {@code long[]} {@code int64},
 * {@code byte[]} {@code uint8}, {@code boolean[]} {@code bool}. The data is copied into memory that
 * LibTorch owns. Shapes are {@code long...}; creation functions default to {@code float32} on the CPU.
 */
public final class Torch {
    static {
        Ops.init();
    }

    private Torch() {}

    // ---------------------------------------------------------------- library state

    /** LibTorch's version, e.g. {@code 2.10.0}. */
    public static String version() {
        return LibTorch.version();
    }

    /** Seeds LibTorch's default generators, as {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        Ops.run(() -> torch.manual_seed(seed));
    }

    public static void setNumThreads(int n) {
        LibTorch.setNumThreads(n);
    }

    public static int getNumThreads() {
        return LibTorch.getNumThreads();
    }

    /** CUDA and cuDNN: availability and switches. */
    public static Cuda cuda() {
        return Cuda.INSTANCE;
    }

    /** torch4j's accounting of live native tensors. */
    public static MemoryInfo memory() {
        return new MemoryInfo(NativeMemory.liveTensors(), NativeMemory.liveBytes(), NativeMemory.pressureCollections());
    }

    /**
     * Returns the native heap's free pages to the operating system and says whether any went back: the CPU's
     * counterpart of PyTorch's {@code torch.cuda.empty_cache()}. Live tensors are untouched. On Linux, glibc
     * keeps freed tensor memory in per-thread heaps, so a long training run's resident size creeps up while
     * its live memory stays flat; {@code org.torch4j.data.DataLoader} calls this at the start of every epoch
     * after its first, and the training CLI after every epoch's evaluation and saves. It takes up to
     * about 2 ms (MNIST training): call it at epoch boundaries, not per step.
     *
     * <pre>{@code
     * for (int epoch = 0; epoch < epochs; epoch++) {
     *     trainOneEpoch(model, loader);
     *     evaluate(model, testSet);
     *     Torch.releaseFreeMemory();
     * }
     * }</pre>
     */
    public static boolean releaseFreeMemory() {
        return NativeMemory.releaseFreeHeap();
    }

    // ---------------------------------------------------------------- creation by shape

    public static Tensor empty(long... shape) {
        return empty(shape, DType.FLOAT32, Device.CPU);
    }

    public static Tensor empty(long[] shape, DType dtype) {
        return empty(shape, dtype, Device.CPU);
    }

    public static Tensor empty(long[] shape, DType dtype, Device device) {
        long[] s = Tensor.checkShape(shape);
        return withOptions(dtype, device, o -> torch.empty(s, o, Ops.NO_MEMORY_FORMAT));
    }

    public static Tensor zeros(long... shape) {
        return zeros(shape, DType.FLOAT32, Device.CPU);
    }

    public static Tensor zeros(long[] shape, DType dtype) {
        return zeros(shape, dtype, Device.CPU);
    }

    public static Tensor zeros(long[] shape, DType dtype, Device device) {
        long[] s = Tensor.checkShape(shape);
        return withOptions(dtype, device, o -> torch.zeros(s, o));
    }

    public static Tensor ones(long... shape) {
        return ones(shape, DType.FLOAT32, Device.CPU);
    }

    public static Tensor ones(long[] shape, DType dtype) {
        return ones(shape, dtype, Device.CPU);
    }

    public static Tensor ones(long[] shape, DType dtype, Device device) {
        long[] s = Tensor.checkShape(shape);
        return withOptions(dtype, device, o -> torch.ones(s, o));
    }

    /** A {@code float32} tensor filled with {@code value}. */
    public static Tensor full(long[] shape, double value) {
        return full(shape, value, DType.FLOAT32);
    }

    public static Tensor full(long[] shape, double value, DType dtype) {
        long[] s = Tensor.checkShape(shape);
        try (Scalar v = new Scalar(value)) {
            return withOptions(dtype, Device.CPU, o -> torch.full(s, v, o));
        }
    }

    /** The {@code n x n} identity. */
    public static Tensor eye(long n) {
        return withOptions(DType.FLOAT32, Device.CPU, o -> torch.eye(n, o));
    }

    public static Tensor eye(long n, long m) {
        return withOptions(DType.FLOAT32, Device.CPU, o -> torch.eye(n, m, o));
    }

    /** {@code 0, 1, ..., end-1} as {@code int64}. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    public static Tensor arange(long start, long end) {
        return arange(start, end, 1);
    }

    public static Tensor arange(long start, long end, long step) {
        try (Scalar a = new Scalar(start); Scalar b = new Scalar(end); Scalar c = new Scalar(step)) {
            return withOptions(DType.INT64, Device.CPU, o -> torch.arange(a, b, c, o));
        }
    }

    /** Floating-point range as {@code float32}, as {@code torch.arange(0., 1., 0.1)}. */
    public static Tensor arange(double start, double end, double step) {
        try (Scalar a = new Scalar(start); Scalar b = new Scalar(end); Scalar c = new Scalar(step)) {
            return withOptions(DType.FLOAT32, Device.CPU, o -> torch.arange(a, b, c, o));
        }
    }

    public static Tensor linspace(double start, double end, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be non-negative, got " + steps);
        }
        try (Scalar a = new Scalar(start); Scalar b = new Scalar(end)) {
            return withOptions(DType.FLOAT32, Device.CPU, o -> torch.linspace(a, b, steps, o));
        }
    }

    /** Uniform samples in [0, 1). */
    public static Tensor rand(long... shape) {
        long[] s = Tensor.checkShape(shape);
        return withOptions(DType.FLOAT32, Device.CPU, o -> torch.rand(s, o));
    }

    /** Samples of N(0, 1). */
    public static Tensor randn(long... shape) {
        long[] s = Tensor.checkShape(shape);
        return withOptions(DType.FLOAT32, Device.CPU, o -> torch.randn(s, o));
    }

    /** Integers uniform in [low, high) as {@code int64}. */
    public static Tensor randint(long low, long high, long... shape) {
        long[] s = Tensor.checkShape(shape);
        if (low >= high) {
            throw new IllegalArgumentException("randint needs low < high, got low=" + low + ", high=" + high);
        }
        return withOptions(DType.INT64, Device.CPU, o -> torch.randint(low, high, s, o));
    }

    /** A random permutation of {@code 0..n-1} as {@code int64}. */
    public static Tensor randperm(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm needs n >= 0, got " + n);
        }
        return withOptions(DType.INT64, Device.CPU, o -> torch.randperm(n, o));
    }

    public static Tensor emptyLike(Tensor t) {
        return Ops.op(() -> torch.empty_like(t.n()));
    }

    public static Tensor zerosLike(Tensor t) {
        return Ops.op(() -> torch.zeros_like(t.n()));
    }

    public static Tensor onesLike(Tensor t) {
        return Ops.op(() -> torch.ones_like(t.n()));
    }

    public static Tensor fullLike(Tensor t, double value) {
        try (Scalar v = new Scalar(value)) {
            return Ops.op(() -> torch.full_like(t.n(), v));
        }
    }

    public static Tensor randLike(Tensor t) {
        return Ops.op(() -> torch.rand_like(t.n()));
    }

    public static Tensor randnLike(Tensor t) {
        return Ops.op(() -> torch.randn_like(t.n()));
    }

    private static Tensor withOptions(DType dtype, Device device, java.util.function.Function<TensorOptions, org.bytedeco.pytorch.Tensor> f) {
        Objects.requireNonNull(dtype, "dtype");
        if (device != null) {
            device.requireUsable("cannot create a tensor on", "");
        }
        TensorOptions o = Ops.options(dtype, device);
        try {
            return Ops.op(() -> f.apply(o));
        } finally {
            if (!Ops.isCached(o)) {
                o.close();
            }
        }
    }

    // ---------------------------------------------------------------- creation from Java data

    public static Tensor tensor(float value) {
        return fromArray(new float[] {value});
    }

    public static Tensor tensor(double value) {
        return fromArray(new double[] {value});
    }

    public static Tensor tensor(long value) {
        return fromArray(new long[] {value});
    }

    public static Tensor tensor(int value) {
        return fromArray(new int[] {value});
    }

    public static Tensor tensor(boolean value) {
        return fromArray(new boolean[] {value});
    }

    /** A 0-d {@code uint8} tensor (without this overload a byte would widen to int and give int32). */
    public static Tensor tensor(byte value) {
        return fromArray(new byte[] {value});
    }

    public static Tensor tensor(float... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(double... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(long... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(int... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(boolean... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(byte... values) {
        return fromArray(values, values.length);
    }

    public static Tensor tensor(float[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(float[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(float[][][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(double[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(double[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(double[][][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(long[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(long[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(long[][][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(int[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(int[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(int[][][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(boolean[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(boolean[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(byte[][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(byte[][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(byte[][][][] v) {
        return fromNested(v);
    }

    public static Tensor tensor(boolean[][][][] v) {
        return fromNested(v);
    }

    /** {@code float32} tensor of this shape holding {@code data} in row-major order (copied). */
    public static Tensor fromArray(float[] data, long... shape) {
        return Ops.op(() -> NativeData.fromFloats(data, checkCount(data.length, shape)));
    }

    public static Tensor fromArray(double[] data, long... shape) {
        return Ops.op(() -> NativeData.fromDoubles(data, checkCount(data.length, shape)));
    }

    public static Tensor fromArray(long[] data, long... shape) {
        return Ops.op(() -> NativeData.fromLongs(data, checkCount(data.length, shape)));
    }

    public static Tensor fromArray(int[] data, long... shape) {
        return Ops.op(() -> NativeData.fromInts(data, checkCount(data.length, shape)));
    }

    public static Tensor fromArray(short[] data, long... shape) {
        return Ops.op(() -> NativeData.fromShorts(data, checkCount(data.length, shape)));
    }

    /** {@code uint8} tensor (Java's signed bytes read as unsigned, as image data is). */
    public static Tensor fromArray(byte[] data, long... shape) {
        return fromArray(data, DType.UINT8, shape);
    }

    /** {@code uint8} or {@code int8} tensor from bytes. */
    public static Tensor fromArray(byte[] data, DType dtype, long... shape) {
        if (dtype != DType.UINT8 && dtype != DType.INT8) {
            throw new IllegalArgumentException("bytes make uint8 or int8 tensors, not " + dtype);
        }
        return Ops.op(() -> NativeData.fromBytes(data, checkCount(data.length, shape), dtype.scalarType));
    }

    public static Tensor fromArray(boolean[] data, long... shape) {
        return Ops.op(() -> NativeData.fromBooleans(data, checkCount(data.length, shape)));
    }

    /**
     * A tensor of {@code dtype} and {@code shape} holding a copy of the buffer's remaining elements. A
     * {@code ByteBuffer} is read as raw bytes in native order; a typed buffer must match the dtype's width.
     */
    public static Tensor fromBuffer(Buffer buffer, DType dtype, long... shape) {
        Objects.requireNonNull(buffer, "buffer");
        long numel = Shape.wrap(Tensor.checkShape(shape)).numel();
        long needed = buffer instanceof java.nio.ByteBuffer ? numel * dtype.itemSize() : numel;
        if (!(buffer instanceof java.nio.ByteBuffer)) {
            int width = bufferItemSize(buffer);
            if (width != dtype.itemSize()) {
                throw new IllegalArgumentException("a " + buffer.getClass().getSimpleName() + " holds " + width
                        + "-byte elements but " + dtype + " needs " + dtype.itemSize());
            }
        }
        if (buffer.remaining() != needed) {
            throw new IllegalArgumentException("buffer has " + buffer.remaining() + " elements remaining but shape "
                    + Shape.wrap(shape) + " of " + dtype + " needs " + needed);
        }
        return Ops.op(() -> NativeData.fromBuffer(buffer, dtype.scalarType, shape, dtype.itemSize()));
    }

    private static int bufferItemSize(Buffer b) {
        if (b instanceof java.nio.DoubleBuffer || b instanceof java.nio.LongBuffer) {
            return 8;
        }
        if (b instanceof java.nio.FloatBuffer || b instanceof java.nio.IntBuffer) {
            return 4;
        }
        if (b instanceof java.nio.ShortBuffer || b instanceof java.nio.CharBuffer) {
            return 2;
        }
        return 1;
    }

    private static long[] checkCount(int length, long[] shape) {
        long[] s = Tensor.checkShape(shape);
        long numel = Shape.wrap(s).numel();
        if (numel != length) {
            throw new IllegalArgumentException("shape " + Shape.wrap(s) + " needs " + numel
                    + " elements but the array has " + length);
        }
        return s;
    }

    /** Builds a tensor from a rectangular nested primitive array (checked to be rectangular). */
    private static Tensor fromNested(Object array) {
        List<Long> shape = new ArrayList<>();
        Object level = array;
        while (level != null && level.getClass().isArray() && level.getClass().getComponentType().isArray()) {
            shape.add((long) java.lang.reflect.Array.getLength(level));
            level = java.lang.reflect.Array.getLength(level) > 0 ? java.lang.reflect.Array.get(level, 0) : null;
        }
        Class<?> leafType = array.getClass();
        while (leafType.getComponentType().isArray()) {
            leafType = leafType.getComponentType();
        }
        shape.add(level == null ? 0L : (long) java.lang.reflect.Array.getLength(level));
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        long numel = Shape.wrap(dims).numel();
        Object flat = java.lang.reflect.Array.newInstance(leafType.getComponentType(), Math.toIntExact(numel));
        int[] pos = {0};
        flatten(array, 0, dims, flat, pos, new StringBuilder());
        if (flat instanceof float[]) {
            return fromArray((float[]) flat, dims);
        } else if (flat instanceof double[]) {
            return fromArray((double[]) flat, dims);
        } else if (flat instanceof long[]) {
            return fromArray((long[]) flat, dims);
        } else if (flat instanceof int[]) {
            return fromArray((int[]) flat, dims);
        } else if (flat instanceof boolean[]) {
            return fromArray((boolean[]) flat, dims);
        } else {
            return fromArray((byte[]) flat, dims);
        }
    }

    private static void flatten(Object a, int depth, long[] dims, Object flat, int[] pos, StringBuilder path) {
        int len = java.lang.reflect.Array.getLength(a);
        if (len != dims[depth]) {
            throw new IllegalArgumentException("nested array is not rectangular: element " + path
                    + " has length " + len + ", expected " + dims[depth]);
        }
        if (depth == dims.length - 1) {
            System.arraycopy(a, 0, flat, pos[0], len);
            pos[0] += len;
            return;
        }
        for (int i = 0; i < len; i++) {
            int mark = path.length();
            path.append('[').append(i).append(']');
            flatten(java.lang.reflect.Array.get(a, i), depth + 1, dims, flat, pos, path);
            path.setLength(mark);
        }
    }

    // ---------------------------------------------------------------- files (torch.save / torch.load)

    /**
     * {@code torch.save(state_dict, path)}: writes a state dict (or optimizer-style nested state) as a file
     * that Python's {@code torch.load} reads. See {@link org.torch4j.serialization.TorchFiles#save}.
     */
    public static void save(java.util.Map<String, ?> stateDict, java.nio.file.Path path) {
        org.torch4j.serialization.TorchFiles.save(stateDict, path);
    }

    /**
     * {@code torch.load(path, map_location='cpu')}: reads a file written by Python's {@code torch.save} (or
     * by {@link #save}) as Java values. See {@link org.torch4j.serialization.TorchFiles#load}.
     */
    public static Object load(java.nio.file.Path path) {
        return org.torch4j.serialization.TorchFiles.load(path);
    }

    // ---------------------------------------------------------------- free functions

    public static Tensor cat(Tensor[] tensors, int dim) {
        requireNonEmpty(tensors, "cat");
        try (TensorVector v = Ops.pack(tensors)) {
            return Ops.op(() -> torch.cat(v, dim));
        }
    }

    public static Tensor cat(Tensor... tensors) {
        return cat(tensors, 0);
    }

    public static Tensor cat(List<Tensor> tensors, int dim) {
        return cat(tensors.toArray(new Tensor[0]), dim);
    }

    public static Tensor stack(Tensor[] tensors, int dim) {
        requireNonEmpty(tensors, "stack");
        try (TensorVector v = Ops.pack(tensors)) {
            return Ops.op(() -> torch.stack(v, dim));
        }
    }

    public static Tensor stack(Tensor... tensors) {
        return stack(tensors, 0);
    }

    private static void requireNonEmpty(Tensor[] tensors, String what) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException(what + " needs at least one tensor");
        }
    }

    /** Pairs {@code a[i]} with {@code b[i]}, e.g. input and target batches from {@code split}. */
    public static List<TensorPair> zip(Tensor[] a, Tensor[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("zip needs arrays of equal length, got " + a.length + " and " + b.length);
        }
        List<TensorPair> out = new ArrayList<>(a.length);
        for (int i = 0; i < a.length; i++) {
            out.add(new TensorPair(a[i], b[i]));
        }
        return out;
    }

    public static Tensor mm(Tensor a, Tensor b) {
        return a.mm(b);
    }

    public static Tensor mv(Tensor a, Tensor v) {
        return a.mv(v);
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        return a.matmul(b);
    }

    public static Tensor bmm(Tensor a, Tensor b) {
        return a.bmm(b);
    }

    public static Tensor dot(Tensor a, Tensor b) {
        return a.dot(b);
    }

    public static Tensor outer(Tensor a, Tensor b) {
        return a.outer(b);
    }

    /** {@code input + mat1 @ mat2}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2) {
        return input.addmm(mat1, mat2);
    }

    /** {@code beta * input + alpha * (mat1 @ mat2)}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        return input.addmm(mat1, mat2, beta, alpha);
    }

    public static Tensor inverse(Tensor a) {
        return a.inverse();
    }

    public static Tensor det(Tensor a) {
        return a.det();
    }

    /** Elements of {@code a} where {@code condition} holds, else of {@code b}. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Ops.op(() -> torch.where(condition.n(), a.n(), b.n()));
    }

    public static Tensor abs(Tensor t) {
        return t.abs();
    }

    public static Tensor exp(Tensor t) {
        return t.exp();
    }

    public static Tensor log(Tensor t) {
        return t.log();
    }

    public static Tensor sqrt(Tensor t) {
        return t.sqrt();
    }

    public static Tensor sin(Tensor t) {
        return t.sin();
    }

    public static Tensor cos(Tensor t) {
        return t.cos();
    }

    public static Tensor tanh(Tensor t) {
        return t.tanh();
    }

    public static Tensor sigmoid(Tensor t) {
        return t.sigmoid();
    }

    public static Tensor relu(Tensor t) {
        return t.relu();
    }

    public static Tensor dist(Tensor a, Tensor b) {
        return a.dist(b);
    }

    public static boolean allclose(Tensor a, Tensor b) {
        return a.allclose(b);
    }

    public static boolean equal(Tensor a, Tensor b) {
        return a.equal(b);
    }
}
