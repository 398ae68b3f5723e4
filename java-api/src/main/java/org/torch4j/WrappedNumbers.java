package org.torch4j;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorImpl;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.torch4j.glue.NativeMemory;

/**
 * Java numbers as PyTorch's Python API passes them to {@code add/sub/mul/div}: 0-d "wrapped number" tensors.
 * Result types and values are the same as with the Scalar overload, but autograd records the Tensor overload, so
 * {@code x.mul(2)} has {@code grad_fn=<MulBackward0>} as {@code x * 2} has in Python (the Scalar overload would give
 * MulBackward1).
 *
 * <p>Two savings over making one per call the way Python does:
 * <ul>
 *   <li>Made once per value and kept: making one (a {@code c10::Scalar} and a tensor, each through JavaCPP) cost
 *       more than the op itself on a small tensor. Sharing is safe because ops only read them and autograd keeps
 *       its own reference; nobody writes to them, so a saved one never sees a new version.
 *   <li>For a float32 operand, the number is a float32 wrapped tensor. Python's is a double (or an int64), which
 *       LibTorch's TensorIterator first copies into a new float32 tensor: an allocation and a copy op, more than
 *       half of {@code add} or {@code mul} on one element. That copy rounds to nearest once, overflowing to
 *       infinity, as Java's {@code (float)} cast does here, and a wrapped number's own type never decides the
 *       result's (a floating one counts as the default dtype), so results, dtypes and gradients are bit for bit
 *       the same ({@code WrappedNumberTest} compares them with LibTorch's Scalar overloads).
 * </ul>
 *
 * <p>The cache keeps the first {@value #SLOTS} values of each kind it sees (after -16..16 and +-0.5, made at class
 * initialisation) and never drops one, so nothing it made is ever freed while an op may be reading it, and
 * nothing is left to JavaCPP's GC. A value that finds no free slot near its hash (a learning rate that changes
 * every step, say, once the cache is full) is made for its op and closed after it, as before the cache.
 *
 * <pre>{@code
 * try (WrappedNumbers.Operand w = WrappedNumbers.of(x.n(), 0.37)) {
 *     return Ops.binary(FastOps.Binary.MUL, x, w.tensor);
 * }
 * }</pre>
 */
final class WrappedNumbers {
    private static final int SLOT_BITS = 8;
    private static final int SLOTS = 1 << SLOT_BITS;
    /** Slots looked at from a value's hash before it counts as not cached. */
    private static final int PROBES = 4;
    private static final int PREMADE_INTS = 16;

    /** A wrapped number for one op; {@link #close()} after the op frees only one made for that op. */
    static final class Operand implements AutoCloseable {
        final org.bytedeco.pytorch.Tensor tensor;
        private final long key;
        private final boolean perCall;

        private Operand(long key, org.bytedeco.pytorch.Tensor tensor, boolean perCall) {
            this.key = key;
            this.tensor = tensor;
            this.perCall = perCall;
        }

        @Override
        public void close() {
            if (perCall) {
                tensor.close();
            }
        }
    }

    private enum Kind { DOUBLE, FLOAT, LONG }

    private static final AtomicReferenceArray<Operand> DOUBLES = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicReferenceArray<Operand> FLOATS = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicReferenceArray<Operand> LONGS = new AtomicReferenceArray<>(SLOTS);

    static {
        for (int i = -PREMADE_INTS; i <= PREMADE_INTS; i++) {
            double d = i;
            cached(Kind.DOUBLE, Double.doubleToRawLongBits(d), d).close();
            cached(Kind.FLOAT, Float.floatToRawIntBits(i), i).close();
            cached(Kind.LONG, i, i).close();
        }
        for (double half : new double[] {0.5, -0.5}) {
            cached(Kind.DOUBLE, Double.doubleToRawLongBits(half), half).close();
            cached(Kind.FLOAT, Float.floatToRawIntBits((float) half), half).close();
        }
    }

    private WrappedNumbers() {}

    /**
     * A Python float as the other operand of {@code self}. Keyed by raw bits, so -0.0 (whose sign matters in div)
     * is its own entry.
     */
    static Operand of(org.bytedeco.pytorch.Tensor self, double v) {
        if (isFloat32(self)) {
            // Java's double-to-float conversion rounds to nearest, overflowing to infinity, as LibTorch's cast does.
            float f = (float) v;
            return cached(Kind.FLOAT, Float.floatToRawIntBits(f), f);
        }
        return cached(Kind.DOUBLE, Double.doubleToRawLongBits(v), v);
    }

    /** A Python int as the other operand of {@code self}: int64, so integer tensors stay integer. */
    static Operand of(org.bytedeco.pytorch.Tensor self, long v) {
        if (isFloat32(self)) {
            // Java's long-to-float conversion rounds once to nearest, as LibTorch's int64-to-float cast does.
            float f = (float) v;
            return cached(Kind.FLOAT, Float.floatToRawIntBits(f), f);
        }
        return cached(Kind.LONG, v, v);
    }

    private static boolean isFloat32(org.bytedeco.pytorch.Tensor self) {
        return self.scalar_type().value == ScalarType.Float.value; // JavaCPP's enums compare by value, not identity
    }

    /** {@code value} is the number itself ({@code key} only finds it): exact for a float or a long of that kind. */
    private static Operand cached(Kind kind, long key, double value) {
        AtomicReferenceArray<Operand> cache = kind == Kind.DOUBLE ? DOUBLES : kind == Kind.FLOAT ? FLOATS : LONGS;
        int home = slot(key);
        int free = -1;
        for (int p = 0; p < PROBES; p++) {
            int i = (home + p) & (SLOTS - 1);
            Operand o = cache.get(i);
            if (o == null) {
                free = i;
                break; // slots fill in probe order and are never emptied: the value is not further on
            }
            if (o.key == key) {
                return o;
            }
        }
        org.bytedeco.pytorch.Tensor t = make(kind, key, value);
        Operand kept = new Operand(key, t, false);
        if (free >= 0 && cache.compareAndSet(free, null, kept)) {
            return kept;
        }
        return new Operand(key, t, true); // no room, or another thread took the slot meanwhile: for this op only
    }

    /** Fibonacci hashing: the product's top bits depend on every bit of the key (1.0 and 2.0 differ only high). */
    private static int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS));
    }

    private static org.bytedeco.pytorch.Tensor make(Kind kind, long key, double value) {
        try (Scalar s = kind == Kind.LONG ? new Scalar(key) : new Scalar(value)) {
            org.bytedeco.pytorch.Tensor t = Ops.value(() -> {
                if (kind != Kind.FLOAT) {
                    return torch.wrapped_scalar_tensor(s);
                }
                org.bytedeco.pytorch.Tensor f = torch.scalar_tensor(s, Ops.options(DType.FLOAT32, Device.CPU));
                try (TensorImpl impl = f.unsafeGetTensorImpl()) {
                    impl.set_wrapped_number(true);
                }
                return f;
            });
            // Made inside a JavaCPP PointerScope the user opened, it would be closed with that scope while cached.
            NativeMemory.claimFromUserScope(t);
            return t;
        }
    }
}
