package org.torch4j.data.transforms;

import java.util.Objects;
import org.torch4j.Tensor;

/**
 * A function from a batch tensor to a new one, applied by a {@link org.torch4j.data.DataLoader} to
 * each batch's inputs on its worker thread. Image transforms take {@code N x C x H x W} batches.
 *
 * <pre>{@code
 * Transform t = Transforms.toFloat().andThen(Transforms.normalize(new double[] {0.1307}, new double[] {0.3081}));
 * Tensor x = t.apply(images);
 * }</pre>
 *
 * A transform must not close or modify its input in place: the input may be a dataset's own tensor.
 */
@FunctionalInterface
public interface Transform {
    Tensor apply(Tensor batch);

    /** This transform, then {@code next}. */
    default Transform andThen(Transform next) {
        Objects.requireNonNull(next, "next");
        return x -> next.apply(apply(x));
    }
}
