package org.torch4j.datasets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file exists but does not hold what its format promises: a wrong magic number, a truncated or
 * over-long file, corrupt gzip data, counts that disagree, a label out of range. The message names the
 * file, what was expected and what was found.
 *
 * <pre>{@code
 * try {
 *     MNIST train = MNIST.train(Path.of("data"));
 * } catch (DatasetFormatException e) {
 *     System.err.println(e.file() + " is damaged: " + e.getMessage());
 * }
 * }</pre>
 */
public class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** {@code problem} says what was expected and what was found; the file is prepended to it. */
    public DatasetFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
