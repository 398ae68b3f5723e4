package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/** Argument checks, dropout's training-only behaviour and memory of the recurrent layers (values: RNNFixtureTest). */
class RNNTest {
    private static <T extends Throwable> String message(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void inputWithTheWrongFeatureSizeIsRefusedNamingExpectedAndActual() {
        RNN rnn = new RNN(4, 3);
        String m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(5, 2, 7)));
        assertTrue(m.contains("input_size") && m.contains("Expected 4, got 7"), m);
        LSTM lstm = new LSTM(LSTM.options(4, 3).batchFirst(true));
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(2, 5, 3), null, null));
        assertTrue(m.startsWith("LSTM:") && m.contains("Expected 4, got 3"), m);
        GRU gru = new GRU(4, 3);
        m = message(IllegalArgumentException.class, () -> gru.forward(zeros(5, 6)));   // unbatched
        assertTrue(m.startsWith("GRU:") && m.contains("Expected 4, got 6"), m);
    }

    @Test
    void inputOfTheWrongRankIsRefused() {
        RNN rnn = new RNN(4, 3);
        String m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(1, 5, 2, 4)));
        assertTrue(m.contains("2-D (unbatched) or 3-D (batched)") && m.contains("got 4-D"), m);
        m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(4)));
        assertTrue(m.contains("got 1-D"), m);
        assertThrows(NullPointerException.class, () -> rnn.forward(null));
    }

    @Test
    void hiddenStateOfTheWrongShapeIsRefusedNamingExpectedAndActual() {
        RNN rnn = new RNN(4, 3, 2);
        String m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(5, 2, 4), zeros(1, 2, 3)));
        assertEquals("RNN: Expected hidden size (2, 2, 3), got [1, 2, 3]", m);
        GRU gru = new GRU(GRU.options(4, 3).bidirectional(true).batchFirst(true));
        m = message(IllegalArgumentException.class, () -> gru.forward(zeros(2, 5, 4), zeros(2, 5, 3)));
        assertEquals("GRU: Expected hidden size (2, 2, 3), got [2, 5, 3]", m);

        LSTM lstm = new LSTM(LSTM.options(4, 5).projSize(2));
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(5, 2, 4), zeros(1, 2, 5), zeros(1, 2, 5)));
        assertEquals("LSTM: Expected hidden[0] size (1, 2, 2), got [1, 2, 5]", m);
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(5, 2, 4), zeros(1, 2, 2), zeros(1, 2, 2)));
        assertEquals("LSTM: Expected hidden[1] size (1, 2, 5), got [1, 2, 2]", m);
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(5, 4), zeros(1, 3), zeros(1, 5)));
        assertTrue(m.contains("Expected hidden[0] size (1, 1, 2), got [1, 1, 3]"), m);
    }

    @Test
    void hiddenStateOfTheWrongRankOrAMissingCellStateIsRefused() {
        RNN rnn = new RNN(4, 3);
        String m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(5, 2, 4), zeros(2, 3)));
        assertEquals("RNN: for batched 3-D input, hx should also be 3-D but got 2-D tensor", m);
        m = message(IllegalArgumentException.class, () -> rnn.forward(zeros(5, 4), zeros(1, 1, 3)));
        assertEquals("RNN: for unbatched 2-D input, hx should also be 2-D but got 3-D tensor", m);
        LSTM lstm = new LSTM(4, 3);
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(5, 2, 4), zeros(1, 2, 3), zeros(2, 3)));
        assertEquals("LSTM: for batched 3-D input, hx and cx should also be 3-D but got (3-D, 2-D) tensors", m);
        m = message(IllegalArgumentException.class, () -> lstm.forward(zeros(5, 2, 4), zeros(1, 2, 3), null));
        assertTrue(m.contains("both initial states h0 and c0, or neither") && m.contains("h0 only"), m);
    }

    @Test
    void badOptionsAreRefused() {
        String m = message(IllegalArgumentException.class, () -> new RNN(RNN.options(4, 3).nonlinearity("sigmoid")));
        assertTrue(m.contains("Unknown nonlinearity 'sigmoid'"), m);
        m = message(IllegalArgumentException.class, () -> new LSTM(LSTM.options(4, 3).dropout(1.5)));
        assertTrue(m.contains("dropout should be a number in range [0, 1]") && m.contains("1.5"), m);
        m = message(IllegalArgumentException.class, () -> new GRU(GRU.options(4, 3).projSize(2)));
        assertTrue(m.contains("proj_size argument is only supported for LSTM"), m);
        m = message(IllegalArgumentException.class, () -> new LSTM(LSTM.options(4, 3).projSize(3)));
        assertTrue(m.contains("proj_size has to be smaller than hidden_size"), m);
        m = message(IllegalArgumentException.class, () -> new LSTM(LSTM.options(4, 3).nonlinearity("relu")));
        assertTrue(m.contains("nonlinearity is an option of RNN only"), m);
        m = message(IllegalArgumentException.class, () -> new GRU(4, 0));
        assertTrue(m.contains("hidden_size must be greater than zero, got 0"), m);
        m = message(IllegalArgumentException.class, () -> new RNN(4, 3, 0));
        assertTrue(m.contains("num_layers must be greater than zero, got 0"), m);
    }

    @Test
    void dropoutActsBetweenLayersInTrainingModeOnly() {
        manualSeed(0);
        GRU gru = new GRU(GRU.options(4, 8).numLayers(2).dropout(0.5));
        Tensor x = randn(6, 3, 4);
        gru.eval();
        Tensor a = gru.forward(x);
        assertTrue(a.equal(gru.forward(x)), "eval mode is deterministic");
        gru.train();
        Tensor t1 = gru.forward(x);
        Tensor t2 = gru.forward(x);
        assertFalse(t1.allclose(a), "training mode applies dropout");
        assertFalse(t1.allclose(t2), "each training forward draws a new mask");

        // with one layer there is no layer boundary: dropout does nothing, in training mode too
        LSTM one = new LSTM(LSTM.options(4, 3).dropout(0.5));
        Tensor y = one.forward(x);
        one.eval();
        assertTrue(y.equal(one.forward(x)));
    }

    @Test
    void singleInputForwardIsTheOutputFromZeroState() {
        manualSeed(1);
        LSTM lstm = new LSTM(LSTM.options(4, 3).bidirectional(true));
        Tensor x = randn(5, 2, 4);
        LSTM.Output r = lstm.forward(x, zeros(2, 2, 3), zeros(2, 2, 3));
        assertTrue(lstm.forward(x).equal(r.output()));
        assertEquals("torch.Size([5, 2, 6])", r.output().size().toString());
        assertEquals("torch.Size([2, 2, 3])", r.hN().size().toString());
        assertEquals("torch.Size([2, 2, 3])", r.cN().size().toString());
        // carrying the state over two halves equals one run over the whole sequence (one direction only)
        LSTM uni = new LSTM(4, 3);
        LSTM.Output whole = uni.forward(x, null, null);
        LSTM.Output first = uni.forward(x.narrow(0, 0, 2), null, null);
        LSTM.Output second = uni.forward(x.narrow(0, 2, 3), first.hN(), first.cN());
        assertTrue(second.output().allclose(whole.output().narrow(0, 2, 3), 1e-5, 1e-6));
        assertTrue(second.hN().allclose(whole.hN(), 1e-5, 1e-6));
    }

    @Test
    void weightsAreTheFlatListInPyTorchsOrderAndSurviveScopes() {
        RNN rnn;
        try (Scope s = Scope.open()) {
            rnn = new RNN(RNN.options(4, 3).numLayers(2).bidirectional(true).bias(false));
            rnn.forward(ones(2, 1, 4)).sum().backward();
        }
        assertEquals(rnn.parameters(), rnn.flatWeights());
        assertEquals(8, rnn.flatWeights().size());
        for (Parameter p : rnn.parameters()) {
            assertFalse(p.isReleased());
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertEquals("torch.Size([3, 6])", rnn.namedParameters().get("weight_ih_l1_reverse").size().toString());
        try (Scope s = Scope.open()) {
            rnn.forward(ones(2, 1, 4));
            assertTrue(s.size() > 0);
        }
    }

    @Test
    void defaultInitialisationIsBoundedByOneOverSqrtHidden() {
        manualSeed(3);
        LSTM lstm = new LSTM(LSTM.options(30, 100).numLayers(2));
        double bound = 1 / Math.sqrt(100);
        for (Parameter p : lstm.parameters()) {
            double max = p.abs().max().itemDouble();
            assertTrue(max <= bound && max > 0.95 * bound, "max |w| = " + max);
        }
        Tensor before = lstm.namedParameters().get("bias_hh_l1").clone();
        lstm.resetParameters();
        assertFalse(before.equal(lstm.namedParameters().get("bias_hh_l1")), "resetParameters draws new values");
    }

    @Test
    void dropoutPrintsAsPythonsFloatRepr() {
        assertEquals("0.5", PyRepr.of(0.5));
        assertEquals("1.0", PyRepr.of(1));
        assertEquals("0.0001", PyRepr.of(1e-4));
        assertEquals("1e-05", PyRepr.of(1e-5));
        assertEquals("2.5e-07", PyRepr.of(2.5e-7));
        assertEquals("0.3333333333333333", PyRepr.of(1 / 3.0));
        assertEquals("LSTM(10, 20, num_layers=2, batch_first=True, bidirectional=True)",
                new LSTM(LSTM.options(10, 20).numLayers(2).batchFirst(true).bidirectional(true)).toString());
    }
}
