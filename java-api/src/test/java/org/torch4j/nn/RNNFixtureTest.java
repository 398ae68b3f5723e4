package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Fixtures;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * RNN, LSTM and GRU against PyTorch 1.13 (fixtures/nn/rnn.txt, written by src/test/python/gen_rnn.py):
 * the same weights and input give the same output, final states and gradients of a scalar loss with
 * respect to the input, the initial states and every weight; parameter names, shapes and printing
 * equal PyTorch's; the default initialisation with a seed equals PyTorch's.
 */
class RNNFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/nn/rnn.txt");

    static RNNBase build(Fixtures.Case c) {
        Fixtures.Params p = new Fixtures.Params(c.get("options"));
        RNNOptions o = new RNNOptions(p.l("input_size"), p.l("hidden_size")).numLayers(p.l("num_layers")).bias(p.b("bias"))
                .batchFirst(p.b("batch_first")).dropout(p.d("dropout")).bidirectional(p.b("bidirectional"));
        switch (c.get("kind")) {
            case "RNN":
                return new RNN(o.nonlinearity(p.str("nonlinearity")));
            case "LSTM":
                return new LSTM(o.projSize(p.l("proj_size")));
            case "GRU":
                return new GRU(o);
            default:
                throw new IllegalArgumentException("unknown kind " + c.get("kind"));
        }
    }

    /** The {@code <name> <tensor>} lines of {@code key}, in order. */
    private static Map<String, Tensor> named(Fixtures.Case c, String key) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String line : c.all(key)) {
            int sp = line.indexOf(' ');
            out.put(line.substring(0, sp), Fixtures.tensor(line.substring(sp + 1)));
        }
        return out;
    }

    private static Tensor opt(Fixtures.Case c, String key) {
        return c.all(key).isEmpty() ? null : Fixtures.tensor(c.get(key));
    }

    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertNotNull(actual, what + " is missing");
        assertEquals(expected.size(), actual.size(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        boolean f64 = expected.dtype() == DType.FLOAT64;
        double rtol = f64 ? 1e-9 : 1e-5;
        double atol = f64 ? 1e-12 : 1e-6;
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            double tol = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs(a[i] - e[i]) <= tol)) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", PyTorch has " + e[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> forwardAndGradientsMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Fixtures.Case c : CASES) {
            if (!c.all("input").isEmpty()) {
                tests.add(DynamicTest.dynamicTest(c.name, () -> checkForward(c)));
            }
        }
        assertTrue(tests.size() >= 20, "forward cases: " + tests.size());
        return tests.stream();
    }

    private static void checkForward(Fixtures.Case c) {
        RNNBase m = build(c);
        Map<String, Tensor> params = named(c, "param");
        assertEquals(List.copyOf(params.keySet()), List.copyOf(m.namedParameters().keySet()), "parameter names");
        DType dtype = params.values().iterator().next().dtype();
        m.to(dtype);
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
                assertEquals(params.get(p.getKey()).size(), p.getValue().size(), p.getKey() + ": shape");
                p.getValue().copy_(params.get(p.getKey()));
            }
        }
        m.train(Fixtures.parseBool(c.get("train").equals("true") ? "True" : "False"));

        Tensor input = Fixtures.tensor(c.get("input")).requiresGrad_();
        Tensor h0 = opt(c, "h0");
        Tensor c0 = opt(c, "c0");
        if (h0 != null) {
            h0.requiresGrad_();
        }
        if (c0 != null) {
            c0.requiresGrad_();
        }
        Tensor output;
        Tensor hN;
        Tensor cN = null;
        if (m instanceof LSTM) {
            LSTM.Output r = ((LSTM) m).forward(input, h0, c0);
            output = r.output();
            hN = r.hN();
            cN = r.cN();
        } else if (m instanceof GRU) {
            GRU.Output r = ((GRU) m).forward(input, h0);
            output = r.output();
            hN = r.hN();
        } else {
            RNN.Output r = ((RNN) m).forward(input, h0);
            output = r.output();
            hN = r.hN();
        }
        assertClose("output", Fixtures.tensor(c.get("output")), output);
        assertClose("h_n", Fixtures.tensor(c.get("hn")), hN);
        if (m instanceof LSTM) {
            assertClose("c_n", Fixtures.tensor(c.get("cn")), cN);
        }

        Tensor loss = output.mul(Fixtures.tensor(c.get("wo"))).sum().add(hN.mul(Fixtures.tensor(c.get("wh"))).sum());
        if (cN != null) {
            loss = loss.add(cN.mul(Fixtures.tensor(c.get("wc"))).sum());
        }
        loss.backward();
        assertClose("grad of input", Fixtures.tensor(c.get("grad_input")), input.grad());
        if (h0 != null) {
            assertClose("grad of h0", Fixtures.tensor(c.get("grad_h0")), h0.grad());
        }
        if (c0 != null) {
            assertClose("grad of c0", Fixtures.tensor(c.get("grad_c0")), c0.grad());
        }
        Map<String, Tensor> grads = named(c, "grad");
        assertEquals(params.size(), grads.size());
        for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
            assertClose("grad of " + p.getKey(), grads.get(p.getKey()), p.getValue().grad());
        }
    }

    @TestFactory
    Stream<DynamicTest> printsLikePyTorch() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> assertEquals(c.get("repr"), build(c).toString())));
    }

    @TestFactory
    Stream<DynamicTest> parameterNamesAndShapesEqualPyTorchs() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            List<String> expected = new ArrayList<>();
            for (String line : c.all("param")) {
                String[] tok = line.split(" ", 4);
                expected.add(tok[0] + " " + Fixtures.shape(tok[2]).length + " " + tok[2]);
            }
            for (String line : c.all("shape")) {
                String[] tok = line.split(" ");
                expected.add(tok[0] + " " + Fixtures.shape(tok[1]).length + " " + tok[1]);
            }
            assertTrue(!expected.isEmpty());
            List<String> actual = new ArrayList<>();
            for (Map.Entry<String, Parameter> p : build(c).namedParameters().entrySet()) {
                String shape = p.getValue().size().toString().replace("torch.Size(", "").replace(")", "").replace(" ", "");
                actual.add(p.getKey() + " " + p.getValue().dim() + " " + shape);
            }
            assertEquals(expected, actual);
        }));
    }

    @TestFactory
    Stream<DynamicTest> defaultInitialisationWithASeedEqualsPyTorchs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Fixtures.Case c : CASES) {
            if (!c.all("seed").isEmpty()) {
                tests.add(DynamicTest.dynamicTest(c.name, () -> {
                    Torch.manualSeed(Long.parseLong(c.get("seed")));
                    RNNBase m = build(c);
                    Map<String, Tensor> expected = named(c, "param");
                    assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.namedParameters().keySet()));
                    for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
                        Tensor e = expected.get(p.getKey());
                        assertEquals(DType.FLOAT32, p.getValue().dtype());
                        assertTrue(e.equal(p.getValue().detach()), p.getKey() + " differs from PyTorch's:\n" + e + "\n"
                                + p.getValue());
                    }
                }));
            }
        }
        assertEquals(4, tests.size());
        return tests.stream();
    }
}
