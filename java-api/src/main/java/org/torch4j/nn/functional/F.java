package org.torch4j.nn.functional;

import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.adoptCopy;
import static org.torch4j.internal.NativeOps.op;
import static org.torch4j.internal.NativeOps.value;

import java.util.Arrays;
import java.util.Objects;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;

/**
 * Autograd-aware functions, PyTorch's {@code torch.nn.functional} (imported as {@code F}).
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, weight, bias));
 * }</pre>
 */
public final class F {
    private F() {}

    // ================================================================ activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    // (activations: end)

    // ================================================================ losses

    // (losses: end)

    // ================================================================ normalisation, dropout, embedding, one-hot

    // (normalisation: end)

    // ================================================================ linear, convolution, pooling, padding, resampling

    /** {@code x W^T + b} ({@code addmm} for 2-d input, as PyTorch); {@code bias} may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(n(bias))) {
            return op(() -> torch.linear(n(x), n(weight), b));
        }
    }

    // ---------------------------------------------------------------- convolution

    /** 1-d convolution of an {@code N x C x W} (or {@code C x W}) input with {@code D x C/groups x w} kernels. */
    public static Tensor conv1d(Tensor input, Tensor weight) {
        return conv1d(input, weight, null);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv1d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv1d", 1, input, weight, bias, stride, padding, null, dilation, groups);
    }

