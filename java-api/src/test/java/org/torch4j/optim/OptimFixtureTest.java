package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Fixtures;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.functional.F;

/**
 * Every optimizer against PyTorch 1.13 for the cases in {@code fixtures/optim.txt} (written by
 * {@code src/test/python/gen_optim_fixtures.py}): the parameters after each of 10 steps within the case's
 * tolerance (1e-6 relative for float32, 1e-12 for float64), the state dict after the last step (state
 * tensors and numbers, every group option under PyTorch's name), and a state-dict round trip: 5 steps,
 * {@code stateDict()}, a fresh optimizer on copies of the parameters, {@code loadStateDict}, 5 more steps:
 * the same parameters as PyTorch's uninterrupted run and, bit for bit, as torch4j's own.
 */
class OptimFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/optim.txt");

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        Set<String> kinds = new HashSet<>();
        CASES.forEach(c -> kinds.add(c.get("optimizer")));
        assertEquals(Set.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta"), kinds);
        return CASES.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.name, () -> runCase(c)),
                DynamicTest.dynamicTest(c.name + " (state dict round trip)", () -> roundTrip(c))));
    }

    // ------------------------------------------------------------------ one case

    private static void runCase(Fixtures.Case c) {
        FixtureValues.Tolerance tol = new FixtureValues.Tolerance(c.get("tolerance"));
        List<Parameter> params = initialParams(c);
        Optimizer opt = build(c, params);
        for (int step = 0; step < 10; step++) {
            takeStep(c, opt, params, step);
            checkAfter(c, params, step, tol);
        }
        checkStateDict(c, opt, c.all("state_tolerance").isEmpty() ? tol : new FixtureValues.Tolerance(c.get("state_tolerance")));
    }

    private static void roundTrip(Fixtures.Case c) {
        FixtureValues.Tolerance tol = new FixtureValues.Tolerance(c.get("tolerance"));
        List<Parameter> straight = initialParams(c);
        Optimizer a = build(c, straight);
        for (int step = 0; step < 10; step++) {
            takeStep(c, a, straight, step);
        }

        List<Parameter> first = initialParams(c);
        Optimizer b = build(c, first);
        for (int step = 0; step < 5; step++) {
            takeStep(c, b, first, step);
        }
        Map<String, Object> sd = b.stateDict();
        List<Parameter> resumed = new ArrayList<>();
        for (Parameter p : first) {
            resumed.add(new Parameter(p.detach().clone()));
        }
        Optimizer fresh = build(c, resumed);
        fresh.loadStateDict(sd);
        for (int step = 0; step < 5; step++) {
            takeStep(c, b, first, step + 5); // the first optimizer goes on too: its state must not be shared
        }
        for (int step = 5; step < 10; step++) {
            takeStep(c, fresh, resumed, step);
            checkAfter(c, resumed, step, tol);
        }
        for (int i = 0; i < straight.size(); i++) {
            assertTrue(Arrays.equals(straight.get(i).toDoubleArray(), resumed.get(i).toDoubleArray()),
                    c.name + ": parameter " + i + " after the round trip differs from the uninterrupted run");
            assertTrue(Arrays.equals(straight.get(i).toDoubleArray(), first.get(i).toDoubleArray()),
                    c.name + ": parameter " + i + " of the saved optimizer changed by loading its state elsewhere");
        }
    }

    static List<Parameter> initialParams(Fixtures.Case c) {
        List<Parameter> params = new ArrayList<>();
        for (String spec : c.all("param")) {
            params.add(new Parameter(Fixtures.tensor(spec)));
        }
        return params;
    }

    /** Gives each parameter the case's gradient of this step (none: null), or backpropagates the e2e loss. */
    static void takeStep(Fixtures.Case c, Optimizer opt, List<Parameter> params, int step) {
        try (Scope s = Scope.open()) {
            opt.zeroGrad();
            if (c.name.startsWith("e2e_")) {
                Tensor x = Fixtures.tensor(c.get("x"));
                Tensor y = Fixtures.tensor(c.get("y"));
                F.linear(x, params.get(0), params.get(1)).sub(y).pow(2L).mean().backward();
            } else {
                Tensor loss = null;
                for (String g : c.all("grad")) {
                    String[] t = g.split(" ", 3);
                    if (Integer.parseInt(t[0]) != step || t[2].equals("none")) {
                        continue;
                    }
                    // d/dp sum(p * g) = g exactly: the parameter's gradient becomes the recorded one.
                    Tensor term = params.get(Integer.parseInt(t[1])).mul(Fixtures.tensor(t[2])).sum();
                    loss = loss == null ? term : loss.add(term);
                }
                if (loss != null) {
                    loss.backward();
                }
            }
            opt.step();
        }
    }

    private static void checkAfter(Fixtures.Case c, List<Parameter> params, int step, FixtureValues.Tolerance tol) {
        for (String a : c.all("after")) {
            String[] t = a.split(" ", 3);
            if (Integer.parseInt(t[0]) == step) {
                int i = Integer.parseInt(t[1]);
                tol.check(c.name + " step " + step + " parameter " + i, t[2], params.get(i));
            }
        }
    }

    // ------------------------------------------------------------------ building from the case

    static Optimizer build(Fixtures.Case c, List<Parameter> params) {
        Map<String, String> kw = kv(c.get("defaults"));
        List<ParamGroup> groups = new ArrayList<>();
        for (String g : c.all("group")) {
            String[] t = g.split(" ", 2);
            List<Tensor> ps = new ArrayList<>();
            for (String i : t[0].split(",")) {
                ps.add(params.get(Integer.parseInt(i)));
            }
            ParamGroup group = ParamGroup.of(ps);
            if (t.length > 1) {
                for (Map.Entry<String, String> e : kv(t[1]).entrySet()) {
                    group.set(e.getKey(), parseOption(e.getValue()));
                }
            }
            groups.add(group);
        }
        boolean single = groups.size() == 1 && groups.get(0).options().isEmpty();
        switch (c.get("optimizer")) {
            case "SGD": {
                SGD.Options o = SGD.options(d(kw, "lr", Double.NaN));
                o.momentum(d(kw, "momentum", 0)).dampening(d(kw, "dampening", 0)).weightDecay(d(kw, "weight_decay", 0))
                        .nesterov(b(kw, "nesterov")).maximize(b(kw, "maximize"));
                return single ? new SGD(params, o) : new SGD(groups, o);
            }
            case "Adam": {
                Adam.Options o = Adam.options(d(kw, "lr", 1e-3)).eps(d(kw, "eps", 1e-8))
                        .weightDecay(d(kw, "weight_decay", 0)).amsgrad(b(kw, "amsgrad")).maximize(b(kw, "maximize"));
                if (kw.containsKey("betas")) {
                    String[] bt = kw.get("betas").split(",");
                    o.betas(Double.parseDouble(bt[0]), Double.parseDouble(bt[1]));
                }
                return single ? new Adam(params, o) : new Adam(groups, o);
            }
            case "AdamW": {
                AdamW.Options o = AdamW.options(d(kw, "lr", 1e-3)).eps(d(kw, "eps", 1e-8))
                        .weightDecay(d(kw, "weight_decay", 1e-2)).amsgrad(b(kw, "amsgrad")).maximize(b(kw, "maximize"));
                if (kw.containsKey("betas")) {
                    String[] bt = kw.get("betas").split(",");
                    o.betas(Double.parseDouble(bt[0]), Double.parseDouble(bt[1]));
                }
                return single ? new AdamW(params, o) : new AdamW(groups, o);
            }
            case "RMSprop": {
                RMSprop.Options o = RMSprop.options(d(kw, "lr", 1e-2)).alpha(d(kw, "alpha", 0.99)).eps(d(kw, "eps", 1e-8))
                        .weightDecay(d(kw, "weight_decay", 0)).momentum(d(kw, "momentum", 0))
                        .centered(b(kw, "centered")).maximize(b(kw, "maximize"));
                return single ? new RMSprop(params, o) : new RMSprop(groups, o);
            }
            case "Adagrad": {
                Adagrad.Options o = Adagrad.options(d(kw, "lr", 1e-2)).lrDecay(d(kw, "lr_decay", 0))
                        .weightDecay(d(kw, "weight_decay", 0)).initialAccumulatorValue(d(kw, "initial_accumulator_value", 0))
                        .eps(d(kw, "eps", 1e-10)).maximize(b(kw, "maximize"));
                return single ? new Adagrad(params, o) : new Adagrad(groups, o);
            }
            case "Adadelta": {
                Adadelta.Options o = Adadelta.options(d(kw, "lr", 1.0)).rho(d(kw, "rho", 0.9)).eps(d(kw, "eps", 1e-6))
                        .weightDecay(d(kw, "weight_decay", 0)).maximize(b(kw, "maximize"));
                return single ? new Adadelta(params, o) : new Adadelta(groups, o);
            }
            default:
                throw new IllegalArgumentException("unknown optimizer " + c.get("optimizer"));
        }
    }

    static Map<String, String> kv(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : line.trim().split(" ")) {
            if (!s.isEmpty()) {
                int eq = s.indexOf('=');
                m.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return m;
    }

    private static double d(Map<String, String> kw, String k, double dflt) {
        return kw.containsKey(k) ? Double.parseDouble(kw.get(k)) : dflt;
    }

    private static boolean b(Map<String, String> kw, String k) {
        return kw.containsKey(k) && Fixtures.parseBool(kw.get(k));
    }

    private static Object parseOption(String v) {
        if (v.equals("True") || v.equals("False")) {
            return Fixtures.parseBool(v);
        }
        if (v.equals("None")) {
            return null;
        }
        if (v.contains(",")) {
            return Arrays.stream(v.split(",")).map(Double::parseDouble).toList();
        }
        return Double.parseDouble(v);
    }

    // ------------------------------------------------------------------ state dict against PyTorch's

    private static void checkStateDict(Fixtures.Case c, Optimizer opt, FixtureValues.Tolerance tol) {
        Map<String, Object> sd = opt.stateDict();
        assertEquals(List.of("state", "param_groups"), List.copyOf(sd.keySet()));
        Map<?, ?> state = (Map<?, ?>) sd.get("state");
        Map<Integer, Set<String>> expectedKeys = new LinkedHashMap<>();
        for (String line : c.all("state")) {
            String[] t = line.split(" ", 3);
            int idx = Integer.parseInt(t[0]);
            expectedKeys.computeIfAbsent(idx, k -> new TreeSet<>()).add(t[1]);
            Map<?, ?> st = (Map<?, ?>) state.get(idx);
            assertNotNull(st, c.name + ": no state for parameter " + idx);
            assertTrue(st.containsKey(t[1]), c.name + ": state of " + idx + " lacks " + t[1] + ", has " + st.keySet());
            FixtureValues.checkTyped(c.name + " state[" + idx + "][" + t[1] + "]", t[2], st.get(t[1]), tol);
        }
        assertEquals(expectedKeys.keySet(), state.keySet(), c.name + ": parameters with state");
        for (Map.Entry<Integer, Set<String>> e : expectedKeys.entrySet()) {
            assertEquals(e.getValue(), new TreeSet<>(((Map<?, ?>) state.get(e.getKey())).keySet().stream().map(String::valueOf).toList()),
                    c.name + ": state keys of parameter " + e.getKey());
        }
        List<?> groups = (List<?>) sd.get("param_groups");
        Map<Integer, Set<String>> groupKeys = new LinkedHashMap<>();
        for (String line : c.all("param_group")) {
            String[] t = line.split(" ", 3);
            int gi = Integer.parseInt(t[0]);
            groupKeys.computeIfAbsent(gi, k -> new TreeSet<>()).add(t[1]);
            Map<?, ?> g = (Map<?, ?>) groups.get(gi);
            assertTrue(g.containsKey(t[1]), c.name + ": group " + gi + " lacks option " + t[1] + ", has " + g.keySet());
            FixtureValues.checkTyped(c.name + " param_groups[" + gi + "][" + t[1] + "]", t[2], g.get(t[1]), tol);
        }
        assertEquals(groupKeys.size(), groups.size(), c.name + ": number of groups");
        for (Map.Entry<Integer, Set<String>> e : groupKeys.entrySet()) {
            assertEquals(e.getValue(), new TreeSet<>(((Map<?, ?>) groups.get(e.getKey())).keySet().stream().map(String::valueOf).toList()),
                    c.name + ": option names of group " + e.getKey());
        }
    }
}
