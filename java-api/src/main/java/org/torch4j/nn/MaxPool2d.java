package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.functional.F;

/**
 * 2-d max pooling over an {@code N x C x H x W} (or unbatched) input, as {@code torch.nn.MaxPool2d}.
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(2);                                   // stride 2
 * MaxPool2d overlapping = new MaxPool2d(MaxPool2d.options(3).stride(2).ceilMode(true));
 * Tensor y = pool.forward(x);
 * }</pre>
 */
public class MaxPool2d extends MaxPoolNd {
    /** Windows of {@code kernelSize}, stride the kernel size. */
    public MaxPool2d(long kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool2d(long kernelSize, long stride) {
        this(options(kernelSize).stride(stride));
    }

    /** A window size per spatial dimension. */
    public MaxPool2d(long[] kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool2d(PoolOptions options) {
        super("MaxPool2d", 2, options);
    }

    public static PoolOptions options(long kernelSize) {
        return new PoolOptions(new long[] {kernelSize}, true);
    }

    public static PoolOptions options(long[] kernelSize) {
        return new PoolOptions(kernelSize, false);
    }

    @Override
    protected Tensor pool(Tensor input) {
        return F.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    public ValuesIndices forwardWithIndices(Tensor input) {
        return F.maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }
}
