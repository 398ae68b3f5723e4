package org.torch4j.datasets;

import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * One split of an image-classification dataset held in native memory: images as one {@code uint8} tensor
 * {@code N x C x H x W} and labels as one {@code int64} tensor {@code N}, with the class names.
 *
 * <pre>{@code
 * try (MNIST train = MNIST.train(DataDir.resolve())) {
 *     Tensor x = train.images().toFloat().div(255);   // N x 1 x 28 x 28 in [0, 1]
 *     Tensor y = train.labels();                      // N, int64
 *     String name = train.classes().get((int) y.select(0, 0).itemLong());
 * }
 * }</pre>
 *
 * The tensors belong to the scope that was open when the split was loaded (or to the GC safety net);
 * {@link #close()} releases them at once.
 */
public abstract class LabeledImages implements AutoCloseable {
    private final Tensor images;
    private final Tensor labels;
    private final List<String> classes;
    private final boolean train;

    // Package-private: the formats are a closed set, each validated by its own loader.
    LabeledImages(Tensor images, Tensor labels, List<String> classes, boolean train) {
        this.images = Objects.requireNonNull(images, "images");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.classes = List.copyOf(classes);
        this.train = train;
    }

    /** All images, {@code uint8}, {@code N x C x H x W}, channels planar as in the files. */
    public Tensor images() {
        return images;
    }

    /**
     * Images and labels as a {@link org.torch4j.data.TensorDataset}, for a
     * {@link org.torch4j.data.DataLoader} (which then gathers each batch with one native index select).
     */
    public org.torch4j.data.TensorDataset asDataset() {
        return new org.torch4j.data.TensorDataset(images(), labels());
    }

    /** The class index of each image, {@code int64}, {@code N}. */
    public Tensor labels() {
        return labels;
    }

    /** Number of images, {@code N}. */
    public long size() {
        return images.size(0);
    }

    /** Class names, indexed by label, as the original dataset (and torchvision) name them. */
    public List<String> classes() {
        return classes;
    }

    /** Whether this is the training split (else the test split). */
    public boolean isTrain() {
        return train;
    }

    /** Releases the native tensors of this split now. */
    @Override
    public void close() {
        images.close();
        labels.close();
    }

    @Override
    public String toString() {
        String shape = images.isReleased() ? "released" : size() + " images " + images.size(1) + " x "
                + images.size(2) + " x " + images.size(3);
        return getClass().getSimpleName() + "(" + (train ? "train" : "test") + ", " + shape + ", " + classes.size()
                + " classes)";
    }
}
