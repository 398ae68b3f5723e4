package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

class ModuleTest {
    static class Mlp extends Module {
        final Linear fc1 = new Linear(3, 4);
        final Linear fc2 = new Linear(4, 2, false);

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(F.relu(fc1.forward(x)));
        }
    }

    @Test
    void fieldsRegisterUnderTheirNamesInDeclarationOrder() {
        Mlp m = new Mlp();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of("", "fc1", "fc2"), List.copyOf(m.namedModules().keySet()));
        assertEquals(3 * 4 + 4 + 4 * 2, m.numParameters());
        assertEquals("Mlp(\n  (fc1): Linear(in_features=3, out_features=4, bias=True)\n"
                + "  (fc2): Linear(in_features=4, out_features=2, bias=False)\n)", m.toString());
    }

    @Test
    void parametersAreLeavesThatRequireGradAndOutliveScopes() {
        Mlp m;
        try (Scope s = Scope.open()) {
            m = new Mlp();
        }
        for (Parameter p : m.parameters()) {
            assertTrue(p.requiresGrad());
            assertTrue(p.isLeaf());
            assertFalse(p.isReleased());
        }
        Tensor y = m.forward(ones(5, 3));
        assertEquals("torch.Size([5, 2])", y.size().toString());
        assertEquals("MmBackward0", y.gradFn());
        assertEquals("AddmmBackward0", m.fc1.forward(ones(5, 3)).gradFn());
    }

    @Test
    void linearInitialisationIsBoundedByOneOverSqrtFanIn() {
        manualSeed(0);
        Linear l = new Linear(256, 200);
        double bound = 1 / Math.sqrt(256);
        assertTrue(l.weight.abs().max().itemDouble() <= bound);
        assertTrue(l.weight.abs().max().itemDouble() > 0.9 * bound);
        assertTrue(l.bias.abs().max().itemDouble() <= bound);
    }

    @Test
    void backwardZeroGradAndTrainEval() {
        Mlp m = new Mlp();
        m.forward(ones(2, 3)).sum().backward();
        assertTrue(m.fc1.weight.grad() != null);
        m.zeroGrad();
        assertNull(m.fc1.weight.grad());
        m.eval();
        assertFalse(m.fc1.isTraining());
        m.train();
        assertTrue(m.fc2.isTraining());
    }

    @Test
    void stateDictRoundTripsAndRefusesMismatchesWithoutChangingTheModel() {
        Mlp a = new Mlp();
        Mlp b = new Mlp();
        Map<String, Tensor> state = a.stateDict();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight"), List.copyOf(state.keySet()));
        b.loadStateDict(state);
        assertTrue(b.fc1.weight.equal(a.fc1.weight));

        Tensor before = b.fc1.bias.clone();
        Map<String, Tensor> bad = new java.util.LinkedHashMap<>(state);
        bad.put("fc1.bias", zeros(5));
        bad.put("extra", zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(bad));
        assertTrue(e.getMessage().contains("Unexpected key(s) in state_dict: \"extra\""), e.getMessage());
        assertTrue(e.getMessage().contains("size mismatch for fc1.bias: copying a param with shape torch.Size([5])"
                + " from checkpoint, the shape in current model is torch.Size([4])."), e.getMessage());
        assertTrue(b.fc1.bias.equal(before), "model changed by a refused load");

        Map<String, Tensor> partial = new java.util.LinkedHashMap<>(state);
        partial.remove("fc2.weight");
        assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(partial));
        assertEquals(List.of("fc2.weight"), b.loadStateDict(partial, false).missingKeys());
    }

    @Test
    void toDTypeConvertsInPlace() {
        Mlp m = new Mlp();
        Parameter w = m.fc1.weight;
        m.to(DType.FLOAT64);
        assertSame(w, m.fc1.weight);
        assertEquals(DType.FLOAT64, w.dtype());
        assertEquals(DType.FLOAT64, m.forward(ones(new long[] {1, 3}, DType.FLOAT64)).dtype());
    }

    @Test
    void parameterPrintsLikePyTorch() {
        assertEquals("Parameter containing:\ntensor([1., 1.], requires_grad=True)", new Parameter(ones(2)).toString());
    }
}
