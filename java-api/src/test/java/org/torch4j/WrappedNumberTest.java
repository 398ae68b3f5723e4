package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Numbers in {@code add/sub/mul/div} act as PyTorch's Python numbers (wrapped 0-d tensors), made once per value
 * and cached: the same grad_fn names as PyTorch, the same result types, and the cached ones survive any number of
 * ops, gradients, threads and displacements from the cache unchanged.
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
        onThreads(4, id -> {
            for (int i = 0; i < 2000; i++) {
                Tensor x = Torch.ones(4).requiresGrad_();
                x.mul(3).add(1).sum().backward();
                if (x.grad().toFloatArray()[2] != 3f) {
                    throw new AssertionError("gradient " + x.grad());
                }
            }
        });
        assertEquals(4.0, Torch.ones(1).mul(3).add(1).itemDouble());
    }

    /** Runs {@code body(id)} on {@code n} threads at once, each in a scope of its own; rethrows the first failure. */
    private static void onThreads(int n, java.util.function.IntConsumer body) throws InterruptedException {
        Thread[] ts = new Thread[n];
        Throwable[] err = new Throwable[1];
        for (int k = 0; k < n; k++) {
            final int id = k;
            ts[k] = new Thread(() -> {
                try (Scope s = Scope.open()) {
                    body.accept(id);
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
    }

    @Test
    void moreValuesThanTheCacheHoldsStayCorrect() {
        // 3,000 distinct values against 256 slots: most are made for their op and closed after it, and the gradient
        // of each product still sees its own number.
        try (Scope s = Scope.open()) {
            Tensor x = Torch.tensor(2f).requiresGrad_();
            Tensor[] products = new Tensor[3000];
            for (int i = 0; i < products.length; i++) {
                products[i] = x.mul(0.001 * i + 0.25);
            }
            for (int i = 0; i < products.length; i++) {
                float v = (float) (0.001 * i + 0.25);
                assertEquals(2f * v, products[i].itemFloat(), 1e-6f, "x * " + v);
                x.grad(); // nothing accumulated yet on the first pass
                products[i].backward();
                assertEquals(v, x.grad().itemFloat(), 1e-6f, "d(x * " + v + ")/dx");
                x.grad().zero_();
            }
            for (long v = 100_000; v < 101_000; v++) {
                assertEquals(v + 3, Torch.tensor(new long[] {3}).add(v).toLongArray()[0]);
            }
        }
        // The float32 cache is full now: a new value is made for its op and closed after it, never left behind.
        Tensor x = Torch.ones(2);
        NativeObjectAuditTest.Recorder recorder = new NativeObjectAuditTest.Recorder();
        try {
            for (int i = 0; i < 10; i++) {
                x.mul(1e6 + i + 0.125).close();
            }
        } finally {
            recorder.close();
        }
        assertTrue(recorder.seen.size() >= 10, "recorded " + recorder.seen.size() + " native objects");
        assertTrue(recorder.seen.stream().allMatch(p -> p.isNull()),
                "a number made for one op is closed after it");
        x.close();
    }

    @Test
    void threadsFillingTheCacheAtOnceGetTheirOwnValues() throws Exception {
        // Each thread uses numbers no other thread uses, so the threads race for the same free slots while the
        // others are passing cached and per-op numbers to LibTorch.
        onThreads(4, id -> {
            Tensor x = Torch.ones(16);
            for (int i = 0; i < 20_000; i++) {
                double v = id * 1_000_000 + i + 0.5;
                double got = x.mul(v).sub(1L).toFloatArray()[7];
                if (got != (float) ((float) v - 1f)) {
                    throw new AssertionError("thread " + id + ": 1 * " + v + " - 1 gave " + got);
                }
            }
        });
    }

    @Test
    void aNumberFirstUsedInsideAUsersPointerScopeOutlivesIt() {
        // JavaCPP hands each new native object to the innermost PointerScope; a cached number must not be closed
        // with the user's scope (the next op with that value would find a freed tensor).
        double v = 7.0625;
        try (org.bytedeco.javacpp.PointerScope user = new org.bytedeco.javacpp.PointerScope()) {
            try (Scope s = Scope.open()) {
                assertEquals(8.0625f, Torch.ones(1).add(v).itemFloat());
            }
        }
        try (Scope s = Scope.open()) {
            assertEquals(9.0625f, Torch.full(new long[] {1}, 2.0).add(v).itemFloat());
            assertEquals(-7.0625f, Torch.zeros(1).sub(v).itemFloat());
        }
    }

    /** The reference: LibTorch's Scalar overloads, which wrap the number as a double tensor, as Python does. */
    private static Tensor reference(String op, Tensor x, org.bytedeco.pytorch.Scalar v) {
        org.bytedeco.pytorch.Tensor n = x.unwrap();
        switch (op) {
            case "add": return Tensor.wrap(n.add(v));
            case "sub": return Tensor.wrap(n.sub(v));
            case "mul": return Tensor.wrap(n.mul(v));
            default: return Tensor.wrap(n.div(v));
        }
    }

    private static Tensor torch4j(String op, Tensor x, double v) {
        switch (op) {
            case "add": return x.add(v);
            case "sub": return x.sub(v);
            case "mul": return x.mul(v);
            default: return x.div(v);
        }
    }

    private static Tensor torch4j(String op, Tensor x, long v) {
        switch (op) {
            case "add": return x.add(v);
            case "sub": return x.sub(v);
            case "mul": return x.mul(v);
            default: return x.div((double) v);
        }
    }

    private static void assertSameBits(Tensor want, Tensor got, String what) {
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        double[] w = want.to(DType.FLOAT64).toDoubleArray();
        double[] g = got.to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            if (Double.doubleToLongBits(w[i]) != Double.doubleToLongBits(g[i])) {
                throw new AssertionError(what + ": element " + i + " is " + g[i] + ", LibTorch's Scalar overload gives " + w[i]);
            }
        }
    }

    @Test
    void numbersGiveBitForBitTheResultsOfLibTorchsScalarOverloads() {
        // float32 operands take float32 wrapped numbers (no promotion copy); the rounding must be the one LibTorch's
        // copy of a double number would do, including overflow to infinity, underflow and -0.0.
        double[] doubles = {0.37, 1.0 / 3, -2.5e-8, 3.4028234663852886e38, 3.4028235677973366e38, 1e39, -1e39, 1e-46,
            1.4e-45, Double.NaN, -0.0, 0.0, 0.1, 255, 1e300, Double.NEGATIVE_INFINITY};
        long[] longs = {3, -7, 16_777_217L, (1L << 53) - 1, (1L << 53) + 1, Long.MAX_VALUE, -(1L << 60)};
        try (Scope s = Scope.open()) {
            Tensor base = Torch.cat(Torch.randn(32).mul(1000L), Torch.tensor(0f, -0f, Float.POSITIVE_INFINITY,
                    Float.NaN, 1.4e-45f, -3.4e38f, 1e-38f, 7f));
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT32, DType.UINT8}) {
                Tensor x = base.to(dtype);
                for (String op : new String[] {"add", "sub", "mul", "div"}) {
                    for (double v : doubles) {
                        if (!dtype.isFloatingPoint() && !op.equals("div") && (Double.isNaN(v) || Double.isInfinite(v))) {
                            continue; // an integer tensor and a non-finite float: float result, still compared below
                        }
                        try (org.bytedeco.pytorch.Scalar sv = new org.bytedeco.pytorch.Scalar(v)) {
                            assertSameBits(reference(op, x, sv), torch4j(op, x, v), dtype + " " + op + " " + v);
                        }
                    }
                    for (long v : longs) {
                        try (org.bytedeco.pytorch.Scalar sv = op.equals("div")
                                ? new org.bytedeco.pytorch.Scalar((double) v) : new org.bytedeco.pytorch.Scalar(v)) {
                            assertSameBits(reference(op, x, sv), torch4j(op, x, v), dtype + " " + op + " " + v + "L");
                        }
                    }
                }
            }
        }
    }

    @Test
    void inPlaceOpsAndGradientsOfFloat32OperandsMatchTheScalarOverloads() {
        try (Scope s = Scope.open()) {
            for (double v : new double[] {0.37, 1.0 / 3, 1e39, -0.0}) {
                Tensor x = Torch.randn(8);
                try (org.bytedeco.pytorch.Scalar sv = new org.bytedeco.pytorch.Scalar(v)) {
                    assertSameBits(reference("mul", x, sv), x.clone().mul_(v), "mul_ " + v);
                    assertSameBits(reference("add", x, sv), x.clone().add_(v), "add_ " + v);
                    assertSameBits(reference("sub", x, sv), x.clone().sub_(v), "sub_ " + v);
                    assertSameBits(reference("div", x, sv), x.clone().div_(v), "div_ " + v);
                }
                Tensor leaf = x.clone().requiresGrad_();
                Tensor y = leaf.mul(v).div(v).add(v);
                assertEquals("AddBackward0", y.gradFn());
                y.sum().backward();
                Tensor viaScalars = x.clone().requiresGrad_();
                try (org.bytedeco.pytorch.Scalar sv = new org.bytedeco.pytorch.Scalar(v)) {
                    Tensor.wrap(viaScalars.unwrap().mul(sv).div(sv).add(sv)).sum().backward();
                }
                assertSameBits(viaScalars.grad(), leaf.grad(), "gradient of (x * v / v + v) for v = " + v);
            }
            Tensor i = Torch.tensor(new long[] {5}).to(DType.INT32);
            i.add_(3L);
            assertEquals(DType.INT32, i.dtype());
            assertEquals(8L, i.toLongArray()[0]);
        }
    }

    @Test
    void float32OperandsTakeFloat32WrappedNumbersAndOthersPythonsTypes() {
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor f32 = Torch.ones(2).n();
            org.bytedeco.pytorch.Tensor f64 = Torch.ones(2).to(DType.FLOAT64).n();
            org.bytedeco.pytorch.Tensor i32 = Torch.ones(2).to(DType.INT32).n();
            assertWrapped(DType.FLOAT32, WrappedNumbers.of(f32, 0.37));
            assertWrapped(DType.FLOAT32, WrappedNumbers.of(f32, 3L));
            assertWrapped(DType.FLOAT32, WrappedNumbers.of(f32, (1L << 53) + 1));
            assertWrapped(DType.FLOAT64, WrappedNumbers.of(f64, 0.37));
            assertWrapped(DType.FLOAT64, WrappedNumbers.of(i32, 0.37));
            assertWrapped(DType.INT64, WrappedNumbers.of(i32, 3L));
            assertWrapped(DType.INT64, WrappedNumbers.of(f64, 3L));
            // -16..16 and +-0.5 are made at class initialisation, whatever else filled the cache since
            assertTrue(WrappedNumbers.of(f32, 0.5) == WrappedNumbers.of(f32, 0.5), "0.5 is made once");
            assertTrue(WrappedNumbers.of(f64, -16L) == WrappedNumbers.of(i32, -16L), "-16 is made once");
        }
    }

    private static void assertWrapped(DType dtype, WrappedNumbers.Operand w) {
        org.bytedeco.pytorch.Tensor t = w.tensor;
        assertEquals(dtype, DType.of(t.scalar_type()));
        assertEquals(0, t.dim());
        try (org.bytedeco.pytorch.TensorImpl impl = t.unsafeGetTensorImpl()) {
            assertTrue(impl.is_wrapped_number(), "a wrapped number");
        }
    }
}
