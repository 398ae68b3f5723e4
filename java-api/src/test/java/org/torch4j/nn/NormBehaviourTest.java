package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/** Dropout statistics, init distributions, container behaviour and bad inputs of the normalisation layers. */
class NormBehaviourTest {

    // ---------------------------------------------------------------- dropout

    @Test
    void dropoutZeroesAboutPAndScalesTheRestByOneOverOneMinusP() {
        manualSeed(7);
        double p = 0.3;
        Tensor x = full(new long[] {200, 500}, 2.0);
        Dropout d = new Dropout(p);
        Tensor y = d.forward(x);
        double zeroFraction = y.eq(0.0).toDouble().mean().itemDouble();
        // 100000 Bernoulli draws: std of the fraction is sqrt(p(1-p)/n) ~ 0.0015
        assertEquals(p, zeroFraction, 0.01);
        Tensor kept = y.maskedSelect(y.ne(0.0));
        assertTrue(kept.eq(2.0 / (1 - p)).all().itemBoolean(), "kept values are x / (1 - p)");
        assertEquals(2.0, y.mean().itemDouble(), 0.05, "dropout keeps the expectation");

        d.eval();
        assertSame(x, d.forward(x), "eval: identity");
        assertSame(x, F.dropout(x, p, false));
    }

    @Test
    void dropout2dZeroesWholeChannels() {
        manualSeed(8);
        Tensor x = ones(50, 40, 3, 3);
        Tensor y = new Dropout2d(0.5).forward(x);
        Tensor perChannelMax = y.flatten(2, 3).max(2).values();
        Tensor perChannelMin = y.flatten(2, 3).min(2).values();
        assertTrue(perChannelMax.eq(perChannelMin).all().itemBoolean(), "each channel is all zero or all scaled");
        double zeroFraction = perChannelMax.eq(0.0).toDouble().mean().itemDouble();
        assertEquals(0.5, zeroFraction, 0.05);
        assertTrue(y.maskedSelect(y.ne(0.0)).eq(2.0).all().itemBoolean());
        Dropout2d d = new Dropout2d(0.5);
        d.eval();
        assertSame(x, d.forward(x));
    }

    @Test
    void dropoutInPlaceOverwritesItsInput() {
        manualSeed(9);
        Tensor x = ones(1000);
        Tensor y = new Dropout(0.5, true).forward(x);
        assertSame(x, y);
        assertTrue(x.eq(0.0).any().itemBoolean());
    }

