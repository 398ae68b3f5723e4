package org.torch4j.examples.cli;

/**
 * A failure the CLI reports as one line on stderr with its own exit code, without a stack trace (unless
 * {@code --debug}). Thrown for what an operator can fix: missing data, a bad option value, a corrupt
 * checkpoint, an unwritable output directory, a device that is not there.
 *
 * <pre>{@code
 * throw new CliException("no MNIST in /data: run `bash datasets/fetch-data.sh`");
 * }</pre>
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code of a failure that is not a usage error. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public CliException(String message) {
        this(message, FAILURE, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, FAILURE, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        if (exitCode == 0) {
            throw new IllegalArgumentException("a failure needs a non-zero exit code");
        }
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure, never 0. */
    public int exitCode() {
        return exitCode;
    }
}
