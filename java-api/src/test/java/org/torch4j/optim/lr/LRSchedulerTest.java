package org.torch4j.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.tensor;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.Scope;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.Adagrad;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;

/** The lecture's schedules as one-liners, what a scheduler does to its optimizer, and bad input. */
class LRSchedulerTest {

    private static SGD sgd(double lr) {
        return new SGD(List.of(new Parameter(tensor(1.0))), SGD.options(lr).momentum(0.9));
    }

    private static double lr(Optimizer opt) {
        return opt.paramGroups().get(0).lr();
    }

    @Test
    void lecturePolicyStepDecayIsOneLine() {
        SGD opt = sgd(0.1);
        StepLR sched = new StepLR(opt, 25, 0.1);
        for (int epoch = 0; epoch < 60; epoch++) {
            double expected = epoch < 25 ? 0.1 : epoch < 50 ? 0.1 * 0.1 : 0.1 * 0.1 * 0.1;
            assertEquals(expected, lr(opt), "epoch " + epoch);
            assertEquals(List.of(expected), sched.getLastLr());
            opt.step();
            sched.step();
        }
        assertEquals(60, sched.lastEpoch());
    }

    @Test
    void lecturePolicyFixedEpochAndGeometricDecayAreOneLine() {
        SGD once = sgd(0.1);
        MultiStepLR at25 = new MultiStepLR(once, List.of(25), 0.1);
        SGD geometric = sgd(0.1);
        ExponentialLR exp = new ExponentialLR(geometric, 0.9);
        double g = 0.1;
        for (int epoch = 0; epoch < 40; epoch++) {
            assertEquals(epoch < 25 ? 0.1 : 0.1 * 0.1, lr(once), "epoch " + epoch);
            assertEquals(g, lr(geometric), "epoch " + epoch);
            at25.step();
            exp.step();
            g = g * 0.9;
        }
    }

