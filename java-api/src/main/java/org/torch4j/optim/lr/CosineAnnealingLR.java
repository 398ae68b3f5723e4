package org.torch4j.optim.lr;

import java.util.Map;
import org.torch4j.optim.Optimizer;

/**
 * Cosine annealing from each group's initial lr down to {@code etaMin} over {@code tMax} epochs (and back up
 * over the next {@code tMax}, periodically), as {@code torch.optim.lr_scheduler.CosineAnnealingLR}, in
 * PyTorch's recursive form: each lr is computed from the previous one, so the numbers are PyTorch's (they
 * differ from the closed form {@code eta_min + (lr_0 - eta_min)(1 + cos(pi e / T_max)) / 2} in the last bits).
 *
 * <pre>{@code
 * new CosineAnnealingLR(opt, 100);          // to 0 at epoch 100
 * new CosineAnnealingLR(opt, 100, 1e-4);
 * }</pre>
 */
public final class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    /** {@code etaMin} 0. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer, -1);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR needs T_max of at least 1, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            return lrs;
        }
        if (stepCount == 1 && lastEpoch > 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = etaMin + (baseLrs.get(i) - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
            }
        } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] + (baseLrs.get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
            }
        } else {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (lrs[i] - etaMin) + etaMin;
            }
        }
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = etaMin + (baseLrs.get(i) - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("T_max", tMax);
        out.put("eta_min", etaMin);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("T_max")) {
            tMax = integer(state, "T_max");
        }
        if (state.containsKey("eta_min")) {
            etaMin = real(state, "eta_min");
        }
    }
}
