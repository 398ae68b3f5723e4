package org.torch4j.optim.lr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.internal.PyRepr;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * The 1cycle policy (Smith and Topin), as {@code torch.optim.lr_scheduler.OneCycleLR}: the lr rises from
 * {@code max_lr / div_factor} to {@code max_lr} over the first {@code pct_start} of the steps, then anneals
 * to {@code initial_lr / final_div_factor}; momentum (or Adam's beta1) cycles inversely between
 * {@code max_momentum} and {@code base_momentum}. It is stepped after every batch, not every epoch.
 *
 * <pre>{@code
 * OneCycleLR sched = new OneCycleLR(opt, OneCycleLR.options(0.1).totalSteps(epochs * batchesPerEpoch));
 * OneCycleLR sched = new OneCycleLR(opt, OneCycleLR.options(0.1).epochs(10).stepsPerEpoch(100)
 *         .annealStrategy("linear").pctStart(0.25));
 * }</pre>
 *
 * The groups get PyTorch's keys {@code initial_lr}, {@code max_lr}, {@code min_lr} and, cycling momentum,
 * {@code max_momentum} and {@code base_momentum}. The state dict names the anneal function by
 * {@code _anneal_func_type} ("cos" or "linear"), as PyTorch 2 does.
 */
public final class OneCycleLR extends LRScheduler {

    /** OneCycleLR's options; the total number of steps is required (directly, or as epochs times steps per epoch). */
    public static final class Options {
        private double[] maxLr;
        private Integer totalSteps;
        private Integer epochs;
        private Integer stepsPerEpoch;
        private double pctStart = 0.3;
        private String annealStrategy = "cos";
        private boolean cycleMomentum = true;
        private double[] baseMomentum = {0.85};
        private double[] maxMomentum = {0.95};
        private double divFactor = 25.;
        private double finalDivFactor = 1e4;
        private boolean threePhase;

        private Options(double... maxLr) {
            this.maxLr = maxLr.clone();
        }

        /** The peak lr: one for all groups, or one per group. */
        public Options maxLr(double... maxLr) {
            this.maxLr = maxLr.clone();
            return this;
        }

        public Options totalSteps(int totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /** With {@link #stepsPerEpoch}: the total steps when {@link #totalSteps} is not given. */
        public Options epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Options stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        /** Fraction of the steps spent increasing the lr (default 0.3). */
        public Options pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** "cos" (default) or "linear". */
        public Options annealStrategy(String annealStrategy) {
            this.annealStrategy = annealStrategy;
            return this;
        }

        /** Cycle momentum (or Adam's beta1) inversely to the lr (default true). */
        public Options cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        /** Lowest momentum, at the peak lr (default 0.85); one, or one per group. */
        public Options baseMomentum(double... baseMomentum) {
            this.baseMomentum = baseMomentum.clone();
            return this;
        }

        /** Highest momentum (default 0.95); one, or one per group. */
        public Options maxMomentum(double... maxMomentum) {
            this.maxMomentum = maxMomentum.clone();
            return this;
        }

        /** {@code initial_lr = max_lr / div_factor} (default 25). */
        public Options divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /** {@code min_lr = initial_lr / final_div_factor} (default 1e4). */
        public Options finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /** Three phases: up, back down to {@code initial_lr} symmetrically, then annihilation (default false). */
        public Options threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }
    }

    /** Options with the peak lr (one for all groups, or one per group) and PyTorch's defaults. */
    public static Options options(double... maxLr) {
        return new Options(maxLr);
    }

    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private int totalSteps;
    private List<Phase> phases;
    private String annealStrategy;
    private boolean cycleMomentum;
    private boolean useBeta1;

    /** {@code OneCycleLR(opt, max_lr, total_steps)}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, options(maxLr).totalSteps(totalSteps));
    }

    public OneCycleLR(Optimizer optimizer, Options o) {
        super(optimizer, -1);
        Objects.requireNonNull(o, "options");
        if (o.totalSteps == null && o.epochs == null && o.stepsPerEpoch == null) {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        } else if (o.totalSteps != null) {
            if (o.totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got " + o.totalSteps);
            }
            totalSteps = o.totalSteps;
        } else {
            if (o.epochs == null || o.epochs <= 0) {
                throw new IllegalArgumentException("Expected positive integer epochs, but got " + (o.epochs == null ? "None" : o.epochs));
            }
            if (o.stepsPerEpoch == null || o.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got "
                        + (o.stepsPerEpoch == null ? "None" : o.stepsPerEpoch));
            }
            totalSteps = o.epochs * o.stepsPerEpoch;
        }
        phases = new ArrayList<>();
        if (o.threePhase) {
            phases.add(new Phase(o.pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"));
            phases.add(new Phase(2 * o.pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"));
            phases.add(new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        } else {
            phases.add(new Phase(o.pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"));
            phases.add(new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        }
        if (o.pctStart < 0 || o.pctStart > 1 || Double.isNaN(o.pctStart)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + PyRepr.of(o.pctStart));
        }
        if (!"cos".equals(o.annealStrategy) && !"linear".equals(o.annealStrategy)) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + o.annealStrategy);
        }
        annealStrategy = o.annealStrategy;
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] maxLrs = perGroup("max_lr", o.maxLr, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.set("initial_lr", maxLrs[i] / o.divFactor);
            g.set("max_lr", maxLrs[i]);
            g.set("min_lr", g.getDouble("initial_lr") / o.finalDivFactor);
        }
        cycleMomentum = o.cycleMomentum;
        if (cycleMomentum) {
            Map<String, Object> defaults = optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            useBeta1 = defaults.containsKey("betas");
            double[] maxM = perGroup("max_momentum", o.maxMomentum, groups.size());
            double[] baseM = perGroup("base_momentum", o.baseMomentum, groups.size());
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                setMomentum(g, maxM[i]);
                g.set("max_momentum", maxM[i]);
                g.set("base_momentum", baseM[i]);
            }
        }
        initialize();
    }

    private static double[] perGroup(String name, double[] values, int groups) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got none");
        }
        if (values.length == 1) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got " + values.length);
        }
        return values.clone();
    }

    private void setMomentum(ParamGroup g, double m) {
        if (useBeta1) {
            double[] betas = g.getDoubles("betas");
            List<Double> nb = new ArrayList<>();
            nb.add(m);
            for (int k = 1; k < betas.length; k++) {
                nb.add(betas[k]);
            }
            g.set("betas", nb);
        } else {
            g.set("momentum", m);
        }
    }

    private double anneal(double start, double end, double pct) {
        if ("cos".equals(annealStrategy)) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected double[] getLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is "
                    + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup g = groups.get(gi);
            double startStep = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                double endStep = phase.endStep();
                if (stepNum <= endStep || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    lrs[gi] = anneal(g.getDouble(phase.startLr()), g.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) {
                        setMomentum(g, anneal(g.getDouble(phase.startMomentum()), g.getDouble(phase.endMomentum()), pct));
                    }
                    break;
                }
                startStep = phase.endStep();
            }
        }
        return lrs;
    }

    public int totalSteps() {
        return totalSteps;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        List<Object> ph = new ArrayList<>();
        for (Phase p : phases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("end_step", p.endStep());
            m.put("start_lr", p.startLr());
            m.put("end_lr", p.endLr());
            m.put("start_momentum", p.startMomentum());
            m.put("end_momentum", p.endMomentum());
            ph.add(m);
        }
        out.put("_schedule_phases", ph);
        out.put("_anneal_func_type", annealStrategy);
        out.put("cycle_momentum", cycleMomentum);
        if (cycleMomentum) {
            out.put("use_beta1", useBeta1);
        }
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("total_steps")) {
            totalSteps = integer(state, "total_steps");
        }
        if (state.containsKey("_schedule_phases")) {
            Object v = state.get("_schedule_phases");
            if (!(v instanceof List)) {
                throw new IllegalArgumentException("scheduler state entry '_schedule_phases' must be a list, got " + v);
            }
            List<Phase> ph = new ArrayList<>();
            for (Object o : (List<?>) v) {
                @SuppressWarnings("unchecked")
                Map<String, ?> m = (Map<String, ?>) o;
                ph.add(new Phase(real(m, "end_step"), (String) m.get("start_lr"), (String) m.get("end_lr"),
                        (String) m.get("start_momentum"), (String) m.get("end_momentum")));
            }
            phases = ph;
        }
        if (state.containsKey("_anneal_func_type")) {
            Object a = state.get("_anneal_func_type");
            if (!"cos".equals(a) && !"linear".equals(a)) {
                throw new IllegalArgumentException("scheduler state entry '_anneal_func_type' must be 'cos' or 'linear', got " + a);
            }
            annealStrategy = (String) a;
        }
        if (state.containsKey("cycle_momentum")) {
            cycleMomentum = Boolean.TRUE.equals(state.get("cycle_momentum"));
        }
        if (state.containsKey("use_beta1")) {
            useBeta1 = Boolean.TRUE.equals(state.get("use_beta1"));
        }
    }
}
