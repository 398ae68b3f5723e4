package org.torch4j.glue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What torch4j keeps per thread, behind one thread-local lookup per op: the innermost open
 * {@link HandleScope}, and this thread's share of the live-tensor count and of the data bytes of the tensors
 * under the GC safety net (a scope's tensors are sized only when asked: {@link NativeMemory#liveBytes()}).
 *
 * <p>Why counts per thread: every op adopts a tensor and every release forgets one. Shared atomic counters
 * cost a CAS each (four per op), a few percent of a 1-element add; a thread's own fields cost plain
 * stores. A thread adds what it adopts and subtracts what it releases (the cleaner thread, say, releases
 * tensors other threads made, so one thread's share may be negative); the totals are the sums over all
 * threads, read with {@link NativeMemory#liveTensors()}. States of finished threads are folded into a base
 * when a new thread registers, so the list stays as long as the live threads.
 */
final class ThreadState {
    private static final VarHandle COUNT;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(ThreadState.class, "count", long.class);
            BYTES = l.findVarHandle(ThreadState.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::register);
    private static final Object REGISTRY_LOCK = new Object();
    private static ThreadState registry;
    private static long baseCount;
    private static long baseBytes;

    private final Thread thread = Thread.currentThread();
    private ThreadState nextInRegistry;
    /** The innermost open scope of this thread, or null. Only this thread reads or writes it. */
    HandleScope scope;
    // Written only by this thread (opaque: never torn, visible to the summing reader); read by any.
    private long count;
    private long bytes;

    private ThreadState() {}

    static ThreadState get() {
        return CURRENT.get();
    }

    private static ThreadState register() {
        ThreadState s = new ThreadState();
        synchronized (REGISTRY_LOCK) {
            ThreadState prev = null;
            for (ThreadState t = registry; t != null; t = t.nextInRegistry) {
                if (!t.thread.isAlive()) {
                    // A finished thread writes no more: fold its share into the base and drop it.
                    baseCount += (long) COUNT.getOpaque(t);
                    baseBytes += (long) BYTES.getOpaque(t);
                    if (prev == null) {
                        registry = t.nextInRegistry;
                    } else {
                        prev.nextInRegistry = t.nextInRegistry;
                    }
                } else {
                    prev = t;
                }
            }
            s.nextInRegistry = registry;
            registry = s;
        }
        return s;
    }

    void adopted() {
        COUNT.setOpaque(this, count + 1);
    }

    /** Counts the bytes of a handle that went under the GC safety net (scoped handles are not counted). */
    void counted(long dataBytes) {
        BYTES.setOpaque(this, bytes + dataBytes);
    }

    /** Forgets a released handle, and {@code countedBytes}: what {@link #counted} added for it, or 0. */
    void released(long countedBytes) {
        COUNT.setOpaque(this, count - 1);
        if (countedBytes != 0) {
            BYTES.setOpaque(this, bytes - countedBytes);
        }
    }

    /** {@code {live tensors, counted data bytes}} summed over all threads. */
    static long[] totals() {
        synchronized (REGISTRY_LOCK) {
            long c = baseCount;
            long b = baseBytes;
            for (ThreadState t = registry; t != null; t = t.nextInRegistry) {
                c += (long) COUNT.getOpaque(t);
                b += (long) BYTES.getOpaque(t);
            }
            return new long[] {c, b};
        }
    }
}
