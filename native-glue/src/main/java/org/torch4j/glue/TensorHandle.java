package org.torch4j.glue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.bytedeco.pytorch.Tensor;

/**
 * One owned reference to a LibTorch tensor: releasing it drops that reference (LibTorch frees the
 * storage when the last reference, from any handle, view or autograd graph, goes).
 *
 * <p>A handle belongs to at most one {@link HandleScope}; one that no scope owns is watched by the
 * GC safety net of {@link NativeMemory}. Handles are created by {@link NativeMemory#adopt}.
 */
public final class TensorHandle {
    private static final VarHandle TENSOR;

    static {
        try {
            TENSOR = MethodHandles.lookup().findVarHandle(TensorHandle.class, "tensor", Tensor.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Plain field: a volatile store per adopted tensor would cost a fence; releases CAS it through TENSOR.
    private Tensor tensor;
    /**
     * {@code nbytes()} of the tensor, asked for the first time it is needed (-1 until then): when the handle
     * leaves its scopes for the GC safety net, or for {@link #bytes()}. A scoped op result never needs it, and
     * the native size query was about 5% of a 1-element add. Read and written by the threads using the handle.
     */
    private long bytes = -1;
    HandleScope owner;
    /** Non-null while the GC safety net watches this handle. */
    NativeMemory.Watch watch;
    private String releasedBy;
    /** Set once the native tensor object was handed out of torch4j: it is then closed, never reused. */
    private boolean exposed;

    TensorHandle(Tensor tensor) {
        this.tensor = tensor;
    }

    /** The native tensor; refuses a released handle with {@link IllegalStateException}. */
    public Tensor get() {
        Tensor t = tensor;
        if (t == null) {
            String by = releasedBy != null ? releasedBy : "by another thread";
            throw new IllegalStateException("tensor #" + id() + " was released " + by
                    + " and cannot be used any more" + (by.startsWith("when its scope")
                    ? " (hand it out with scope.keep(tensor) to use it after the scope)" : ""));
        }
        return t;
    }

    /**
     * The native tensor for code outside torch4j's memory model (the {@code unwrap()} escape hatch): the object
     * is then never reused for another tensor after this handle is released (it is closed instead), so a reference
     * kept past the release fails loudly instead of seeing a different tensor.
     */
    public Tensor expose() {
        Tensor t = get();
        exposed = true;
        return t;
    }

    /** A number that names this handle in messages (its identity hash: free until asked for). */
    public long id() {
        return System.identityHashCode(this);
    }

    public boolean isReleased() {
        return tensor == null;
    }

    /**
     * Bytes of tensor data this handle addresses (a view counts its own extent); 0 for a handle released
     * before anything asked.
     */
    public long bytes() {
        if (bytes < 0) {
            Tensor t = tensor;
            bytes = t == null ? 0 : dataBytes(t);
        }
        return bytes;
    }

    /** {@code nbytes()} of a tensor, 0 for an undefined one. */
    private static long dataBytes(Tensor tensor) {
        try {
            return tensor.nbytes();
        } catch (RuntimeException undefined) {
            return 0;
        }
    }

    /** Releases this handle now; later calls do nothing. */
    public void release() {
        release("by close()");
    }

    void release(String how) {
        Tensor t = tensor;
        // One CAS decides which of concurrent releases (close() and the GC's cleaner, say) does the work.
        if (t == null || !TENSOR.compareAndSet(this, t, null)) {
            return;
        }
        releasedBy = how;
        owner = null;
        NativeMemory.Watch w = watch;
        watch = null;
        NativeMemory.released(this, w);
        if (t instanceof FastOps.Holder && !exposed) {
            FastOps.recycle((FastOps.Holder) t);
        } else {
            t.close();
        }
    }
}
