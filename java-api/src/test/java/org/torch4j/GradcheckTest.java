package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * {@link Gradcheck}: passes in float64 on every differentiable activation and loss of F (and a few Tensor
 * ops), and fails, naming the input and element, on functions whose backward is wrong.
 */
class GradcheckTest {
    private static Tensor f64(double[] values, long... shape) {
        return Torch.fromArray(values, shape);
    }

    /** Fixed, varied inputs (no RNG): values away from the kinks of relu-like functions. */
    private static Tensor x34() {
        return f64(new double[] {0.61, -0.27, 1.34, -1.52, 0.38, -0.93, 0.07, 2.1, -0.45, 0.83, -1.11, 0.29}, 3, 4);
    }

    private static Tensor y34() {
        return f64(new double[] {0.2, 0.9, -0.4, 1.1, -0.7, 0.05, 0.6, -1.3, 0.35, -0.15, 0.8, 1.6}, 3, 4);
    }

    private static Tensor probs34() {
        try (Autograd.Mode g = Autograd.noGrad()) {
            return F.softmax(y34(), 1);
        }
    }

    private static Map<String, Function<Tensor[], Tensor>> unaryOps() {
        Map<String, Function<Tensor[], Tensor>> m = new LinkedHashMap<>();
        m.put("relu", in -> F.relu(in[0]));
        m.put("relu_ on a clone", in -> F.relu_(in[0].clone()));
        m.put("leakyRelu", in -> F.leakyRelu(in[0], 0.2));
        m.put("leakyRelu_ on a clone", in -> F.leakyRelu_(in[0].clone(), 0.1));
        m.put("elu", in -> F.elu(in[0], 0.7));
        m.put("elu_ on a clone", in -> F.elu_(in[0].clone()));
        m.put("gelu", in -> F.gelu(in[0]));
        m.put("gelu tanh", in -> F.gelu(in[0], "tanh"));
        m.put("sigmoid", in -> F.sigmoid(in[0]));
        m.put("sigmoid_ on a clone", in -> F.sigmoid_(in[0].clone()));
        m.put("tanh", in -> F.tanh(in[0]));
        m.put("tanh_ on a clone", in -> F.tanh_(in[0].clone()));
        m.put("softmax dim 1", in -> F.softmax(in[0], 1));
        m.put("softmax dim 0", in -> F.softmax(in[0], 0));
        m.put("logSoftmax dim 1", in -> F.logSoftmax(in[0], 1));
        m.put("Tensor pow 3", in -> in[0].pow(3));
        m.put("Tensor mm", in -> in[0].mm(in[0].t()));
        return m;
    }

