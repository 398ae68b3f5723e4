package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * 3-d convolution layer, as {@code torch.nn.Conv3d}: input {@code N x C x D x H x W} (or without N), weight
 * {@code out x in/groups x kernel}, initialised as PyTorch does (see {@link ConvNd#resetParameters()}).
 *
 * <pre>{@code
 * Conv3d conv = new Conv3d(2, 4, 3);
 * Conv3d strided = new Conv3d(Conv3d.options(2, 4, 3).stride(2).padding(1).bias(false));
 * Tensor y = conv.forward(x);
 * }</pre>
 */
public class Conv3d extends ConvNd {
    public Conv3d(long inChannels, long outChannels, long kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    /** A kernel size per spatial dimension. */
    public Conv3d(long inChannels, long outChannels, long[] kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    public Conv3d(ConvOptions options) {
        super("Conv3d", checkDims(options), false);
    }

    /** Options with PyTorch's defaults, to adjust with fluent setters. */
    public static ConvOptions options(long inChannels, long outChannels, long kernelSize) {
        return new ConvOptions(3, inChannels, outChannels, kernelSize);
    }

    public static ConvOptions options(long inChannels, long outChannels, long[] kernelSize) {
        return new ConvOptions(3, inChannels, outChannels, kernelSize);
    }

    private static ConvOptions checkDims(ConvOptions o) {
        if (o.dims != 3) {
            throw new IllegalArgumentException("Conv3d needs options for 3 spatial dimension(s), got options made for " + o.dims
                    + " (use Conv3d.options)");
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor input) {
        return paddingString != null
                ? F.conv3d(input, weight, bias, stride, paddingString, dilation, groups)
                : F.conv3d(input, weight, bias, stride, padding, dilation, groups);
    }
}
