package org.torch4j.glue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What torch4j keeps per thread, behind one thread-local lookup per op: the innermost open
 * {@link HandleScope}, this thread's share of the live-tensor count, of the data bytes of the tensors under the
 * GC safety net (a scope's tensors are sized only when asked: {@link NativeMemory#liveBytes()}) and of the
 * safety net's charge against its budget, and the watches this thread made.
 *
 * <p>Why per thread: every op adopts a tensor and every release forgets one. Shared atomic counters cost a CAS
 * each (four per op), a few percent of a 1-element add, and a shared list of watches under one lock cost two
 * lock round trips per unscoped tensor (about 20 ns of a 1 µs add); a thread's own fields cost plain stores.
 * A thread adds what it adopts and subtracts what it releases (the cleaner thread, say, releases tensors other
 * threads made, so one thread's share may be negative); the totals are the sums over all threads. A watch is
 * kept reachable by the array of the thread that made it, written only by that thread: a release elsewhere
 * leaves it there, and the owner drops released watches when the array fills. States of finished threads are
 * folded into a base when a new thread registers, so the list stays as long as the live threads (and the
 * finished ones whose watched tensors are still alive).
 */
final class ThreadState {
    private static final VarHandle COUNT;
    private static final VarHandle BYTES;
    private static final VarHandle CHARGE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(ThreadState.class, "count", long.class);
            BYTES = l.findVarHandle(ThreadState.class, "bytes", long.class);
            CHARGE = l.findVarHandle(ThreadState.class, "charge", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::register);
    private static final Object REGISTRY_LOCK = new Object();
    private static ThreadState registry;
    private static long baseCount;
    private static long baseBytes;
    private static long baseCharge;

    private final Thread thread = Thread.currentThread();
    private ThreadState nextInRegistry;
    /** The innermost open scope of this thread, or null. Only this thread reads or writes it. */
    HandleScope scope;
    // Written only by this thread (opaque: never torn, visible to the summing reader); read by any.
    private long count;
    private long bytes;
    private long charge;
    /** Charge this thread added since it last compared the total with the budget (only this thread uses it). */
    private long chargeSinceCheck;
    /** Keeps this thread's watches reachable (an unreachable reference is never enqueued); only this thread writes. */
    private NativeMemory.Watch[] watches = new NativeMemory.Watch[64];
    private int watchCount;
    /** Empty result holders for {@link FastOps}, used as a stack; only this thread reads or writes them. */
    private final FastOps.Holder[] holders = new FastOps.Holder[FastOps.THREAD_POOL_SIZE];
    private int holderCount;

    private ThreadState() {}

    static ThreadState get() {
        return CURRENT.get();
    }

    private static ThreadState register() {
        ThreadState s = new ThreadState();
        synchronized (REGISTRY_LOCK) {
            ThreadState prev = null;
            for (ThreadState t = registry; t != null; t = t.nextInRegistry) {
                // A finished thread writes no more (its end happens-before isAlive() returning false): fold its
                // shares into the base and drop it, unless watches it made still guard live tensors.
                if (!t.thread.isAlive() && t.dropReleasedWatches() == 0) {
                    baseCount += (long) COUNT.getOpaque(t);
                    baseBytes += (long) BYTES.getOpaque(t);
                    baseCharge += (long) CHARGE.getOpaque(t);
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

    /** An empty holder this thread kept, or null. */
    FastOps.Holder takeHolder() {
        if (holderCount == 0) {
            return null;
        }
        FastOps.Holder h = holders[--holderCount];
        holders[holderCount] = null;
        return h;
    }

    /** Keeps an empty holder for this thread's next result; false when this thread already keeps enough. */
    boolean giveHolder(FastOps.Holder h) {
        if (holderCount == holders.length) {
            return false;
        }
        holders[holderCount++] = h;
        return true;
    }

    void adopted() {
        COUNT.setOpaque(this, count + 1);
    }

    /**
     * Puts {@code w} under this thread's care: its bytes count in the live bytes and {@code charge} in the safety
     * net's charge until it is released. Returns whether this thread has added more than {@code checkStep} of
     * charge since it last returned true: the caller then compares the total with the budget.
     */
    boolean watched(NativeMemory.Watch w, long charge, long checkStep) {
        if (watchCount == watches.length && dropReleasedWatches() > watches.length / 2) {
            watches = java.util.Arrays.copyOf(watches, watches.length * 2);
        }
        w.slot = watchCount;
        watches[watchCount++] = w;
        BYTES.setOpaque(this, bytes + w.bytes);
        CHARGE.setOpaque(this, this.charge + charge);
        long since = chargeSinceCheck + charge;
        if (since > checkStep) {
            chargeSinceCheck = 0;
            return true;
        }
        chargeSinceCheck = since;
        return false;
    }

    /**
     * Forgets a released handle, and what {@link #watched} counted for it: its data bytes and charge (both 0 for
     * a handle that was never watched).
     */
    void released(long watchedBytes, long charge) {
        COUNT.setOpaque(this, count - 1);
        if (charge != 0) {
            BYTES.setOpaque(this, bytes - watchedBytes);
            CHARGE.setOpaque(this, this.charge - charge);
        }
    }

    /**
     * Takes a watch this thread made out of its array, when its handle is released on this thread: unreachable,
     * the GC drops it without enqueueing it. The common case, a handle released soon after it was made, is the
     * last entry: the array then shrinks like a stack.
     */
    void unwatch(NativeMemory.Watch w) {
        int i = w.slot;
        NativeMemory.Watch[] ws = watches;
        if (i < watchCount && ws[i] == w) {
            ws[i] = null;
            if (i == watchCount - 1) {
                int n = i;
                while (n > 0 && ws[n - 1] == null) {
                    n--;
                }
                watchCount = n;
            }
        }
    }

    /**
     * Drops the watches of released handles from the array (a handle released on another thread may still look
     * live here for a while: it goes the next time). Returns how many watches remain. Called by the owning thread, or under the registry lock once the owner has finished.
     */
    private int dropReleasedWatches() {
        NativeMemory.Watch[] ws = watches;
        int live = 0;
        for (int i = 0; i < watchCount; i++) {
            NativeMemory.Watch w = ws[i];
            if (w != null && !w.handle.isReleased()) {
                w.slot = live;
                ws[live++] = w;
            }
        }
        java.util.Arrays.fill(ws, live, watchCount, null);
        watchCount = live;
        return live;
    }

    /** {@code {live tensors, counted data bytes, safety-net charge}} summed over all threads. */
    static long[] totals() {
        synchronized (REGISTRY_LOCK) {
            long c = baseCount;
            long b = baseBytes;
            long ch = baseCharge;
            for (ThreadState t = registry; t != null; t = t.nextInRegistry) {
                c += (long) COUNT.getOpaque(t);
                b += (long) BYTES.getOpaque(t);
                ch += (long) CHARGE.getOpaque(t);
            }
            return new long[] {c, b, ch};
        }
    }
}
