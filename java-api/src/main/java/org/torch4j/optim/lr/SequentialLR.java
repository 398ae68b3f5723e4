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
 * Runs schedulers one after another, switching at the milestone epochs, as
 * {@code torch.optim.lr_scheduler.SequentialLR}.
 *
 * <pre>{@code
 * // 5 epochs of linear warm-up, then cosine annealing over 95
 * LRScheduler warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * LRScheduler cosine = new CosineAnnealingLR(opt, 95);
 * SequentialLR sched = new SequentialLR(opt, List.of(warmup, cosine), List.of(5));
 * }</pre>
 *
 * At a milestone the next scheduler starts from epoch 0 in its closed form (as PyTorch's {@code step(0)}).
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private List<Integer> milestones;

    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, List<Integer> milestones) {
        super(optimizer, -1);
        Objects.requireNonNull(schedulers, "schedulers");
        Objects.requireNonNull(milestones, "milestones");
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("Sequential Schedulers expects at least one scheduler");
        }
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same "
                        + "optimizer, but got schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones.size() != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more "
                    + "than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.size());
        }
        this.schedulers = Collections.unmodifiableList(new ArrayList<>(schedulers));
        this.milestones = Collections.unmodifiableList(new ArrayList<>(milestones));
        this.lastEpoch = 0; // last_epoch + 1
        for (ParamGroup g : optimizer.paramGroups()) {
            g.lr(g.getDouble("initial_lr")); // reset the lrs the schedulers' initial steps changed
        }
        for (LRScheduler s : this.schedulers) {
            s.lastEpoch -= 1; // undo their initial steps
        }
        this.schedulers.get(0).initialStep();
        setLastLr(this.schedulers.get(0).getLastLr());
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones.get(idx - 1) == lastEpoch) {
            s.stepTo(0);
        } else {
            s.step();
        }
        setLastLr(s.getLastLr());
    }

    private static int bisectRight(List<Integer> sorted, int x) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < sorted.get(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    protected double[] getLr() {
        throw new UnsupportedOperationException("SequentialLR delegates to its schedulers");
    }

    /** The schedulers, in order. */
    public List<LRScheduler> schedulers() {
        return schedulers;
    }

    /** PyTorch's keys: {@code _milestones}, {@code last_epoch}, {@code _last_lr} and each scheduler's state dict. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_milestones", new ArrayList<>(milestones));
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", new ArrayList<>(getLastLr()));
        List<Object> subs = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            subs.add(s.stateDict());
        }
        out.put("_schedulers", subs);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        Objects.requireNonNull(state, "state");
        if (state.containsKey("_milestones")) {
            Object v = state.get("_milestones");
            if (!(v instanceof List)) {
                throw new IllegalArgumentException("scheduler state entry '_milestones' must be a list, got " + v);
            }
            List<Integer> m = new ArrayList<>();
            for (Object o : (List<?>) v) {
                m.add(((Number) o).intValue());
            }
            milestones = Collections.unmodifiableList(m);
        }
        if (state.containsKey("last_epoch")) {
            lastEpoch = integer(state, "last_epoch");
        }
        if (state.containsKey("_last_lr")) {
            setLastLr(doubles(state, "_last_lr"));
        }
        if (state.containsKey("_schedulers")) {
            Object v = state.get("_schedulers");
            if (!(v instanceof List) || ((List<?>) v).size() != schedulers.size()) {
                throw new IllegalArgumentException("scheduler state entry '_schedulers' must list the state of "
                        + schedulers.size() + " schedulers");
            }
            List<?> subs = (List<?>) v;
            for (int i = 0; i < subs.size(); i++) {
                if (!(subs.get(i) instanceof Map)) {
                    throw new IllegalArgumentException("scheduler state entry '_schedulers' must hold maps");
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> sub = (Map<String, ?>) subs.get(i);
                schedulers.get(i).loadStateDict(sub);
            }
        }
    }
}
