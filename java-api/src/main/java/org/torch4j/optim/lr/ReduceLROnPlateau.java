package org.torch4j.optim.lr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * Reduces the lr by {@code factor} when a metric has stopped improving for {@code patience} epochs, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. It is stepped with the metric:
 *
 * <pre>{@code
 * ReduceLROnPlateau sched = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().factor(0.5).patience(5));
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(model, opt);
 *     sched.step(validationLoss(model));
 * }
 * }</pre>
 *
 * A metric improves on the best so far when (mode "min", threshold mode "rel") it is below
 * {@code best * (1 - threshold)}; "abs" compares with {@code best - threshold}; mode "max" looks for increases.
 * After a reduction, {@code cooldown} epochs pass before bad epochs count again; no lr goes below its
 * {@code min_lr}, and changes smaller than {@code eps} are skipped.
 */
public final class ReduceLROnPlateau {

    /** ReduceLROnPlateau's options, with PyTorch's defaults. */
    public static final class Options {
        private String mode = "min";
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private String thresholdMode = "rel";
        private int cooldown;
        private double[] minLr = {0};
        private double eps = 1e-8;

        private Options() {}

        /** "min" (default: the metric should decrease, e.g. a loss) or "max" (e.g. an accuracy). */
        public Options mode(String mode) {
            this.mode = mode;
            return this;
        }

        /** {@code new_lr = lr * factor} (default 0.1). */
        public Options factor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Epochs without improvement tolerated before a reduction (default 10). */
        public Options patience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Least change that counts as an improvement (default 1e-4). */
        public Options threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** "rel" (default: relative to the best) or "abs". */
        public Options thresholdMode(String thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        /** Epochs after a reduction during which bad epochs are not counted (default 0). */
        public Options cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Lower bound of the lr: one for all groups, or one per group (default 0). */
        public Options minLr(double... minLr) {
            this.minLr = minLr.clone();
            return this;
        }

        /** Smallest lr change applied (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    private final Optimizer optimizer;
    private double factor;
    private List<Double> minLrs;
    private int patience;
    private int cooldown;
    private int cooldownCounter;
    private String mode;
    private double threshold;
    private String thresholdMode;
    private double best;
    private int numBadEpochs;
    private double modeWorse;
    private double eps;
    private int lastEpoch;
    private List<Double> lastLr;

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 (rel). */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, options());
    }

    public ReduceLROnPlateau(Optimizer optimizer, Options o) {
        Objects.requireNonNull(o, "options");
        if (o.factor >= 1.0) {
            throw new IllegalArgumentException("Factor should be < 1.0.");
        }
        this.factor = o.factor;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        int groups = optimizer.paramGroups().size();
        if (o.minLr.length == 1) {
            this.minLrs = Collections.nCopies(groups, o.minLr[0]);
        } else if (o.minLr.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got " + o.minLr.length);
        } else {
            List<Double> l = new ArrayList<>();
            for (double d : o.minLr) {
                l.add(d);
            }
            this.minLrs = Collections.unmodifiableList(l);
        }
        this.patience = o.patience;
        this.cooldown = o.cooldown;
        this.eps = o.eps;
        initIsBetter(o.mode, o.threshold, o.thresholdMode);
        reset();
    }

    private void initIsBetter(String mode, double threshold, String thresholdMode) {
        if (!"min".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException("mode " + mode + " is unknown!");
        }
        if (!"rel".equals(thresholdMode) && !"abs".equals(thresholdMode)) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        this.modeWorse = "min".equals(mode) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.mode = mode;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
    }

