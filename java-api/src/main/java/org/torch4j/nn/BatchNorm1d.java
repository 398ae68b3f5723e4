package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Batch normalisation of N x C or N x C x L input over each channel, as {@code torch.nn.BatchNorm1d}
 * (see {@link BatchNormBase} for the running statistics).
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(16);
 * Tensor y = bn.forward(Torch.randn(8, 16));
 * }</pre>
 */
public class BatchNorm1d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics (PyTorch's defaults). */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum} null: cumulative moving average of the batch statistics. */
    public BatchNorm1d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(name() + ": " + "expected 2D or 3D input (got " + input.dim() + "D input)" + ", shape " + input.size());
        }
    }
}
