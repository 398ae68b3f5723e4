package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;

/**
 * What PyTorch's max-pooling layers share ({@code _MaxPoolNd}): the options, the printed form, and
 * {@link #forwardWithIndices} for {@code return_indices=True}.
 *
 * <pre>{@code
 * MaxPoolNd pool = new MaxPool2d(MaxPool2d.options(2).returnIndices(true));
 * ValuesIndices r = pool.forwardWithIndices(x);
 * }</pre>
 */
public abstract class MaxPoolNd extends Module {
    protected final PoolOptions options;
    protected final long[] kernelSize;
    protected final long[] stride;
    protected final long[] padding;
    protected final long[] dilation;
    public final boolean ceilMode;
    public final boolean returnIndices;

    protected MaxPoolNd(String name, int dims, PoolOptions o) {
        this.options = o;
        this.kernelSize = ConvNd.expand(name, "kernel_size", o.kernelSize, dims, 1);
        this.stride = ConvNd.expand(name, "stride", o.strideOrKernel(), dims, 1);
        this.padding = ConvNd.expand(name, "padding", o.padding, dims, 0);
        this.dilation = ConvNd.expand(name, "dilation", o.dilation, dims, 1);
        for (int i = 0; i < dims; i++) {
            if (padding[i] * 2 > kernelSize[i]) {
                throw new IllegalArgumentException(name + ": padding should be at most half of the kernel size, got padding "
                        + PoolOptions.repr(o.padding, o.paddingScalar) + " for kernel size " + PoolOptions.repr(o.kernelSize, o.kernelScalar));
            }
        }
        this.ceilMode = o.ceilMode;
        this.returnIndices = o.returnIndices;
    }

    public long[] kernelSize() {
        return kernelSize.clone();
    }

    public long[] stride() {
        return stride.clone();
    }

    /** The pooled values; with {@code returnIndices} set, {@link #forwardWithIndices} also gives the indices. */
    @Override
    public Tensor forward(Tensor input) {
        return pool(input);
    }

    /** The pooled values and, for each, the flat index of the maximum within its input plane. */
    public abstract ValuesIndices forwardWithIndices(Tensor input);

    protected abstract Tensor pool(Tensor input);

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolOptions.repr(options.kernelSize, options.kernelScalar) + ", stride=" + options.strideRepr()
                + ", padding=" + PoolOptions.repr(options.padding, options.paddingScalar) + ", dilation="
                + PoolOptions.repr(options.dilation, options.dilationScalar) + ", ceil_mode=" + (ceilMode ? "True" : "False");
    }
}
