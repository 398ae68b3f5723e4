package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * 1-d convolution layer, as {@code torch.nn.Conv1d}: input {@code N x C x W} (or without N), weight
 * {@code out x in/groups x kernel}, initialised as PyTorch does (see {@link ConvNd#resetParameters()}).
 *
 * <pre>{@code
 * Conv1d conv = new Conv1d(2, 4, 3);
 * Conv1d strided = new Conv1d(Conv1d.options(2, 4, 3).stride(2).padding(1).bias(false));
 * Tensor y = conv.forward(x);
 * }</pre>
 */
public class Conv1d extends ConvNd {
    public Conv1d(long inChannels, long outChannels, long kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    /** A kernel size per spatial dimension. */
    public Conv1d(long inChannels, long outChannels, long[] kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    public Conv1d(ConvOptions options) {
        super("Conv1d", checkDims(options), false);
    }

    /** Options with PyTorch's defaults, to adjust with fluent setters. */
    public static ConvOptions options(long inChannels, long outChannels, long kernelSize) {
        return new ConvOptions(1, inChannels, outChannels, kernelSize);
    }

    public static ConvOptions options(long inChannels, long outChannels, long[] kernelSize) {
        return new ConvOptions(1, inChannels, outChannels, kernelSize);
    }

    private static ConvOptions checkDims(ConvOptions o) {
        if (o.dims != 1) {
            throw new IllegalArgumentException("Conv1d needs options for 1 spatial dimension(s), got options made for " + o.dims
                    + " (use Conv1d.options)");
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor input) {
        return paddingString != null
                ? F.conv1d(input, weight, bias, stride, paddingString, dilation, groups)
                : F.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }
}
