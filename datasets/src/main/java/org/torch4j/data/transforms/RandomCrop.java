package org.torch4j.data.transforms;

import java.util.SplittableRandom;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A random {@code height x width} window of each image after zero padding by {@code padding} pixels on
 * every side, a different window per sample, as torchvision's {@code RandomCrop(size, padding)} applied
 * image by image; input {@code N x C x H x W} of any dtype.
 *
 * <pre>{@code
 * Transform crop = new RandomCrop(32, 32, 4, 42);   // CIFAR-style augmentation
 * Tensor out = crop.apply(batch);                   // N x C x 32 x 32
 * }</pre>
 *
 * Randomness: window offsets come from a {@link SplittableRandom} seeded with {@code seed}, drawn in
 * order (row then column offset per sample, batch after batch): the same seed and the same sequence of
 * batches give the same crops. The whole batch is cropped by two native {@code gather}s, not a loop.
 */
public final class RandomCrop implements Transform {
    private final int height;
    private final int width;
    private final int padding;
    private final SplittableRandom random;

    public RandomCrop(int height, int width, int padding, long seed) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("crop size must be >= 1, got " + height + " x " + width);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.height = height;
        this.width = width;
        this.padding = padding;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Tensor apply(Tensor batch) {
        if (batch.dim() != 4) {
            throw new IllegalArgumentException("randomCrop expects N x C x H x W, got shape " + batch.shape());
        }
        long n = batch.size(0);
        long c = batch.size(1);
        long ph = batch.size(2) + 2L * padding;
        long pw = batch.size(3) + 2L * padding;
        if (height > ph || width > pw) {
            throw new IllegalArgumentException("crop " + height + " x " + width + " is larger than the padded image "
                    + ph + " x " + pw + " (input " + batch.shape() + ", padding " + padding + ")");
        }
        Tensor padded = batch;
        if (padding > 0) {
            padded = Torch.zeros(new long[] {n, c, ph, pw}, batch.dtype());
            padded.narrow(2, padding, batch.size(2)).narrow(3, padding, batch.size(3)).copy_(batch);
        }
        long[] rows = new long[Math.toIntExact(n * height)];
        long[] cols = new long[Math.toIntExact(n * width)];
        synchronized (random) {
            for (int s = 0; s < n; s++) {
                int top = random.nextInt((int) (ph - height) + 1);
                int left = random.nextInt((int) (pw - width) + 1);
                for (int i = 0; i < height; i++) {
                    rows[s * height + i] = top + i;
                }
                for (int j = 0; j < width; j++) {
                    cols[s * width + j] = left + j;
                }
            }
        }
        Tensor rowIndex = Torch.fromArray(rows, n, 1, height, 1).expand(n, c, height, pw);
        Tensor colIndex = Torch.fromArray(cols, n, 1, 1, width).expand(n, c, height, width);
        return padded.gather(2, rowIndex).gather(3, colIndex);
    }

    @Override
    public String toString() {
        return "RandomCrop(size=(" + height + ", " + width + "), padding=" + padding + ")";
    }
}
