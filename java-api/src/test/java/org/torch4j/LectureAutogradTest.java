package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.empty;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.mm;
import static org.torch4j.Torch.rand;
import static org.torch4j.Torch.tanh;
import static org.torch4j.Torch.tensor;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of the lecture's "Autograd" section. Gradients of the lecture's networks are checked
 * against central finite differences of an independent forward pass written with plain Java arrays,
 * in float64.
 */
class LectureAutogradTest {
    private Scope scope;

    @BeforeEach
    void openScope() {
        scope = Scope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    // ------------------------------------------------------------------ requires_grad

    @Test
    void requiresGradPropagates() {
        Tensor x = tensor(1f, 2f);
        Tensor y = tensor(4f, 5f);
        Tensor z = tensor(7f, 3f);
        assertFalse(x.requiresGrad());
        assertFalse(x.add(y).requiresGrad());
        z.requiresGrad_(true);                               // z.requires_grad = True
        assertTrue(z.requiresGrad());
        assertTrue(x.add(z).requiresGrad());
        assertTrue(x.mul(z).sum().requiresGrad());
        assertFalse(x.add(y).mul(2.0).requiresGrad());
        z.requiresGrad_(false);
        assertFalse(x.add(z).requiresGrad());
    }

    // ------------------------------------------------------------------ torch.autograd.grad

    @Test
    void gradOfTwoInputs() {
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor a = t.pow(2).sum().add(u.log().sum());
        Tensor[] g = Autograd.grad(a, t, u);
        assertEquals(2, g.length);
        assertEquals("tensor([2., 4., 8.])", g[0].toString());
        assertEquals("tensor([0.1000, 0.0500])", g[1].toString());
        assertArrayEquals(new float[] {2, 4, 8}, g[0].toFloatArray());
        assertArrayEquals(new float[] {0.1f, 0.05f}, g[1].toFloatArray(), 1e-7f);
        assertNull(t.grad(), "autograd.grad does not accumulate into .grad");
        assertNull(u.grad());
    }

    @Test
    void gradOfASingleInputIsStillAnArray() {
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor[] g = Autograd.grad(t.pow(2).sum(), t);
        assertEquals(1, g.length);
        assertEquals("tensor([2., 4., 8.])", g[0].toString());
    }

    @Test
    void gradOfATupleOfOutputsSumsTheirGradients() {
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor a = t.pow(2).sum();                    // 2t
        Tensor b = t.mul(3.0).sum();                  // 3
        Tensor c = t.pow(3).sum();                    // 3t^2
        Tensor[] g = Autograd.grad(new Tensor[] {a, b, c}, new Tensor[] {t}, null, false, false);
        assertEquals(1, g.length);
        assertArrayEquals(new float[] {2 + 3 + 3, 4 + 3 + 12, 8 + 3 + 48}, g[0].toFloatArray());
        assertEquals("tensor([ 8., 19., 59.])", g[0].toString());
    }

    @Test
    void gradWithExplicitOutputGradients() {
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor y = t.pow(2);                          // non-scalar output: needs a gradient
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {t}, new Tensor[] {tensor(1f, 0f, 2f)}, false, false);
        assertArrayEquals(new float[] {2, 0, 16}, g[0].toFloatArray());
    }

    // ------------------------------------------------------------------ backward accumulates

    @Test
    void backwardAccumulatesIntoLeaves() {
        Tensor x = tensor(-3f, 2f, 5f).requiresGrad_();
        Tensor u = x.pow(3).sum();
        assertNull(x.grad());
        u.backward(true);                             // retain the graph for the second pass
        assertEquals("tensor([27., 12., 75.])", x.grad().toString());
        u.backward();
        assertEquals("tensor([ 54.,  24., 150.])", x.grad().toString());
        assertArrayEquals(new float[] {54, 24, 150}, x.grad().toFloatArray());
        x.grad().zero_();                             // the grad field, zeroed in place
        assertArrayEquals(new float[] {0, 0, 0}, x.grad().toFloatArray());
        x.pow(3).sum().backward();                    // a new graph accumulates into the zeroed field
        assertArrayEquals(new float[] {27, 12, 75}, x.grad().toFloatArray());
        x.clearGrad();
        assertNull(x.grad());
    }

