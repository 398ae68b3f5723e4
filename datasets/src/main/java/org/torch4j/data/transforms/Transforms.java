package org.torch4j.data.transforms;

/**
 * Factories for the batch transforms with torchvision's names in camelCase.
 *
 * <pre>{@code
 * import static org.torch4j.data.transforms.Transforms.*;
 *
 * Transform train = compose(randomCrop(32, 4, 1), randomHorizontalFlip(0.5, 2), toFloat(),
 *         normalize(new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616}));
 * }</pre>
 *
 * These live in {@code org.torch4j.data.transforms}, not a vision package: they work on whole native
 * batches as the {@link org.torch4j.data.DataLoader} hands them over (torchvision's transform one
 * image at a time), and {@link #toFloat()} and {@link #normalize} are not about images alone.
 */
public final class Transforms {
    private Transforms() {}

    public static Transform toFloat() {
        return new ToFloat();
    }

    public static Transform normalize(double[] mean, double[] std) {
        return new Normalize(mean, std);
    }

    /** A square {@code size x size} crop after {@code padding} zeros on every side. */
    public static Transform randomCrop(int size, int padding, long seed) {
        return new RandomCrop(size, size, padding, seed);
    }

    public static Transform randomCrop(int height, int width, int padding, long seed) {
        return new RandomCrop(height, width, padding, seed);
    }

    public static Transform randomHorizontalFlip(double p, long seed) {
        return new RandomHorizontalFlip(p, seed);
    }

    public static Transform compose(Transform... transforms) {
        return new Compose(transforms);
    }
}
