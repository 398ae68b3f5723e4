package org.torch4j.nn;

import java.util.Objects;

/**
 * The keywords of a pooling layer ({@link MaxPool1d}, {@link MaxPool2d}, {@link MaxPool3d}, {@link AvgPool2d})
 * with PyTorch's defaults: stride equal to the kernel size, padding 0, dilation 1, no ceil mode. A size given
 * as one value applies to every spatial dimension and prints as one value, as in PyTorch.
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(MaxPool2d.options(3).stride(2).padding(1));
 * AvgPool2d avg = new AvgPool2d(AvgPool2d.options(new long[] {2, 3}).countIncludePad(false));
 * }</pre>
 */
public final class PoolOptions {
    final long[] kernelSize;
    final boolean kernelScalar;
    long[] stride;
    boolean strideScalar;
    long[] padding = {0};
    boolean paddingScalar = true;
    long[] dilation = {1};
    boolean dilationScalar = true;
    boolean ceilMode;
    boolean returnIndices;
    boolean countIncludePad = true;

    PoolOptions(long[] kernelSize, boolean scalar) {
        this.kernelSize = Objects.requireNonNull(kernelSize, "kernelSize").clone();
        this.kernelScalar = scalar;
    }

    public PoolOptions stride(long stride) {
        this.stride = new long[] {stride};
        this.strideScalar = true;
        return this;
    }

    public PoolOptions stride(long[] stride) {
        this.stride = Objects.requireNonNull(stride, "stride").clone();
        this.strideScalar = false;
        return this;
    }

    public PoolOptions padding(long padding) {
        this.padding = new long[] {padding};
        this.paddingScalar = true;
        return this;
    }

    public PoolOptions padding(long[] padding) {
        this.padding = Objects.requireNonNull(padding, "padding").clone();
        this.paddingScalar = false;
        return this;
    }

    /** Spacing between window elements (max pooling only). */
    public PoolOptions dilation(long dilation) {
        this.dilation = new long[] {dilation};
        this.dilationScalar = true;
        return this;
    }

    public PoolOptions dilation(long[] dilation) {
        this.dilation = Objects.requireNonNull(dilation, "dilation").clone();
        this.dilationScalar = false;
        return this;
    }

    /** Rounds the output size up instead of down, so that a partial last window counts. */
    public PoolOptions ceilMode(boolean ceilMode) {
        this.ceilMode = ceilMode;
        return this;
    }

    /** Max pooling: also compute the indices of the maxima ({@code forwardWithIndices}). */
    public PoolOptions returnIndices(boolean returnIndices) {
        this.returnIndices = returnIndices;
        return this;
    }

    /** Average pooling: whether zero padding counts in each window's divisor (default true). */
    public PoolOptions countIncludePad(boolean countIncludePad) {
        this.countIncludePad = countIncludePad;
        return this;
    }

    long[] strideOrKernel() {
        return stride != null ? stride : kernelSize;
    }

    /** PyTorch prints each size as the user gave it: {@code 3} or {@code (1, 2)}. */
    static String repr(long[] v, boolean scalar) {
        return scalar ? Long.toString(v[0]) : ConvNd.tuple(v);
    }

    String strideRepr() {
        return stride != null ? repr(stride, strideScalar) : repr(kernelSize, kernelScalar);
    }
}
