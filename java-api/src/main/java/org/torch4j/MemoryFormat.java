package org.torch4j;

/**
 * How a 4-D tensor ({@code N x C x H x W}) lays out its elements in memory, as PyTorch's
 * {@code torch.memory_format}. Shape and values do not change with the layout; only strides do.
 *
 * <pre>{@code
 * Tensor x = Torch.randn(100, 1, 28, 28).to(MemoryFormat.CHANNELS_LAST);
 * x.stride();                                   // [784, 1, 28, 1]: NHWC order, even for one channel
 * x.isContiguous(MemoryFormat.CHANNELS_LAST);   // true
 * model.to(MemoryFormat.CHANNELS_LAST);         // conv weights too: oneDNN then runs NHWC kernels
 * }</pre>
 *
 * <p>On the CPU, convolutions and max pooling on channels-last tensors skip oneDNN's reorders of every
 * activation and use vectorised pooling: the lecture's MNIST network trains about 2x faster (README,
 * "Performance knobs").
 *
 * <p>Departure from PyTorch: {@link #CHANNELS_LAST} in torch4j always means the exact NHWC strides
 * {@code {H*W*C, 1, W*C, C}}. LibTorch counts a tensor with one channel (the MNIST input
 * {@code [N, 1, 28, 28]}, the first convolution's weight {@code [32, 1, 5, 5]}) as already channels-last with
 * its NCHW strides, so its {@code contiguous(channels_last)} does nothing there and the convolution then runs
 * in NCHW. torch4j copies such tensors into real NHWC strides instead, and its
 * {@link Tensor#isContiguous(MemoryFormat)} answers {@code true} only for those exact strides.
 */
public enum MemoryFormat {
    /** Row-major order ({@code N, C, H, W} from slowest to fastest): PyTorch's {@code torch.contiguous_format}. */
    CONTIGUOUS(org.bytedeco.pytorch.global.torch.MemoryFormat.Contiguous),
    /** Channels fastest ({@code N, H, W, C}): PyTorch's {@code torch.channels_last}, for 4-D tensors. */
    CHANNELS_LAST(org.bytedeco.pytorch.global.torch.MemoryFormat.ChannelsLast),
    /** Keep the input's layout: PyTorch's {@code torch.preserve_format}. */
    PRESERVE(org.bytedeco.pytorch.global.torch.MemoryFormat.Preserve);

    final org.bytedeco.pytorch.global.torch.MemoryFormat nativeFormat;

    MemoryFormat(org.bytedeco.pytorch.global.torch.MemoryFormat nativeFormat) {
        this.nativeFormat = nativeFormat;
    }

    /** PyTorch's name, e.g. {@code torch.channels_last}. */
    @Override
    public String toString() {
        switch (this) {
            case CONTIGUOUS: return "torch.contiguous_format";
            case CHANNELS_LAST: return "torch.channels_last";
            default: return "torch.preserve_format";
        }
    }

    /**
     * The exact channels-last strides of a 4-D shape: {@code {H*W*C, 1, W*C, C}}. The caller checks that
     * {@code shape} has four dimensions.
     */
    static long[] channelsLastStrides(long[] shape) {
        long c = shape[1], h = shape[2], w = shape[3];
        return new long[] {h * w * c, 1, w * c, c};
    }
}
