package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.fromArray;
import static org.torch4j.Torch.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.glue.NativeMemory;
import org.torch4j.internal.PyRepr;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.utils.ClipGrad;

/** Optimizer behaviour beyond the PyTorch fixtures: gradients, groups, state dicts, memory and bad input. */
class OptimizerTest {

    private static Parameter param(double... values) {
        return new Parameter(tensor(values));
    }

    /** Gives {@code p} the gradient {@code g} (d/dp sum(p * g) = g). */
    private static void setGrad(Tensor p, double... g) {
        try (Scope s = Scope.open()) {
            p.mul(tensor(g)).sum().backward();
        }
    }

    // ------------------------------------------------------------------ zeroGrad and skipping

    @Test
    void zeroGradDropsGradientsAndZeroGradFalseZeroesThem() {
        Parameter a = param(1, 2);
        Parameter b = param(3);
        SGD opt = new SGD(List.of(a, b), 0.1);
        setGrad(a, 0.5, -0.5);
        setGrad(b, 2);
        opt.zeroGrad(false);
        assertArrayEquals(new double[] {0, 0}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {0}, b.grad().toDoubleArray());
        assertFalse(a.grad().requiresGrad());
        opt.zeroGrad();
        assertNull(a.grad());
        assertNull(b.grad());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndGetNoState() {
        Parameter a = param(1, 2);
        Parameter b = param(3);
        Adam opt = new Adam(List.of(a, b), 0.1);
        setGrad(a, 1, 1);
        opt.step();
        assertArrayEquals(new double[] {3}, b.toDoubleArray());
        assertTrue(opt.state(b).isEmpty());
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(opt.state(a).keySet()));
        Map<?, ?> state = (Map<?, ?>) opt.stateDict().get("state");
        assertEquals(List.of(0), List.copyOf(state.keySet()));

        opt.zeroGrad();
        double[] before = a.toDoubleArray();
        opt.step(); // no gradients at all: nothing moves
        assertArrayEquals(before, a.toDoubleArray());
    }

    @Test
    void sgdStepIsPlainGradientDescent() {
        Parameter w = param(1, 2, 3);
        SGD opt = new SGD(List.of(w), 0.1);
        setGrad(w, 10, 20, 30);
        opt.step();
        assertArrayEquals(new double[] {0, 0, 0}, w.toDoubleArray(), 1e-6);
        assertFalse(w.grad() == null, "step leaves the gradient");
        assertTrue(w.requiresGrad());
        assertTrue(w.isLeaf());
        assertNull(w.gradFn(), "the update is not recorded");
        assertNull(opt.state(w).get("momentum_buffer"));
        assertTrue(opt.state(w).containsKey("momentum_buffer"), "PyTorch keeps momentum_buffer: None");
    }

