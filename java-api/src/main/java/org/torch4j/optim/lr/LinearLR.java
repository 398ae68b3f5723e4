package org.torch4j.optim.lr;

import java.util.Map;
import org.torch4j.optim.Optimizer;

/**
 * Scales the lr by a factor going linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} epochs (a warm-up, or a linear decay), as {@code torch.optim.lr_scheduler.LinearLR}.
 *
 * <pre>{@code
 * new LinearLR(opt, 0.1, 1.0, 5);   // warm-up: 10% of the lr at epoch 0, the full lr from epoch 5
 * }</pre>
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private int totalIters;

    /** PyTorch's defaults: from 1/3 to 1 over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer, -1);
        if (startFactor > 1.0 || startFactor <= 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1.");
        }
        if (totalIters < 1) {
            throw new IllegalArgumentException("LinearLR needs total_iters of at least 1, got " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * startFactor;
            }
            return lrs;
        }
        if (lastEpoch > totalIters) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * (1. + (endFactor - startFactor)
                    / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = baseLrs.get(i) * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("start_factor", startFactor);
        out.put("end_factor", endFactor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("start_factor")) {
            startFactor = real(state, "start_factor");
        }
        if (state.containsKey("end_factor")) {
            endFactor = real(state, "end_factor");
        }
        if (state.containsKey("total_iters")) {
            totalIters = integer(state, "total_iters");
        }
    }
}
