package org.torch4j.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The keywords of a convolution layer ({@link Conv1d}, {@link Conv2d}, {@link Conv3d}, {@link ConvTranspose2d}),
 * with PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1, bias. Sizes given as one value apply
 * to every spatial dimension.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(Conv2d.options(1, 32, 5).stride(2).padding(1));
 * Conv2d same = new Conv2d(Conv2d.options(16, 16, 3).padding("same").bias(false));
 * }</pre>
 */
public final class ConvOptions {
    final int dims;
    final long inChannels;
    final long outChannels;
    final long[] kernelSize;
    long[] stride = {1};
    long[] padding = {0};
    String paddingString;
    long[] dilation = {1};
    long[] outputPadding = {0};
    long groups = 1;
    boolean bias = true;

    ConvOptions(int dims, long inChannels, long outChannels, long... kernelSize) {
        this.dims = dims;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = Objects.requireNonNull(kernelSize, "kernelSize").clone();
    }

    public ConvOptions stride(long... stride) {
        this.stride = Objects.requireNonNull(stride, "stride").clone();
        return this;
    }

    /** Implicit zero padding on both sides of each spatial dimension. */
    public ConvOptions padding(long... padding) {
        this.padding = Objects.requireNonNull(padding, "padding").clone();
        this.paddingString = null;
        return this;
    }

    /** {@code "same"} (output as large as the input, stride 1 only) or {@code "valid"} (no padding). */
    public ConvOptions padding(String padding) {
        Objects.requireNonNull(padding, "padding");
        if (!padding.equals("same") && !padding.equals("valid")) {
            throw new IllegalArgumentException("padding must be \"same\" or \"valid\", got \"" + padding + "\"");
        }
        this.paddingString = padding;
        return this;
    }

    public ConvOptions dilation(long... dilation) {
        this.dilation = Objects.requireNonNull(dilation, "dilation").clone();
        return this;
    }

    /** Extra size added to one side of each output dimension ({@link ConvTranspose2d} only). */
    public ConvOptions outputPadding(long... outputPadding) {
        this.outputPadding = Objects.requireNonNull(outputPadding, "outputPadding").clone();
        return this;
    }

    public ConvOptions groups(long groups) {
        this.groups = groups;
        return this;
    }

    /** Whether the layer learns an additive bias (default true). */
    public ConvOptions bias(boolean bias) {
        this.bias = bias;
        return this;
    }

    @Override
    public String toString() {
        return "ConvOptions(" + inChannels + ", " + outChannels + ", kernel_size=" + Arrays.toString(kernelSize) + ", stride="
                + Arrays.toString(stride) + ", padding=" + (paddingString != null ? paddingString : Arrays.toString(padding))
                + ", dilation=" + Arrays.toString(dilation) + ", groups=" + groups + ", bias=" + bias + ")";
    }
}