    private void reset() {
        best = modeWorse;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** Ends an epoch whose metric (e.g. validation loss) is {@code metric}; may reduce the lrs. */
    public void step(double metric) {
        double current = metric;
        int epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(current, best)) {
            best = current;
            numBadEpochs = 0;
        } else {
            numBadEpochs += 1;
        }
        if (cooldownCounter > 0) {
            cooldownCounter -= 1;
            numBadEpochs = 0; // ignore any bad epochs in cooldown
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    /** {@link #step(double)} with a one-element tensor's value (e.g. a loss). */
    public void step(Tensor metric) {
        step(metric.itemDouble());
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            double oldLr = g.lr();
            double newLr = Math.max(oldLr * factor, minLrs.get(i));
            if (oldLr - newLr > eps) {
                g.lr(newLr);
            }
        }
    }

    private boolean isBetter(double a, double best) {
        if ("min".equals(mode) && "rel".equals(thresholdMode)) {
            return a < best * (1. - threshold);
        } else if ("min".equals(mode) && "abs".equals(thresholdMode)) {
            return a < best - threshold;
        } else if ("max".equals(mode) && "rel".equals(thresholdMode)) {
            return a > best * (threshold + 1.);
        }
        return a > best + threshold;
    }

    private List<Double> currentLrs() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            out.add(g.lr());
        }
        return Collections.unmodifiableList(out);
    }

    /** The groups' lrs after the last step (their current lrs before any step). */
    public List<Double> getLastLr() {
        return lastLr != null ? lastLr : currentLrs();
    }

    /** True while bad epochs are not counted after a reduction. */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** The best metric so far (infinitely bad before the first step). */
    public double best() {
        return best;
    }

    public int numBadEpochs() {
        return numBadEpochs;
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The state under PyTorch's names ({@code best}, {@code num_bad_epochs}, {@code cooldown_counter}, ...). */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("min_lrs", new ArrayList<>(minLrs));
        out.put("patience", patience);
        out.put("verbose", false);
        out.put("cooldown", cooldown);
        out.put("cooldown_counter", cooldownCounter);
        out.put("mode", mode);
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode);
        out.put("best", best);
        out.put("num_bad_epochs", numBadEpochs);
        out.put("mode_worse", modeWorse);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        if (lastLr != null) {
            out.put("_last_lr", new ArrayList<>(lastLr));
        }
        return out;
    }

    /** Restores the entries present in {@code state}, as PyTorch's {@code load_state_dict}. */
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        String newMode = state.containsKey("mode") ? (String) state.get("mode") : mode;
        String newThresholdMode = state.containsKey("threshold_mode") ? (String) state.get("threshold_mode") : thresholdMode;
        double newThreshold = state.containsKey("threshold") ? LRScheduler.real(state, "threshold") : threshold;
        initIsBetter(newMode, newThreshold, newThresholdMode);
        if (state.containsKey("factor")) {
            factor = LRScheduler.real(state, "factor");
        }
        if (state.containsKey("min_lrs")) {
            minLrs = Collections.unmodifiableList(LRScheduler.doubles(state, "min_lrs"));
        }
        if (state.containsKey("patience")) {
            patience = LRScheduler.integer(state, "patience");
        }
        if (state.containsKey("cooldown")) {
            cooldown = LRScheduler.integer(state, "cooldown");
        }
        if (state.containsKey("cooldown_counter")) {
            cooldownCounter = LRScheduler.integer(state, "cooldown_counter");
        }
        if (state.containsKey("best")) {
            best = LRScheduler.real(state, "best");
        }
        if (state.containsKey("num_bad_epochs")) {
            numBadEpochs = LRScheduler.integer(state, "num_bad_epochs");
        }
        if (state.containsKey("eps")) {
            eps = LRScheduler.real(state, "eps");
        }
        if (state.containsKey("last_epoch")) {
            lastEpoch = LRScheduler.integer(state, "last_epoch");
        }
        if (state.containsKey("_last_lr")) {
            lastLr = Collections.unmodifiableList(LRScheduler.doubles(state, "_last_lr"));
        }
    }

    @Override
    public String toString() {
        return "ReduceLROnPlateau(mode=" + mode + ", best=" + best + ", num_bad_epochs=" + numBadEpochs + ")";
    }
}
