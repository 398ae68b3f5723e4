package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * 2-d average pooling, as {@code torch.nn.AvgPool2d}: the stride defaults to the kernel size.
 *
 * <pre>{@code
 * AvgPool2d pool = new AvgPool2d(2);
 * AvgPool2d padded = new AvgPool2d(AvgPool2d.options(3).stride(2).padding(1).countIncludePad(false));
 * Tensor y = pool.forward(x);   // N x C x H x W -> N x C x H/2 x W/2
 * }</pre>
 */
public class AvgPool2d extends Module {
    private final PoolOptions options;
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    public final boolean ceilMode;
    public final boolean countIncludePad;

    public AvgPool2d(long kernelSize) {
        this(options(kernelSize));
    }

    public AvgPool2d(long kernelSize, long stride) {
        this(options(kernelSize).stride(stride));
    }

    public AvgPool2d(long[] kernelSize) {
        this(options(kernelSize));
    }

    public AvgPool2d(PoolOptions o) {
        this.options = o;
        this.kernelSize = ConvNd.expand("AvgPool2d", "kernel_size", o.kernelSize, 2, 1);
        this.stride = ConvNd.expand("AvgPool2d", "stride", o.strideOrKernel(), 2, 1);
        this.padding = ConvNd.expand("AvgPool2d", "padding", o.padding, 2, 0);
        if (o.dilation.length != 1 || o.dilation[0] != 1) {
            throw new IllegalArgumentException("AvgPool2d has no dilation, got " + PoolOptions.repr(o.dilation, o.dilationScalar));
        }
        if (o.returnIndices) {
            throw new IllegalArgumentException("AvgPool2d has no indices to return (returnIndices is for max pooling)");
        }
        this.ceilMode = o.ceilMode;
        this.countIncludePad = o.countIncludePad;
    }

    public static PoolOptions options(long kernelSize) {
        return new PoolOptions(new long[] {kernelSize}, true);
    }

    public static PoolOptions options(long[] kernelSize) {
        return new PoolOptions(kernelSize, false);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolOptions.repr(options.kernelSize, options.kernelScalar) + ", stride=" + options.strideRepr()
                + ", padding=" + PoolOptions.repr(options.padding, options.paddingScalar);
    }
}
