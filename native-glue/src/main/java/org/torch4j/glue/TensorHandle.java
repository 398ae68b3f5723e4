package org.torch4j.glue;

import org.bytedeco.pytorch.Tensor;

/**
 * One owned reference to a LibTorch tensor: releasing it drops that reference (LibTorch frees the
 * storage when the last reference, from any handle, view or autograd graph, goes).
 *
 * <p>A handle belongs to at most one {@link HandleScope}; one that no scope owns is watched by the
 * GC safety net of {@link NativeMemory}. Handles are created by {@link NativeMemory#adopt}.
 */
public final class TensorHandle {
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
            throw new IllegalStateException("tensor #" + id() + " was released " + releasedBy
                    + " and cannot be used any more" + (releasedBy.startsWith("when its scope")
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

    synchronized void release(String how) {
        Tensor t = tensor;
        if (t == null) {
            return;
        }
        tensor = null;
        releasedBy = how;
        owner = null;
        NativeMemory.Watch w = watch;
        watch = null;
        NativeMemory.released(this, w);
        t.close();
    }
}
