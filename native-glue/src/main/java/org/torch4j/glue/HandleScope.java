package org.torch4j.glue;

import java.util.ArrayList;

/**
 * The mechanism behind {@code org.torch4j.Scope}: a per-thread stack of scopes, each owning the
 * tensor handles created on its thread while it is the innermost one, and releasing them when closed.
 *
 * <p>Handles leave a scope by {@link #keep}: they move to the enclosing scope, or, at the outermost
 * level, to the GC safety net. A closed scope releases only handles it still owns.
 */
public final class HandleScope implements AutoCloseable {
    private final HandleScope parent;
    private final Thread thread;
    private final ArrayList<TensorHandle> handles = new ArrayList<>();
    private boolean closed;

    private HandleScope(HandleScope parent) {
        this.parent = parent;
        this.thread = Thread.currentThread();
    }

    /** Opens a scope nested in the current thread's innermost one. */
    public static HandleScope open() {
        ThreadState state = ThreadState.get();
        HandleScope s = new HandleScope(state.scope);
        state.scope = s;
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    static HandleScope current() {
        return ThreadState.get().scope;
    }

    void own(TensorHandle h) {
        h.owner = this;
        handles.add(h);
    }

    /**
     * Hands {@code h} (whose user-facing object is {@code referent}) to the enclosing scope, or to the GC
     * safety net when this scope is the outermost one. Handles this scope does not own are left as they are.
     */
    public void keep(Object referent, TensorHandle h) {
        if (h.owner != this || h.isReleased()) {
            return;
        }
        if (parent != null) {
            parent.own(h);
        } else {
            h.owner = null;
            NativeMemory.watch(referent, h);
        }
    }

    /** Takes {@code h} out of whatever scope owns it, for state that outlives scopes (parameters, buffers). */
    public static void detach(Object referent, TensorHandle h) {
        if (h.owner != null && !h.isReleased()) {
            h.owner = null;
            NativeMemory.watch(referent, h);
        }
    }

    /**
     * Data bytes of the live handles owned by the calling thread's open scopes. A handle handed to an enclosing
     * scope sits in two lists but is counted once, by its owner.
     */
    static long scopedBytesOfThisThread() {
        long sum = 0;
        for (HandleScope s = ThreadState.get().scope; s != null; s = s.parent) {
            for (TensorHandle h : s.handles) {
                if (h.owner == s && !h.isReleased()) {
                    sum += h.bytes();
                }
            }
        }
        return sum;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Number of handles this scope still owns. */
    public int size() {
        int n = 0;
        for (TensorHandle h : handles) {
            if (h.owner == this) {
                n++;
            }
        }
        return n;
    }

    /**
     * Releases every handle this scope still owns. Scopes must close in the reverse order of opening,
     * on the thread that opened them; closing an outer scope first also closes the inner ones.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a Scope must be closed on the thread that opened it ("
                    + thread.getName() + "), not on " + Thread.currentThread().getName());
        }
        ThreadState state = ThreadState.get();
        HandleScope top = state.scope;
        while (top != null && top != this) {
            top.close();
            top = state.scope;
        }
        closed = true;
        state.scope = parent;
        for (int i = handles.size() - 1; i >= 0; i--) {
            TensorHandle h = handles.get(i);
            if (h.owner == this) {
                h.release("when its scope closed");
            }
        }
        handles.clear();
    }
}
