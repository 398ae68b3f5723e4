package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, as PyTorch's {@code _BatchNorm}: the per-channel
 * affine parameters {@code weight} (ones) and {@code bias} (zeros), and the buffers {@code running_mean},
 * {@code running_var} and {@code num_batches_tracked} (state dict keys as in PyTorch). In training the
 * batch statistics normalise and the running statistics are updated with {@code momentum} (null: a cumulative
 * average); in evaluation the running statistics normalise.
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(32);
 * Tensor y = bn.forward(x);      // x: N x 32 x H x W
 * bn.eval();                     // now normalises with running_mean / running_var
 * }</pre>
 */
public abstract class BatchNormBase extends Module {
    public final long numFeatures;
    public final double eps;
    /** The running-average factor, or null for a cumulative moving average. */
    public final Double momentum;
    public final boolean affine;
    public final boolean trackRunningStats;
    public final Parameter weight;
    public final Parameter bias;
    /** Buffers (null without {@code trackRunningStats}); updated in place, so these references stay valid. */
    public final Tensor runningMean;
    public final Tensor runningVar;
    public final Tensor numBatchesTracked;

    protected BatchNormBase(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive number of features, got " + numFeatures);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs eps > 0, got " + eps);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = affine ? new Parameter(Torch.empty(numFeatures)) : null;
        this.bias = affine ? new Parameter(Torch.empty(numFeatures)) : null;
        if (trackRunningStats) {
            runningMean = registerBuffer("running_mean", Torch.zeros(numFeatures));
            runningVar = registerBuffer("running_var", Torch.ones(numFeatures));
            numBatchesTracked = registerBuffer("num_batches_tracked", Torch.zeros(new long[0], DType.INT64));
        } else {
            runningMean = null;
            runningVar = null;
            numBatchesTracked = null;
        }
        resetParameters();
    }

    /** Running mean 0, running variance 1, no batches tracked. */
    public void resetRunningStats() {
        if (trackRunningStats) {
            try (Autograd.Mode g = Autograd.noGrad()) {
                runningMean.zero_();
                runningVar.fill_(1);
                numBatchesTracked.zero_();
            }
        }
    }

    /** PyTorch's initialisation: running statistics reset, weight ones, bias zeros. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    /** Refuses inputs of the wrong rank, as PyTorch's {@code _check_input_dim}. */
    protected abstract void checkInputDim(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        if (input.size(1) != numFeatures) {
            throw new IllegalArgumentException(name() + " expected input with " + numFeatures + " channels (dim 1), got "
                    + input.size(1) + " channels in input of shape " + input.size());
        }
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            try (Autograd.Mode g = Autograd.noGrad()) {
                numBatchesTracked.add_(Torch.ones(new long[0], DType.INT64));
            }
            if (momentum == null) {
                factor = 1.0 / numBatchesTracked.itemLong();
            }
        }
        boolean useBatchStats = isTraining() || !trackRunningStats;
        boolean passStats = !isTraining() || trackRunningStats;
        return F.batchNorm(input, passStats ? runningMean : null, passStats ? runningVar : null, weight, bias,
                useBatchStats, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.of(eps) + ", momentum=" + (momentum == null ? "None" : PyRepr.of(momentum))
                + ", affine=" + PyRepr.bool(affine) + ", track_running_stats=" + PyRepr.bool(trackRunningStats);
    }
}
