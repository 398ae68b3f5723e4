package org.torch4j.data.transforms;

import java.util.SplittableRandom;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Mirrors each image left to right with probability {@code p}, decided per sample, as torchvision's
 * {@code RandomHorizontalFlip} applied image by image; input {@code N x C x H x W} of any dtype.
 *
 * <pre>{@code
 * Transform flip = new RandomHorizontalFlip(0.5, 42);
 * }</pre>
 *
 * Randomness: one draw per sample from a {@link SplittableRandom} seeded with {@code seed}, in batch
 * order; the same seed and the same sequence of batches give the same flips. The batch is flipped by
 * one native {@code gather}.
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;
    private final SplittableRandom random;

    public RandomHorizontalFlip(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Tensor apply(Tensor batch) {
        if (batch.dim() != 4) {
            throw new IllegalArgumentException("randomHorizontalFlip expects N x C x H x W, got shape " + batch.shape());
        }
        long n = batch.size(0);
        long w = batch.size(3);
        long[] cols = new long[Math.toIntExact(n * w)];
        synchronized (random) {
            for (int s = 0; s < n; s++) {
                boolean flip = random.nextDouble() < p;
                for (int j = 0; j < w; j++) {
                    cols[(int) (s * w + j)] = flip ? w - 1 - j : j;
                }
            }
        }
        Tensor index = Torch.fromArray(cols, n, 1, 1, w).expand(n, batch.size(1), batch.size(2), w);
        return batch.gather(3, index);
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + p + ")";
    }
}
