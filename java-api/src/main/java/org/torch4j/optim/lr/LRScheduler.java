package org.torch4j.optim.lr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * Base class of epoch-based learning-rate schedulers, as PyTorch's {@code _LRScheduler}: each
 * {@link #step()} (once per epoch, after the optimizer's steps) advances {@code last_epoch} and sets every
 * parameter group's {@code lr}.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9));
 * StepLR sched = new StepLR(opt, 25, 0.1);      // lr 0.1, then 0.01 from epoch 25, 0.001 from 50
 * for (int epoch = 0; epoch < 60; epoch++) {
 *     train(model, opt);                         // opt.step() per batch
 *     sched.step();
 * }
 * sched.getLastLr();                             // [0.0010000000000000002], as PyTorch's get_last_lr()
 * }</pre>
 *
 * Constructing a scheduler records each group's {@code initial_lr} (unless present) and takes the initial
 * step, which sets the lr of epoch 0. Schedulers compute PyTorch's chainable (recursive) forms from the
 * groups' current lrs, so their numbers are PyTorch's to the last bit (up to the rare one-ulp difference of
 * {@code Math.cos} from C's {@code cos}).
 *
 * <p>A subclass assigns its fields and then calls {@link #initialize()} at the end of its constructor (Java
 * runs a superclass constructor before the subclass's fields are assigned; PyTorch's subclasses set theirs
 * before calling {@code super().__init__}).
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    /** Each group's {@code initial_lr}. */
    protected List<Double> baseLrs = List.of();
    /** The epoch whose lr is set: 0 after construction, counting up with each {@link #step()}. */
    protected int lastEpoch;
    /** How many steps were taken, the initial one included (PyTorch's {@code _step_count}). */
    protected int stepCount;
    private List<Double> lastLr = List.of();

    /**
     * @param lastEpoch -1 for a new schedule; the index of the last epoch when resuming (the groups must then
     *     hold {@code initial_lr})
     */
    protected LRScheduler(Optimizer optimizer, int lastEpoch) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.lastEpoch = lastEpoch;
    }

    /** Records {@code initial_lr} and the base lrs and takes the initial step; call it at the end of a constructor. */
    protected final void initialize() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) {
                if (!g.has("initial_lr")) {
                    g.set("initial_lr", g.lr());
                }
            }
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).has("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming an optimizer");
                }
            }
        }
        List<Double> base = new ArrayList<>();
        for (ParamGroup g : groups) {
            base.add(g.getDouble("initial_lr"));
        }
        baseLrs = Collections.unmodifiableList(base);
        initialStep();
    }

    /** PyTorch's {@code _initial_step}: resets the step count and steps once. */
    void initialStep() {
        stepCount = 0;
        step();
    }

    /** Advances one epoch and sets each group's lr. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(getLr());
    }

    /**
     * Jumps to {@code epoch} using the closed form where there is one (PyTorch's deprecated
     * {@code step(epoch)}, which {@link SequentialLR} uses at its milestones).
     */
    void stepTo(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        double[] closed = closedFormLr();
        apply(closed != null ? closed : getLr());
    }

    private void apply(double[] lrs) {
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> last = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).lr(lrs[i]);
            last.add(groups.get(i).lr());
        }
        lastLr = Collections.unmodifiableList(last);
    }

    /** The lr of each group for epoch {@link #lastEpoch}, from the groups' current lrs (chainable form). */
    protected abstract double[] getLr();

    /** The lr of each group for epoch {@link #lastEpoch} in closed form, or null if the schedule has none. */
    protected double[] closedFormLr() {
        return null;
    }

    /** The lrs set by the last step, one per group. */
    public List<Double> getLastLr() {
        return lastLr;
    }

    protected final void setLastLr(List<Double> lrs) {
        lastLr = Collections.unmodifiableList(new ArrayList<>(lrs));
    }

    /** The epoch whose lr is set (0 after construction). */
    public int lastEpoch() {
        return lastEpoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Each group's lr as it is now. */
    protected final double[] groupLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(i).lr();
        }
        return out;
    }

    protected final int numGroups() {
        return optimizer.paramGroups().size();
    }

    // ---------------------------------------------------------------- state

    /**
     * The scheduler's state as PyTorch's {@code scheduler.state_dict()}: its options and counters under
     * PyTorch's names ({@code last_epoch}, {@code _step_count}, {@code base_lrs}, {@code _last_lr}, ...) as
     * plain Java values. The optimizer's state (its groups' lrs) is saved separately, with its own
     * {@code stateDict()}.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        saveOptions(out);
        saveCounters(out);
        return out;
    }

    /** Puts the subclass's options (PyTorch's attributes set before {@code super().__init__}). */
    protected void saveOptions(Map<String, Object> out) {}

    /** Puts the base counters in PyTorch's order. */
    protected final void saveCounters(Map<String, Object> out) {
        out.put("base_lrs", new ArrayList<>(baseLrs));
        out.put("last_epoch", lastEpoch);
        out.put("verbose", false);
        out.put("_step_count", stepCount);
        out.put("_get_lr_called_within_step", false);
        out.put("_last_lr", new ArrayList<>(lastLr));
    }

    /**
     * Restores what {@link #stateDict()} saved (PyTorch's {@code load_state_dict}: the entries present replace
     * the scheduler's; others stay).
     */
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        loadOptions(state);
        if (state.containsKey("base_lrs")) {
            baseLrs = Collections.unmodifiableList(doubles(state, "base_lrs"));
        }
        if (state.containsKey("last_epoch")) {
            lastEpoch = integer(state, "last_epoch");
        }
        if (state.containsKey("_step_count")) {
            stepCount = integer(state, "_step_count");
        }
        if (state.containsKey("_last_lr")) {
            setLastLr(doubles(state, "_last_lr"));
        }
    }

    /** Reads back the subclass's options where present. */
    protected void loadOptions(Map<String, ?> state) {}

    protected static int integer(Map<String, ?> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("scheduler state entry '" + key + "' must be a number, got " + v);
        }
        return ((Number) v).intValue();
    }

    protected static double real(Map<String, ?> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("scheduler state entry '" + key + "' must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }

    protected static List<Double> doubles(Map<String, ?> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("scheduler state entry '" + key + "' must be a list, got " + v);
        }
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            if (!(o instanceof Number)) {
                throw new IllegalArgumentException("scheduler state entry '" + key + "' must hold numbers, got " + v);
            }
            out.add(((Number) o).doubleValue());
        }
        return out;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(last_epoch=" + lastEpoch + ", last_lr=" + lastLr + ")";
    }
}
