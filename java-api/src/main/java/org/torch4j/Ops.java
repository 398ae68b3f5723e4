package org.torch4j;

import java.util.function.Supplier;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LayoutOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.torch4j.glue.FastOps;
import org.torch4j.glue.LibTorch;
import org.torch4j.internal.NativeOps;

/**
 * How java-api calls LibTorch: one native call, its result adopted into the memory model, and a
 * failure turned into a {@link TorchException} with LibTorch's first line.
 */
final class Ops {
    static {
        LibTorch.ensureLoaded();
    }

    // Empty optionals passed where PyTorch's keyword has its default; read-only, shared by all threads.
    static final ScalarTypeOptional NO_DTYPE = new ScalarTypeOptional();
    static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();
    static final GeneratorOptional NO_GENERATOR = new GeneratorOptional();
    static final LayoutOptional NO_LAYOUT = new LayoutOptional();
    static final DeviceOptional NO_DEVICE = new DeviceOptional();
    static final BoolOptional NO_BOOL = new BoolOptional();

    private static final TensorOptions[] CPU_OPTIONS = new TensorOptions[DType.values().length];

    static {
        for (DType d : DType.values()) {
            CPU_OPTIONS[d.ordinal()] = new TensorOptions(d.scalarType);
        }
    }

    private Ops() {}

    static void init() {
        // forces the static initialiser: loads LibTorch before any other native call
    }

    /** Options for a new tensor of this type on this device; CPU options are cached. */
    static TensorOptions options(DType dtype, Device device) {
        if (device == null || device.equals(Device.CPU)) {
            return CPU_OPTIONS[dtype.ordinal()];
        }
        try (org.bytedeco.pytorch.Device d = device.toNative();
                DeviceOptional od = new DeviceOptional(d)) {
            return new TensorOptions(dtype.scalarType).device(od);
        }
    }

    static boolean isCached(TensorOptions o) {
        for (TensorOptions c : CPU_OPTIONS) {
            if (c == o) {
                return true;
            }
        }
        return false;
    }

    // The call-and-adopt mechanism has one implementation, NativeOps, shared with nn/optim/serialization.

    static Tensor op(Supplier<org.bytedeco.pytorch.Tensor> call) {
        return NativeOps.op(call);
    }

    /** {@code op(self)} through {@link FastOps}: torch4j's own native entry point where it is loaded. */
    static Tensor unary(FastOps.Unary op, Tensor self) {
        org.bytedeco.pytorch.Tensor r;
        try {
            r = FastOps.unary(op, self.n());
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        }
        return new Tensor(r);
    }

    /** {@code op(a, b)} through {@link FastOps}: torch4j's own native entry point where it is loaded. */
    static Tensor binary(FastOps.Binary op, Tensor a, Tensor b) {
        return binary(op, a, b.n());
    }

    /** {@code op(a, b)} with {@code b} a native tensor of torch4j's own (a wrapped Java number, say). */
    static Tensor binary(FastOps.Binary op, Tensor a, org.bytedeco.pytorch.Tensor b) {
        org.bytedeco.pytorch.Tensor r;
        try {
            r = FastOps.binary(op, a.n(), b);
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        }
        return new Tensor(r);
    }

    static Tensor inPlace(Tensor self, Supplier<org.bytedeco.pytorch.Tensor> call) {
        return NativeOps.inPlace(self, call);
    }

    static <T> T value(Supplier<T> call) {
        return NativeOps.value(call);
    }

    static void run(Runnable call) {
        NativeOps.run(call);
    }

    /**
     * A Java number as PyTorch's Python API passes it to {@code add/sub/mul/div}: a 0-d "wrapped number"
     * tensor. Result types and values are the same as with the Scalar overload, but autograd records the
     * Tensor overload, so {@code x.mul(2)} has {@code grad_fn=<MulBackward0>} as {@code x * 2} has in Python
     * (the Scalar overload would give MulBackward1). Close it after the op (try-with-resources).
     */
    static final class WrappedNumber implements AutoCloseable {
        final org.bytedeco.pytorch.Tensor tensor;
        private final boolean owned;

        WrappedNumber(org.bytedeco.pytorch.Tensor tensor, boolean owned) {
            this.tensor = tensor;
            this.owned = owned;
        }

        @Override
        public void close() {
            if (owned) {
                tensor.close();
            }
        }
    }

    // Wrapped numbers for -16..16 (as double and as long) and +-0.5, made once: the common x.add(1),
    // x.mul(2), x.div(2) then skip a Scalar and a wrapped tensor (two native allocations, about a third of a
    // 1-element op). Ops only read them, autograd's saved copies never see a new version, so sharing is safe.
    private static final int CACHED = 16;
    private static final org.bytedeco.pytorch.Tensor[] DOUBLES = new org.bytedeco.pytorch.Tensor[2 * CACHED + 1];
    private static final org.bytedeco.pytorch.Tensor[] LONGS = new org.bytedeco.pytorch.Tensor[2 * CACHED + 1];
    private static final org.bytedeco.pytorch.Tensor HALF = wrap(0.5);
    private static final org.bytedeco.pytorch.Tensor MINUS_HALF = wrap(-0.5);

    static {
        for (int i = -CACHED; i <= CACHED; i++) {
            DOUBLES[i + CACHED] = wrap(i);
            try (org.bytedeco.pytorch.Scalar s = new org.bytedeco.pytorch.Scalar((long) i)) {
                LONGS[i + CACHED] = org.bytedeco.pytorch.global.torch.wrapped_scalar_tensor(s);
            }
        }
    }

    private static org.bytedeco.pytorch.Tensor wrap(double v) {
        try (org.bytedeco.pytorch.Scalar s = new org.bytedeco.pytorch.Scalar(v)) {
            return org.bytedeco.pytorch.global.torch.wrapped_scalar_tensor(s);
        }
    }

    static WrappedNumber number(double v) {
        if (v >= -CACHED && v <= CACHED && v == (int) v && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
            return new WrappedNumber(DOUBLES[(int) v + CACHED], false); // -0.0 excluded: its sign matters in div
        }
        if (v == 0.5) {
            return new WrappedNumber(HALF, false);
        }
        if (v == -0.5) {
            return new WrappedNumber(MINUS_HALF, false);
        }
        return new WrappedNumber(value(() -> wrap(v)), true);
    }

    static WrappedNumber number(long v) {
        if (v >= -CACHED && v <= CACHED) {
            return new WrappedNumber(LONGS[(int) v + CACHED], false);
        }
        try (org.bytedeco.pytorch.Scalar s = new org.bytedeco.pytorch.Scalar(v)) {
            return new WrappedNumber(value(() -> org.bytedeco.pytorch.global.torch.wrapped_scalar_tensor(s)), true);
        }
    }

    static Tensor adoptCopy(org.bytedeco.pytorch.Tensor ref) {
        return NativeOps.adoptCopy(ref);
    }

    /** The tensors of a native vector as torch4j tensors; closes the vector. */
    static Tensor[] unpack(TensorVector v) {
        try (v) {
            int n = (int) v.size();
            Tensor[] out = new Tensor[n];
            for (int i = 0; i < n; i++) {
                out[i] = adoptCopy(v.get(i));
            }
            return out;
        }
    }

    static TensorVector pack(Tensor... ts) {
        org.bytedeco.pytorch.Tensor[] n = new org.bytedeco.pytorch.Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            n[i] = ts[i].n();
        }
        return new TensorVector(n);
    }
}
