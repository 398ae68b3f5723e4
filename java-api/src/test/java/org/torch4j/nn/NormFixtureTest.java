package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.torch4j.Torch.*;

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
import org.torch4j.Fixtures.Case;
import org.torch4j.Fixtures.Params;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * Normalisation, dropout, embedding, containers and nn.init against PyTorch 1.13
 * ({@code fixtures/nn/norm.txt}, written by {@code src/test/python/gen_norm.py}).
 */
class NormFixtureTest {
    static final List<Case> CASES = Fixtures.load("fixtures/nn/norm.txt");

    static Stream<Case> kind(String k) {
        return CASES.stream().filter(c -> c.get("kind").equals(k));
    }

    static boolean has(Params p, String key) {
        try {
            p.str(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Params params(Case c) {
        String p = c.get("params");
        return new Params(p.equals("none") ? "" : p);
    }

    /** Exact dtype and shape; values within rtol/atol (float32 1e-5/1e-6, float64 1e-9/1e-12), integers exactly. */
    static void assertTensor(String what, String expectedSpec, Tensor actual) {
        Tensor e = Fixtures.tensor(expectedSpec);
        assertNotNull(actual, what + ": no tensor");
        assertEquals(e.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(e.size(), actual.size(), what + ": shape");
        if (!e.dtype().isFloatingPoint()) {
            assertTrue(e.equal(actual), what + ": expected " + e + " got " + actual);
            return;
        }
        double rtol = e.dtype() == DType.FLOAT64 ? 1e-9 : 1e-5;
        double atol = e.dtype() == DType.FLOAT64 ? 1e-12 : 1e-6;
        double[] ev = e.toDouble().toDoubleArray();
        double[] av = actual.detach().toDouble().contiguous().toDoubleArray();
        for (int i = 0; i < ev.length; i++) {
            if (!(Math.abs(ev[i] - av[i]) <= atol + rtol * Math.abs(ev[i]))) {
                fail(what + ": element " + i + " expected " + ev[i] + " got " + av[i]);
            }
        }
    }

    static Tensor in(Case c, int i) {
        return Fixtures.tensor(c.all("in").get(i));
    }

    /** "name <tensor spec>" lines as a map. */
    static Map<String, String> named(Case c, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : c.all(key)) {
            int sp = line.indexOf(' ');
            out.put(line.substring(0, sp), line.substring(sp + 1));
        }
        return out;
    }

    // ---------------------------------------------------------------- functional

    @TestFactory
    Stream<DynamicTest> functional() {
        return kind("func").map(c -> DynamicTest.dynamicTest(c.name, () -> runFunc(c)));
    }

    private static void runFunc(Case c) {
        Params p = params(c);
        Map<String, String> grads = named(c, "grad");
        List<Tensor> ins = new ArrayList<>();
        for (int i = 0; i < c.all("in").size(); i++) {
            Tensor t = in(c, i);
            if (grads.containsKey(Integer.toString(i))) {
                t.requiresGrad_(true);
            }
            ins.add(t);
        }
        List<Tensor> outs = new ArrayList<>();
        switch (c.get("op")) {
            case "batch_norm_train": {
                Tensor rm = ins.get(1).clone(), rv = ins.get(2).clone();
                outs.add(F.batchNorm(ins.get(0), rm, rv, ins.get(3), ins.get(4), true, p.d("momentum"), p.d("eps")));
                outs.add(rm);
                outs.add(rv);
                break;
            }
            case "batch_norm_eval":
                outs.add(F.batchNorm(ins.get(0), ins.get(1), ins.get(2), ins.get(3), ins.get(4), false, p.d("momentum"), p.d("eps")));
                break;
            case "batch_norm_plain":
                outs.add(F.batchNorm(ins.get(0), null, null, null, null, true, 0.1, p.d("eps")));
                break;
            case "layer_norm":
                outs.add(F.layerNorm(ins.get(0), p.longs("shape"), ins.get(1), ins.get(2), p.d("eps")));
                break;
            case "layer_norm_plain":
                outs.add(F.layerNorm(ins.get(0), p.longs("shape")));
                break;
            case "group_norm":
                outs.add(F.groupNorm(ins.get(0), p.l("groups"), ins.get(1), ins.get(2), p.d("eps")));
                break;
            case "group_norm_plain":
                outs.add(F.groupNorm(ins.get(0), p.l("groups")));
                break;
            case "embedding":
                outs.add(F.embedding(ins.get(0), ins.get(1)));
                break;
            case "embedding_pad":
                outs.add(F.embedding(ins.get(0), ins.get(1), p.l("padding")));
                break;
            case "one_hot":
                outs.add(p.l("classes") == -1 ? F.oneHot(ins.get(0)) : F.oneHot(ins.get(0), p.l("classes")));
                break;
            case "dropout":
                outs.add(F.dropout(ins.get(0), p.d("p"), p.b("train")));
                break;
            default:
                throw new IllegalStateException("unknown op " + c.get("op"));
        }
        List<String> expected = c.all("out");
        assertEquals(expected.size(), outs.size(), "number of outputs");
        for (int i = 0; i < outs.size(); i++) {
            assertTensor("output " + i, expected.get(i), outs.get(i));
        }
        if (!grads.isEmpty()) {
            outs.get(0).mul(Fixtures.tensor(c.get("gout"))).sum().backward();
            for (Map.Entry<String, String> g : grads.entrySet()) {
                assertTensor("grad of input " + g.getKey(), g.getValue(), ins.get(Integer.parseInt(g.getKey())).grad());
            }
        }
    }

    // ---------------------------------------------------------------- modules

    static Module build(String spec, Params p) {
        switch (spec) {
            case "BatchNorm2d":
            case "BatchNorm1d": {
                double eps = has(p, "eps") ? p.d("eps") : 1e-5;
                Double momentum = !has(p, "momentum") ? Double.valueOf(0.1) : p.str("momentum").equals("None") ? null : Double.valueOf(p.d("momentum"));
                boolean affine = !has(p, "affine") || p.b("affine");
                boolean track = !has(p, "track") || p.b("track");
                return spec.equals("BatchNorm2d") ? new BatchNorm2d(p.l("features"), eps, momentum, affine, track)
                        : new BatchNorm1d(p.l("features"), eps, momentum, affine, track);
            }
            case "LayerNorm":
                return new LayerNorm(p.longs("shape"));
            case "GroupNorm":
                return new GroupNorm(p.l("groups"), p.l("channels"));
            case "Bilinear":
                return new Bilinear(p.l("in1"), p.l("in2"), p.l("out"));
            case "Dropout":
                return new Dropout(p.d("p"));
            case "Dropout2d":
                return new Dropout2d(p.d("p"));
            case "Flatten":
                return new Flatten();
            case "Unflatten":
                return new Unflatten(p.i("dim"), p.longs("sizes"));
            case "Identity":
                return new Identity();
            case "Embedding":
                return has(p, "padding") ? new Embedding(p.l("num"), p.l("dim"), p.l("padding"))
                        : new Embedding(p.l("num"), p.l("dim"));
            default:
                throw new IllegalStateException("unknown module " + spec);
        }
    }

    static void setParams(Module m, Case c) {
        Map<String, Parameter> own = m.namedParameters();
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Map.Entry<String, String> s : named(c, "set").entrySet()) {
                own.get(s.getKey()).copy_(Fixtures.tensor(s.getValue()));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> modules() {
        return kind("module").map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Module m = build(c.get("module"), params(c));
            setParams(m, c);
            m.train();
            List<String> steps = c.all("step");
            List<String> stepOuts = c.all("stepout");
            for (int i = 0; i < steps.size(); i++) {
                assertTensor("training step " + i, stepOuts.get(i), m.forward(Fixtures.tensor(steps.get(i))));
            }
            Map<String, String> buffers = named(c, "buffer");
            assertEquals(List.copyOf(buffers.keySet()), List.copyOf(m.namedBuffers().keySet()), "buffer names");
            for (Map.Entry<String, String> b : buffers.entrySet()) {
                assertTensor("buffer " + b.getKey(), b.getValue(), m.namedBuffers().get(b.getKey()));
            }
            if (Fixtures.parseBool(capital(c.get("eval")))) {
                m.eval();
            }
            List<Tensor> ins = new ArrayList<>();
            for (int i = 0; i < c.all("in").size(); i++) {
                ins.add(in(c, i).requiresGrad_(true));
            }
            Tensor y = ins.size() == 2 ? ((Bilinear) m).forward(ins.get(0), ins.get(1)) : m.forward(ins.get(0));
            assertTensor("output", c.get("out"), y);
            y.mul(Fixtures.tensor(c.get("gout"))).sum().backward();
            Map<String, String> grads = named(c, "grad");
            Map<String, Parameter> ps = m.namedParameters();
            assertEquals(grads.size(), ins.size() + ps.size(), "gradients listed");
            for (Map.Entry<String, String> g : grads.entrySet()) {
                Tensor actual = g.getKey().startsWith("input") ? ins.get(Integer.parseInt(g.getKey().substring(5))).grad()
                        : ps.get(g.getKey()).grad();
                assertTensor("grad of " + g.getKey(), g.getValue(), actual);
            }
        }));
    }

    private static String capital(String b) {
        return b.equals("true") ? "True" : "False";
    }

    @TestFactory
    Stream<DynamicTest> embeddingModule() {
        return kind("embedding").map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Embedding e = (Embedding) build("Embedding", params(c));
            setParams(e, c);
            Tensor y = e.forward(in(c, 0));
            assertTensor("output", c.get("out"), y);
            y.mul(Fixtures.tensor(c.get("gout"))).sum().backward();
            assertTensor("grad of weight", named(c, "grad").get("weight"), e.weight.grad());
        }));
    }

    // ---------------------------------------------------------------- printing and keys

    static Module reprModule(String name) {
        switch (name) {
            case "repr_bn2d": return new BatchNorm2d(32);
            case "repr_bn1d_options": return new BatchNorm1d(10, 1e-3, null, false, false);
            case "repr_layernorm": return new LayerNorm(10);
            case "repr_layernorm_2d": return new LayerNorm(new long[] {3, 4}, 1e-6, false);
            case "repr_groupnorm": return new GroupNorm(2, 6);
            case "repr_dropout": return new Dropout();
            case "repr_dropout_inplace": return new Dropout(0.25, true);
            case "repr_dropout2d": return new Dropout2d(0.2);
            case "repr_embedding": return new Embedding(10, 3);
            case "repr_embedding_pad": return new Embedding(10, 3, 0L);
            case "repr_flatten": return new Flatten();
            case "repr_unflatten": return new Unflatten(1, 2, 5);
            case "repr_identity": return new Identity();
            case "repr_bilinear": return new Bilinear(20, 30, 40);
            case "repr_sequential":
                return new Sequential(new Linear(784, 200), new BatchNorm1d(200), new Dropout(0.5), new Linear(200, 10));
            case "repr_sequential_empty": return new Sequential();
            case "repr_modulelist": return new ModuleList(new Linear(2, 2), new Identity());
            case "repr_parameterlist": return new ParameterList(new Parameter(ones(3, 4)), new Parameter(ones(3)));
            case "repr_net": return new Net();
            default: throw new IllegalStateException("no Java module for " + name);
        }
    }

    /** The Python model of gen_norm.py, field for field. */
    static class Net extends Module {
        final Embedding emb = new Embedding(10, 4, 0L);
        final Sequential features = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new Dropout(0.1), new Flatten());
        final ModuleList blocks = new ModuleList(new LayerNorm(8), new GroupNorm(2, 8));
        final ModuleDict heads = new ModuleDict().put("a", new Linear(8, 2)).put("b", new Bilinear(8, 8, 3));
        final ParameterList scales = new ParameterList(new Parameter(ones(2)), new Parameter(zeros(3)));
        final BatchNorm2d bn_nostats = new BatchNorm2d(3, 1e-5, 0.1, true, false);
        final BatchNorm2d bn_noaffine = new BatchNorm2d(3, 1e-5, 0.1, false, true);
        final Dropout2d drop2d = new Dropout2d();
    }

    @TestFactory
    Stream<DynamicTest> printing() {
        return kind("repr").map(c -> DynamicTest.dynamicTest(c.name, () -> assertEquals(c.body, reprModule(c.name).toString())));
    }

    @TestFactory
    Stream<DynamicTest> stateDictKeys() {
        return kind("keys").map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Net net = new Net();
            assertEquals(List.of(c.get("state").split(" ")), List.copyOf(net.stateDict().keySet()));
            assertEquals(List.of(c.get("params").split(" ")), List.copyOf(net.namedParameters().keySet()));
            assertEquals(List.of(c.get("buffers").split(" ")), List.copyOf(net.namedBuffers().keySet()));
            // and the state dict loads back into a fresh model, buffers included
            Net other = new Net();
            net.features.get(1).namedBuffers().get("running_mean").fill_(0.5);
            other.loadStateDict(net.stateDict());
            assertTrue(other.features.get(1).namedBuffers().get("running_mean").equal(full(new long[] {8}, 0.5)));
        }));
    }

    // ---------------------------------------------------------------- initialisation

    static Tensor runInit(Case c) {
        Params p = params(c);
        long[] shape = Fixtures.shape("[" + c.get("shape") + "]");
        manualSeed(Long.parseLong(c.get("seed")));
        Tensor t = empty(shape);
        switch (c.get("fn")) {
            case "uniform": return Init.uniform_(t, p.d("a"), p.d("b"));
            case "normal": case "normal_small": return Init.normal_(t, p.d("mean"), p.d("std"));
            case "constant": return Init.constant_(t, p.d("value"));
            case "zeros": return Init.zeros_(t);
            case "ones": return Init.ones_(t);
            case "eye": return Init.eye_(t);
            case "xavier_uniform": return Init.xavierUniform_(t, p.d("gain"));
            case "xavier_normal": return Init.xavierNormal_(t, p.d("gain"));
            case "kaiming_uniform": return Init.kaimingUniform_(t, p.d("a"), p.str("mode"), p.str("nl"));
            case "kaiming_normal": return Init.kaimingNormal_(t, p.d("a"), p.str("mode"), p.str("nl"));
            case "orthogonal": return Init.orthogonal_(t, p.d("gain"));
            default: throw new IllegalStateException("unknown init " + c.get("fn"));
        }
    }

    @TestFactory
    Stream<DynamicTest> initSameValuesAsPyTorchForTheSameSeed() {
        return kind("init").map(c -> DynamicTest.dynamicTest(c.name, () -> assertTensor(c.name, c.get("out"), runInit(c))));
    }

    @TestFactory
    Stream<DynamicTest> layerInitSameValuesAsPyTorchForTheSameSeed() {
        return kind("layerinit").map(c -> DynamicTest.dynamicTest(c.name, () -> {
            manualSeed(Long.parseLong(c.get("seed")));
            Module m = build(c.get("module"), params(c));
            Map<String, String> expected = named(c, "param");
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.namedParameters().keySet()));
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertTensor(e.getKey(), e.getValue(), m.namedParameters().get(e.getKey()));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> seededDropoutMask() {
        return kind("dropout_seeded").map(c -> DynamicTest.dynamicTest(c.name, () -> {
            manualSeed(Long.parseLong(c.get("seed")));
            Tensor d = F.dropout(ones(8, 10), Double.parseDouble(c.get("p")), true);
            assertTensor("dropout mask", c.get("out"), d);
        }));
    }
}
