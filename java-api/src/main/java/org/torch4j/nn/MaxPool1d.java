package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.functional.F;

/**
 * 1-d max pooling over an {@code N x C x W} (or unbatched) input, as {@code torch.nn.MaxPool1d}.
 *
 * <pre>{@code
 * MaxPool1d pool = new MaxPool1d(2);                                   // stride 2
 * MaxPool1d overlapping = new MaxPool1d(MaxPool1d.options(3).stride(2).ceilMode(true));
 * Tensor y = pool.forward(x);
 * }</pre>
 */
public class MaxPool1d extends MaxPoolNd {
    /** Windows of {@code kernelSize}, stride the kernel size. */
    public MaxPool1d(long kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool1d(long kernelSize, long stride) {
        this(options(kernelSize).stride(stride));
    }

    /** A window size per spatial dimension. */
    public MaxPool1d(long[] kernelSize) {
        this(options(kernelSize));
    }

    public MaxPool1d(PoolOptions options) {
        super("MaxPool1d", 1, options);
    }

    public static PoolOptions options(long kernelSize) {
        return new PoolOptions(new long[] {kernelSize}, true);
    }

    public static PoolOptions options(long[] kernelSize) {
        return new PoolOptions(kernelSize, false);
    }

    @Override
    protected Tensor pool(Tensor input) {
        return F.maxPool1d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    public ValuesIndices forwardWithIndices(Tensor input) {
        return F.maxPool1dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }
}
