package org.torch4j.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Fixtures;
import org.torch4j.Torch;
import org.torch4j.optim.Adam;
import org.torch4j.optim.FixtureValues;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.SGD;
import org.torch4j.nn.Parameter;

/**
 * Every learning-rate scheduler against PyTorch 1.13 for the cases in {@code fixtures/lr_scheduler.txt}
 * (written by {@code src/test/python/gen_optim_fixtures.py}): the lr of each group (and the momentum or
 * beta1 that OneCycleLR cycles) after construction and after each of 30 or more steps, the state dict's keys
 * and simple entries, and a resume: the optimizer's and the scheduler's state dicts saved at epoch 12 and
 * loaded into fresh ones give the same lrs to the end.
 *
 * <p>The lrs must equal PyTorch's exactly, but for the rare last-bit difference of {@code Math.cos} from C's
 * {@code cos} (at most {@value #MAX_ULPS} ulps, where cosine is involved).
 */
class LRSchedulerFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/lr_scheduler.txt");
    private static final int MAX_ULPS = 2;
    private static final int RESUME_AT = 12;

    /** LambdaLR's functions by the generator's names. */
    static final Map<String, IntToDoubleFunction> LAMBDAS = Map.of(
            "pow0.95", epoch -> Math.pow(0.95, epoch),
            "inv", epoch -> 1.0 / (epoch + 1),
            "warmup5", epoch -> Math.min(1.0, (epoch + 1) / 5.0));

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        Set<String> kinds = new HashSet<>();
        CASES.forEach(c -> kinds.add(c.get("scheduler")));
        assertTrue(kinds.containsAll(Set.of("StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LambdaLR",
                "OneCycleLR", "ReduceLROnPlateau", "LinearLR", "SequentialLR")), "kinds covered: " + kinds);
        return CASES.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.name, () -> run(c, -1)),
                DynamicTest.dynamicTest(c.name + " (resumed at epoch " + RESUME_AT + ")", () -> run(c, RESUME_AT))));
    }

    /** Runs the schedule; with {@code resumeAt >= 0}, continues from that epoch in a fresh optimizer and scheduler. */
    private static void run(Fixtures.Case c, int resumeAt) {
        Optimizer opt = optimizer(c);
        Object sched = scheduler(c, opt);
        List<String> lrLines = c.all("lr");
        List<String> momentumLines = c.all("momentum");
        List<String> metrics = c.all("metric");
        compare(c.name + " epoch 0 lr", lrLines.get(0), lastLr(sched));
        if (!momentumLines.isEmpty()) {
            compare(c.name + " epoch 0 momentum", momentumLines.get(0), momenta(opt));
        }
        for (int epoch = 1; epoch < lrLines.size(); epoch++) {
            if (epoch - 1 == resumeAt) {
                Map<String, Object> optState = opt.stateDict();
                Map<String, Object> schedState = stateDict(sched);
                opt = optimizer(c);
                sched = scheduler(c, opt);
                opt.loadStateDict(optState);
                loadStateDict(sched, schedState);
            }
            opt.step();
            if (sched instanceof ReduceLROnPlateau) {
                ((ReduceLROnPlateau) sched).step(Fixtures.parseDouble(metrics.get(epoch - 1)));
            } else {
                ((LRScheduler) sched).step();
            }
            compare(c.name + " epoch " + epoch + " lr", lrLines.get(epoch), lastLr(sched));
            if (!momentumLines.isEmpty()) {
                compare(c.name + " epoch " + epoch + " momentum", momentumLines.get(epoch), momenta(opt));
            }
        }
        checkState(c, stateDict(sched));
    }

    private static void compare(String label, String expectedLine, List<Double> actual) {
        String[] t = expectedLine.split(" ");
        assertEquals(t.length - 1, actual.size(), label + ": number of groups");
        for (int i = 0; i < actual.size(); i++) {
            double e = Fixtures.parseDouble(t[i + 1]);
            double a = actual.get(i);
            if (a != e && !(Math.abs(a - e) <= MAX_ULPS * Math.ulp(e))) {
                fail(label + " of group " + i + ": " + a + ", PyTorch's " + e + " (" + Math.abs(a - e) / Math.ulp(e) + " ulps)");
            }
        }
    }

    private static void checkState(Fixtures.Case c, Map<String, Object> sd) {
        Set<String> expected = new LinkedHashSet<>(Arrays.asList(c.get("state_keys").split(" ")));
        if (expected.remove("anneal_func")) {
            expected.add("_anneal_func_type"); // PyTorch 2's serialisable name of the anneal function
        }
        assertEquals(expected, new LinkedHashSet<>(sd.keySet()), c.name + ": state dict keys");
        FixtureValues.Tolerance exact = new FixtureValues.Tolerance("rtol=0,atol=0");
        for (String line : c.all("state")) {
            String[] t = line.split(" ", 2);
            if (t[0].equals("_last_lr")) {
                compare(c.name + " state _last_lr", "x " + t[1].substring("list ".length()), (List<Double>) castList(sd.get("_last_lr")));
            } else {
                FixtureValues.checkTyped(c.name + " state " + t[0], t[1], sd.get(t[0]), exact);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Double> castList(Object o) {
        List<Double> out = new ArrayList<>();
        for (Object x : (List<Object>) o) {
            out.add(((Number) x).doubleValue());
        }
        return out;
    }

    // ------------------------------------------------------------------ building from the case

    private static Optimizer optimizer(Fixtures.Case c) {
        double[] lrs = Arrays.stream(c.get("lrs").split(" ")).mapToDouble(Double::parseDouble).toArray();
        List<ParamGroup> groups = new ArrayList<>();
        for (double lr : lrs) {
            groups.add(ParamGroup.of(List.of(new Parameter(Torch.zeros(1)))).lr(lr));
        }
        if (c.get("optimizer").equals("SGD")) {
            return new SGD(groups, SGD.options(lrs[0]).momentum(0.9));
        }
        return new Adam(groups, Adam.options(lrs[0]));
    }

    private static Object scheduler(Fixtures.Case c, Optimizer opt) {
        Map<String, String> args = kv(c.get("args"));
        if (c.get("scheduler").equals("SequentialLR")) {
            List<LRScheduler> subs = new ArrayList<>();
            for (String s : c.all("sub")) {
                String[] t = s.split(" ", 2);
                subs.add((LRScheduler) build(t[0], opt, kv(t.length > 1 ? t[1] : "")));
            }
            return new SequentialLR(opt, subs, ints(args.get("milestones")));
        }
        return build(c.get("scheduler"), opt, args);
    }

    private static Object build(String name, Optimizer opt, Map<String, String> a) {
        switch (name) {
            case "StepLR":
                return a.containsKey("gamma") ? new StepLR(opt, i(a, "step_size"), d(a, "gamma")) : new StepLR(opt, i(a, "step_size"));
            case "MultiStepLR":
                return new MultiStepLR(opt, ints(a.get("milestones")), d(a, "gamma"));
            case "ExponentialLR":
                return new ExponentialLR(opt, d(a, "gamma"));
            case "CosineAnnealingLR":
                return a.containsKey("eta_min") ? new CosineAnnealingLR(opt, i(a, "T_max"), d(a, "eta_min"))
                        : new CosineAnnealingLR(opt, i(a, "T_max"));
            case "LambdaLR": {
                String[] names = a.get("lr_lambda").split(",");
                if (names.length == 1) {
                    return new LambdaLR(opt, LAMBDAS.get(names[0]));
                }
                return new LambdaLR(opt, Arrays.stream(names).map(LAMBDAS::get).toList());
            }
            case "OneCycleLR": {
                OneCycleLR.Options o = OneCycleLR.options(doubles(a.get("max_lr")));
                if (a.containsKey("total_steps")) {
                    o.totalSteps(i(a, "total_steps"));
                }
                if (a.containsKey("epochs")) {
                    o.epochs(i(a, "epochs")).stepsPerEpoch(i(a, "steps_per_epoch"));
                }
                if (a.containsKey("pct_start")) {
                    o.pctStart(d(a, "pct_start"));
                }
                if (a.containsKey("anneal_strategy")) {
                    o.annealStrategy(a.get("anneal_strategy"));
                }
                if (a.containsKey("div_factor")) {
                    o.divFactor(d(a, "div_factor"));
                }
                if (a.containsKey("final_div_factor")) {
                    o.finalDivFactor(d(a, "final_div_factor"));
                }
                if (a.containsKey("base_momentum")) {
                    o.baseMomentum(doubles(a.get("base_momentum")));
                }
                if (a.containsKey("max_momentum")) {
                    o.maxMomentum(doubles(a.get("max_momentum")));
                }
                if (a.containsKey("cycle_momentum")) {
                    o.cycleMomentum(Fixtures.parseBool(a.get("cycle_momentum")));
                }
                if (a.containsKey("three_phase")) {
                    o.threePhase(Fixtures.parseBool(a.get("three_phase")));
                }
                if (a.keySet().equals(Set.of("max_lr", "total_steps"))) {
                    return new OneCycleLR(opt, d(a, "max_lr"), i(a, "total_steps"));
                }
                return new OneCycleLR(opt, o);
            }
            case "LinearLR":
                if (a.isEmpty()) {
                    return new LinearLR(opt);
                }
                return new LinearLR(opt, a.containsKey("start_factor") ? d(a, "start_factor") : 1.0 / 3,
                        a.containsKey("end_factor") ? d(a, "end_factor") : 1.0, i(a, "total_iters"));
            case "ConstantLR":
                return new ConstantLR(opt, d(a, "factor"), i(a, "total_iters"));
            case "ReduceLROnPlateau": {
                ReduceLROnPlateau.Options o = ReduceLROnPlateau.options();
                if (a.containsKey("mode")) {
                    o.mode(a.get("mode"));
                }
                if (a.containsKey("factor")) {
                    o.factor(d(a, "factor"));
                }
                if (a.containsKey("patience")) {
                    o.patience(i(a, "patience"));
                }
                if (a.containsKey("threshold")) {
                    o.threshold(d(a, "threshold"));
                }
                if (a.containsKey("threshold_mode")) {
                    o.thresholdMode(a.get("threshold_mode"));
                }
                if (a.containsKey("cooldown")) {
                    o.cooldown(i(a, "cooldown"));
                }
                if (a.containsKey("min_lr")) {
                    o.minLr(doubles(a.get("min_lr")));
                }
                return new ReduceLROnPlateau(opt, o);
            }
            default:
                throw new IllegalArgumentException("unknown scheduler " + name);
        }
    }

    private static List<Double> lastLr(Object sched) {
        return sched instanceof ReduceLROnPlateau ? ((ReduceLROnPlateau) sched).getLastLr() : ((LRScheduler) sched).getLastLr();
    }

    private static Map<String, Object> stateDict(Object sched) {
        return sched instanceof ReduceLROnPlateau ? ((ReduceLROnPlateau) sched).stateDict() : ((LRScheduler) sched).stateDict();
    }

    private static void loadStateDict(Object sched, Map<String, Object> state) {
        if (sched instanceof ReduceLROnPlateau) {
            ((ReduceLROnPlateau) sched).loadStateDict(state);
        } else {
            ((LRScheduler) sched).loadStateDict(state);
        }
    }

    private static List<Double> momenta(Optimizer opt) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) {
            out.add(g.has("betas") ? g.getDoubles("betas")[0] : g.getDouble("momentum"));
        }
        return out;
    }

    private static Map<String, String> kv(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : line.trim().split(" ")) {
            if (!s.isEmpty()) {
                int eq = s.indexOf('=');
                m.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return m;
    }

    private static int i(Map<String, String> a, String k) {
        return Integer.parseInt(a.get(k));
    }

    private static double d(Map<String, String> a, String k) {
        return Double.parseDouble(a.get(k));
    }

    private static List<Integer> ints(String s) {
        return Arrays.stream(s.split(",")).map(Integer::parseInt).toList();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
