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
    final long bytes;
    HandleScope owner;
    /** Non-null while the GC safety net watches this handle. */
    NativeMemory.Watch watch;
    private String releasedBy;

    TensorHandle(Tensor tensor, long bytes) {
        this.tensor = tensor;
        this.bytes = bytes;
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

    /** A number that names this handle in messages (its identity hash: free until asked for). */
    public long id() {
        return System.identityHashCode(this);
    }

    public boolean isReleased() {
        return tensor == null;
    }

    /** Bytes of tensor data this handle addresses (a view counts its own extent). */
    public long bytes() {
        return bytes;
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
        t.close();
    }
}
