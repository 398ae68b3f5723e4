package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Batch normalisation of N x C x H x W input over each channel, as {@code torch.nn.BatchNorm2d}
 * (see {@link BatchNormBase} for the running statistics).
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(16);
 * Tensor y = bn.forward(Torch.randn(8, 16, 5, 5));
 * }</pre>
 */
public class BatchNorm2d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics (PyTorch's defaults). */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum} null: cumulative moving average of the batch statistics. */
    public BatchNorm2d(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException(name() + ": " + "expected 4D input (got " + input.dim() + "D input)" + ", shape " + input.size());
        }
    }
}
