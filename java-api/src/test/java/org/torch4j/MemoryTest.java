package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.ones;
import static org.torch4j.Torch.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.torch4j.glue.NativeMemory;
import org.torch4j.glue.TensorHandle;

/**
 * The native memory model: scopes release deterministically, {@code keep} hands tensors outwards, and a
 * loop written without any scope stays bounded through the GC safety net.
 */
class MemoryTest {

    /** Resident set size of this process in bytes, from {@code /proc/self/status}. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    assertEquals("kB", parts[2], line);
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/self/status", e);
        }
        throw new AssertionError("no VmRSS line in /proc/self/status");
    }

    /** Collects until {@code h} is released, at most {@code tries} times. */
    private static boolean collectUntilReleased(TensorHandle h, int tries) {
        for (int i = 0; i < tries && !h.isReleased(); i++) {
            NativeMemory.collectNow();
        }
        return h.isReleased();
    }

    // ------------------------------------------------------------------ (a) a million ops in scopes

    @Test
    void millionSmallOpsInScopesLeaveNothingBehind() {
        long t0 = System.nanoTime();
        long start = LiveTensors.settled();
        final int total = 1_000_000;
        final int block = 1_000;
        try (Scope outer = Scope.open()) {
            Tensor a = tensor(1.5f);
            Tensor b = tensor(2.25f);
            long withInputs = start + 2;
            assertEquals(withInputs, Torch.memory().liveTensors());
            double check = 0;
            for (int done = 0; done < total; done += block) {
                try (Scope s = Scope.open()) {
                    Tensor last = null;
                    for (int i = 0; i < block; i++) {
                        last = a.add(b);
                    }
                    assertEquals(block, s.size());
                    assertEquals(withInputs + block, Torch.memory().liveTensors());
                    if (done % 100_000 == 0) {
                        check += last.itemDouble();
                    }
                }
                assertEquals(withInputs, Torch.memory().liveTensors(), "after " + (done + block) + " ops");
            }
            assertEquals(10 * 3.75, check);
            // one scope per iteration, too
            for (int i = 0; i < 100_000; i++) {
                try (Scope s = Scope.open()) {
                    a.mul(b).add(1.0);
                }
            }
            assertEquals(withInputs, Torch.memory().liveTensors());
        }
        assertEquals(start, Torch.memory().liveTensors(), "liveTensors back to its starting value");
        System.out.printf("MemoryTest (a): 1,100,000 scoped ops in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ (b) no scope at all

    @Test
    void loopWithoutScopesStaysBounded() {
        long t0 = System.nanoTime();
        final long limit = 2L << 30;
        final int iterations = 200_000;
        final long elements = 262_144;              // 1 MiB of float32
        long collectionsBefore = Torch.memory().pressureCollections();
        Tensor a = Torch.full(new long[] {elements}, 0.5);
        Tensor b = Torch.full(new long[] {elements}, 0.25);
        assertEquals(elements * 4, a.size().numel() * a.dtype().itemSize());
        long maxRss = 0;
        long maxLiveBytes = 0;
        for (int i = 0; i < iterations; i++) {
            Tensor r = a.add(b);                    // 1 MiB result, dropped
            if (i % 1000 == 0) {
                long rss = rssBytes();
                maxRss = Math.max(maxRss, rss);
                maxLiveBytes = Math.max(maxLiveBytes, Torch.memory().liveBytes());
                assertTrue(rss < limit, "RSS " + (rss >> 20) + " MiB after " + i + " iterations");
                if (i % 50_000 == 0) {
                    assertEquals(0.75, r.select(0, 123).itemDouble());
                }
            }
        }
        long rss = rssBytes();
        maxRss = Math.max(maxRss, rss);
        assertTrue(rss < limit, "RSS " + (rss >> 20) + " MiB at the end");
        long collections = Torch.memory().pressureCollections() - collectionsBefore;
        assertTrue(Torch.memory().pressureCollections() > 0);
        assertTrue(collections > 0, "native memory pressure never triggered a collection");
        assertTrue(maxLiveBytes < (1L << 30), "live tensor bytes reached " + (maxLiveBytes >> 20) + " MiB");
        System.out.printf("MemoryTest (b): %d unscoped 1 MiB ops in %.1f s, max RSS %d MiB, max live %d MiB, "
                + "%d pressure collections%n", iterations, (System.nanoTime() - t0) / 1e9, maxRss >> 20,
                maxLiveBytes >> 20, collections);
        a.close();
        b.close();
    }

    // ------------------------------------------------------------------ (c) nesting and keep

    @Test
    void keptTensorMovesToTheOuterScope() {
        long start = LiveTensors.settled();
        Tensor kept;
        Tensor innerTemp;
        try (Scope outer = Scope.open()) {
            Tensor x = ones(3);
            try (Scope inner = Scope.open()) {
                innerTemp = ones(3).mul(2.0);           // ones(3) and the product: 2 tensors
                kept = innerTemp.add(x);
                assertSame(kept, inner.keep(kept));
                assertEquals(2, inner.size());
                assertEquals(2, outer.size(), "x and the kept tensor");
                assertEquals(start + 4, Torch.memory().liveTensors());
            }
            assertTrue(innerTemp.isReleased());
            assertFalse(kept.isReleased(), "a kept tensor survives the inner scope");
            assertArrayEquals(new float[] {3, 3, 3}, kept.toFloatArray());
            assertEquals(2, outer.size());
            assertEquals(start + 2, Torch.memory().liveTensors());
        }
        assertTrue(kept.isReleased(), "released with the outer scope");
        assertEquals(start, Torch.memory().liveTensors());
        IllegalStateException e = assertThrows(IllegalStateException.class, kept::sum);
        assertTrue(e.getMessage().contains("released when its scope closed"), e.getMessage());
    }

    @Test
    void keepThroughSeveralLevels() {
        long start = LiveTensors.settled();
        Tensor result;
        try (Scope l1 = Scope.open()) {
            try (Scope l2 = Scope.open()) {
                try (Scope l3 = Scope.open()) {
                    result = l3.keep(ones(2).mul(7.0));
                }
                assertFalse(result.isReleased());
                l2.keep(result);
                l2.keep(result);                        // not owned any more: nothing happens
                assertEquals(0, l2.size());
            }
            assertEquals(1, l1.size());
            assertArrayEquals(new float[] {7, 7}, result.toFloatArray());
        }
        assertTrue(result.isReleased());
        assertEquals(start, Torch.memory().liveTensors());
    }

    @Test
    void closingAnOuterScopeClosesTheInnerOnes() {
        long start = LiveTensors.settled();
        Scope outer = Scope.open();
        Tensor a = ones(2);
        Scope inner = Scope.open();
        Tensor b = ones(2);
        outer.close();
        assertTrue(a.isReleased());
        assertTrue(b.isReleased());
        inner.close();                                  // already closed: nothing happens
        assertEquals(start, Torch.memory().liveTensors());
        try (Scope s = Scope.open()) {
            assertEquals(0, s.size());
            ones(1);
            assertEquals(1, s.size(), "new tensors go to the new scope, not the closed ones");
        }
        assertEquals(start, Torch.memory().liveTensors());
    }

    @Test
    void keepFromTheOutermostScopeHandsTheTensorToTheSafetyNet() {
        long start = LiveTensors.settled();
        Tensor survivor;
        try (Scope s = Scope.open()) {
            Tensor tmp = ones(4);
            survivor = s.keep(tmp.mul(5.0));
            assertEquals(1, s.size());
        }
        assertFalse(survivor.isReleased(), "still usable after the scope");
        assertEquals(start + 1, Torch.memory().liveTensors());
        assertArrayEquals(new float[] {5, 5, 5, 5}, survivor.toFloatArray());
        NativeMemory.collectNow();
        assertFalse(survivor.isReleased(), "reachable: the GC leaves it alone");
        assertEquals(20.0, survivor.sum().itemDouble());
        TensorHandle h = survivor.handle();
        survivor = null;                                 // now unreachable
        assertTrue(collectUntilReleased(h, 50), "the GC safety net releases an unreachable kept tensor");
        assertEquals(start, Torch.memory().liveTensors());
        assertThrows(IllegalStateException.class, h::get);
    }

    @Test
    void unscopedTensorIsReleasedOnceUnreachable() {
        long start = LiveTensors.settled();
        TensorHandle h = makeUnscoped();
        assertFalse(h.isReleased());
        assertEquals(start + 1, Torch.memory().liveTensors());
        assertTrue(collectUntilReleased(h, 50), "an unreachable unscoped tensor is released");
        assertEquals(start, Torch.memory().liveTensors(), "liveTensors drops after collectNow");
        IllegalStateException e = assertThrows(IllegalStateException.class, h::get);
        assertTrue(e.getMessage().contains("by the garbage collector"), e.getMessage());
    }

    /**
     * The safety net's watches live in per-thread arrays. Tensors made on a thread that then finishes stay
     * guarded (also after other threads register and the finished one is folded away), tensors closed on another
     * thread are counted once, and more live tensors than the array's first size all come back.
     */
    @Test
    void unscopedTensorsOfAFinishedThreadAreStillGuardedAndCountedOnce() throws Exception {
        long start = LiveTensors.settled();
        final int n = 300;                                // more than a thread's first array of watches (64)
        Tensor[] made = new Tensor[n];
        Thread maker = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                made[i] = Torch.full(new long[] {10}, i);
            }
        });
        maker.start();
        maker.join();
        Thread newcomer = new Thread(() -> Torch.zeros(1).close());   // registers: finished threads are folded
        newcomer.start();
        newcomer.join();
        assertEquals(start + n, Torch.memory().liveTensors());
        assertEquals(start + n, LiveTensors.settled(), "reachable tensors of a finished thread stay live");
        try (Scope s = Scope.open()) {
            assertEquals(10.0 * 299, made[299].sum().itemDouble());
        }
        // Half closed here (not the thread that made them), half dropped for the GC. Nothing here may hold their
        // handles: a handle holds its watch, which would keep the watch reachable whatever the arrays do.
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                made[i].close();
            }
            made[i] = null;
        }
        assertEquals(start + n / 2, Torch.memory().liveTensors(), "closing on another thread counts once");
        assertEquals(start, LiveTensors.settled(), "the GC released the dropped tensors of a finished thread");
    }

    private static TensorHandle makeUnscoped() {
        Tensor t = Torch.zeros(1000);
        assertEquals(4000, t.handle().bytes());
        return t.handle();
    }

    @Test
    void detachFromScopeKeepsLongLivedState() {
        long start = LiveTensors.settled();
        Tensor param;
        try (Scope s = Scope.open()) {
            param = ones(3).detachFromScope();
            assertEquals(0, s.size());
        }
        assertFalse(param.isReleased());
        param.close();
        assertEquals(start, Torch.memory().liveTensors());
    }

    @Test
    void liveBytesCountAnotherThreadsScopedTensorsOnceTheyLeaveItsScopes() throws Exception {
        long start = LiveTensors.settled();
        long bytesBefore = Torch.memory().liveBytes();
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        AtomicReference<Tensor> handedOut = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try (Scope s = Scope.open()) {
                Torch.zeros(1024);                               // 4 KiB, stays in the worker's scope
                handedOut.set(s.keep(Torch.zeros(512)));         // 2 KiB, handed out of the outermost scope
                assertEquals(4096, Torch.memory().liveBytes() - bytesBefore - 2048, "its own scope counts for the worker");
                made.countDown();
                counted.await();
            } catch (Throwable t) {
                failure.set(t);
                made.countDown();
            }
        });
        worker.start();
        made.await();
        assertEquals(start + 2, Torch.memory().liveTensors());
        assertEquals(bytesBefore + 2048, Torch.memory().liveBytes(), "the handed-out tensor counts, the worker's scoped one not");
        counted.countDown();
        worker.join();
        if (failure.get() != null) {
            throw new AssertionError("worker failed", failure.get());
        }
        assertEquals(start + 1, Torch.memory().liveTensors());
        assertEquals(bytesBefore + 2048, Torch.memory().liveBytes());
        handedOut.get().close();
        assertEquals(start, Torch.memory().liveTensors());
        assertEquals(bytesBefore, Torch.memory().liveBytes());
    }

    @Test
    void aTensorHandedToTheEnclosingScopeCountsOnce() {
        long bytesBefore = Torch.memory().liveBytes();
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                inner.keep(Torch.zeros(256));                    // 1 KiB, now the outer scope's
                Torch.zeros(128);                                // 512 bytes, the inner scope's
                assertEquals(bytesBefore + 1024 + 512, Torch.memory().liveBytes());
            }
            assertEquals(bytesBefore + 1024, Torch.memory().liveBytes());
        }
        assertEquals(bytesBefore, Torch.memory().liveBytes());
    }

    @Test
    void liveBytesFollowTheTensors() {
        long start = LiveTensors.settled();
        long bytesBefore = Torch.memory().liveBytes();
        try (Scope s = Scope.open()) {
            Torch.zeros(1024);                          // 4 KiB
            Torch.zeros(new long[] {256}, DType.FLOAT64); // 2 KiB
            assertEquals(bytesBefore + 4096 + 2048, Torch.memory().liveBytes());
            assertEquals(start + 2, Torch.memory().liveTensors());
        }
        assertEquals(bytesBefore, Torch.memory().liveBytes());
        assertEquals(start, Torch.memory().liveTensors());
    }

    @Test
    void releaseFreeMemoryReturnsFreedHeapPagesAndKeepsLiveTensors() {
        // 64 KiB tensors come from glibc's heap (below its 128 KiB mmap threshold). The last one stays
        // alive above the freed ones, so free() cannot shrink the heap's top: the 60 MiB stay resident
        // until malloc_trim hands their pages back.
        final int n = 960;
        Tensor[] chunks = new Tensor[n];
        for (int i = 0; i < n; i++) {
            chunks[i] = Torch.full(new long[] {16_384}, i);
        }
        Tensor last = chunks[n - 1];
        for (int i = 0; i < n - 1; i++) {
            chunks[i].close();
        }
        long before = rssBytes();
        assertTrue(Torch.releaseFreeMemory(), "malloc_trim released nothing");
        long released = before - rssBytes();
        assertTrue(released > 30L << 20, "expected about 60 MiB back, got " + (released >> 20) + " MiB");
        assertEquals((n - 1) * 16_384.0, last.sum().itemDouble(), 0.0);
        last.close();
    }
}
