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
 * @param mean the normalising mean, one per input channel (for the log and {@code run.json})
 * @param std the normalising standard deviation, one per input channel
 */
public record Splits(String dataset, TensorDataset train, TensorDataset test, Transform transform, double[] mean,
        double[] std) {
    public Splits {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("one mean and one std per channel, got " + mean.length + " and "
                    + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}
