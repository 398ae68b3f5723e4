package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.functional.F;

/**
 * 3-d max pooling over an {@code N x C x D x H x W} (or unbatched) input, as {@code torch.nn.MaxPool3d}.
 *
 * <pre>{@code
 * MaxPool3d pool = new MaxPool3d(2);                                   // stride 2
 * MaxPool3d overlapping = new MaxPool3d(MaxPool3d.options(3).stride(2).ceilMode(true));
 * Tensor y = pool.forward(x);
 * }</pre>
 */
public class MaxPool3d extends MaxPoolNd {
    /** Windows of {@code kernelSize}, stride the kernel size. */
    public MaxPool3d(long kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool3d(long kernelSize, long stride) {
        this(options(kernelSize).stride(stride));
    }

    /** A window size per spatial dimension. */
    public MaxPool3d(long[] kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool3d(PoolOptions options) {
        super("MaxPool3d", 3, options);
    }

    public static PoolOptions options(long kernelSize) {
        return new PoolOptions(new long[] {kernelSize}, true);
    }

    public static PoolOptions options(long[] kernelSize) {
        return new PoolOptions(kernelSize, false);
    }

    @Override
    protected Tensor pool(Tensor input) {
        return F.maxPool3d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    public ValuesIndices forwardWithIndices(Tensor input) {
        return F.maxPool3dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }
}
