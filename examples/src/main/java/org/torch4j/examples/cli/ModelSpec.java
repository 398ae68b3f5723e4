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
 * // lr x 0.1 every 25 epochs unless the command line says otherwise:
 * new ModelSpec("cifar-lecture", "...", () -> new LectureNet(3), CifarData::load, 30, 100, 0.1, 25);
 * }</pre>
 *
 * @param lrSteps the default StepLR period in epochs (lr times {@code --lr-gamma}, 0.1 by default); 0 for a
 *     constant lr
 */
public record ModelSpec(String name, String description, Supplier<Module> factory, DataSource data, int epochs,
        int batchSize, double lr, int lrSteps) {
    /** A model with a constant default lr. */
    public ModelSpec(String name, String description, Supplier<Module> factory, DataSource data, int epochs,
            int batchSize, double lr) {
        this(name, description, factory, data, epochs, batchSize, lr, 0);
    }

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(data, "data");
        if (epochs <= 0 || batchSize <= 0 || !(lr > 0)) {
            throw new IllegalArgumentException("epochs, batch size and lr must be positive, got " + epochs + ", "
                    + batchSize + ", " + lr);
        }
        if (lrSteps < 0) {
            throw new IllegalArgumentException("lrSteps must be >= 0 (0: constant lr), got " + lrSteps);
        }
    }
}
