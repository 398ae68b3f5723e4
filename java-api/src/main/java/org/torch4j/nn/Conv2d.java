package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * 2-d convolution layer, as {@code torch.nn.Conv2d}: input {@code N x C x H x W} (or without N), weight
 * {@code out x in/groups x kernel}, initialised as PyTorch does (see {@link ConvNd#resetParameters()}).
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 5);
 * Conv2d strided = new Conv2d(Conv2d.options(2, 4, 3).stride(2).padding(1).bias(false));
 * Tensor y = conv.forward(x);
 * }</pre>
 */
public class Conv2d extends ConvNd {
    public Conv2d(long inChannels, long outChannels, long kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    /** A kernel size per spatial dimension. */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    public Conv2d(ConvOptions options) {
        super("Conv2d", checkDims(options), false);
    }

    /** Options with PyTorch's defaults, to adjust with fluent setters. */
    public static ConvOptions options(long inChannels, long outChannels, long kernelSize) {
        return new ConvOptions(2, inChannels, outChannels, kernelSize);
    }

    public static ConvOptions options(long inChannels, long outChannels, long[] kernelSize) {
        return new ConvOptions(2, inChannels, outChannels, kernelSize);
    }

    private static ConvOptions checkDims(ConvOptions o) {
        if (o.dims != 2) {
            throw new IllegalArgumentException("Conv2d needs options for 2 spatial dimension(s), got options made for " + o.dims
                    + " (use Conv2d.options)");
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor input) {
        return paddingString != null
                ? F.conv2d(input, weight, bias, stride, paddingString, dilation, groups)
                : F.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }
}
