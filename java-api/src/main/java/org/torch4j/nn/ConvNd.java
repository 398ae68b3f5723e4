package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.init.Init;

/**
 * What PyTorch's convolution layers share ({@code _ConvNd}): options expanded to one value per spatial
 * dimension, the weight and optional bias, their default initialisation and the printed form.
 * Subclasses ({@link Conv1d}, {@link Conv2d}, {@link Conv3d}, {@link ConvTranspose2d}) add {@code forward}.
 *
 * <pre>{@code
 * ConvNd conv = new Conv2d(4, 5, new long[] {2, 3});
 * conv.weight.size();   // torch.Size([5, 4, 2, 3])
 * }</pre>
 */
public abstract class ConvNd extends Module {
    public final long inChannels;
    public final long outChannels;
    public final long[] kernelSize;
    public final long[] stride;
    /** Per-dimension padding; all zeros when {@link #paddingString} is set. */
    public final long[] padding;
    /** {@code "same"} or {@code "valid"}, or null for numeric padding. */
    public final String paddingString;
    public final long[] dilation;
    public final long[] outputPadding;
    public final long groups;
    public final boolean transposed;
    public final Parameter weight;
    public final Parameter bias;

    protected ConvNd(String name, ConvOptions o, boolean transposed) {
        int dims = o.dims;
        if (o.inChannels < 1 || o.outChannels < 1) {
            throw new IllegalArgumentException(name + " needs positive channel counts, got in_channels=" + o.inChannels
                    + ", out_channels=" + o.outChannels);
        }
        if (o.groups < 1) {
            throw new IllegalArgumentException(name + ": groups must be positive, got " + o.groups);
        }
        if (o.inChannels % o.groups != 0) {
            throw new IllegalArgumentException(name + ": in_channels " + o.inChannels + " must be divisible by groups " + o.groups);
        }
        if (o.outChannels % o.groups != 0) {
            throw new IllegalArgumentException(name + ": out_channels " + o.outChannels + " must be divisible by groups " + o.groups);
        }
        this.inChannels = o.inChannels;
        this.outChannels = o.outChannels;
        this.kernelSize = expand(name, "kernel_size", o.kernelSize, dims, 1);
        this.stride = expand(name, "stride", o.stride, dims, 1);
        this.dilation = expand(name, "dilation", o.dilation, dims, 1);
        this.paddingString = o.paddingString;
        this.padding = o.paddingString != null ? new long[dims] : expand(name, "padding", o.padding, dims, 0);
        this.outputPadding = expand(name, "output_padding", o.outputPadding, dims, 0);
        this.groups = o.groups;
        this.transposed = transposed;
        if (transposed && o.paddingString != null) {
            throw new IllegalArgumentException(name + ": padding \"" + o.paddingString + "\" is not supported, use numeric padding");
        }
        if (!transposed && Arrays.stream(outputPadding).anyMatch(v -> v != 0)) {
            throw new IllegalArgumentException(name + ": output_padding applies to transposed convolutions only, got "
                    + Arrays.toString(outputPadding));
        }
        if ("same".equals(paddingString) && Arrays.stream(stride).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException(name + ": padding=\"same\" needs stride 1, got stride " + Arrays.toString(stride));
        }
        long[] shape = new long[dims + 2];
        shape[0] = transposed ? inChannels : outChannels;
        shape[1] = (transposed ? outChannels : inChannels) / groups;
        System.arraycopy(kernelSize, 0, shape, 2, dims);
        this.weight = new Parameter(Torch.empty(shape));
        this.bias = o.bias ? new Parameter(Torch.empty(outChannels)) : null;
        resetParameters();
    }

    /**
     * PyTorch's initialisation: kaiming_uniform_(a=sqrt(5)) for the weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in))
     * for the bias, fan_in taken from the weight.
     */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.fanInAndFanOut(weight)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt(fanIn);
                Init.uniform_(bias, -bound, bound);
            }
        }
    }

    @Override
    public abstract Tensor forward(Tensor input);

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder();
        s.append(inChannels).append(", ").append(outChannels).append(", kernel_size=").append(tuple(kernelSize))
                .append(", stride=").append(tuple(stride));
        if (paddingString != null) {
            s.append(", padding=").append(paddingString);
        } else if (Arrays.stream(padding).anyMatch(v -> v != 0)) {
            s.append(", padding=").append(tuple(padding));
        }
        if (Arrays.stream(dilation).anyMatch(v -> v != 1)) {
            s.append(", dilation=").append(tuple(dilation));
        }
        if (Arrays.stream(outputPadding).anyMatch(v -> v != 0)) {
            s.append(", output_padding=").append(tuple(outputPadding));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }

    /** One value per spatial dimension (a single value repeated), each at least {@code min}. */
    static long[] expand(String name, String what, long[] v, int dims, long min) {
        if (v == null || (v.length != 1 && v.length != dims)) {
            throw new IllegalArgumentException(name + ": " + what + " needs 1 or " + dims + " values, got "
                    + (v == null ? "none" : v.length + " " + Arrays.toString(v)));
        }
        long[] out = new long[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = v.length == 1 ? v[0] : v[i];
            if (out[i] < min) {
                throw new IllegalArgumentException(name + ": " + what + " must be " + (min == 0 ? "non-negative" : "at least " + min)
                        + ", got " + Arrays.toString(v));
            }
        }
        return out;
    }

    /** Python's tuple repr: {@code (5, 5)}, and {@code (3,)} for one element. */
    static String tuple(long[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }
}
