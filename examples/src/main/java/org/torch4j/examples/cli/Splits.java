package org.torch4j.examples.cli;

import java.util.Objects;
import org.torch4j.data.TensorDataset;
import org.torch4j.data.transforms.Transform;

/**
 * The data a model trains and is tested on: the training and test splits as datasets of
 * {@code (image uint8, label int64)} and the transform that turns a batch of images into the network's input
 * (for MNIST: to float, minus the training set's mean, divided by its standard deviation).
 *
 * <pre>{@code
 * Splits data = ModelRegistry.get("mnist-lecture").data().load(dataDir, 5000, 1000);
 * DataLoader loader = DataLoader.builder(data.train()).batchSize(100).transform(data.transform()).build();
 * }</pre>
 *
 * @param dataset the dataset's name, e.g. {@code MNIST}
 */
public record Splits(String dataset, TensorDataset train, TensorDataset test, Transform transform, double mean,
        double std) {
    public Splits {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(transform, "transform");
    }
}