    @TestFactory
    Stream<DynamicTest> passesOnActivations() {
        return unaryOps().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertTrue(Gradcheck.gradcheck(e.getValue(), x34().requiresGrad_()));
        }));
    }

    private static Map<String, Object[]> lossCases() {
        Tensor cls = Torch.tensor(new long[] {0, 3, -100});
        Tensor cls1 = Torch.tensor(new long[] {1, 2, 1});
        Tensor w = f64(new double[] {0.5, 1.0, 2.0, 0.25}, 4);
        Tensor binary = f64(new double[] {1, 0, 1, 0, 0, 1, 0.25, 0.5, 1, 1, 0, 0.75}, 3, 4);
        Tensor pw = f64(new double[] {3, 1, 0.5, 2}, 4);
        Map<String, Object[]> m = new LinkedHashMap<>();
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            m.put("crossEntropy " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.crossEntropy(in[0], in[1], r), cls});
            m.put("crossEntropy weight ignore smoothing " + r, new Object[] {(Function<Tensor[], Tensor>) in ->
                    F.crossEntropy(in[0], in[1], w, 1, r, 0.2), cls1});
            m.put("crossEntropy probabilities " + r, new Object[] {(Function<Tensor[], Tensor>) in ->
                    F.crossEntropy(in[0], in[1], w, F.DEFAULT_IGNORE_INDEX, r, 0.1), probs34()});
            m.put("nllLoss " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.nllLoss(in[0], in[1], w, -100, r), cls});
            m.put("mseLoss " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.mseLoss(in[0], in[1], r), y34()});
            m.put("l1Loss " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.l1Loss(in[0], in[1], r), y34()});
            m.put("smoothL1Loss " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.smoothL1Loss(in[0], in[1], r, 0.5), y34()});
            m.put("binaryCrossEntropy " + r, new Object[] {(Function<Tensor[], Tensor>) in ->
                    F.binaryCrossEntropy(F.sigmoid(in[0]), in[1], pw, r), binary});
            m.put("binaryCrossEntropyWithLogits " + r, new Object[] {(Function<Tensor[], Tensor>) in ->
                    F.binaryCrossEntropyWithLogits(in[0], in[1], pw, pw, r), binary});
            m.put("klDiv " + r, new Object[] {(Function<Tensor[], Tensor>) in -> F.klDiv(F.logSoftmax(in[0], 1), in[1], r), probs34()});
        }
        m.put("klDiv batchmean logTarget", new Object[] {(Function<Tensor[], Tensor>) in ->
                F.klDiv(F.logSoftmax(in[0], 1), in[1].log(), Reduction.BATCHMEAN, true), probs34()});
        return m;
    }

    @TestFactory
    Stream<DynamicTest> passesOnLossesWithTargetsPassedThrough() {
        return lossCases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            @SuppressWarnings("unchecked")
            Function<Tensor[], Tensor> fn = (Function<Tensor[], Tensor>) e.getValue()[0];
            assertTrue(Gradcheck.gradcheck(fn, x34().requiresGrad_(), (Tensor) e.getValue()[1]));
        }));
    }

    @Test
    void checksEveryInputThatRequiresGrad() {
        Tensor target = y34().requiresGrad_();
        assertTrue(Gradcheck.gradcheck(in -> F.mseLoss(in[0], in[1]), x34().requiresGrad_(), target));
        assertTrue(Gradcheck.gradcheck(in -> F.klDiv(in[0], in[1], Reduction.BATCHMEAN, false),
                x34().requiresGrad_(), probs34().requiresGrad_()));
    }

    @Test
    void failsWhenTheBackwardIsScaled() {
        // value x^2, but the graph only sees 2 * (x - x.detach()): gradient 2 instead of 2x
        Function<Tensor[], Tensor> wrong = in -> in[0].pow(2).detach().add(in[0].sub(in[0].detach()).mul(2.0));
        Tensor x = x34().requiresGrad_();
        Gradcheck.Failure f = assertThrows(Gradcheck.Failure.class, () -> Gradcheck.gradcheck(wrong, x));
        assertEquals(0, f.input);
        assertEquals(0, f.element);       // x[0,0] = 0.61: analytic 2, numerical 1.22
        assertEquals(2.0, f.analytic, 1e-12);
        assertEquals(1.22, f.numerical, 1e-6);
        assertTrue(f.getMessage().contains("input 0, element 0 (position [0, 0])"), f.getMessage());
        assertTrue(f instanceof AssertionError);
    }

    @Test
    void failsWhenTheBackwardIsDetachedAndNamesTheSecondInput() {
        // correct through the first input, cut off through the second: its analytic gradient is 0
        Function<Tensor[], Tensor> wrong = in -> in[0].mul(in[1].detach()).sum();
        Tensor a = x34().requiresGrad_();
        Tensor b = y34().requiresGrad_();
        Gradcheck.Failure f = assertThrows(Gradcheck.Failure.class, () -> Gradcheck.gradcheck(wrong, a, b));
        assertEquals(1, f.input);
        assertEquals(0, f.element);
        assertEquals(0.0, f.analytic);
        assertEquals(0.61, f.numerical, 1e-6);
        assertTrue(f.getMessage().contains("with respect to input 1, element 0"), f.getMessage());
    }

    @Test
    void failsOnALaterElementAndOnAFullyDetachedOutput() {
        // right everywhere except where x > 2 (element 7, x = 2.1): there the gradient is halved
        Function<Tensor[], Tensor> wrong = in -> {
            Tensor mask = in[0].detach().gt(2.0).toDouble();
            Tensor halfGrad = in[0].mul(mask).mul(0.5).add(in[0].mul(mask).detach().mul(0.5));
            return in[0].mul(mask.neg().add(1.0)).add(halfGrad).exp();
        };
        Gradcheck.Failure f = assertThrows(Gradcheck.Failure.class, () -> Gradcheck.gradcheck(wrong, x34().requiresGrad_()));
        assertEquals(7, f.element);
        assertTrue(f.getMessage().contains("position [1, 3]"), f.getMessage());

        Gradcheck.Failure g = assertThrows(Gradcheck.Failure.class,
                () -> Gradcheck.gradcheck(in -> in[0].tanh().detach(), x34().requiresGrad_()));
        assertEquals(0.0, g.analytic);
    }

    @Test
    void refusesFloat32AndInputsWithoutGrad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.gradcheck(in -> in[0].tanh(), Torch.ones(3).requiresGrad_()));
        assertTrue(e.getMessage().contains("input 0 requires grad but is torch.float32"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> Gradcheck.gradcheck(in -> in[0].tanh(), x34()));
        assertTrue(n.getMessage().contains("no input requires grad"), n.getMessage());
    }

    @Test
    void leavesTheInputsUnchangedAndLeaksNothing() {
        Tensor x = x34().requiresGrad_();
        Tensor before = x.detach().clone();
        long live = LiveTensors.settled();
        Gradcheck.gradcheck(in -> F.logSoftmax(in[0], 1), x);
        assertTrue(x.detach().equal(before));
        assertEquals(live, LiveTensors.settled());
    }
}
