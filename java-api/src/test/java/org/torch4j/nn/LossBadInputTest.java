package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/** Bad inputs to losses and activations: refused in Java with messages that name the problem. */
class LossBadInputTest {
    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void crossEntropyTargetClassOutOfRange() {
        Tensor logits = zeros(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(logits, tensor(new long[] {0, 4, 1})));
        assertMessage(e, "target class 4", "4 classes");
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, tensor(new long[] {0, -1, 1})));
        assertMessage(neg, "target class -1", "4 classes");
        IllegalArgumentException nll = assertThrows(IllegalArgumentException.class,
                () -> F.nllLoss(logits, tensor(new long[] {7, 0, 1})));
        assertMessage(nll, "nllLoss", "target class 7", "4 classes");
        // the ignore index is not a class, and may lie outside the range
        assertEquals(0, F.crossEntropy(logits, tensor(new long[] {-100, -100, 2}), Reduction.NONE).narrow(0, 0, 2)
                .abs().sum().itemDouble());
    }

    @Test
    void outOfRangeClassesAreNamedForEveryShapeReductionAndOption() {
        // On the CPU LibTorch's kernels find these and torch4j then names the class: 4-d input (nll_loss2d),
        // no reduction, label smoothing, class weights, uint8 targets.
        Tensor spatial = tensor(new long[] {0, 1, 2, 3, 0, 1, 2, 0}).view(2, 2, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(zeros(2, 3, 2, 2), spatial)),
                "crossEntropy", "target class 3", "3 classes");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> F.nllLoss(zeros(2, 3, 2, 2), spatial, Reduction.NONE)), "nllLoss", "target class 3");
        Tensor nine = tensor(new long[] {0, 9, 1});
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), nine, null, -100, Reduction.SUM, 0.1)), "target class 9", "4 classes");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), nine, ones(4), -100, Reduction.NONE, 0)), "target class 9");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), tensor(new byte[] {0, 9, 1}))), "target class 9");
    }

    @Test
    void aFailureThatIsNotAClassOutOfRangeKeepsLibTorchsMessage() {
        TorchException e = assertThrows(TorchException.class, () -> F.crossEntropy(zeros(3, 4), tensor(new int[] {0, 1, 2})));
        assertMessage(e, "expected scalar type Long but found Int");
    }

    @Test
    void crossEntropyTargetShapeAndWeightShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), tensor(new long[] {0, 1})));
        assertMessage(e, "torch.Size([2])", "torch.Size([3, 4])");
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), zeros(3, 5)));
        assertMessage(p, "class-probability targets", "torch.Size([3, 4])", "torch.Size([3, 5])");
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), tensor(new long[] {0, 1, 2}), ones(3), -100, Reduction.MEAN, 0));
        assertMessage(w, "weight", "[4]", "torch.Size([3])");
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(zeros(3, 4), tensor(new long[] {0, 1, 2}), null, -100, Reduction.MEAN, 1.5));
        assertMessage(s, "labelSmoothing", "1.5");
    }

    @Test
    void mseLossShapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.mseLoss(zeros(4, 1), zeros(4)));
        assertMessage(e, "mseLoss", "torch.Size([4, 1])", "torch.Size([4])");
        assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(zeros(2, 3), zeros(3, 2)));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> F.l1Loss(zeros(2), zeros(3))), "l1Loss");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> F.binaryCrossEntropyWithLogits(zeros(2), zeros(2, 1))), "torch.Size([2, 1])");
    }

    @Test
    void badReductionNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reduction.of("avg"));
        assertMessage(e, "'avg'", "'mean', 'sum' or 'none'");
        assertThrows(IllegalArgumentException.class, () -> Reduction.of("MEAN"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> F.mseLoss(zeros(2), zeros(2), Reduction.BATCHMEAN));
        assertMessage(b, "mseLoss", "batchmean", "only klDiv");
        assertThrows(IllegalArgumentException.class, () -> F.mseLoss(zeros(2), zeros(2), null));
        assertEquals(Reduction.BATCHMEAN, Reduction.of("batchmean"));
        assertEquals("sum", Reduction.of("sum").toString());
    }

    @Test
    void binaryCrossEntropyInputOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.binaryCrossEntropy(tensor(0.5f, 1.25f), tensor(1f, 0f)));
        assertMessage(e, "between 0 and 1", "1.25");
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> new BCELoss().forward(tensor(-0.5f, 0.25f), tensor(1f, 0f)));
        assertMessage(n, "between 0 and 1", "-0.5");
    }

    @Test
    void badActivationOptions() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> F.gelu(zeros(2), "erf")), "'none' or 'tanh'", "'erf'");
        assertThrows(IllegalArgumentException.class, () -> new GELU("fast"));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> F.smoothL1Loss(zeros(2), zeros(2), Reduction.MEAN, -1)),
                "beta", "-1");
    }

    @Test
    void lossModulesRefuseSingleInputForwardAndKeepWeightsAsBuffers() {
        Loss l = new CrossEntropyLoss(CrossEntropyLoss.options().weight(ones(4)));
        assertThrows(UnsupportedOperationException.class, () -> l.forward(zeros(2, 4)));
        assertEquals(java.util.List.of("weight"), java.util.List.copyOf(l.stateDict().keySet()));
        assertEquals(java.util.List.of("weight", "pos_weight"),
                java.util.List.copyOf(new BCEWithLogitsLoss(ones(2), ones(2), Reduction.SUM).stateDict().keySet()));
        assertTrue(new MSELoss().stateDict().isEmpty());
        assertEquals(0, new ReLU().numParameters());
    }

    @Test
    void activationModulesComputeLikeF() {
        Tensor x = tensor(-1f, 0.5f, 2f);
        assertTrue(new LeakyReLU(0.2).forward(x).equal(F.leakyRelu(x, 0.2)));
        assertTrue(new Softmax(0).forward(x).equal(F.softmax(x, 0)));
        Tensor y = x.clone();
        Tensor r = new ReLU(true).forward(y);
        assertTrue(r == y, "inplace ReLU returns its input");
        assertEquals("tensor([0.0000, 0.5000, 2.0000])", y.toString());
    }
}