    /** {@code padding} is {@code "same"} (output as long as the input; stride 1 only) or {@code "valid"} (no padding). */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv1d", 1, input, weight, bias, stride, null, padding, dilation, groups);
    }

    /**
     * 2-d convolution, as {@code torch.nn.functional.conv2d}: input {@code N x C x H x W} (or {@code C x H x W}),
     * weight {@code D x C/groups x h x w}, optional bias of size D; without padding the output is
     * {@code N x D x (H - h + 1) x (W - w + 1)}.
     *
     * <pre>{@code
     * Tensor y = F.conv2d(empty(117, 4, 10, 3).normal_(), empty(5, 4, 2, 3).normal_());   // 117 x 5 x 9 x 1
     * }</pre>
     */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0, 1, 1);
    }

    /** Equal stride, padding and dilation along both spatial dimensions. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    /** Per-dimension {@code (h, w)} stride, padding and dilation; a single value applies to both. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv2d", 2, input, weight, bias, stride, padding, null, dilation, groups);
    }

    /** {@code padding} is {@code "same"} (output as large as the input; stride 1 only) or {@code "valid"} (no padding). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv2d", 2, input, weight, bias, stride, null, padding, dilation, groups);
    }

    /** 3-d convolution of an {@code N x C x D x H x W} (or {@code C x D x H x W}) input. */
    public static Tensor conv3d(Tensor input, Tensor weight) {
        return conv3d(input, weight, null);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias) {
        return conv3d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv3d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv3d", 3, input, weight, bias, stride, padding, null, dilation, groups);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv3d", 3, input, weight, bias, stride, null, padding, dilation, groups);
    }

    private static Tensor conv(String name, int dims, Tensor input, Tensor weight, Tensor bias, long[] stride0,
            long[] padding0, String paddingMode, long[] dilation0, long groups) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(weight, "weight");
        long[] stride = spatial(name, "stride", stride0, dims, 1);
        long[] dilation = spatial(name, "dilation", dilation0, dims, 1);
        long[] padding = paddingMode == null ? spatial(name, "padding", padding0, dims, 0) : new long[dims];
        if (paddingMode != null && !paddingMode.equals("same") && !paddingMode.equals("valid")) {
            throw new IllegalArgumentException(name + ": padding must be \"same\" or \"valid\", got \"" + paddingMode + "\"");
        }
        if ("same".equals(paddingMode)) {
            for (long s : stride) {
                if (s != 1) {
                    throw new IllegalArgumentException(name + ": padding=\"same\" needs stride 1, got stride "
                            + Arrays.toString(stride));
                }
            }
        }
        if (groups < 1) {
            throw new IllegalArgumentException(name + ": groups must be positive, got " + groups);
        }
        if (weight.dim() != dims + 2) {
            throw new IllegalArgumentException(name + ": expected a " + (dims + 2) + "-d weight (out_channels x in_channels/groups x kernel), got shape "
                    + weight.size());
        }
        checkInputDims(name, input, dims);
        int channelDim = input.dim() - dims - 1;
        long expected = weight.size(1) * groups;
        if (input.size(channelDim) != expected) {
            throw new IllegalArgumentException(name + ": expected input with " + expected + " channels (weight of shape "
                    + weight.size() + ", groups=" + groups + "), got " + input.size(channelDim) + " channels in input of shape "
                    + input.size());
        }
        if (weight.size(0) % groups != 0) {
            throw new IllegalArgumentException(name + ": out_channels " + weight.size(0) + " is not divisible by groups " + groups);
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException(name + ": expected a bias of shape [" + weight.size(0) + "], got " + bias.size());
        }
        if (paddingMode == null) {
            checkKernelFits(name, input, dims, weight, padding, dilation);
        }
        try (TensorOptional b = optional(bias)) {
            switch (dims) {
                case 1:
                    return paddingMode == null ? op(() -> torch.conv1d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv1d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
                case 2:
                    return paddingMode == null ? op(() -> torch.conv2d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv2d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
                default:
                    return paddingMode == null ? op(() -> torch.conv3d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv3d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
            }
        }
    }

    /** The kernel, dilated, must fit into the padded input along every spatial dimension. */
    private static void checkKernelFits(String name, Tensor input, int dims, Tensor weight, long[] padding, long[] dilation) {
        int first = input.dim() - dims;
        for (int d = 0; d < dims; d++) {
            long in = input.size(first + d) + 2 * padding[d];
            long k = dilation[d] * (weight.size(2 + d) - 1) + 1;
            if (k > in) {
                throw new IllegalArgumentException(name + ": kernel size " + k + " (dilated) is larger than the padded input size "
                        + in + " in spatial dimension " + d + " (input of shape " + input.size() + ", weight of shape "
                        + weight.size() + ")");
            }
        }
    }

    /**
     * Transposed 2-d convolution (the gradient of conv2d with respect to its input), as
     * {@code torch.nn.functional.conv_transpose2d}: weight is {@code C_in x C_out/groups x h x w}.
     *
     * <pre>{@code
     * Tensor up = F.convTranspose2d(x, w, b, 2, 1, 1, 1, 1);   // stride 2, padding 1, output padding 1: doubles H and W
     * }</pre>
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight) {
        return convTranspose2d(input, weight, null);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias) {
        return convTranspose2d(input, weight, bias, 1, 0, 0, 1, 1);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long outputPadding,
            long groups, long dilation) {
        return convTranspose2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {outputPadding}, groups,
                new long[] {dilation});
    }

    /** PyTorch's argument order: stride, padding, output_padding, groups, dilation. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride0, long[] padding0,
            long[] outputPadding0, long groups, long[] dilation0) {
        String name = "conv_transpose2d";
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(weight, "weight");
        long[] stride = spatial(name, "stride", stride0, 2, 1);
        long[] padding = spatial(name, "padding", padding0, 2, 0);
        long[] outputPadding = spatial(name, "output_padding", outputPadding0, 2, 0);
        long[] dilation = spatial(name, "dilation", dilation0, 2, 1);
        if (groups < 1) {
            throw new IllegalArgumentException(name + ": groups must be positive, got " + groups);
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException(name + ": expected a 4-d weight (in_channels x out_channels/groups x kh x kw), got shape "
                    + weight.size());
        }
        checkInputDims(name, input, 2);
        int channelDim = input.dim() - 3;
        if (input.size(channelDim) != weight.size(0)) {
            throw new IllegalArgumentException(name + ": expected input with " + weight.size(0) + " channels (weight of shape "
                    + weight.size() + "), got " + input.size(channelDim) + " channels in input of shape " + input.size());
        }
        for (int d = 0; d < 2; d++) {
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d]) {
                throw new IllegalArgumentException(name + ": output_padding must be smaller than stride or dilation, got output_padding "
                        + Arrays.toString(outputPadding) + ", stride " + Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation));
            }
        }
        try (TensorOptional b = optional(bias)) {
            return op(() -> torch.conv_transpose2d(n(input), n(weight), b, stride, padding, outputPadding, groups, dilation));
        }
    }

    // ---------------------------------------------------------------- pooling

    /** Max over windows of {@code kernelSize} along the last dimension; the stride is the kernel size. */
    public static Tensor maxPool1d(Tensor input, long kernelSize) {
        return maxPool1d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride) {
        return maxPool1d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    /** {@code stride} null means the kernel size, as PyTorch's {@code stride=None}. */
    public static Tensor maxPool1d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool1d", 1, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool1d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    /** Max pooling that also returns, for each output, the flat index of the maximum within its input plane. */
    public static ValuesIndices maxPool1dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool1d", 1, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool1d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    /**
     * 2-d max pooling, as {@code torch.nn.functional.max_pool2d}: the stride defaults to the kernel size, so
     * the windows do not overlap.
     *
     * <pre>{@code
     * Tensor y = F.maxPool2d(x, 3);                          // N x C x H x W -> N x C x H/3 x W/3
     * Tensor z = F.maxPool2d(x, new long[] {1, 2});          // kernel (1, 2)
     * }</pre>
     */
    public static Tensor maxPool2d(Tensor input, long kernelSize) {
        return maxPool2d(input, new long[] {kernelSize});
    }

    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride) {
        return maxPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return maxPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, new long[] {dilation}, ceilMode);
    }

    public static Tensor maxPool2d(Tensor input, long[] kernelSize) {
        return maxPool2d(input, kernelSize, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool2d", 2, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool2d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    public static ValuesIndices maxPool2dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool2d", 2, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool2d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    public static Tensor maxPool3d(Tensor input, long kernelSize) {
        return maxPool3d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool3d(Tensor input, long kernelSize, long stride) {
        return maxPool3d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool3d", 3, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool3d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    public static ValuesIndices maxPool3dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool3d", 3, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool3d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    /** kernel, stride, padding, dilation, each expanded to {@code dims} values and checked. */
    private static long[][] maxPoolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding,
            long[] dilation) {
        long[][] a = poolArgs(name, dims, input, kernelSize, stride, padding);
        long[] d = spatial(name, "dilation", dilation, dims, 1);
        checkWindowFits(name, dims, input, a[0], a[2], d);
        return new long[][] {a[0], a[1], a[2], d};
    }

    private static long[][] poolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kernelSize, "kernelSize");
        long[] k = spatial(name, "kernel_size", kernelSize, dims, 1);
        long[] s = stride == null || stride.length == 0 ? k : spatial(name, "stride", stride, dims, 1);
        long[] p = spatial(name, "padding", padding, dims, 0);
        for (int i = 0; i < dims; i++) {
            if (p[i] * 2 > k[i]) {
                throw new IllegalArgumentException(name + ": padding should be at most half of the kernel size, got padding "
                        + Arrays.toString(p) + " for kernel size " + Arrays.toString(k));
            }
        }
        checkInputDims(name, input, dims);
        return new long[][] {k, s, p};
    }

    private static void checkWindowFits(String name, int dims, Tensor input, long[] k, long[] p, long[] d) {
        int first = input.dim() - dims;
        for (int i = 0; i < dims; i++) {
            long in = input.size(first + i) + 2 * p[i];
            long win = d[i] * (k[i] - 1) + 1;
            if (win > in) {
                throw new IllegalArgumentException(name + ": kernel size " + win + " (dilated) is larger than the padded input size "
                        + in + " in spatial dimension " + i + " (input of shape " + input.size() + ")");
            }
        }
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize) {
        return avgPool1d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride) {
        return avgPool1d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    /** {@code countIncludePad}: whether the zero padding counts in each window's divisor. */
    public static Tensor avgPool1d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool1d", 1, input, kernelSize, stride, padding);
        return op(() -> torch.avg_pool1d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad));
    }

    /**
     * 2-d average pooling, as {@code torch.nn.functional.avg_pool2d}; the stride defaults to the kernel size.
     *
     * <pre>{@code
     * Tensor y = F.avgPool2d(x, 2);   // N x C x H x W -> N x C x H/2 x W/2
     * }</pre>
     */
    public static Tensor avgPool2d(Tensor input, long kernelSize) {
        return avgPool2d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride) {
        return avgPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, ceilMode, countIncludePad);
    }

    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool2d", 2, input, kernelSize, stride, padding);
        try (LongOptional divisor = new LongOptional()) {
            return op(() -> torch.avg_pool2d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad, divisor));
        }
    }

    public static Tensor avgPool3d(Tensor input, long kernelSize) {
        return avgPool3d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool3d(Tensor input, long kernelSize, long stride) {
        return avgPool3d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    public static Tensor avgPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool3d", 3, input, kernelSize, stride, padding);
        try (LongOptional divisor = new LongOptional()) {
            return op(() -> torch.avg_pool3d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad, divisor));
        }
    }

    private static long[][] avgPoolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding) {
        long[][] a = poolArgs(name, dims, input, kernelSize, stride, padding);
        checkWindowFits(name, dims, input, a[0], a[2], ones(dims));
        return a;
    }

    /**
     * Average pooling to a fixed output size whatever the input size, as
     * {@code torch.nn.functional.adaptive_avg_pool2d}; one value means a square output.
     *
     * <pre>{@code
     * Tensor v = F.adaptiveAvgPool2d(features, 1);   // N x C x H x W -> N x C x 1 x 1
     * }</pre>
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        Objects.requireNonNull(input, "input");
        long[] size = spatial("adaptive_avg_pool2d", "output_size", outputSize, 2, 1);
        checkInputDims("adaptive_avg_pool2d", input, 2);
        return op(() -> torch.adaptive_avg_pool2d(n(input), size));
    }

    // ---------------------------------------------------------------- padding, resampling, unfold

    /** Zero padding; see {@link #pad(Tensor, long[], String, double)}. */
    public static Tensor pad(Tensor input, long... pad) {
        return pad(input, pad, "constant", 0);
    }

    public static Tensor pad(Tensor input, long[] pad, String mode) {
        return pad(input, pad, mode, 0);
    }

    /**
     * Pads the last dimensions, as {@code torch.nn.functional.pad}: {@code pad} holds (before, after) pairs,
     * <em>last dimension first</em> ({@code {left, right, top, bottom}} for an image). {@code mode} is
     * {@code "constant"} (filled with {@code value}; negative amounts crop), {@code "reflect"},
     * {@code "replicate"} or {@code "circular"}.
     *
     * <pre>{@code
     * Tensor y = F.pad(x, new long[] {1, 1, 2, 0}, "reflect");   // W + 2, H + 2
     * }</pre>
     */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pad, "pad");
        Objects.requireNonNull(mode, "mode");
        if (pad.length % 2 != 0) {
            throw new IllegalArgumentException("pad: the padding must hold (before, after) pairs, got " + pad.length + " values "
                    + Arrays.toString(pad));
        }
        if (pad.length / 2 > input.dim()) {
            throw new IllegalArgumentException("pad: " + pad.length / 2 + " padded dimensions for a " + input.dim() + "-d input");
        }
        switch (mode) {
            case "constant":
                try (DoubleOptional v = new DoubleOptional(value)) {
                    return op(() -> torch.pad(n(input), pad, mode, v));
                }
            case "reflect":
            case "replicate":
            case "circular":
                if (value != 0) {
                    throw new IllegalArgumentException("pad: a fill value applies to mode \"constant\" only, got mode \"" + mode + "\"");
                }
                try (DoubleOptional v = new DoubleOptional()) {
                    return op(() -> torch.pad(n(input), pad, mode, v));
                }
            default:
                throw new IllegalArgumentException("pad: mode must be constant, reflect, replicate or circular, got \"" + mode + "\"");
        }
    }

    /** Resizes to {@code size} (one value per spatial dimension); {@code mode} "nearest", "linear" (3-d) or "bilinear" (4-d). */
    public static Tensor interpolate(Tensor input, long[] size, String mode) {
        return interpolate(input, size, 0, mode, null);
    }

    /**
     * Resamples the spatial dimensions, as {@code torch.nn.functional.interpolate} with {@code size=};
     * {@code alignCorners} applies to the interpolating modes only.
     *
     * <pre>{@code
     * Tensor big = F.interpolate(img, new long[] {56, 56}, "bilinear", false);
     * }</pre>
     */
    public static Tensor interpolate(Tensor input, long[] size, String mode, boolean alignCorners) {
        return interpolate(input, size, 0, mode, alignCorners);
    }

    /** Resamples by {@code scaleFactor} along every spatial dimension (output size rounded down). */
    public static Tensor interpolate(Tensor input, double scaleFactor, String mode) {
        return interpolate(input, null, scaleFactor, mode, null);
    }

    public static Tensor interpolate(Tensor input, double scaleFactor, String mode, boolean alignCorners) {
        return interpolate(input, null, scaleFactor, mode, alignCorners);
    }

    private static Tensor interpolate(Tensor input, long[] size, double scale, String mode, Boolean alignCorners) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mode, "mode");
        int dims = input.dim() - 2;
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("interpolate: expected a 3-d, 4-d or 5-d input (N x C x spatial), got shape " + input.size());
        }
        boolean nearest = mode.equals("nearest");
        int modeDims = mode.equals("linear") ? 1 : mode.equals("bilinear") ? 2 : mode.equals("trilinear") ? 3 : nearest ? dims : -1;
        if (modeDims < 0) {
            throw new IllegalArgumentException("interpolate: mode must be nearest, linear, bilinear or trilinear, got \"" + mode + "\"");
        }
        if (modeDims != dims) {
            throw new IllegalArgumentException("interpolate: mode \"" + mode + "\" needs a " + (modeDims + 2) + "-d input, got shape "
                    + input.size());
        }
        if (nearest && alignCorners != null) {
            throw new IllegalArgumentException("interpolate: alignCorners applies to the interpolating modes (linear, bilinear, "
                    + "trilinear) only, not to \"nearest\"");
        }
        boolean align = alignCorners != null && alignCorners;
        long[] out;
        double[] scales = new double[dims];
        if (size != null) {
            out = spatial("interpolate", "size", size, dims, 1);
        } else {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("interpolate: scaleFactor must be positive and finite, got " + scale);
            }
            out = new long[dims];
            for (int d = 0; d < dims; d++) {
                out[d] = (long) Math.floor(input.size(2 + d) * scale);
                if (out[d] < 1) {
                    throw new IllegalArgumentException("interpolate: scaleFactor " + scale + " gives an empty output for input of shape "
                            + input.size());
                }
                scales[d] = scale;
            }
        }
        // Given scales (not sizes), LibTorch maps output to input coordinates with 1/scale, as PyTorch does.
        DoubleOptional[] s = new DoubleOptional[dims];
        for (int d = 0; d < dims; d++) {
            s[d] = size != null ? new DoubleOptional() : new DoubleOptional(scales[d]);
        }
        try {
            if (nearest) {
                switch (dims) {
                    case 1:
                        return op(() -> torch.upsample_nearest1d(n(input), out, s[0]));
                    case 2:
                        return op(() -> torch.upsample_nearest2d(n(input), out, s[0], s[1]));
                    default:
                        return op(() -> torch.upsample_nearest3d(n(input), out, s[0], s[1], s[2]));
                }
            }
            switch (dims) {
                case 1:
                    return op(() -> torch.upsample_linear1d(n(input), out, align, s[0]));
                case 2:
                    return op(() -> torch.upsample_bilinear2d(n(input), out, align, s[0], s[1]));
                default:
                    return op(() -> torch.upsample_trilinear3d(n(input), out, align, s[0], s[1], s[2]));
            }
        } finally {
            for (DoubleOptional o : s) {
                o.close();
            }
        }
    }

    /** {@code unfold(input, {k}, {1}, {0}, {1})}. */
    public static Tensor unfold(Tensor input, long kernelSize) {
        return unfold(input, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Extracts sliding blocks (im2col), as {@code torch.nn.functional.unfold}: an {@code N x C x H x W} input
     * becomes {@code N x (C * kh * kw) x L}, one column per block position.
     *
     * <pre>{@code
     * Tensor cols = F.unfold(x, new long[] {3, 3}, new long[] {1}, new long[] {1}, new long[] {1});
     * }</pre>
     */
    public static Tensor unfold(Tensor input, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Objects.requireNonNull(input, "input");
        long[] k = spatial("unfold", "kernel_size", kernelSize, 2, 1);
        long[] d = spatial("unfold", "dilation", dilation, 2, 1);
        long[] p = spatial("unfold", "padding", padding, 2, 0);
        long[] s = spatial("unfold", "stride", stride, 2, 1);
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("unfold: expected a 3-d or 4-d input (N x C x H x W), got shape " + input.size());
        }
        checkWindowFits("unfold", 2, input, k, p, d);
        return op(() -> torch.im2col(n(input), k, d, p, s));
    }

    /** {@code fold(input, outputSize, {k}, {1}, {0}, {1})}. */
    public static Tensor fold(Tensor input, long[] outputSize, long kernelSize) {
        return fold(input, outputSize, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Sums sliding blocks back into an image (col2im), the adjoint of {@link #unfold}: an
     * {@code N x (C * kh * kw) x L} input becomes {@code N x C x outputSize}.
     */
    public static Tensor fold(Tensor input, long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Objects.requireNonNull(input, "input");
        long[] o = spatial("fold", "output_size", outputSize, 2, 1);
        long[] k = spatial("fold", "kernel_size", kernelSize, 2, 1);
        long[] d = spatial("fold", "dilation", dilation, 2, 1);
        long[] p = spatial("fold", "padding", padding, 2, 0);
        long[] s = spatial("fold", "stride", stride, 2, 1);
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("fold: expected a 2-d or 3-d input (N x C*kh*kw x L), got shape " + input.size());
        }
        return op(() -> torch.col2im(n(input), o, k, d, p, s));
    }

    // ---------------------------------------------------------------- argument helpers

    /** One value per spatial dimension: {@code values} of length 1 is repeated; each must be at least {@code min}. */
    private static long[] spatial(String fn, String what, long[] values, int dims, long min) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(fn + ": " + what + " needs 1 or " + dims + " values, got none");
        }
        long[] out;
        if (values.length == 1) {
            out = new long[dims];
            Arrays.fill(out, values[0]);
        } else if (values.length == dims) {
            out = values.clone();
        } else {
            throw new IllegalArgumentException(fn + ": " + what + " needs 1 or " + dims + " values, got " + values.length + " "
                    + Arrays.toString(values));
        }
        for (long v : out) {
            if (v < min) {
                throw new IllegalArgumentException(fn + ": " + what + " must be " + (min == 0 ? "non-negative" : "at least " + min)
                        + ", got " + Arrays.toString(values));
            }
        }
        return out;
    }

    /** Batched ({@code N x C x spatial}) or unbatched ({@code C x spatial}) input. */
    private static void checkInputDims(String fn, Tensor input, int dims) {
        if (input.dim() != dims + 1 && input.dim() != dims + 2) {
            throw new IllegalArgumentException(fn + ": expected a " + (dims + 1) + "-d (unbatched) or " + (dims + 2)
                    + "-d (batched) input, got shape " + input.size());
        }
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static TensorOptional optional(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(n(t));
    }

    private static ValuesIndices pair(T_TensorTensor_T t) {
        try (t) {
            return new ValuesIndices(adoptCopy(t.get0()), adoptCopy(t.get1()));
        }
    }

    // (convolution: end)
}
