package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Average pooling to a fixed output size whatever the input size, as {@code torch.nn.AdaptiveAvgPool2d}.
 *
 * <pre>{@code
 * AdaptiveAvgPool2d gap = new AdaptiveAvgPool2d(1);                     // global average pooling
 * Tensor y = new AdaptiveAvgPool2d(new long[] {5, 7}).forward(x);      // N x C x 5 x 7
 * }</pre>
 */
public class AdaptiveAvgPool2d extends Module {
    private final long[] outputSize;
    private final boolean scalar;

    /** A square {@code outputSize x outputSize} output. */
    public AdaptiveAvgPool2d(long outputSize) {
        this(new long[] {outputSize}, true);
    }

    /** An {@code (H, W)} output. */
    public AdaptiveAvgPool2d(long[] outputSize) {
        this(Objects.requireNonNull(outputSize, "outputSize").clone(), false);
    }

    private AdaptiveAvgPool2d(long[] outputSize, boolean scalar) {
        ConvNd.expand("AdaptiveAvgPool2d", "output_size", outputSize, 2, 1);
        this.outputSize = outputSize;
        this.scalar = scalar;
    }

    public long[] outputSize() {
        return outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool2d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PoolOptions.repr(outputSize, scalar);
    }
}
