package org.torch4j.examples.cli;

import java.io.PrintStream;

/**
 * Where the CLI writes its one-line failure and stop messages: {@code System.err}, or the stream a caller of
 * {@link Torch4jCli#run(PrintStream, PrintStream, String...)} passed in (tests capture it that way).
 *
 * <pre>{@code
 * CliErr.get().println("torch4j: interrupted");
 * }</pre>
 */
public final class CliErr {
    private static volatile PrintStream err = System.err;

    private CliErr() {}

    public static PrintStream get() {
        return err;
    }

    static void set(PrintStream stream) {
        err = stream == null ? System.err : stream;
    }
}
