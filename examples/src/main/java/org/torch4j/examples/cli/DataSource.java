package org.torch4j.examples.cli;

import java.nio.file.Path;

/**
 * Loads a model's data from a data directory, as {@link Splits}.
 *
 * <pre>{@code
 * DataSource mnist = MnistData::load;
 * Splits s = mnist.load(Path.of(System.getProperty("user.home"), ".torch4j/data"), 0, 0);
 * }</pre>
 */
@FunctionalInterface
public interface DataSource {
    /**
     * @param dataDir the data directory (already resolved)
     * @param trainLimit train on the first {@code trainLimit} images; 0 for all
     * @param testLimit test on the first {@code testLimit} images; 0 for all
     * @throws CliException if the data is missing or unreadable (the message says how to get it)
     */
    Splits load(Path dataDir, long trainLimit, long testLimit);
}
