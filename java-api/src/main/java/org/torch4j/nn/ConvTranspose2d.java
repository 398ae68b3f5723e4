package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Transposed 2-d convolution layer, as {@code torch.nn.ConvTranspose2d}: weight
 * {@code in x out/groups x kh x kw}; output size {@code (H - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1}.
 *
 * <pre>{@code
 * ConvTranspose2d up = new ConvTranspose2d(ConvTranspose2d.options(64, 32, 3).stride(2).padding(1).outputPadding(1));
 * Tensor y = up.forward(x);   // N x 64 x H x W -> N x 32 x 2H x 2W
 * }</pre>
 */
public class ConvTranspose2d extends ConvNd {
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize) {
        this(options(inChannels, outChannels, kernelSize));
    }

    public ConvTranspose2d(ConvOptions options) {
        super("ConvTranspose2d", checkDims(options), true);
    }

    public static ConvOptions options(long inChannels, long outChannels, long kernelSize) {
        return new ConvOptions(2, inChannels, outChannels, kernelSize);
    }

    public static ConvOptions options(long inChannels, long outChannels, long[] kernelSize) {
        return new ConvOptions(2, inChannels, outChannels, kernelSize);
    }

    private static ConvOptions checkDims(ConvOptions o) {
        if (o.dims != 2) {
            throw new IllegalArgumentException("ConvTranspose2d needs options for 2 spatial dimensions, got options made for " + o.dims);
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }
}
