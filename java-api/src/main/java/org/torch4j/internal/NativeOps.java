package org.torch4j.internal;

import java.lang.ref.Reference;
import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.TorchException;

/**
 * How torch4j's own packages outside {@code org.torch4j} ({@code nn}, {@code nn.functional}, {@code optim},
 * ...) call LibTorch: one native call, the result adopted into the memory model, a failure turned into
 * {@link TorchException}. Internal: public only because Java has no friend packages; user code reaches
 * LibTorch through {@link Tensor#unwrap()} and {@link Tensor#wrap} instead.
 */
public final class NativeOps {
    // Set by Tensor's class initialiser, which happens before any Tensor exists to be passed here: plain is enough.
    private static java.util.function.Function<Tensor, org.bytedeco.pytorch.Tensor> nativeOf = Tensor::unwrap;
    private static boolean installed;

    private NativeOps() {}

    /** Runs a native call returning a new tensor and adopts the result. */
    public static Tensor op(Supplier<org.bytedeco.pytorch.Tensor> call) {
        org.bytedeco.pytorch.Tensor r;
        try {
            r = call.get();
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        } finally {
            // The lambda holds the tensors it reads. The GC safety net releases a tensor once its Java object is
            // unreachable, and the JIT may decide that it is as soon as its native object was read: keeping the
            // lambda reachable keeps them until LibTorch is done with them. The same in every method here.
            Reference.reachabilityFence(call);
        }
        return Tensor.wrap(r);
    }

    /** Runs a native in-place call on {@code self}; a separate handle LibTorch may return is dropped. */
    public static Tensor inPlace(Tensor self, Supplier<org.bytedeco.pytorch.Tensor> call) {
        try {
            org.bytedeco.pytorch.Tensor alias = call.get();
            if (alias != null && alias.address() != self.unwrap().address()) {
                alias.close();
            }
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        } finally {
            Reference.reachabilityFence(call);
        }
        return self;
    }

    /** Runs a native call returning a Java value or a native object the caller takes apart. */
    public static <T> T value(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        } finally {
            Reference.reachabilityFence(call);
        }
    }

    /** Runs a native call with no result. */
    public static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw TorchException.fromNative(e);
        } finally {
            Reference.reachabilityFence(call);
        }
    }

    /**
     * The native tensor of {@code t}, or null for a null {@code t} (optional arguments such as bias), for a call
     * made now: unlike {@link Tensor#unwrap()}, it does not mark the native object as handed out, so torch4j may
     * reuse it once {@code t} is released (see {@code org.torch4j.glue.FastOps}). Never keep it.
     */
    public static org.bytedeco.pytorch.Tensor n(Tensor t) {
        return t == null ? null : nativeOf.apply(t);
    }

    /** For {@link Tensor}'s initialiser only: how to read a tensor's native object without handing it out. */
    public static synchronized void install(java.util.function.Function<Tensor, org.bytedeco.pytorch.Tensor> access) {
        if (installed) {
            throw new IllegalStateException("NativeOps.install is for org.torch4j.Tensor's initialiser only");
        }
        installed = true;
        nativeOf = access;
    }

    /** Adopts a reference that may point into a container (a tuple or vector) by taking its own handle. */
    public static Tensor adoptCopy(org.bytedeco.pytorch.Tensor ref) {
        org.bytedeco.pytorch.Tensor own = new org.bytedeco.pytorch.Tensor(ref);
        ref.close();
        return Tensor.wrap(own);
    }
}
