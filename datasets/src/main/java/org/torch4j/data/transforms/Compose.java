package org.torch4j.data.transforms;

import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Transforms applied one after another, as torchvision's {@code Compose}.
 *
 * <pre>{@code
 * Transform train = new Compose(new RandomCrop(32, 32, 4, 1), new RandomHorizontalFlip(0.5, 2),
 *         new ToFloat(), new Normalize(mean, std));
 * }</pre>
 */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    public Compose(Transform... transforms) {
        Objects.requireNonNull(transforms, "transforms");
        for (int i = 0; i < transforms.length; i++) {
            Objects.requireNonNull(transforms[i], "transform " + i);
        }
        this.transforms = List.of(transforms);
    }

    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public Tensor apply(Tensor batch) {
        Tensor x = batch;
        for (Transform t : transforms) {
            x = t.apply(x);
        }
        return x;
    }

    @Override
    public String toString() {
        return "Compose" + transforms;
    }
}
