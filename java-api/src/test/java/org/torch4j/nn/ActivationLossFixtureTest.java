package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.Fixtures;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Activations and losses (F and modules) against PyTorch 1.13 for the cases in {@code fixtures/nn/act_loss.txt}
 * (written by {@code src/test/python/gen_act_loss.py}): forward values, the gradients of the differentiated
 * inputs for the recorded output gradient, exact dtypes and shapes; and module printing.
 */
class ActivationLossFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/nn/act_loss.txt");

    /** A case's {@code k=v} parameters, most of them optional (PyTorch's keyword defaults apply when absent). */
    private static final class Params {
        private final Map<String, String> map = new HashMap<>();

        Params(String line) {
            for (String kv : line.trim().split(" ")) {
                if (!kv.isEmpty()) {
                    map.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
        }

        boolean has(String key) {
            return map.containsKey(key);
        }

        String str(String key) {
            String v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException("missing parameter " + key + " in " + map);
            }
            return v;
        }

        int i(String key) {
            return Integer.parseInt(str(key));
        }

        long l(String key) {
            return Long.parseLong(str(key));
        }

        double d(String key) {
            return Fixtures.parseDouble(str(key));
        }

        boolean b(String key) {
            return Boolean.parseBoolean(str(key));
        }
    }

    private interface Op {
        Tensor run(Params p, Tensor[] in);
    }

    private static final Map<String, Op> OPS = new HashMap<>();
    private static final Map<String, Supplier<Module>> MODULES = new HashMap<>();

    private static Reduction red(Params p) {
        return p.has("reduction") ? Reduction.of(p.str("reduction")) : Reduction.MEAN;
    }

    private static Tensor opt(Tensor[] in, int i) {
        return in.length > i && in[i].numel() > 0 ? in[i] : null;
    }

    static {
        OPS.put("relu", (p, in) -> F.relu(in[0]));
        OPS.put("relu_", (p, in) -> F.relu_(in[0].clone()));
        OPS.put("leaky_relu", (p, in) -> p.has("slope") ? F.leakyRelu(in[0], p.d("slope")) : F.leakyRelu(in[0]));
        OPS.put("leaky_relu_", (p, in) -> F.leakyRelu_(in[0].clone(), p.d("slope")));
        OPS.put("elu", (p, in) -> p.has("alpha") ? F.elu(in[0], p.d("alpha")) : F.elu(in[0]));
        OPS.put("elu_", (p, in) -> F.elu_(in[0].clone(), p.d("alpha")));
        OPS.put("gelu", (p, in) -> p.has("approximate") ? F.gelu(in[0], p.str("approximate")) : F.gelu(in[0]));
        OPS.put("sigmoid", (p, in) -> F.sigmoid(in[0]));
        OPS.put("sigmoid_", (p, in) -> F.sigmoid_(in[0].clone()));
        OPS.put("tanh", (p, in) -> F.tanh(in[0]));
        OPS.put("tanh_", (p, in) -> F.tanh_(in[0].clone()));
        OPS.put("softmax", (p, in) -> F.softmax(in[0], p.i("dim")));
        OPS.put("log_softmax", (p, in) -> F.logSoftmax(in[0], p.i("dim")));
        OPS.put("cross_entropy", (p, in) -> {
            long ignore = p.has("ignore_index") ? p.l("ignore_index") : F.DEFAULT_IGNORE_INDEX;
            double smoothing = p.has("label_smoothing") ? p.d("label_smoothing") : 0.0;
            if (opt(in, 2) == null && ignore == F.DEFAULT_IGNORE_INDEX && smoothing == 0.0) {
                return p.has("reduction") ? F.crossEntropy(in[0], in[1], red(p)) : F.crossEntropy(in[0], in[1]);
            }
            return F.crossEntropy(in[0], in[1], opt(in, 2), ignore, red(p), smoothing);
        });
        OPS.put("nll_loss", (p, in) -> {
            long ignore = p.has("ignore_index") ? p.l("ignore_index") : F.DEFAULT_IGNORE_INDEX;
            if (opt(in, 2) == null && ignore == F.DEFAULT_IGNORE_INDEX) {
                return p.has("reduction") ? F.nllLoss(in[0], in[1], red(p)) : F.nllLoss(in[0], in[1]);
            }
            return F.nllLoss(in[0], in[1], opt(in, 2), ignore, red(p));
        });
        OPS.put("mse_loss", (p, in) -> p.has("reduction") ? F.mseLoss(in[0], in[1], red(p)) : F.mseLoss(in[0], in[1]));
        OPS.put("l1_loss", (p, in) -> p.has("reduction") ? F.l1Loss(in[0], in[1], red(p)) : F.l1Loss(in[0], in[1]));
        OPS.put("smooth_l1_loss", (p, in) -> p.has("beta") || p.has("reduction")
                ? F.smoothL1Loss(in[0], in[1], red(p), p.has("beta") ? p.d("beta") : 1.0)
                : F.smoothL1Loss(in[0], in[1]));
        OPS.put("binary_cross_entropy", (p, in) -> opt(in, 2) != null
                ? F.binaryCrossEntropy(in[0], in[1], in[2], red(p))
                : p.has("reduction") ? F.binaryCrossEntropy(in[0], in[1], red(p)) : F.binaryCrossEntropy(in[0], in[1]));
        OPS.put("binary_cross_entropy_with_logits", (p, in) -> in.length > 2
                ? F.binaryCrossEntropyWithLogits(in[0], in[1], opt(in, 2), opt(in, 3), red(p))
                : p.has("reduction") ? F.binaryCrossEntropyWithLogits(in[0], in[1], red(p))
                : F.binaryCrossEntropyWithLogits(in[0], in[1]));
        OPS.put("kl_div", (p, in) -> p.has("log_target")
                ? F.klDiv(in[0], in[1], red(p), p.b("log_target"))
                : p.has("reduction") ? F.klDiv(in[0], in[1], red(p)) : F.klDiv(in[0], in[1]));

        MODULES.put("ReLU", ReLU::new);
        MODULES.put("ReLU_inplace", () -> new ReLU(true));
        MODULES.put("LeakyReLU", LeakyReLU::new);
        MODULES.put("LeakyReLU_0.2_inplace", () -> new LeakyReLU(0.2, true));
        MODULES.put("LeakyReLU_1e-5", () -> new LeakyReLU(1e-5));
        MODULES.put("ELU", ELU::new);
        MODULES.put("ELU_0.5_inplace", () -> new ELU(0.5, true));
        MODULES.put("GELU", GELU::new);
        MODULES.put("GELU_tanh", () -> new GELU("tanh"));
        MODULES.put("Sigmoid", Sigmoid::new);
        MODULES.put("Tanh", Tanh::new);
        MODULES.put("Softmax_1", () -> new Softmax(1));
        MODULES.put("Softmax_-1", () -> new Softmax(-1));
        MODULES.put("LogSoftmax_1", () -> new LogSoftmax(1));
        MODULES.put("CrossEntropyLoss", CrossEntropyLoss::new);
        MODULES.put("CrossEntropyLoss_options", () -> new CrossEntropyLoss(
                CrossEntropyLoss.options().ignoreIndex(0).labelSmoothing(0.1).reduction(Reduction.SUM)));
        MODULES.put("NLLLoss", NLLLoss::new);
        MODULES.put("MSELoss", MSELoss::new);
        MODULES.put("L1Loss", L1Loss::new);
        MODULES.put("SmoothL1Loss", SmoothL1Loss::new);
        MODULES.put("BCELoss", BCELoss::new);
        MODULES.put("BCEWithLogitsLoss", BCEWithLogitsLoss::new);
        MODULES.put("KLDivLoss", KLDivLoss::new);
    }

    @TestFactory
    Stream<DynamicTest> opsMatchPyTorch() {
        List<Fixtures.Case> ops = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Fixtures.Case c : CASES) {
            if (c.all("op").size() == 1) {
                ops.add(c);
                distinct.add(c.get("op"));
            }
        }
        assertEquals(OPS.keySet(), distinct, "every mapped op has fixtures and every fixture op is mapped");
        assertTrue(ops.size() >= 100, "only " + ops.size() + " op cases");
        return ops.stream().map(c -> DynamicTest.dynamicTest(c.name + " [" + c.get("op") + "]", () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> modulesPrintLikePyTorch() {
        List<Fixtures.Case> reprs = new ArrayList<>();
        for (Fixtures.Case c : CASES) {
            if (c.all("module").size() == 1) {
                reprs.add(c);
            }
        }
        assertEquals(MODULES.keySet(), new HashSet<>(reprs.stream().map(c -> c.get("module")).toList()));
        return reprs.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            assertEquals(c.body, MODULES.get(c.get("module")).get().toString());
        }));
    }

    private static void check(Fixtures.Case c) {
        String label = c.name + " [" + c.get("op") + "]";
        Op op = OPS.get(c.get("op"));
        assertNotNull(op, label + ": no mapping");
        try (Scope scope = Scope.open()) {
            List<String> specs = c.all("in");
            Tensor[] in = new Tensor[specs.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = Fixtures.tensor(specs.get(i));
            }
            String gradSpec = c.get("grad");
            int[] gradIdx = gradSpec.isEmpty() ? new int[0] : Arrays.stream(gradSpec.split(",")).mapToInt(Integer::parseInt).toArray();
            Tensor[] wrt = new Tensor[gradIdx.length];
            for (int k = 0; k < gradIdx.length; k++) {
                wrt[k] = in[gradIdx[k]].requiresGrad_();
            }
            Tensor y = op.run(new Params(c.get("params")), in);
            List<String> out = c.all("out");
            assertEquals(1 + gradIdx.length, out.size(), label + ": outputs");
            compare(label + " forward", out.get(0), y);
            if (gradIdx.length > 0) {
                Tensor[] g = Autograd.grad(new Tensor[] {y}, wrt, new Tensor[] {Fixtures.tensor(c.get("gout"))}, false, false);
                for (int k = 0; k < g.length; k++) {
                    compare(label + " grad of input " + gradIdx[k], out.get(1 + k), g[k]);
                }
            }
        }
    }

    /** {@code <dtype> <shape> rtol=r,atol=a <values...>}: dtype and shape exactly, values within tolerance. */
    static void compare(String what, String spec, Tensor t) {
        String[] tok = spec.trim().split(" ");
        assertEquals(tok[0], t.dtype().pyName(), what + ": dtype");
        assertArrayEquals(Fixtures.shape(tok[1]), t.size().toArray(), what + ": shape " + t.size());
        String[] tol = tok[2].split(",");
        double rtol = Double.parseDouble(tol[0].substring("rtol=".length()));
        double atol = Double.parseDouble(tol[1].substring("atol=".length()));
        double[] a = t.toDouble().contiguous().toDoubleArray();
        assertEquals(tok.length - 3, a.length, what + ": numel");
        for (int i = 0; i < a.length; i++) {
            double e = Fixtures.parseDouble(tok[3 + i]);
            boolean ok = Double.isNaN(e) ? Double.isNaN(a[i])
                    : Double.isInfinite(e) ? a[i] == e : Math.abs(a[i] - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                fail(what + ": element " + i + " is " + a[i] + ", PyTorch gives " + e + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }
}
