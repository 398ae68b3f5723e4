package org.torch4j.data.transforms;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.data.TensorDataset;

/**
 * Per-channel mean and standard deviation of an image tensor {@code N x C x H x W}, computed natively
 * in chunks of samples (in {@code float64}, so memory stays small and sums stay exact enough); a
 * {@code uint8} tensor is measured on the [0, 1] scale (divided by 255), as the values that feed
 * {@link Normalize}.
 *
 * <pre>{@code
 * double[] mean = ChannelStats.mean(train);   // MNIST: [0.1307]
 * double[] std = ChannelStats.std(train);     // MNIST: [0.3081]
 * }</pre>
 *
 * The standard deviation is PyTorch's default {@code std()}: unbiased (divides by count - 1), over all
 * pixels of the channel, computed in two passes (mean first, then squared deviations) to avoid cancellation.
 */
public final class ChannelStats {
    static final long DEFAULT_CHUNK = 4096;

    private ChannelStats() {}

    /** Means of the images of a dataset (its first tensor). */
    public static double[] mean(TensorDataset dataset) {
        return mean(dataset.tensor(0));
    }

    /** Standard deviations of the images of a dataset (its first tensor). */
    public static double[] std(TensorDataset dataset) {
        return std(dataset.tensor(0));
    }

    public static double[] mean(Tensor images) {
        return mean(images, DEFAULT_CHUNK);
    }

    public static double[] std(Tensor images) {
        return std(images, DEFAULT_CHUNK);
    }

    /** Means, reading {@code chunk} samples at a time. */
    public static double[] mean(Tensor images, long chunk) {
        check(images, chunk);
        double[] sums = sums(images, chunk, null);
        double count = count(images);
        for (int c = 0; c < sums.length; c++) {
            sums[c] /= count;
        }
        return sums;
    }

    /** Standard deviations, reading {@code chunk} samples at a time. */
    public static double[] std(Tensor images, long chunk) {
        check(images, chunk);
        double count = count(images);
        if (count < 2) {
            throw new IllegalArgumentException("std needs at least 2 values per channel, got " + (long) count
                    + " (shape " + images.shape() + ")");
        }
        double[] mean = mean(images, chunk);
        double[] sq = sums(images, chunk, mean);
        for (int c = 0; c < sq.length; c++) {
            sq[c] = Math.sqrt(sq[c] / (count - 1));
        }
        return sq;
    }

    private static void check(Tensor images, long chunk) {
        if (images.dim() != 4) {
            throw new IllegalArgumentException("channel statistics expect N x C x H x W, got shape " + images.shape());
        }
        if (images.size(0) == 0) {
            throw new IllegalArgumentException("channel statistics of an empty tensor (shape " + images.shape() + ")");
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1 sample, got " + chunk);
        }
    }

    private static double count(Tensor images) {
        return (double) images.size(0) * images.size(2) * images.size(3);
    }

    /** Per channel: the sum of values, or with {@code center} the sum of squared deviations from it. */
    private static double[] sums(Tensor images, long chunk, double[] center) {
        int channels = (int) images.size(1);
        double[] acc = new double[channels];
        double scale = images.dtype() == DType.UINT8 ? 1.0 / 255.0 : 1.0;
        long n = images.size(0);
        for (long start = 0; start < n; start += chunk) {
            try (Scope scope = Scope.open()) {
                Tensor x = images.narrow(0, start, Math.min(chunk, n - start)).to(DType.FLOAT64).mul_(scale);
                if (center != null) {
                    double[] negMean = new double[channels];
                    for (int c = 0; c < channels; c++) {
                        negMean[c] = -center[c];
                    }
                    x = x.add_(org.torch4j.Torch.fromArray(negMean, 1, channels, 1, 1));
                    x = x.mul_(x);
                }
                double[] part = x.sum(new long[] {0, 2, 3}, false).toDoubleArray();
                for (int c = 0; c < channels; c++) {
                    acc[c] += part[c];
                }
            }
        }
        return acc;
    }
}
