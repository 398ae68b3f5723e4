package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.torch4j.glue.FastOps;

/**
 * Tensor methods that go through {@link FastOps} (add, sub, mul, div, matmul, relu, ... : see FastOps.Unary/Binary):
 * their values and gradients are LibTorch's (OpsFixtureTest checks them against PyTorch as well), a result's
 * native object is reused only while nothing outside torch4j holds it, and the memory model is unchanged.
 */
class FastPathTest {
    @Test
    void isOnOnThisPlatformsBuild() {
        assertEquals(org.bytedeco.javacpp.Loader.getPlatform().equals("linux-x86_64"), FastOps.enabled(),
                FastOps.status());
    }

    @Test
    void gradientsFlowThroughFastOps() {
        Tensor x = Torch.tensor(new float[] {-1f, 2f, 3f}).requiresGrad_();
        Tensor y = x.mul(x).add(x).relu();             // x^2 + x, 0 where that is <= 0
        assertEquals("ReluBackward0", y.gradFn());
        y.sum().backward();
        // d/dx relu(x^2 + x) = 2x + 1 where x^2 + x > 0: at -1, x^2 + x = 0 and relu's gradient there is 0.
        assertArrayEquals(new float[] {0f, 5f, 7f}, x.grad().toFloatArray());

        Tensor w = Torch.tensor(new float[][] {{1f, 2f}, {3f, 4f}}).requiresGrad_();
        Tensor out = w.matmul(w).sub(w).div(w).neg().exp().tanh().sigmoid();
        assertEquals("SigmoidBackward0", out.gradFn());
        out.sum().backward();
        assertEquals(4, w.grad().numel());
    }

    @Test
    void errorsAreTorchExceptionsWithLibTorchsFirstLine() {
        Tensor a = Torch.ones(2, 3);
        TorchException e = assertThrows(TorchException.class, () -> a.matmul(Torch.ones(4, 5)));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.getMessage());
        TorchException add = assertThrows(TorchException.class, () -> a.add(Torch.ones(4)));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
                add.getMessage());
        Tensor closed = Torch.ones(3);
        closed.close();
        IllegalStateException used = assertThrows(IllegalStateException.class, () -> a.add(closed));
        assertTrue(used.getMessage().contains("was released by close()"), used.getMessage());
    }

    @Test
    void aReleasedResultsNativeObjectCarriesTheNextResult() {
        Tensor a = Torch.ones(3);
        Tensor first = a.add(a);
        org.bytedeco.pytorch.Tensor holder = first.n();
        first.close();
        Tensor second = a.relu();
        if (FastOps.enabled()) {
            assertSame(holder, second.n(), "the holder went back to this thread's pool and came out again");
        }
        assertArrayEquals(new float[] {1f, 1f, 1f}, second.toFloatArray());
        assertThrows(IllegalStateException.class, first::toFloatArray);
    }

    @Test
    void anUnwrappedResultIsNeverReused() {
        Tensor a = Torch.ones(3);
        Tensor r = a.add(a);
        org.bytedeco.pytorch.Tensor escaped = r.unwrap();
        r.close();
        assertTrue(escaped.isNull(), "an unwrapped native object is closed with its tensor, as before");
        Tensor next = a.mul(a);
        assertNotSame(escaped, next.n());

        // Tensor.wrap of an unwrapped result: two owners of one native object; the second must not recycle it either.
        Tensor owner = a.sub(a);
        org.bytedeco.pytorch.Tensor shared = owner.unwrap();
        Tensor.wrap(shared).close();
        assertTrue(shared.isNull(), "the shared native object was closed, not reused");
        Tensor after = a.exp();
        assertNotSame(shared, after.n());
        assertArrayEquals(new float[] {(float) Math.E, (float) Math.E, (float) Math.E}, after.toFloatArray(), 1e-6f);
    }

    @Test
    void resultsReleasedOnAnotherThreadOrByTheGcAreAccountedAndReused() throws Exception {
        long before = LiveTensors.settled();
        Tensor a = Torch.randn(16);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // Made on another thread, released here (the holder joins this thread's pool).
            Future<Tensor> made = other.submit(() -> a.tanh().detachFromScope());
            Tensor t = made.get();
            float[] expected = a.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) Math.tanh(expected[i]);
            }
            assertArrayEquals(expected, t.toFloatArray(), 1e-6f);
            t.close();
        } finally {
            other.shutdown();
        }
        for (int i = 0; i < 5_000; i++) {
            a.sigmoid(); // dropped: the GC safety net releases them, on its own thread
        }
        assertEquals(before + 1, LiveTensors.settled(), "only `a` is left");
        try (Scope s = Scope.open()) {
            for (int i = 0; i < 2_000; i++) {
                a.neg().exp();
            }
            assertEquals(before + 1 + 4_000, Torch.memory().liveTensors());
        }
        assertEquals(before + 1, LiveTensors.settled());
    }

    /**
     * Threads making results and closing each other's: holders move between the threads' pools and the shared
     * one, and every result still holds its own value.
     */
    @Test
    void threadsClosingEachOthersResultsKeepEveryValue() throws Exception {
        long before = LiveTensors.settled();
        int threads = 4;
        int perThread = 5_000;
        java.util.concurrent.BlockingQueue<Tensor> made = new java.util.concurrent.LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.List<Future<Integer>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < perThread; i++) {
                        float v = id * perThread + i;
                        Tensor x = Torch.tensor(new float[] {v, -v});
                        Tensor r = x.relu().add(x);            // {2v, -v}
                        x.close();
                        if (i % 3 == 0) {
                            made.put(r.detachFromScope());      // closed by whichever thread takes it
                        } else if (i % 3 == 1) {
                            float[] got = r.toFloatArray();
                            wrong += got[0] == 2 * v && got[1] == -v ? 0 : 1;
                            r.close();
                        }                                       // else dropped for the GC safety net
                        Tensor other = made.poll();
                        if (other != null) {
                            float[] got = other.toFloatArray();
                            wrong += got[0] >= 0 && got[0] == -2 * got[1] ? 0 : 1;
                            other.close();
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> w : workers) {
                assertEquals(0, w.get(), "results with a value not their own");
            }
        } finally {
            pool.shutdown();
        }
        for (Tensor left; (left = made.poll()) != null; ) {
            left.close();
        }
        assertEquals(before, LiveTensors.settled(), "every result was released");
    }

    @Test
    void aUsersPointerScopeDoesNotCloseTensorsTorch4jOwns() {
        long before = LiveTensors.settled();
        Tensor x = Torch.ones(3);
        Tensor sum;
        Tensor relu;
        try (org.bytedeco.javacpp.PointerScope user = new org.bytedeco.javacpp.PointerScope()) {
            sum = x.sum();   // through bytedeco's generated call
            relu = x.relu(); // through FastOps
        }
        assertEquals(3.0, sum.itemDouble());
        assertArrayEquals(new float[] {1f, 1f, 1f}, relu.toFloatArray());
        sum.close();
        relu.close();
        x.close();
        assertEquals(before, LiveTensors.settled());
    }
}