    @Test
    void dropoutRefusesAProbabilityOutsideZeroOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertTrue(e.getMessage().contains("between 0 and 1, but got 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.dropout(ones(2), -0.1, true));
    }

    // ---------------------------------------------------------------- init distributions

    @Test
    void initBoundsAndStandardDeviations() {
        manualSeed(11);
        Tensor w = empty(300, 200);
        double a = Math.sqrt(6.0 / 500);
        Init.xavierUniform_(w);
        assertTrue(w.abs().max().itemDouble() <= a && w.abs().max().itemDouble() > 0.95 * a);
        assertEquals(Math.sqrt(2.0 / 500), Init.xavierNormal_(w).std().itemDouble(), 0.02 * Math.sqrt(2.0 / 500));
        double bound = Math.sqrt(2.0) * Math.sqrt(3.0 / 200);
        Init.kaimingUniform_(w, 0, "fan_in", "relu");
        assertTrue(w.abs().max().itemDouble() <= bound && w.abs().max().itemDouble() > 0.95 * bound);
        double std = Math.sqrt(2.0) / Math.sqrt(300);
        assertEquals(std, Init.kaimingNormal_(w, 0, "fan_out", "relu").std().itemDouble(), 0.02 * std);
        assertEquals(0.5, Init.normal_(w, 3, 0.5).std().itemDouble(), 0.01);
        assertEquals(3, w.mean().itemDouble(), 0.01);
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumns() {
        manualSeed(12);
        Tensor wide = Init.orthogonal_(empty(4, 9));
        assertTrue(mm(wide, wide.t()).allclose(eye(4), 1e-5, 1e-5), "rows orthonormal");
        Tensor tall = Init.orthogonal_(empty(9, 4), 3.0);
        assertTrue(mm(tall.t(), tall).allclose(eye(4).mul(9.0), 1e-4, 1e-4), "columns orthogonal with norm gain");
    }

    @Test
    void initRefusesWhatPyTorchRefuses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.kaimingNormal_(empty(3, 3), 0, "fan_avg", "relu"));
        assertTrue(e.getMessage().contains("Mode fan_avg not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.kaimingUniform_(empty(3, 3), 0, "fan_in", "softmax"));
        assertTrue(e.getMessage().contains("unsupported nonlinearity softmax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform_(empty(5)));
        assertTrue(e.getMessage().contains("fewer than 2 dimensions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.eye_(empty(2, 2, 2)));
        assertTrue(e.getMessage().contains("2-dimensional"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.orthogonal_(empty(4)));
        assertTrue(e.getMessage().contains("2 or more dimensions"), e.getMessage());
    }

    @Test
    void initDoesNotRecordGradients() {
        Parameter p = new Parameter(empty(3, 3));
        Init.orthogonal_(p);
        Init.kaimingNormal_(p);
        assertTrue(p.isLeaf());
        assertEquals(null, p.gradFn());
    }

    // ---------------------------------------------------------------- batch norm state

    @Test
    void batchNormBuffersKeepTheirIdentityAndRoundTripThroughStateDict() {
        BatchNorm2d bn = new BatchNorm2d(3);
        Tensor rm = bn.runningMean;
        bn.forward(randn(4, 3, 2, 2));
        bn.forward(randn(4, 3, 2, 2));
        assertSame(rm, bn.namedBuffers().get("running_mean"));
        assertEquals(2, bn.numBatchesTracked.itemLong());
        assertEquals(DType.INT64, bn.numBatchesTracked.dtype());
        BatchNorm2d copy = new BatchNorm2d(3);
        copy.loadStateDict(bn.stateDict());
        assertTrue(copy.runningVar.equal(bn.runningVar));
        assertEquals(2, copy.numBatchesTracked.itemLong());
        bn.eval();
        copy.eval();
        Tensor x = randn(2, 3, 2, 2);
        assertTrue(bn.forward(x).equal(copy.forward(x)));
        bn.resetRunningStats();
        assertTrue(bn.runningMean.equal(zeros(3)) && bn.runningVar.equal(ones(3)));
        assertEquals(0, bn.numBatchesTracked.itemLong());
    }

    @Test
    void evalModeLeavesRunningStatsAlone() {
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.eval();
        bn.forward(randn(5, 2));
        assertTrue(bn.runningMean.equal(zeros(2)));
        assertEquals(0, bn.numBatchesTracked.itemLong());
    }

    // ---------------------------------------------------------------- containers

    @Test
    void sequentialChainsAndNamesChildrenByIndex() {
        Linear a = new Linear(3, 4);
        Sequential s = new Sequential(a, new Identity(), new LayerNorm(4));
        assertEquals(List.of("0", "1", "2"), List.copyOf(s.namedChildren().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.stateDict().keySet()));
        Tensor x = randn(2, 3);
        assertTrue(s.forward(x).allclose(F.layerNorm(a.forward(x), 4), 1e-6, 1e-6));
        assertSame(a, s.get(0));
        assertEquals(3, s.size());
        s.add(new Flatten());
        assertEquals("3", List.copyOf(s.namedChildren().keySet()).get(3));
        s.eval();
        assertFalse(a.isTraining());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> s.get(4));
        assertTrue(e.getMessage().contains("index 4 is out of range"), e.getMessage());
    }

    @Test
    void sequentialFromANamedMapAndModuleDictKeepOrder() {
        java.util.LinkedHashMap<String, Module> named = new java.util.LinkedHashMap<>();
        named.put("fc", new Linear(2, 2));
        named.put("act", new Identity());
        Sequential s = new Sequential(named);
        assertEquals("Sequential(\n  (fc): Linear(in_features=2, out_features=2, bias=True)\n  (act): Identity()\n)", s.toString());
        ModuleDict d = new ModuleDict(named);
        assertEquals(List.of("fc", "act"), List.copyOf(d.keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.get("nope"));
        assertTrue(e.getMessage().contains("no key 'nope'"), e.getMessage());
    }

    @Test
    void moduleListAndParameterListRegisterByIndex() {
        ModuleList l = new ModuleList(new Linear(2, 3));
        l.addAll(List.of(new Linear(3, 1, false)));
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(l.namedParameters().keySet()));
        l.set(1, new Linear(3, 2, false));
        assertEquals(6, l.get(-1).numParameters());
        ParameterList pl = new ParameterList(new Parameter(ones(2)));
        pl.add(new Parameter(zeros(2, 2)));
        assertEquals(List.of("0", "1"), List.copyOf(pl.namedParameters().keySet()));
        assertEquals(6, pl.numParameters());
        assertThrows(UnsupportedOperationException.class, () -> l.forward(ones(1)));
    }

    @Test
    void flattenUnflattenRoundTrip() {
        Tensor x = randn(2, 3, 4, 5);
        Tensor flat = new Flatten().forward(x);
        assertEquals(size(2, 60), flat.size());
        assertTrue(new Unflatten(1, 3, -1, 5).forward(flat).equal(x));
        assertEquals(size(24, 5), new Flatten(0, 2).forward(x).size());
    }

    private static org.torch4j.Shape size(long... d) {
        return org.torch4j.Shape.of(d);
    }

    // ---------------------------------------------------------------- bad inputs

    @Test
    void batchNorm2dWithTheWrongNumberOfChannelsNamesBoth() {
        BatchNorm2d bn = new BatchNorm2d(32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(randn(2, 3, 8, 8)));
        assertTrue(e.getMessage().contains("BatchNorm2d expected input with 32 channels"), e.getMessage());
        assertTrue(e.getMessage().contains("got 3 channels"), e.getMessage());
        assertEquals(0, bn.numBatchesTracked.itemLong(), "a refused input does not count as a batch");
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(randn(2, 32, 8)));
        assertTrue(e.getMessage().contains("expected 4D input (got 3D input)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(randn(1, 3)));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
    }

    @Test
    void layerNormShapeMismatchIsRefused() {
        LayerNorm ln = new LayerNorm(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ln.forward(randn(2, 3)));
        assertEquals("Given normalized_shape=[4], expected input with shape [*, 4], but got input of size torch.Size([2, 3])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.layerNorm(randn(2, 3), new long[] {3}, ones(4), null, 1e-5));
        assertTrue(e.getMessage().contains("weight and bias must have the normalized shape [3]"), e.getMessage());
    }

    @Test
    void groupNormRefusesIndivisibleChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertTrue(e.getMessage().contains("num_channels must be divisible by num_groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(2, 6).forward(randn(2, 4, 3)));
        assertTrue(e.getMessage().contains("expected input with 6 channels"), e.getMessage());
    }

    @Test
    void embeddingIndexOutOfRangeNamesTheIndex() {
        Embedding emb = new Embedding(10, 3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> emb.forward(tensor(new long[] {1, 10, 2})));
        assertEquals("embedding index 10 is out of range for 10 embeddings (valid indices 0..9)", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> emb.forward(tensor(new long[] {-1})));
        assertTrue(e.getMessage().contains("index -1 is out of range"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> emb.forward(tensor(new float[] {1f})));
        assertTrue(f.getMessage().contains("int64 or int32"), f.getMessage());
        f = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 2, 5L));
        assertTrue(f.getMessage().contains("Padding_idx must be within num_embeddings"), f.getMessage());
    }

    @Test
    void oneHotRefusesNegativeIndices() {
        TorchException e = assertThrows(TorchException.class, () -> F.oneHot(tensor(new long[] {0, -1, 2}), 3));
        assertTrue(e.getMessage().contains("Class values must be non-negative"), e.getMessage());
        e = assertThrows(TorchException.class, () -> F.oneHot(tensor(new long[] {0, 3}), 3));
        assertTrue(e.getMessage().contains("Class values must be smaller than num_classes"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> F.oneHot(tensor(new int[] {1}), 3));
        assertTrue(f.getMessage().contains("int64"), f.getMessage());
    }

    @Test
    void bilinearRefusesMismatchedInputs() {
        Bilinear b = new Bilinear(3, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.forward(randn(5, 3), randn(5, 3)));
        assertTrue(e.getMessage().contains("last dimensions 3 and 2"), e.getMessage());
    }

    @Test
    void pythonReprOfFloats() {
        assertEquals("1e-05", PyRepr.of(1e-5));
        assertEquals("0.1", PyRepr.of(0.1));
        assertEquals("0.0001", PyRepr.of(1e-4));
        assertEquals("1.0", PyRepr.of(1));
        assertEquals("1.5e-07", PyRepr.of(1.5e-7));
        assertEquals("1e+16", PyRepr.of(1e16));
        assertEquals("123456.0", PyRepr.of(123456));
        assertEquals("(10,)", PyRepr.tuple(new long[] {10}));
        assertEquals("(2, 3)", PyRepr.tuple(new long[] {2, 3}));
    }
}
