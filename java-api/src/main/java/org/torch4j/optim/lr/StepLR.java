package org.torch4j.optim.lr;

import java.util.Map;
import org.torch4j.optim.Optimizer;

/**
 * Multiplies the lr by {@code gamma} every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}.
 *
 * <pre>{@code
 * new StepLR(opt, 25, 0.1);   // lr 0.1 for epochs 0-24, 0.01 for 25-49, 0.001 for 50-74, ...
 * }</pre>
 */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** {@code gamma} 0.1, PyTorch's default. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer, -1);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR needs a step_size of at least 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
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
            lrs[i] = baseLrs.get(i) * Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize));
        }
        return lrs;
    }

    @Override
    protected void saveOptions(Map<String, Object> out) {
        out.put("step_size", stepSize);
        out.put("gamma", gamma);
    }

    @Override
    protected void loadOptions(Map<String, ?> state) {
        if (state.containsKey("step_size")) {
            stepSize = integer(state, "step_size");
        }
        if (state.containsKey("gamma")) {
            gamma = real(state, "gamma");
        }
    }
}
