package org.torch4j.optim.lr;

import java.util.Map;
import org.torch4j.optim.Optimizer;

/**
 * Scales the lr by {@code factor} until epoch {@code totalIters}, then restores it, as
 * {@code torch.optim.lr_scheduler.ConstantLR}.
 *
 * <pre>{@code
 * new ConstantLR(opt, 0.5, 4);   // half the lr for epochs 0-3
 * }</pre>
 */
public final class ConstantLR extends LRScheduler {
    private double factor;
    private int totalIters;

    /** PyTorch's defaults: a third of the lr for 5 epochs. */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 5);
    }

    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        super(optimizer, -1);
        if (factor > 1.0 || factor <= 0) {
            throw new IllegalArgumentException("Constant multiplicative factor expected to be greater than 0 and less or equal to 1.");
        }
        this.factor = factor;
        this.totalIters = totalIters;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * factor;
            }
        } else if (lastEpoch == totalIters) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * (1.0 / factor);
            }
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = baseLrs.get(i) * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor));
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("factor", factor);
        out.put("total_iters", totalIters);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("factor")) {
            factor = real(state, "factor");
        }
        if (state.containsKey("total_iters")) {
            totalIters = integer(state, "total_iters");
        }
    }
}
