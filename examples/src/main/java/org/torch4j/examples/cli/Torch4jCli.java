package org.torch4j.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The torch4j launcher: {@code train}, {@code eval} and {@code info}. Exit code 0 on success; on failure one
 * line on stderr ({@code torch4j: <reason>}) and a non-zero code: 2 for bad usage (unknown option or model,
 * bad value), 1 for other failures (missing data, corrupt checkpoint, unwritable output, no CUDA), 143 after
 * a SIGTERM/SIGINT stop. {@code --debug} adds the stack trace.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.cli.Torch4jCli train mnist-lecture --epochs 10
 * int code = Torch4jCli.run("train", "mnist-lecture", "--limit", "5000", "--epochs", "2");   // in-process
 * }</pre>
 */
@Command(name = "torch4j", mixinStandardHelpOptions = true, version = "torch4j " + Versions.BUILD_VERSION,
        description = "Train and evaluate torch4j models.",
        subcommands = {TrainCommand.class, EvalCommand.class, InfoCommand.class})
public final class Torch4jCli implements Runnable {
    static {
        // Configures slf4j-simple (logs to stdout) before any library logs, so stderr carries only failures.
        CliLog.at("info");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: train, eval or info");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI in this process with {@code System.out}/{@code System.err}; returns the exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs the CLI in this process, writing help to {@code out} and failures to {@code err}. */
    public static synchronized int run(PrintStream out, PrintStream err, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CliErr.set(err);
        try {
            CommandLine cl = new CommandLine(new Torch4jCli());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.setParameterExceptionHandler((ex, a) -> {
                err.println("torch4j: " + MnistData.firstLine(ex) + " (see --help)");
                if (debug) {
                    ex.printStackTrace(err);
                }
                return 2;
            });
            cl.setExecutionExceptionHandler((ex, c, parsed) -> {
                int code = ex instanceof CliException ce ? ce.exitCode() : 1;
                String what = ex instanceof CliException ? "" : ex.getClass().getSimpleName() + ": ";
                if (MnistData.firstLine(ex).contains("out of memory")) {
                    what = "out of memory (try a smaller --batch-size): ";
                }
                err.println("torch4j: " + what + MnistData.firstLine(ex));
                if (debug) {
                    ex.printStackTrace(err);
                }
                return code;
            });
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler above; Java heap exhaustion arrives here.
            err.println("torch4j: out of memory (try a smaller --batch-size or a larger -Xmx): " + MnistData.firstLine(e));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            err.flush();
            CliErr.set(null);
        }
    }
}