    @Test
    void theScheduledLrIsTheOneTheOptimizerUses() {
        Parameter w = new Parameter(tensor(0.0));
        SGD opt = new SGD(List.of(w), 1.0);
        StepLR sched = new StepLR(opt, 1, 0.5);
        double expected = 0;
        for (int epoch = 0; epoch < 4; epoch++) {
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                w.mul(tensor(1.0)).sum().backward(); // gradient 1
            }
            opt.step();
            expected -= Math.pow(0.5, epoch);
            assertEquals(expected, w.itemDouble(), 1e-12, "after epoch " + epoch);
            sched.step();
        }
        assertEquals(1.0, opt.paramGroups().get(0).getDouble("initial_lr"));
    }

    @Test
    void stateDictHoldsTheCountersAndRestoresThem() {
        SGD opt = sgd(0.1);
        CosineAnnealingLR sched = new CosineAnnealingLR(opt, 10, 0.001);
        for (int i = 0; i < 4; i++) {
            sched.step();
        }
        Map<String, Object> sd = sched.stateDict();
        assertEquals(List.of("T_max", "eta_min", "base_lrs", "last_epoch", "verbose", "_step_count",
                "_get_lr_called_within_step", "_last_lr"), List.copyOf(sd.keySet()));
        assertEquals(4, sd.get("last_epoch"));
        assertEquals(5, sd.get("_step_count"));
        assertEquals(List.of(0.1), sd.get("base_lrs"));

        SGD opt2 = sgd(0.1);
        CosineAnnealingLR resumed = new CosineAnnealingLR(opt2, 3);
        opt2.loadStateDict(opt.stateDict());
        resumed.loadStateDict(sd);
        assertEquals(sched.getLastLr(), resumed.getLastLr());
        for (int i = 0; i < 12; i++) {
            sched.step();
            resumed.step();
            assertEquals(sched.getLastLr(), resumed.getLastLr(), "epoch " + (5 + i));
        }
    }

    @Test
    void plateauReducesAfterPatienceRunsOut() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau sched = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().factor(0.5).patience(2));
        assertEquals(List.of(1.0), sched.getLastLr());
        sched.step(1.0);
        sched.step(1.0);
        sched.step(1.0);
        assertEquals(1.0, lr(opt), "two bad epochs are within patience");
        sched.step(1.0);
        assertEquals(0.5, lr(opt));
        sched.step(tensor(0.1f));
        assertEquals(0.1f, sched.best(), 0.0);
        assertEquals(0, sched.numBadEpochs());
    }

    // ------------------------------------------------------------------ bad input

    private static void fails(Class<? extends Throwable> type, Executable call, String message) {
        Throwable e = assertThrowsExactly(type, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void plateauRefusesUnknownModesAndFactorsOfOneOrMore() {
        SGD opt = sgd(0.1);
        fails(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().mode("mini")),
                "mode mini is unknown!");
        fails(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().thresholdMode("relative")),
                "threshold mode relative is unknown!");
        fails(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().factor(1.0)),
                "Factor should be < 1.0.");
        fails(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().minLr(0.1, 0.2)),
                "expected 1 min_lrs, got 2");
    }

    @Test
    void oneCycleRefusesBadSettingsAndStepsBeyondItsEnd() {
        SGD opt = sgd(0.1);
        fails(IllegalArgumentException.class, () -> new OneCycleLR(opt, OneCycleLR.options(0.1)),
                "You must define either total_steps OR (epochs AND steps_per_epoch)");
        fails(IllegalArgumentException.class, () -> new OneCycleLR(opt, 0.1, 0), "Expected positive integer total_steps, but got 0");
        fails(IllegalArgumentException.class, () -> new OneCycleLR(opt, OneCycleLR.options(0.1).totalSteps(10).annealStrategy("cosine")),
                "anneal_strategy must by one of 'cos' or 'linear', instead got cosine");
        fails(IllegalArgumentException.class, () -> new OneCycleLR(opt, OneCycleLR.options(0.1).totalSteps(10).pctStart(1.5)),
                "Expected float between 0 and 1 pct_start, but got 1.5");
        Adagrad adagrad = new Adagrad(List.of(new Parameter(tensor(1.0))));
        fails(IllegalArgumentException.class, () -> new OneCycleLR(adagrad, 0.1, 10),
                "optimizer must support momentum with `cycle_momentum` option enabled");
        new OneCycleLR(adagrad, OneCycleLR.options(0.1).totalSteps(10).cycleMomentum(false)); // fine without momentum

        OneCycleLR sched = new OneCycleLR(opt, 0.1, 3);
        for (int i = 0; i < 3; i++) {
            sched.step();
        }
        fails(IllegalStateException.class, sched::step, "Tried to step 5 times. The specified number of total steps is 3");
    }

    @Test
    void otherSchedulersRefuseBadArguments() {
        SGD opt = sgd(0.1);
        fails(IllegalArgumentException.class, () -> new LambdaLR(opt, List.of(e -> 1.0, e -> 0.5)), "Expected 1 lr_lambdas, but got 2");
        fails(IllegalArgumentException.class, () -> new LinearLR(opt, 0, 1, 5),
                "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        fails(IllegalArgumentException.class, () -> new LinearLR(opt, 0.5, 1.5, 5), "Ending multiplicative factor expected to be between 0 and 1.");
        fails(IllegalArgumentException.class, () -> new StepLR(opt, 0), "StepLR needs a step_size of at least 1, got 0");
        LRScheduler a = new ConstantLR(opt, 0.5, 2);
        LRScheduler b = new ExponentialLR(opt, 0.9);
        fails(IllegalArgumentException.class, () -> new SequentialLR(opt, List.of(a, b), List.of(2, 4)),
                "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone "
                        + "points, but got number of schedulers 2 and the number of milestones to be equal to 2");
        SGD other = sgd(0.1);
        fails(IllegalArgumentException.class, () -> new SequentialLR(other, List.of(a, b), List.of(2)),
                "Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 0 "
                        + "to be different than the optimizer passed in.");
        assertTrue(new SequentialLR(opt, List.of(a, b), List.of(2)).getLastLr().get(0) > 0);
    }
}
