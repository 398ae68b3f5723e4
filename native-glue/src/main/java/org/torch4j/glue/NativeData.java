package org.torch4j.glue;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Moves data between Java and LibTorch. Every tensor made here owns its memory (LibTorch allocated it
 * and the Java data was copied in): wrapping a Java buffer instead would let the GC free memory that the
 * tensor still points to. Reading copies out of a contiguous CPU version of the tensor.
 */
public final class NativeData {
    private static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();

    private NativeData() {}

    /** An uninitialised CPU tensor of this type and shape, allocated by LibTorch. */
    public static Tensor allocate(ScalarType type, long[] shape) {
        LibTorch.ensureLoaded();
        try (TensorOptions options = new TensorOptions(type)) {
            return torch.empty(shape, options, NO_MEMORY_FORMAT);
        }
    }

    public static Tensor fromFloats(float[] data, long[] shape) {
        Tensor t = allocate(ScalarType.Float, shape);
        if (data.length > 0) {
            new FloatPointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    public static Tensor fromDoubles(double[] data, long[] shape) {
        Tensor t = allocate(ScalarType.Double, shape);
        if (data.length > 0) {
            new DoublePointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    public static Tensor fromLongs(long[] data, long[] shape) {
        Tensor t = allocate(ScalarType.Long, shape);
        if (data.length > 0) {
            new LongPointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    public static Tensor fromInts(int[] data, long[] shape) {
        Tensor t = allocate(ScalarType.Int, shape);
        if (data.length > 0) {
            new IntPointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    public static Tensor fromShorts(short[] data, long[] shape) {
        Tensor t = allocate(ScalarType.Short, shape);
        if (data.length > 0) {
            new ShortPointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    /** Bytes as {@code uint8} or {@code int8} (same bits, different reading). */
    public static Tensor fromBytes(byte[] data, long[] shape, ScalarType type) {
        Tensor t = allocate(type, shape);
        if (data.length > 0) {
            new BytePointer(t.data_ptr()).put(data, 0, data.length);
        }
        return t;
    }

    public static Tensor fromBooleans(boolean[] data, long[] shape) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            b[i] = data[i] ? (byte) 1 : 0;
        }
        return fromBytes(b, shape, ScalarType.Bool);
    }

    /**
     * Copies a buffer's remaining elements into a new tensor. A {@link ByteBuffer} is read as raw bytes of
     * {@code type} in the platform's native byte order; typed buffers must match {@code type}'s width.
     */
    public static Tensor fromBuffer(Buffer buffer, ScalarType type, long[] shape, long itemSize) {
        long bytes = (long) buffer.remaining() * (buffer instanceof ByteBuffer ? 1 : itemSize);
        Tensor t = allocate(type, shape);
        if (bytes == 0) {
            return t;   // an empty tensor has no data pointer to copy into
        }
        BytePointer dst = new BytePointer(t.data_ptr()).capacity(bytes);
        ByteBuffer target = dst.asByteBuffer().order(ByteOrder.nativeOrder());
        Buffer src = buffer.duplicate();
        if (src instanceof ByteBuffer) {
            target.put((ByteBuffer) src);
        } else if (src instanceof FloatBuffer) {
            target.asFloatBuffer().put((FloatBuffer) src);
        } else if (src instanceof DoubleBuffer) {
            target.asDoubleBuffer().put((DoubleBuffer) src);
        } else if (src instanceof LongBuffer) {
            target.asLongBuffer().put((LongBuffer) src);
        } else if (src instanceof IntBuffer) {
            target.asIntBuffer().put((IntBuffer) src);
        } else if (src instanceof ShortBuffer) {
            target.asShortBuffer().put((ShortBuffer) src);
        } else {
            t.close();
            throw new IllegalArgumentException("unsupported buffer type " + buffer.getClass().getName()
                    + ": expected a Byte-, Short-, Int-, Long-, Float- or DoubleBuffer");
        }
        return t;
    }

    /** A contiguous CPU tensor with the same values as {@code t} and the given type (maybe {@code t} itself). */
    private static Tensor readable(Tensor t, ScalarType type) {
        Tensor r = t;
        if (r.scalar_type() != type) {
            r = r.to(type);
        }
        if (r.is_cuda()) {
            Tensor cpu = r.cpu();
            if (r != t) {
                r.close();
            }
            r = cpu;
        }
        if (!r.is_contiguous()) {
            Tensor c = r.contiguous();
            if (r != t) {
                r.close();
            }
            r = c;
        }
        return r;
    }

    private static int checkedLength(Tensor t) {
        long n = t.numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tensor of " + n + " elements does not fit in a Java array");
        }
        return (int) n;
    }

    public static float[] toFloats(Tensor t) {
        int n = checkedLength(t);
        Tensor r = readable(t, ScalarType.Float);
        try {
            float[] out = new float[n];
            if (n > 0) {
                new FloatPointer(r.data_ptr()).get(out, 0, n);
            }
            return out;
        } finally {
            closeIfCopy(r, t);
        }
    }

    public static double[] toDoubles(Tensor t) {
        int n = checkedLength(t);
        Tensor r = readable(t, ScalarType.Double);
        try {
            double[] out = new double[n];
            if (n > 0) {
                new DoublePointer(r.data_ptr()).get(out, 0, n);
            }
            return out;
        } finally {
            closeIfCopy(r, t);
        }
    }

    public static long[] toLongs(Tensor t) {
        int n = checkedLength(t);
        Tensor r = readable(t, ScalarType.Long);
        try {
            long[] out = new long[n];
            if (n > 0) {
                new LongPointer(r.data_ptr()).get(out, 0, n);
            }
            return out;
        } finally {
            closeIfCopy(r, t);
        }
    }

    public static int[] toInts(Tensor t) {
        int n = checkedLength(t);
        Tensor r = readable(t, ScalarType.Int);
        try {
            int[] out = new int[n];
            if (n > 0) {
                new IntPointer(r.data_ptr()).get(out, 0, n);
            }
            return out;
        } finally {
            closeIfCopy(r, t);
        }
    }

    /** Bytes of a {@code uint8}/{@code int8}/{@code bool} tensor; other types are converted to {@code type} first. */
    public static byte[] toBytes(Tensor t, ScalarType type) {
        int n = checkedLength(t);
        Tensor r = readable(t, type);
        try {
            byte[] out = new byte[n];
            if (n > 0) {
                new BytePointer(r.data_ptr()).get(out, 0, n);
            }
            return out;
        } finally {
            closeIfCopy(r, t);
        }
    }

    /** A new direct buffer, in native byte order, holding the tensor's elements in its own type. */
    public static ByteBuffer toByteBuffer(Tensor t) {
        checkedLength(t);
        Tensor r = readable(t, t.scalar_type());
        try {
            long bytes = r.nbytes();
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a tensor of " + bytes + " bytes does not fit in a ByteBuffer");
            }
            ByteBuffer out = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
            if (bytes == 0) {
                return out;
            }
            Pointer src = r.data_ptr();
            out.put(new BytePointer(src).capacity(bytes).asByteBuffer());
            return out.flip();
        } finally {
            closeIfCopy(r, t);
        }
    }

    private static void closeIfCopy(Tensor r, Tensor original) {
        if (r != original) {
            r.close();
        }
    }
}
