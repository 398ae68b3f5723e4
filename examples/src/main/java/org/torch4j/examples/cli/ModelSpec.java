package org.torch4j.examples.cli;

import java.util.Objects;
import java.util.function.Supplier;
import org.torch4j.nn.Module;

/**
 * One trainable model of the CLI: how to build the network, where its data comes from, and the defaults
 * of its recipe (those of the lecture for {@code mnist-lecture}).
 *
 * <pre>{@code
 * new ModelSpec("mnist-lecture", "the lecture's MNIST convnet", LectureNet::new, MnistData::load, 10, 100, 0.1);
 * }</pre>
 */
public record ModelSpec(String name, String description, Supplier<Module> factory, DataSource data, int epochs,
        int batchSize, double lr) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(data, "data");
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0)) {
            throw new IllegalArgumentException("epochs, batch size and lr must be positive, got " + epochs + ", "
                    + batchSize + ", " + lr);
        }
    }
}
