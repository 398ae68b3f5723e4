package org.torch4j.glue;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounting of live native tensors and the GC safety net for those no scope owns.
 *
 * <p>The GC cannot see LibTorch's allocations: a loop that drops results fills native memory while the
 * Java heap stays nearly empty, so no collection ever runs. Here every handle no scope owns is charged
 * (its data bytes plus a fixed per-tensor overhead) against a budget; when the charge passes the budget,
 * the allocating thread asks for a collection and releases what it found unreachable. The budget then
 * becomes twice what is still charged (at least {@code torch4j.gcThresholdBytes}, default 256 MiB), so a
 * program that really holds much memory is not collected on every op. Each thread keeps its own share of the
 * charge and compares the total with the budget after every sixteenth of the base budget it adds.
 */
public final class NativeMemory {
    private static final Logger log = LoggerFactory.getLogger(NativeMemory.class);

    /** Native bytes a tensor costs beyond its data: the TensorImpl, its storage object and the handle. */
    static final long PER_TENSOR_OVERHEAD = 320;
    static final long BASE_BUDGET = parseBudget();

    private static final AtomicLong collections = new AtomicLong();
    private static volatile long budget = BASE_BUDGET;

    private static final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    /**
     * Charge a thread may add before it compares the total with the budget: summing the threads' shares on
     * every unscoped tensor would cost more than the tensor, so the total may pass the budget by up to this
     * much per thread before a collection starts.
     */
    static final long CHECK_STEP = Math.max(1, BASE_BUDGET / 16);

    private NativeMemory() {}

    /**
     * A phantom reference to a tensor's user-facing object that releases its handle once unreachable. The array
     * of the thread that made it keeps it reachable ({@link ThreadState}).
     */
    static final class Watch extends PhantomReference<Object> {
        final TensorHandle handle;
        /** The handle's data bytes, counted in its thread's live bytes while watched (final: the cleaner reads it). */
        final long bytes;
        /** The thread state whose array holds this watch. */
        final ThreadState owner;
        /** Index in the owner's array; only the owner's thread reads or writes it. */
        int slot;

        Watch(Object referent, TensorHandle handle, long bytes, ThreadState owner) {
            super(referent, queue);
            this.handle = handle;
            this.bytes = bytes;
            this.owner = owner;
        }
    }

    /**
     * Takes ownership of a tensor LibTorch just returned. The handle joins the innermost open scope of
     * this thread, or, with none open, the GC safety net keyed on {@code referent} (the user-facing object).
     */
    public static TensorHandle adopt(Object referent, Tensor tensor) {
        claimFromUserScope(tensor);
        TensorHandle h = new TensorHandle(tensor);
        ThreadState state = ThreadState.get();
        state.adopted();
        HandleScope s = state.scope;
        if (s != null) {
            s.own(h);
        } else {
            watch(referent, h, state);
        }
        return h;
    }

    /**
     * Takes {@code p} out of the calling thread's innermost JavaCPP {@link PointerScope}, if the user opened one:
     * JavaCPP hands every new native object to it, and it would close a tensor torch4j owns (or a holder torch4j
     * pools) when the user's scope ends. A scope that took a reference (JavaCPP's own do) gets it back by detach,
     * which would then free the object: one more is taken first. A scope that took none (one that only records)
     * has nothing to close. The reference count is read first: 0 outside any scope, so the common op pays no
     * thread-local lookup.
     */
    public static void claimFromUserScope(Pointer p) {
        if (p.referenceCount() <= 0) {
            return;
        }
        PointerScope userScope = PointerScope.getInnerScope();
        if (userScope != null) {
            p.retainReference();
            userScope.detach(p);
        }
    }

    /**
     * Puts {@code h} under the GC safety net: its bytes (asked for now) are charged against the budget and
     * counted in this thread's live bytes until it is released.
     */
    static void watch(Object referent, TensorHandle h) {
        watch(referent, h, ThreadState.get());
    }

    private static void watch(Object referent, TensorHandle h, ThreadState state) {
        long bytes = h.bytes();
        Watch w = new Watch(referent, h, bytes, state);
        h.watch = w;
        if (state.watched(w, bytes + PER_TENSOR_OVERHEAD, CHECK_STEP) && charge() > budget) {
            collect();
        }
    }

