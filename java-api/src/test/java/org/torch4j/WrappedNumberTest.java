package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Numbers in {@code add/sub/mul/div} act as PyTorch's Python numbers (wrapped 0-d tensors), whether torch4j
 * takes them from its cache of small values or makes them per call: the same grad_fn names as PyTorch, the
 * same result types, and the cached ones survive any number of ops, gradients and threads unchanged.
 */
class WrappedNumberTest {
    @Test
    void cachedAndUncachedNumbersBehaveAlike() {
        try (Scope s = Scope.open()) {
            for (double v : new double[] {2, -16, 16, 0.5, -0.5, 17, 2.25, -1e-3}) {
                Tensor x = Torch.tensor(1.5f, -3f).requiresGrad_();
                Tensor y = x.mul(v);
                assertEquals("MulBackward0", y.gradFn(), "x * " + v);
                assertEquals("AddBackward0", x.add(v).gradFn());
                assertEquals("SubBackward0", x.sub(v).gradFn());
                assertEquals("DivBackward0", x.div(v).gradFn());
                assertEquals(DType.FLOAT32, y.dtype(), "a Python float keeps float32");
                y.sum().backward();
                assertEquals((float) v, x.grad().toFloatArray()[0], 0f, "d(x * v)/dx for v = " + v);
                assertEquals((float) (1.5 * v), y.toFloatArray()[0], 1e-6f);
            }
            for (long v : new long[] {1, -16, 16, 17, 1L << 40}) {
                Tensor i = Torch.tensor(new long[] {3, -4});
                assertEquals(DType.INT64, i.add(v).dtype());
                assertEquals(3 + v, i.add(v).toLongArray()[0]);
                Tensor b = Torch.tensor(new byte[] {5}).to(DType.UINT8);
                assertEquals(DType.UINT8, b.mul(v).dtype(), "a Python int keeps uint8");
            }
            assertEquals(Double.NEGATIVE_INFINITY, Torch.tensor(1f).div(-0.0).itemDouble(), "-0.0 keeps its sign");
            assertEquals(Double.POSITIVE_INFINITY, Torch.tensor(1f).div(0.0).itemDouble());
            Tensor x = Torch.tensor(2f).requiresGrad_();
            x.mul(2).mul(2).backward();
            assertEquals(4f, x.grad().itemFloat());
            Tensor z = Torch.ones(3);
            z.add_(1).mul_(2).sub_(1).div_(2);
            assertTrue(z.equal(Torch.full(new long[] {3}, 1.5)));
            assertEquals(3.0, Torch.ones(1).add(2).itemDouble(), "the cached 2 is still 2");
        }
    }

    @Test
    void cachedNumbersAreSharedSafelyAcrossThreads() throws Exception {
        Thread[] ts = new Thread[4];
        Throwable[] err = new Throwable[1];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = new Thread(() -> {
                try (Scope s = Scope.open()) {
                    for (int i = 0; i < 2000; i++) {
                        Tensor x = Torch.ones(4).requiresGrad_();
                        x.mul(3).add(1).sum().backward();
                        if (x.grad().toFloatArray()[2] != 3f) {
                            throw new AssertionError("gradient " + x.grad());
                        }
                    }
                } catch (Throwable t) {
                    err[0] = t;
                }
            });
            ts[k].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        if (err[0] != null) {
            throw new AssertionError(err[0]);
        }
        assertEquals(4.0, Torch.ones(1).mul(3).add(1).itemDouble());
    }
}