    @Test
    void gradIsATensorOfItsOwn() {
        Tensor x = tensor(-3f, 2f, 5f).requiresGrad_();
        x.pow(3).sum().backward();
        Tensor g = x.grad();
        x.clearGrad();                                // x.grad = None leaves g alone, as in Python
        assertNull(x.grad());
        assertEquals("tensor([27., 12., 75.])", g.toString());
        x.pow(2).sum().backward();
        Tensor g2 = x.grad();
        x.close();                                    // the gradient outlives the tensor it belonged to
        Tensor y = tensor(1f, 1f, 1f).mul(100.0);     // reuse freed memory, if any
        assertArrayEquals(new float[] {-6, 4, 10}, g2.toFloatArray());
        assertArrayEquals(new float[] {27, 12, 75}, g.toFloatArray());
        assertEquals(300.0, y.sum().itemDouble());
    }

    @Test
    void gradientOfASumOfLossesEqualsTheSumOfGradients() {
        Tensor w = tensor(0.5f, -1f).requiresGrad_();
        Tensor b1 = tensor(new float[][] {{1, 2}, {3, 4}});
        Tensor b2 = tensor(new float[][] {{-1, 0}, {2, 1}});
        b1.matmul(w).pow(2).sum().backward();
        b2.matmul(w).pow(2).sum().backward();
        float[] accumulated = w.grad().toFloatArray();
        Tensor[] joint = Autograd.grad(b1.matmul(w).pow(2).sum().add(b2.matmul(w).pow(2).sum()), w);
        assertArrayEquals(joint[0].toFloatArray(), accumulated, 1e-6f);
        // d/dw sum((B w)^2) = 2 B^T B w, done by hand: B1 w = [-1.5, -2.5], B2 w = [-0.5, 0]
        assertArrayEquals(new float[] {2 * (-1.5f - 7.5f) + 2 * 0.5f, 2 * (-3f - 10f)}, accumulated, 1e-6f);
    }

    // ------------------------------------------------------------------ the DAG example

