package org.torch4j.examples.cli;

import picocli.CommandLine.Option;

/**
 * Options every subcommand takes: the log level and {@code --debug} (stack traces on failure).
 *
 * <pre>{@code
 * @Mixin CommonOptions common;
 * }</pre>
 */
public final class CommonOptions {
    @Option(names = "--log-level", defaultValue = "info", description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE})")
    String logLevel;

    @Option(names = "--debug", description = "print stack traces of failures")
    boolean debug;
}
