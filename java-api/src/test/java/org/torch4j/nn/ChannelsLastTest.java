package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.serialization.TorchFiles;

/**
 * Channels-last: exact NHWC strides (also for one channel, where LibTorch's own conversion keeps NCHW strides),
 * and a model in channels-last computing what the same model computes in NCHW, forward, backward and over
 * optimizer steps, with its state saved and loaded with strides and values intact.
 */
class ChannelsLastTest {
    /** Max |a - b| over max |b|: float kernels in another layout sum in another order. */
    private static double relDiff(Tensor a, Tensor b) {
        assertEquals(b.size(), a.size());
        double scale = b.abs().max().itemDouble();
        double diff = a.sub(b).abs().max().itemDouble();
        return scale == 0 ? diff : diff / scale;
    }

    @Test
    void oneChannelGetsRealNhwcStrides() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3, 1, 5, 7);
            // The trap this API avoids: LibTorch leaves a one-channel tensor in NCHW strides.
            long[] libtorch = Tensor.wrap(x.unwrap().contiguous(
                    org.bytedeco.pytorch.global.torch.MemoryFormat.ChannelsLast)).stride();
            assertArrayEquals(new long[] {35, 35, 7, 1}, libtorch);
            Tensor cl = x.contiguous(MemoryFormat.CHANNELS_LAST);
            assertArrayEquals(new long[] {35, 1, 7, 1}, cl.stride());
            assertTrue(cl.isContiguous(MemoryFormat.CHANNELS_LAST));
            assertFalse(x.isContiguous(MemoryFormat.CHANNELS_LAST));
            assertTrue(cl.equal(x));
            assertArrayEquals(new long[] {35, 1, 7, 1}, x.to(MemoryFormat.CHANNELS_LAST).stride());
            // the conv1 weight of the lecture's net
            assertArrayEquals(new long[] {25, 1, 5, 1}, new Conv2d(1, 32, 5).weight.to(MemoryFormat.CHANNELS_LAST).stride());
        }
    }

    @Test
    void manyChannelsAndBack() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(2, 3, 4, 5);
            Tensor cl = x.to(MemoryFormat.CHANNELS_LAST);
            assertArrayEquals(new long[] {60, 1, 15, 3}, cl.stride());
            assertTrue(cl.equal(x));
            assertFalse(cl.isContiguous());
            Tensor back = cl.contiguous(MemoryFormat.CONTIGUOUS);
            assertArrayEquals(new long[] {60, 20, 5, 1}, back.stride());
            assertTrue(back.equal(x));
            assertArrayEquals(new long[] {60, 1, 15, 3}, cl.to(MemoryFormat.PRESERVE).stride());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray()); // read back in logical order
        }
    }

    @Test
    void alreadyChannelsLastSharesTheData() {
        try (Scope s = Scope.open()) {
            Tensor cl = Torch.randn(2, 3, 4, 5).to(MemoryFormat.CHANNELS_LAST);
            Tensor again = cl.contiguous(MemoryFormat.CHANNELS_LAST);
            assertEquals(cl.unwrap().data_ptr().address(), again.unwrap().data_ptr().address());
            again.close();
            assertFalse(cl.isReleased()); // a reference of its own
            assertEquals(cl.unwrap().data_ptr().address(),
                    cl.to(MemoryFormat.PRESERVE).unwrap().data_ptr().address());
        }
    }

    @Test
    void refusesWhatHasNoChannelsLastLayout() {
        try (Scope s = Scope.open()) {
            Tensor x3 = Torch.randn(2, 3, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> x3.contiguous(MemoryFormat.CHANNELS_LAST));
            assertTrue(e.getMessage().contains("4-D") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> x3.to(MemoryFormat.CHANNELS_LAST));
            assertFalse(x3.isContiguous(MemoryFormat.CHANNELS_LAST));
            assertThrows(IllegalArgumentException.class, () -> x3.contiguous(MemoryFormat.PRESERVE));
        }
    }

    @Test
    void gradientsFlowThroughTheConversion() {
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(2, 1, 3, 3).requiresGrad_();
            Tensor w = Torch.randn(2, 1, 3, 3);
            x.to(MemoryFormat.CHANNELS_LAST).mul(w).sum().backward();
            assertTrue(x.grad().equal(w));
        }
    }

    /**
     * A Conv2d + BatchNorm2d + MaxPool2d model; the convolutions have no bias, as before batch norm in ResNets:
     * batch norm cancels a bias, so its gradient is 0 plus rounding noise that no layout reproduces.
     */
    private static Sequential convBnPool() {
        return new Sequential(new Conv2d(Conv2d.options(3, 8, 3).bias(false)), new BatchNorm2d(8), new ReLU(),
                new MaxPool2d(2), new Conv2d(Conv2d.options(8, 16, 3).bias(false)), new BatchNorm2d(16), new ReLU(), new Flatten(), new Linear(16 * 3 * 3, 10));
    }

    private static void assertSameModelsBothWays(Function<Void, Module> make, long[] inputShape) {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(7);
            Module nchw = make.apply(null);
            Torch.manualSeed(7);
            Module nhwc = make.apply(null);
            assertSame(nhwc, nhwc.to(MemoryFormat.CHANNELS_LAST));
            for (Map.Entry<String, Parameter> p : nhwc.namedParameters().entrySet()) {
                if (p.getValue().dim() == 4) {
                    assertTrue(p.getValue().isContiguous(MemoryFormat.CHANNELS_LAST), p.getKey());
                }
            }
            Tensor x = Torch.randn(inputShape);
            Tensor targets = Torch.randint(0, 10, inputShape[0]);
            Tensor outA = nchw.forward(x);
            Tensor outB = nhwc.forward(x.to(MemoryFormat.CHANNELS_LAST));
            assertTrue(relDiff(outB, outA) < 1e-5, "forward differs by " + relDiff(outB, outA));
            F.crossEntropy(outA, targets).backward();
            F.crossEntropy(outB, targets).backward();
            Map<String, Parameter> pa = nchw.namedParameters();
            for (Map.Entry<String, Parameter> p : nhwc.namedParameters().entrySet()) {
                double d = relDiff(p.getValue().grad(), pa.get(p.getKey()).grad());
                assertTrue(d < 1e-5, p.getKey() + ".grad differs by " + d);
            }
        }
    }

    @Test
    void convBatchNormPoolModelComputesTheSameInChannelsLast() {
        assertSameModelsBothWays(v -> convBnPool(), new long[] {4, 3, 12, 12});
    }

    @Test
    void oneChannelConvModelComputesTheSameInChannelsLast() {
        // the lecture's MNIST layout: one input channel, pool 3 then 2, fc 256 -> 10
        assertSameModelsBothWays(v -> new Sequential(new Conv2d(1, 32, 5), new MaxPool2d(3), new ReLU(),
                new Conv2d(32, 64, 5), new MaxPool2d(2), new ReLU(), new Flatten(), new Linear(256, 10)),
                new long[] {8, 1, 28, 28});
    }

    private static float[] trainSteps(Module model, Optimizer opt, List<Tensor> inputs, Tensor targets) {
        float[] losses = new float[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                Tensor loss = F.crossEntropy(model.forward(inputs.get(i)), targets);
                loss.backward();
                opt.step();
                losses[i] = loss.itemFloat();
            }
        }
        return losses;
    }

    private static void assertSameTrainingBothWays(Function<Module, Optimizer> optimizer, boolean optimizerFirst) {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(3);
            Module nchw = convBnPool();
            Torch.manualSeed(3);
            Module nhwc = convBnPool();
            Optimizer optA = optimizer.apply(nchw);
            Optimizer optB;
            if (optimizerFirst) {
                optB = optimizer.apply(nhwc);
                nhwc.to(MemoryFormat.CHANNELS_LAST);
            } else {
                nhwc.to(MemoryFormat.CHANNELS_LAST);
                optB = optimizer.apply(nhwc);
            }
            Tensor targets = Torch.randint(0, 10, 6);
            List<Tensor> xs = List.of(Torch.randn(6, 3, 12, 12), Torch.randn(6, 3, 12, 12), Torch.randn(6, 3, 12, 12),
                    Torch.randn(6, 3, 12, 12), Torch.randn(6, 3, 12, 12));
            List<Tensor> xsCl = xs.stream().map(x -> x.to(MemoryFormat.CHANNELS_LAST)).toList();
            float[] a = trainSteps(nchw, optA, xs, targets);
            float[] b = trainSteps(nhwc, optB, xsCl, targets);
            assertTrue(a[a.length - 1] < a[0], "the model learns: " + java.util.Arrays.toString(a));
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5 * Math.abs(a[i]), "loss of step " + i);
            }
            Map<String, Parameter> pa = nchw.namedParameters();
            for (Map.Entry<String, Parameter> p : nhwc.namedParameters().entrySet()) {
                if (p.getValue().dim() == 4) {
                    assertTrue(p.getValue().isContiguous(MemoryFormat.CHANNELS_LAST), p.getKey() + " kept NHWC strides");
                }
                double d = relDiff(p.getValue(), pa.get(p.getKey()));
                assertTrue(d < 1e-5, p.getKey() + " differs by " + d);
            }
        }
    }

    @Test
    void sgdStepsGiveTheSameLossesBothWays() {
        assertSameTrainingBothWays(m -> new SGD(m.parameters(), 0.1), false);
    }

    @Test
    void momentumOptimizerMadeBeforeTheConversionKeepsWorking() {
        assertSameTrainingBothWays(m -> new SGD(m.parameters(), SGD.options(0.05).momentum(0.9)), true);
    }

    @Test
    void adamStepsGiveTheSameLossesBothWays() {
        assertSameTrainingBothWays(m -> new Adam(m.parameters(), Adam.options(1e-3)), false);
    }

    @Test
    void moduleBackToContiguousAndPreserve() {
        try (Scope s = Scope.open()) {
            Conv2d conv = new Conv2d(2, 4, 3);
            float[] before = conv.weight.toFloatArray();
            conv.to(MemoryFormat.PRESERVE);
            assertArrayEquals(new long[] {18, 9, 3, 1}, conv.weight.stride());
            conv.to(MemoryFormat.CHANNELS_LAST);
            assertArrayEquals(new long[] {18, 1, 6, 2}, conv.weight.stride());
            assertTrue(conv.weight.requiresGrad() && conv.weight.isLeaf());
            assertArrayEquals(new long[] {1}, conv.bias.stride()); // other ranks left alone
            conv.to(MemoryFormat.CONTIGUOUS);
            assertArrayEquals(new long[] {18, 9, 3, 1}, conv.weight.stride());
            assertArrayEquals(before, conv.weight.toFloatArray());
            Conv2d one = new Conv2d(1, 4, 3).to(MemoryFormat.CHANNELS_LAST) instanceof Conv2d c ? c : null;
            assertArrayEquals(new long[] {9, 1, 3, 1}, one.weight.stride());
        }
    }

    @Test
    void savedChannelsLastStateLoadsBackWithStridesAndValues(@TempDir Path dir) {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(5);
            Module model = convBnPool().to(MemoryFormat.CHANNELS_LAST);
            Path f = dir.resolve("cl.pt");
            TorchFiles.save(model.stateDict(), f);
            Map<String, Tensor> loaded = TorchFiles.loadStateDict(f);
            Map<String, Tensor> own = model.stateDict();
            assertEquals(own.keySet(), loaded.keySet());
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor l = loaded.get(e.getKey());
                assertArrayEquals(e.getValue().stride(), l.stride(), e.getKey());
                assertTrue(l.equal(e.getValue()), e.getKey());
            }
            Module fresh = convBnPool();
            fresh.loadStateDict(loaded);
            fresh.eval();
            model.eval();
            Tensor x = Torch.randn(2, 3, 12, 12);
            assertTrue(relDiff(fresh.forward(x), model.forward(x.to(MemoryFormat.CHANNELS_LAST))) < 1e-5);
        }
    }
}
