package org.torch4j.data.transforms;

import java.util.Arrays;
import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code (x - mean[c]) / std[c]} per channel, as torchvision's {@code Normalize}, for floating-point
 * input with channels in dimension -3 ({@code N x C x H x W} or {@code C x H x W}).
 *
 * <pre>{@code
 * Transform t = new Normalize(new double[] {0.1307}, new double[] {0.3081});
 * }</pre>
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    public Normalize(double[] mean, double[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalize needs one mean and one std per channel, got "
                    + mean.length + " mean(s) and " + std.length + " std(s)");
        }
        this.mean = new float[mean.length];
        this.std = new float[std.length];
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0) || Double.isInfinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("normalize needs finite means and stds > 0, got mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std));
            }
            this.mean[c] = (float) mean[c];
            this.std[c] = (float) std[c];
        }
    }

    @Override
    public Tensor apply(Tensor batch) {
        if (!batch.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("normalize expects floating-point input (apply toFloat first), got "
                    + batch.dtype());
        }
        if (batch.dim() < 3 || batch.size(-3) != mean.length) {
            throw new IllegalArgumentException("normalize with " + mean.length + " channel(s) expects input of shape "
                    + "[N, " + mean.length + ", H, W] or [" + mean.length + ", H, W], got " + batch.shape());
        }
        Tensor m = Torch.fromArray(mean, mean.length, 1, 1).to(batch.dtype());
        Tensor s = Torch.fromArray(std, std.length, 1, 1).to(batch.dtype());
        return batch.sub(m).div_(s);
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
