package org.torch4j.optim.lr;

import java.util.Map;
import org.torch4j.optim.Optimizer;

/**
 * Multiplies the lr by {@code gamma} every epoch, as {@code torch.optim.lr_scheduler.ExponentialLR}.
 *
 * <pre>{@code
 * new ExponentialLR(opt, 0.95);   // lr_e = lr_0 * 0.95^e
 * }</pre>
 */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer, -1);
        this.gamma = gamma;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            return lrs;
        }
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * gamma;
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = baseLrs.get(i) * Math.pow(gamma, lastEpoch);
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("gamma")) {
            gamma = real(state, "gamma");
        }
    }
}
