package org.torch4j;

import java.lang.ref.Reference;
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
        } finally {
            // The GC safety net releases a tensor once its Java object is unreachable, and the JIT may decide
            // that it is as soon as its native object was read: keep it until LibTorch is done with it.
            Reference.reachabilityFence(self);
        }
        return new Tensor(r);
    }

    /** {@code op(a, b)} through {@link FastOps}: torch4j's own native entry point where it is loaded. */
    static Tensor binary(FastOps.Binary op, Tensor a, Tensor b) {
        try {
            return binary(op, a, b.n());
        } finally {
            Reference.reachabilityFence(b);
        }
    }

    /** {@code op(a, b)} with {@code b} a native tensor of torch4j's own (a wrapped Java number, say). */
    static Tensor binary(FastOps.Binary op, Tensor a, org.bytedeco.pytorch.Tensor b) {
        org.bytedeco.pytorch.Tensor r;
        try {
            r = FastOps.binary(op, a.n(), b);
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        } finally {
            Reference.reachabilityFence(a);
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