    static void released(TensorHandle h, Watch w) {
        // Only watched handles had their bytes counted; a scope's handles count in liveBytes() when asked.
        ThreadState state = ThreadState.get();
        if (w == null) {
            state.released(0, 0);
            return;
        }
        state.released(w.bytes, w.bytes + PER_TENSOR_OVERHEAD);
        if (w.owner == state) {
            state.unwatch(w);
        } else {
            // Another thread's array holds it until that thread drops released watches; cleared, the GC will not
            // enqueue it meanwhile (one JVM call, on this less common path only).
            w.clear();
        }
    }

    /** Bytes charged for unowned (watched) tensors, summed over all threads. */
    private static long charge() {
        return ThreadState.totals()[2];
    }

    private static synchronized void collect() {
        if (charge() <= budget) {
            return; // another thread collected meanwhile
        }
        collections.incrementAndGet();
        long before = charge();
        System.gc();
        drain(5);
        long after = charge();
        budget = Math.max(BASE_BUDGET, 2 * after);
        if (log.isDebugEnabled()) {
            log.debug("native memory pressure: unowned tensors {} -> {} bytes, next collection above {}",
                    before, after, budget);
        }
    }

    /** Releases handles the GC found unreachable, waiting up to {@code waitMillis} for each next one. */
    private static void drain(long waitMillis) {
        try {
            Watch w;
            while ((w = (Watch) queue.remove(waitMillis)) != null) {
                w.handle.release("by the garbage collector");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void start() {
        Thread cleaner = new Thread(() -> {
            while (true) {
                try {
                    ((Watch) queue.remove()).handle.release("by the garbage collector");
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("releasing an unreachable tensor failed", e);
                }
            }
        }, "torch4j-native-cleaner");
        cleaner.setDaemon(true);
        cleaner.start();
    }

    /** Number of live (unreleased) tensor handles. */
    public static long liveTensors() {
        return ThreadState.totals()[0];
    }

    /**
     * Data bytes addressed by live tensor handles (views count their own extent): those outside scopes on every
     * thread, and those in the calling thread's open scopes. Tensors in other threads' open scopes count in
     * {@link #liveTensors()} but not here: a scoped tensor's size is asked for only when it is needed (here, or
     * when it leaves its scopes), so that no op pays a size query, and only its own thread may ask.
     */
    public static long liveBytes() {
        return ThreadState.totals()[1] + HandleScope.scopedBytesOfThisThread();
    }

    /** Number of collections that native memory pressure has triggered so far. */
    public static long pressureCollections() {
        return collections.get();
    }

    /**
     * Hands the free pages of the native heap back to the operating system (glibc's {@code malloc_trim(0)};
     * a no-op on other platforms) and returns whether any went back. Freed tensors stay in glibc's heaps
     * otherwise: each thread that allocated (the DataLoader's worker, LibTorch's intra-op threads) keeps its
     * own arena, and an arena keeps up to twice its current mmap threshold (which grows to the largest
     * activation freed, up to 64 MiB) as free memory. Over a run the process's resident size then creeps up
     * although the live native memory is flat. One call walks the free chunks (0.05-2 ms in a MNIST training run),
     * meant for epoch boundaries, not for every step.
     */
    public static boolean releaseFreeHeap() {
        long t0 = System.nanoTime();
        boolean released = Pointer.trimMemory();
        if (log.isDebugEnabled()) {
            log.debug("native heap trimmed in {} us (released: {})", (System.nanoTime() - t0) / 1000, released);
        }
        return released;
    }

    /** Runs the GC and releases every unreachable tensor it finds; for tests and diagnostics. */
    public static void collectNow() {
        System.gc();
        drain(20);
    }

    private static long parseBudget() {
        String s = System.getProperty("torch4j.gcThresholdBytes");
        if (s != null) {
            try {
                long v = Long.parseLong(s.trim());
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            LoggerFactory.getLogger(NativeMemory.class).warn("ignoring torch4j.gcThresholdBytes={}: expected a positive number of bytes", s);
        }
        return 256L << 20;
    }
}
