package org.torch4j.optim.lr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.torch4j.optim.Optimizer;

/**
 * Multiplies the lr by {@code gamma} at each milestone epoch (by {@code gamma^k} at a milestone listed
 * {@code k} times), as {@code torch.optim.lr_scheduler.MultiStepLR}.
 *
 * <pre>{@code
 * new MultiStepLR(opt, List.of(30, 80), 0.1);   // 0.1 until epoch 29, 0.01 until 79, then 0.001
 * }</pre>
 */
public final class MultiStepLR extends LRScheduler {
    /** Milestone epoch to how often it was given (PyTorch's {@code Counter}). */
    private TreeMap<Integer, Integer> milestones = new TreeMap<>();
    private double gamma;

    /** {@code gamma} 0.1, PyTorch's default. */
    public MultiStepLR(Optimizer optimizer, Collection<Integer> milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, Collection<Integer> milestones, double gamma) {
        super(optimizer, -1);
        Objects.requireNonNull(milestones, "milestones");
        for (Integer m : milestones) {
            this.milestones.merge(Objects.requireNonNull(m, "a milestone is null"), 1, Integer::sum);
        }
        this.gamma = gamma;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        Integer count = milestones.get(lastEpoch);
        if (count == null) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * Math.pow(gamma, count);
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        int passed = 0; // bisect_right(sorted milestones with repeats, last_epoch)
        for (Map.Entry<Integer, Integer> e : milestones.entrySet()) {
            if (e.getKey() <= lastEpoch) {
                passed += e.getValue();
            }
        }
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = baseLrs.get(i) * Math.pow(gamma, passed);
        }
        return lrs;
    }

    /** The milestones, sorted, each as often as given. */
    public List<Integer> milestones() {
        List<Integer> out = new ArrayList<>();
        milestones.forEach((m, k) -> {
            for (int i = 0; i < k; i++) {
                out.add(m);
            }
        });
        return out;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("milestones", new TreeMap<>(milestones));
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("milestones")) {
            Object v = state.get("milestones");
            if (!(v instanceof Map)) {
                throw new IllegalArgumentException("scheduler state entry 'milestones' must be a map of epoch to count, got " + v);
            }
            TreeMap<Integer, Integer> m = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put(((Number) e.getKey()).intValue(), ((Number) e.getValue()).intValue());
            }
            milestones = m;
        }
        if (state.containsKey("gamma")) {
            gamma = real(state, "gamma");
        }
    }
}