    @Test
    void closureIsEvaluatedWithGradAndItsLossReturned() {
        Parameter w = param(2);
        SGD opt = new SGD(List.of(w), 0.25);
        Tensor loss;
        try (var noGrad = org.torch4j.Autograd.noGrad()) {
            loss = opt.step(() -> {
                opt.zeroGrad();
                Tensor l = w.pow(2L).sum();
                l.backward();
                return l;
            });
        }
        assertEquals(4.0, loss.itemDouble());
        assertEquals(1.0, w.toDoubleArray()[0], 1e-7); // 2 - 0.25 * 4
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupsTakeDefaultsForWhatTheyDoNotSet() {
        Parameter a = param(1);
        Parameter b = param(1);
        Parameter c = param(1);
        SGD opt = new SGD(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).lr(0.01).set("momentum", 0.5)),
                SGD.options(0.1).momentum(0.9));
        assertEquals(0.1, opt.paramGroups().get(0).lr());
        assertEquals(0.9, opt.paramGroups().get(0).getDouble("momentum"));
        assertEquals(0.01, opt.paramGroups().get(1).lr());
        assertEquals(0.5, opt.paramGroups().get(1).getDouble("momentum"));
        assertEquals(List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
                "differentiable"), List.copyOf(opt.paramGroups().get(0).options().keySet()));

        opt.addParamGroup(ParamGroup.of(List.of(c), SGD.options(0.3)));
        assertEquals(0.3, opt.paramGroups().get(2).lr());
        assertEquals(0.0, opt.paramGroups().get(2).getDouble("momentum"));

        for (Parameter p : List.of(a, b, c)) {
            setGrad(p, 1);
        }
        opt.step();
        assertEquals(0.9, a.toDoubleArray()[0], 1e-7);
        assertEquals(0.99, b.toDoubleArray()[0], 1e-7);
        assertEquals(0.7, c.toDoubleArray()[0], 1e-7);

        List<?> groups = (List<?>) opt.stateDict().get("param_groups");
        assertEquals(List.of(0), ((Map<?, ?>) groups.get(0)).get("params"));
        assertEquals(List.of(1), ((Map<?, ?>) groups.get(1)).get("params"));
        assertEquals(List.of(2), ((Map<?, ?>) groups.get(2)).get("params"));
    }

    @Test
    void changingAGroupsLrTakesEffectAtTheNextStep() {
        Parameter w = param(1);
        SGD opt = new SGD(List.of(w), 0.1);
        opt.paramGroups().get(0).lr(0.5);
        setGrad(w, 1);
        opt.step();
        assertEquals(0.5, w.toDoubleArray()[0], 1e-7);
    }

    @Test
    void theGivenGroupIsCopied() {
        ParamGroup spec = ParamGroup.of(List.of(param(1))).lr(0.2);
        SGD opt = new SGD(List.of(spec), SGD.options(0.1));
        assertFalse(spec.has("momentum"), "the caller's group is not filled with defaults");
        spec.lr(0.7);
        assertEquals(0.2, opt.paramGroups().get(0).lr());
    }

    @Test
    void adagradMakesStateForEveryParameterUpFront() {
        Parameter a = param(1, 2);
        Adagrad opt = new Adagrad(List.of(a), Adagrad.options(0.1).initialAccumulatorValue(0.5));
        assertEquals(List.of("step", "sum"), List.copyOf(opt.state(a).keySet()));
        assertArrayEquals(new double[] {0.5, 0.5}, ((Tensor) opt.state(a).get("sum")).toDoubleArray());
        Parameter b = param(3);
        opt.addParamGroup(ParamGroup.of(List.of(b)).set("initial_accumulator_value", 0.25));
        assertArrayEquals(new double[] {0.25}, ((Tensor) opt.state(b).get("sum")).toDoubleArray());
        setGrad(b, 1);
        opt.step();
        assertEquals(3 - 0.1 / Math.sqrt(1.25), b.toDoubleArray()[0], 1e-6);
    }

    @Test
    void acceptsTheParametersOfAModule() {
        Linear fc = new Linear(3, 2);
        Optimizer[] all = {
            new SGD(fc.parameters(), 0.1), new Adam(fc.parameters()), new AdamW(fc.parameters()),
            new RMSprop(fc.parameters()), new Adagrad(fc.parameters()), new Adadelta(fc.parameters()),
        };
        for (Optimizer opt : all) {
            assertEquals(2, opt.paramGroups().get(0).params().size(), opt.getClass().getSimpleName());
            assertSame(fc.weight, opt.paramGroups().get(0).params().get(0));
        }
    }

    @Test
    void printsLikePyTorch() {
        SGD opt = new SGD(List.of(param(1)), SGD.options(0.1).momentum(0.9));
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0.0\n    differentiable: False\n    foreach: None\n"
                + "    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0.0\n)",
                opt.toString());
        Adam adam = new Adam(List.of(param(1)));
        assertTrue(adam.toString().contains("    betas: (0.9, 0.999)\n    capturable: False\n"), adam.toString());
        assertTrue(adam.toString().contains("    eps: 1e-08\n"), adam.toString());
    }

    // ------------------------------------------------------------------ state dicts

    @Test
    void stateDictMirrorsPyTorchsShape() {
        Parameter a = param(1, 2, 3, 4); // float64
        Parameter b = new Parameter(tensor(1f));
        Adam opt = new Adam(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).lr(0.5)), Adam.options().amsgrad(true));
        setGrad(a, 1, 2, 3, 4);
        setGrad(b, 1);
        opt.step();
        Map<String, Object> sd = opt.stateDict();
        Map<?, ?> state = (Map<?, ?>) sd.get("state");
        Map<?, ?> s0 = (Map<?, ?>) state.get(0);
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.copyOf(s0.keySet()));
        Tensor step = (Tensor) s0.get("step");
        assertEquals(DType.FLOAT32, step.dtype(), "step is a float32 tensor, as PyTorch's");
        assertEquals(0, step.dim());
        assertEquals(1.0, step.itemDouble());
        assertEquals(DType.FLOAT64, ((Tensor) s0.get("exp_avg")).dtype());
        List<?> groups = (List<?>) sd.get("param_groups");
        Map<?, ?> g1 = (Map<?, ?>) groups.get(1);
        assertEquals(0.5, g1.get("lr"));
        assertEquals(List.of(0.9, 0.999), g1.get("betas"));
        assertEquals(List.of(1), g1.get("params"));
        assertEquals("params", List.copyOf(g1.keySet()).get(g1.size() - 1));

        // the dict's tensors are handles of their own: closing them leaves the optimizer working
        ((Tensor) s0.get("exp_avg")).close();
        opt.step();
        assertEquals(2.0, ((Tensor) opt.state(a).get("step")).itemDouble());
    }

    @Test
    void loadStateDictAcceptsPyTorchStyleValuesAndRefusesMismatches() {
        Parameter w = new Parameter(tensor(1f, 2f));
        Adam opt = new Adam(List.of(w), 0.1);
        // as read from a PyTorch checkpoint: ints where PyTorch has ints, an old-style numeric step
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("step", 3);
        st.put("exp_avg", tensor(0.5f, 0.5f));
        st.put("exp_avg_sq", tensor(0.25, 0.25)); // float64: converted to the parameter's float32
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("lr", 0.01);
        g.put("betas", List.of(0.8, 0.9));
        g.put("eps", 1e-8);
        g.put("weight_decay", 0);
        g.put("amsgrad", false);
        g.put("params", List.of(0));
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("state", Map.of(0, st));
        sd.put("param_groups", List.of(g));
        opt.loadStateDict(sd);
        assertEquals(0.01, opt.paramGroups().get(0).lr());
        assertFalse(opt.paramGroups().get(0).getBoolean("maximize"), "missing options come from the defaults");
        Tensor step = (Tensor) opt.state(w).get("step");
        assertEquals(3.0, step.itemDouble());
        assertEquals(DType.FLOAT32, ((Tensor) opt.state(w).get("exp_avg_sq")).dtype());
        setGrad(w, 1, 1);
        opt.step();
        assertEquals(4.0, ((Tensor) opt.state(w).get("step")).itemDouble());

        Map<String, Object> twoGroups = new LinkedHashMap<>(sd);
        twoGroups.put("param_groups", List.of(g, g));
        IllegalArgumentException e = assertThrowsExactly(IllegalArgumentException.class, () -> opt.loadStateDict(twoGroups));
        assertEquals("loaded state dict has a different number of parameter groups", e.getMessage());
        Map<String, Object> g2 = new LinkedHashMap<>(g);
        g2.put("params", List.of(0, 1));
        Map<String, Object> bigger = new LinkedHashMap<>(sd);
        bigger.put("param_groups", List.of(g2));
        e = assertThrowsExactly(IllegalArgumentException.class, () -> opt.loadStateDict(bigger));
        assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", e.getMessage());
        assertEquals(0.01, opt.paramGroups().get(0).lr(), "a refused dict changes nothing");
    }

    // ------------------------------------------------------------------ memory

    @Test
    void stepsReleaseTheirTemporaries() {
        Linear fc = new Linear(4, 3);
        Tensor x = Torch.randn(8, 4);
        Tensor y = Torch.randn(8, 3);
        List<Function<List<Parameter>, Optimizer>> makers = List.of(
                p -> new SGD(p, SGD.options(0.1).momentum(0.9).nesterov(true).weightDecay(1e-4)),
                p -> new Adam(p, Adam.options(0.01).amsgrad(true).weightDecay(0.1).maximize(true)),
                p -> new AdamW(p, 0.01),
                p -> new RMSprop(p, RMSprop.options(0.01).centered(true).momentum(0.5).weightDecay(0.1)),
                p -> new Adagrad(p, Adagrad.options(0.1).weightDecay(0.1)),
                p -> new Adadelta(p, Adadelta.options().weightDecay(0.1)));
        for (Function<List<Parameter>, Optimizer> make : makers) {
            Optimizer opt = make.apply(fc.parameters());
            Runnable train = () -> {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    F.linear(x, fc.weight, fc.bias).sub(y).pow(2L).mean().backward();
                    ClipGrad.clipGradNorm_(fc.parameters(), 1.0);
                    opt.step();
                }
            };
            for (int i = 0; i < 3; i++) {
                train.run();
            }
            long before = settled();
            for (int i = 0; i < 20; i++) {
                train.run();
            }
            assertEquals(before, settled(), opt.getClass().getSimpleName() + " leaks tensors per step");
        }
    }

    private static long settled() {
        long prev = -1;
        long now = Torch.memory().liveTensors();
        for (int i = 0; i < 10 && now != prev; i++) {
            NativeMemory.collectNow();
            prev = now;
            now = Torch.memory().liveTensors();
        }
        return now;
    }

    // ------------------------------------------------------------------ a small training run

    @Test
    void trainsALinearModel() {
        Torch.manualSeed(0);
        class Net extends Module {
            final Linear fc = new Linear(2, 1);

            @Override
            public Tensor forward(Tensor x) {
                return fc.forward(x);
            }
        }
        Net net = new Net();
        Tensor x = Torch.randn(64, 2);
        Tensor y = x.matmul(fromArray(new float[] {2, -3}, 2, 1)).add(0.5);
        for (Function<List<Parameter>, Optimizer> make : List.<Function<List<Parameter>, Optimizer>>of(
                p -> new SGD(p, SGD.options(0.1).momentum(0.9)), p -> new Adam(p, 0.05), p -> new RMSprop(p, 0.02))) {
            net.fc.resetParameters();
            Optimizer opt = make.apply(net.parameters());
            double loss = 0;
            for (int i = 0; i < 500; i++) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    Tensor l = net.forward(x).sub(y).pow(2L).mean();
                    l.backward();
                    opt.step();
                    loss = l.itemDouble();
                }
            }
            assertTrue(loss < 1e-3, opt.getClass().getSimpleName() + " did not fit: loss " + loss);
        }
    }

    // ------------------------------------------------------------------ bad input

    private static <T extends Throwable> void fails(Class<T> type, Executable call, String message) {
        T e = assertThrowsExactly(type, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void emptyParameterListIsRefused() {
        List<Tensor> none = Collections.emptyList();
        String m = "optimizer got an empty parameter list";
        fails(IllegalArgumentException.class, () -> new SGD(none, 0.1), m);
        fails(IllegalArgumentException.class, () -> new Adam(none), m);
        fails(IllegalArgumentException.class, () -> new AdamW(none), m);
        fails(IllegalArgumentException.class, () -> new RMSprop(none), m);
        fails(IllegalArgumentException.class, () -> new Adagrad(none), m);
        fails(IllegalArgumentException.class, () -> new Adadelta(none), m);
        fails(IllegalArgumentException.class, () -> new SGD(new ArrayList<ParamGroup>(), SGD.options(0.1)), m);
    }

    @Test
    void invalidOptionsAreRefusedWithPyTorchsMessages() {
        List<Parameter> p = List.of(param(1));
        fails(IllegalArgumentException.class, () -> new SGD(p, -0.1), "Invalid learning rate: -0.1");
        fails(IllegalArgumentException.class, () -> new Adam(p, -1e-3), "Invalid learning rate: -0.001");
        fails(IllegalArgumentException.class, () -> new AdamW(p, -1), "Invalid learning rate: -1.0");
        fails(IllegalArgumentException.class, () -> new RMSprop(p, -0.01), "Invalid learning rate: -0.01");
        fails(IllegalArgumentException.class, () -> new Adagrad(p, -0.01), "Invalid learning rate: -0.01");
        fails(IllegalArgumentException.class, () -> new Adadelta(p, -1.0), "Invalid learning rate: -1.0");
        fails(IllegalArgumentException.class, () -> new SGD(p, SGD.options(0.1).momentum(0.9).nesterov(true).dampening(0.1)),
                "Nesterov momentum requires a momentum and zero dampening");
        fails(IllegalArgumentException.class, () -> new SGD(p, SGD.options(0.1).nesterov(true)),
                "Nesterov momentum requires a momentum and zero dampening");
        fails(IllegalArgumentException.class, () -> new SGD(p, SGD.options(0.1).momentum(-0.5)), "Invalid momentum value: -0.5");
        fails(IllegalArgumentException.class, () -> new SGD(p, SGD.options(0.1).weightDecay(-1e-5)), "Invalid weight_decay value: -1e-05");
        fails(IllegalArgumentException.class, () -> new Adam(p, Adam.options().betas(1.0, 0.999)), "Invalid beta parameter at index 0: 1.0");
        fails(IllegalArgumentException.class, () -> new AdamW(p, AdamW.options().betas(0.9, -0.1)), "Invalid beta parameter at index 1: -0.1");
        fails(IllegalArgumentException.class, () -> new Adam(p, Adam.options().eps(-1e-8)), "Invalid epsilon value: -1e-08");
        fails(IllegalArgumentException.class, () -> new RMSprop(p, RMSprop.options().alpha(-0.9)), "Invalid alpha value: -0.9");
        fails(IllegalArgumentException.class, () -> new Adagrad(p, Adagrad.options().lrDecay(-1)), "Invalid lr_decay value: -1.0");
        fails(IllegalArgumentException.class, () -> new Adadelta(p, Adadelta.options().rho(1.5)), "Invalid rho value: 1.5");
        // a group's own options are checked too
        fails(IllegalArgumentException.class, () -> new SGD(List.of(ParamGroup.of(p).lr(-2)), SGD.options(0.1)),
                "Invalid learning rate: -2.0");
    }

    @Test
    void parametersMustBeLeavesAndInOneGroupOnce() {
        Parameter a = param(1, 2);
        Tensor nonLeaf = a.mul(2);
        fails(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1), "can't optimize a non-leaf Tensor");
        fails(IllegalArgumentException.class, () -> new SGD(List.of(a, a), 0.1),
                "optimizer contains a parameter group with duplicate parameters");
        SGD opt = new SGD(List.of(a), 0.1);
        fails(IllegalArgumentException.class, () -> opt.addParamGroup(ParamGroup.of(List.of(a))),
                "some parameters appear in more than one parameter group");
        assertEquals(1, opt.paramGroups().size());
        fails(IllegalArgumentException.class, () -> ParamGroup.of(List.of(a)).set("params", List.of()),
                "a group's params are fixed when it is made; set options only");
    }

    @Test
    void clipGradNormRefusesNonFiniteNormsOnRequest() {
        Parameter a = param(1, 2);
        setGrad(a, Double.POSITIVE_INFINITY, 1);
        ArithmeticException e = assertThrowsExactly(ArithmeticException.class,
                () -> ClipGrad.clipGradNorm_(List.of(a), 1.0, 2.0, true));
        assertTrue(e.getMessage().startsWith("The total norm of order 2.0 for gradients from `parameters` is non-finite"), e.getMessage());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 1}, a.grad().toDoubleArray(), "nothing clipped");
        Tensor none = ClipGrad.clipGradNorm_(List.of(param(1)), 1.0);
        assertEquals(0, none.dim());
        assertEquals(0.0, none.itemDouble());
    }

    // ------------------------------------------------------------------ Python-style numbers in messages

    @Test
    void numbersPrintAsPythonsRepr() {
        assertEquals("0.1", PyRepr.of(0.1));
        assertEquals("-0.1", PyRepr.of(-0.1));
        assertEquals("1.0", PyRepr.of(1));
        assertEquals("1e-08", PyRepr.of(1e-8));
        assertEquals("1e-05", PyRepr.of(1e-5));
        assertEquals("0.0001", PyRepr.of(1e-4));
        assertEquals("1.5e-07", PyRepr.of(1.5e-7));
        assertEquals("123456789.0", PyRepr.of(123456789));
        assertEquals("1e+16", PyRepr.of(1e16));
        assertEquals("1234567890123456.0", PyRepr.of(1234567890123456.0));
        assertEquals("0.30000000000000004", PyRepr.of(0.1 + 0.2));
        assertEquals("inf", PyRepr.of(Double.POSITIVE_INFINITY));
        assertEquals("nan", PyRepr.of(Double.NaN));
        assertEquals("-0.0", PyRepr.of(-0.0));
        assertEquals("(0.9, 0.999)", PyRepr.ofValue(List.of(0.9, 0.999)));
        assertEquals("None", PyRepr.ofValue(null));
        assertNotNull(PyRepr.ofValue(3));
        assertInstanceOf(String.class, PyRepr.ofValue(true));
    }
}