    @Test
    void dagNetwork() {
        manualSeed(0);
        Tensor w1 = rand(5, 5).toDouble().requiresGrad_();
        Tensor w2 = rand(5, 5).toDouble().requiresGrad_();
        Tensor x = empty(5).normal_().toDouble();

        Tensor x0 = x;
        Tensor x1 = w1.matmul(x0);
        Tensor x2 = x0.add(w2.matmul(x1));
        Tensor x3 = w1.matmul(x1.add(x2));
        Tensor q = x3.norm();
        assertEquals(0, q.dim());
        q.backward();

        double[][] m1 = matrix(w1, 5, 5);
        double[][] m2 = matrix(w2, 5, 5);
        double[] v = x.toDoubleArray();
        ToDoubleFunction<double[][][]> forward = p -> {
            double[] y1 = mv(p[0], v);
            double[] y2 = add(v, mv(p[1], y1));
            return norm(mv(p[0], add(y1, y2)));
        };
        assertEquals(forward.applyAsDouble(new double[][][] {m1, m2}), q.itemDouble(), 1e-12);
        double[][] g1 = matrix(w1.grad(), 5, 5);
        double[][] g2 = matrix(w2.grad(), 5, 5);
        assertEquals(Shape.of(5, 5), w1.grad().size());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(finiteDifference(forward, new double[][][] {m1, m2}, 0, i, j), g1[i][j], 1e-6, "dq/dw1[" + i + "][" + j + "]");
                assertEquals(finiteDifference(forward, new double[][][] {m1, m2}, 1, i, j), g2[i][j], 1e-6, "dq/dw2[" + i + "][" + j + "]");
            }
        }
        assertNull(x.grad(), "x does not require grad");
    }

    // ------------------------------------------------------------------ the two-layer MLP

    @Test
    void twoLayerTanhMlp() {
        manualSeed(0);
        Tensor w1 = rand(20, 10).toDouble().requiresGrad_();
        Tensor b1 = rand(20).toDouble().requiresGrad_();
        Tensor w2 = rand(5, 20).toDouble().requiresGrad_();
        Tensor b2 = rand(5).toDouble().requiresGrad_();

        Tensor x = rand(10).toDouble();
        Tensor h = tanh(w1.matmul(x).add(b1));
        Tensor y = tanh(w2.matmul(h).add(b2));
        Tensor target = rand(5).toDouble();
        Tensor loss = y.sub(target).pow(2).mean();
        assertEquals("MeanBackward0", loss.gradFn());
        assertEquals("TanhBackward0", y.gradFn());
        loss.backward();

        assertEquals(Shape.of(20, 10), w1.grad().size());
        assertEquals(Shape.of(20), b1.grad().size());
        assertEquals(Shape.of(5, 20), w2.grad().size());
        assertEquals(Shape.of(5), b2.grad().size());
        assertEquals(DType.FLOAT64, w1.grad().dtype());

        double[] xv = x.toDoubleArray();
        double[] tv = target.toDoubleArray();
        double[][][] p = {matrix(w1, 20, 10), {b1.toDoubleArray()}, matrix(w2, 5, 20), {b2.toDoubleArray()}};
        ToDoubleFunction<double[][][]> forward = q -> {
            double[] hv = tanhJ(add(mv(q[0], xv), q[1][0]));
            double[] yv = tanhJ(add(mv(q[2], hv), q[3][0]));
            double s = 0;
            for (int i = 0; i < yv.length; i++) {
                s += (yv[i] - tv[i]) * (yv[i] - tv[i]);
            }
            return s / yv.length;
        };
        assertEquals(forward.applyAsDouble(p), loss.itemDouble(), 1e-12);
        double[][] gw1 = matrix(w1.grad(), 20, 10);
        double[] gb1 = b1.grad().toDoubleArray();
        double[][] gw2 = matrix(w2.grad(), 5, 20);
        double[] gb2 = b2.grad().toDoubleArray();
        int[][] w1Entries = {{0, 0}, {3, 7}, {19, 9}, {11, 2}};
        for (int[] e : w1Entries) {
            assertEquals(finiteDifference(forward, p, 0, e[0], e[1]), gw1[e[0]][e[1]], 1e-8, "w1" + java.util.Arrays.toString(e));
        }
        for (int i : new int[] {0, 5, 19}) {
            assertEquals(finiteDifference(forward, p, 1, 0, i), gb1[i], 1e-8, "b1[" + i + "]");
        }
        int[][] w2Entries = {{0, 0}, {4, 19}, {2, 11}};
        for (int[] e : w2Entries) {
            assertEquals(finiteDifference(forward, p, 2, e[0], e[1]), gw2[e[0]][e[1]], 1e-8, "w2" + java.util.Arrays.toString(e));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(finiteDifference(forward, p, 3, 0, i), gb2[i], 1e-8, "b2[" + i + "]");
        }
        double gradNorm = w1.grad().norm().itemDouble();
        assertTrue(gradNorm > 0, "the gradient is not all zero");
    }

    // ------------------------------------------------------------------ the dynamic graph example

    private static Tensor blah(Tensor w, int k, Tensor x) {
        for (int i = 0; i < k; i++) {
            x = tanh(w.index(i).matmul(x));
        }
        return x;
    }

    private static double[] blahJava(double[][][] w, int k, double[] x) {
        for (int i = 0; i < k; i++) {
            x = tanhJ(mv(w[i], x));
        }
        return x;
    }

    @Test
    void dynamicGraph() {
        manualSeed(0);
        Tensor w = rand(3, 10, 10).toDouble().requiresGrad_();
        Tensor a = rand(10).toDouble();
        Tensor b = rand(10).toDouble();
        Tensor u = blah(w, 1, a);
        Tensor v = blah(w, 3, b);
        Tensor q = u.dot(v);
        assertEquals("DotBackward0", q.gradFn());
        q.backward();

        Tensor g = w.grad();
        assertEquals(Shape.of(3, 10, 10), g.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(g.index(i).abs().sum().itemDouble() > 1e-6, "w[" + i + "] is used, its gradient is not zero");
        }
        double[][][] wv = new double[3][][];
        for (int i = 0; i < 3; i++) {
            wv[i] = matrix(w.index(i), 10, 10);
        }
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        ToDoubleFunction<double[][][]> forward = p -> dot(blahJava(p, 1, av), blahJava(p, 3, bv));
        assertEquals(forward.applyAsDouble(wv), q.itemDouble(), 1e-12);
        double[][][] gv = new double[3][][];
        for (int i = 0; i < 3; i++) {
            gv[i] = matrix(g.index(i), 10, 10);
        }
        int[][] entries = {{0, 0, 0}, {0, 4, 9}, {1, 2, 3}, {1, 9, 9}, {2, 0, 5}, {2, 7, 1}};
        for (int[] e : entries) {
            assertEquals(finiteDifference(forward, wv, e[0], e[1], e[2]), gv[e[0]][e[1]][e[2]], 1e-8,
                    "dq/dw" + java.util.Arrays.toString(e));
        }
    }

    @Test
    void dynamicGraphUsesOnlyTheSlicesTheForwardPassTouched() {
        manualSeed(0);
        Tensor w = rand(3, 10, 10).toDouble().requiresGrad_();
        Tensor q = blah(w, 1, rand(10).toDouble()).dot(blah(w, 2, rand(10).toDouble()));
        q.backward();
        Tensor g = w.grad();
        assertTrue(g.index(0).abs().sum().itemDouble() > 0);
        assertTrue(g.index(1).abs().sum().itemDouble() > 0);
        assertEquals(0.0, g.index(2).abs().sum().itemDouble(), "w[2] is not in this graph");
    }

    // ------------------------------------------------------------------ higher order, no_grad, detach

    @Test
    void secondDerivativeWithCreateGraph() {
        Tensor x = tensor(1.0, 2.0, -3.0).requiresGrad_();
        Tensor y = x.pow(3).sum();
        Tensor[] dy = Autograd.grad(new Tensor[] {y}, new Tensor[] {x}, null, false, true);
        assertArrayEquals(new double[] {3, 12, 27}, dy[0].toDoubleArray(), 1e-12);
        assertTrue(dy[0].requiresGrad(), "with createGraph the gradient is itself differentiable");
        assertNotNull(dy[0].gradFn());
        Tensor[] d2y = Autograd.grad(dy[0].sum(), x);
        assertArrayEquals(new double[] {6, 12, -18}, d2y[0].toDoubleArray(), 1e-12);    // 6x
        // the same through backward(createGraph)
        Tensor z = x.pow(3).sum();
        z.backward(null, false, true);
        Tensor g = x.grad();
        assertTrue(g.requiresGrad());
        x.clearGrad();
        g.sum().backward();
        assertArrayEquals(new double[] {6, 12, -18}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void noGradBlocksRecording() {
        Tensor w = tensor(1f, 2f).requiresGrad_();
        assertTrue(Autograd.isGradEnabled());
        Tensor inside;
        try (var noGrad = Autograd.noGrad()) {
            assertFalse(Autograd.isGradEnabled());
            inside = w.mul(2.0).add(1.0);
            assertFalse(inside.requiresGrad());
            assertNull(inside.gradFn());
            w.sub_(tensor(0.5f, 0.5f));                   // an update of a leaf, not recorded
            try (var enabled = Autograd.enableGrad()) {
                assertTrue(Autograd.isGradEnabled());
                assertTrue(w.mul(2.0).requiresGrad());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(w.isLeaf());
        assertArrayEquals(new float[] {0.5f, 1.5f}, w.toFloatArray());
        assertTrue(w.mul(2.0).requiresGrad());
    }

    @Test
    void detachSharesDataButNotTheGraph() {
        Tensor x = tensor(1f, 2f).requiresGrad_();
        Tensor y = x.mul(3.0);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertNull(d.gradFn());
        assertArrayEquals(new float[] {3, 6}, d.toFloatArray());
        d.fill_(0.0);
        assertArrayEquals(new float[] {0, 0}, y.toFloatArray(), "detach shares storage");
        Tensor e = x.detach().pow(2).sum();
        assertFalse(e.requiresGrad());
    }

    @Test
    void isLeaf() {
        Tensor plain = tensor(1f, 2f);
        assertTrue(plain.isLeaf(), "a tensor that does not require grad is a leaf");
        Tensor x = tensor(1f, 2f).requiresGrad_();
        assertTrue(x.isLeaf());
        Tensor y = x.mul(2.0);
        assertFalse(y.isLeaf());
        assertTrue(plain.mul(2.0).isLeaf(), "results without grad are leaves too");
        y.retainGrad();
        y.sum().backward();
        assertArrayEquals(new float[] {1, 1}, y.grad().toFloatArray(), "retainGrad keeps a non-leaf's grad");
        assertArrayEquals(new float[] {2, 2}, x.grad().toFloatArray());
    }

    @Test
    void gradFnNamesAndPrinting() {
        Tensor x = tensor(1f, 2f).requiresGrad_();
        Tensor y = tensor(3f, 4f);
        assertNull(x.gradFn());
        assertEquals("tensor([1., 2.], requires_grad=True)", x.toString());
        Tensor s = x.add(y);
        assertEquals("AddBackward0", s.gradFn());
        assertEquals("tensor([4., 6.], grad_fn=<AddBackward0>)", s.toString());
        Tensor p = x.pow(2);
        assertEquals("PowBackward0", p.gradFn());
        assertEquals("tensor([1., 4.], grad_fn=<PowBackward0>)", p.toString());
        Tensor sum = p.sum();
        assertEquals("SumBackward0", sum.gradFn());
        assertEquals("tensor(5., grad_fn=<SumBackward0>)", sum.toString());
        Tensor m = mm(x.view(1, 2), y.view(2, 1));
        assertEquals("MmBackward0", m.gradFn());
        assertEquals("tensor([[11.]], grad_fn=<MmBackward0>)", m.toString());
        assertEquals("MulBackward0", x.mul(y).gradFn());
        assertEquals("ViewBackward0", x.view(2, 1).gradFn());
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor a = x.pow(2).sum().add(u.log().sum());
        assertEquals("tensor(10.2983, grad_fn=<AddBackward0>)", a.toString());
    }

    // ------------------------------------------------------------------ helpers

    /** Central difference of {@code f} along entry {@code [k][i][j]} of its parameters, step 1e-6. */
    private static double finiteDifference(ToDoubleFunction<double[][][]> f, double[][][] p, int k, int i, int j) {
        double h = 1e-6;
        double saved = p[k][i][j];
        p[k][i][j] = saved + h;
        double plus = f.applyAsDouble(p);
        p[k][i][j] = saved - h;
        double minus = f.applyAsDouble(p);
        p[k][i][j] = saved;
        return (plus - minus) / (2 * h);
    }

    private static double[][] matrix(Tensor t, int rows, int cols) {
        assertEquals(Shape.of(rows, cols), t.size());
        double[] flat = t.toDoubleArray();
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }

    private static double[] mv(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double[] tanhJ(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.tanh(a[i]);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
