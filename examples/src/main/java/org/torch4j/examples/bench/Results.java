package org.torch4j.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where every benchmark program of the suite puts its measurements: one tab-separated line per sample,
 * {@code section, item, variant, value, unit}, appended to the file named by the environment variable
 * {@code BENCH_RESULTS} (printed to standard output when it is unset). The Python scripts write the same
 * lines; {@link BenchReport} reads them all. Plain Java, so JVMs that must not load torch4j can use it.
 *
 * <pre>{@code
 * Results.add("train", "mnist-lecture", "torch4j-plain", 143.2, "steps/s");
 * }</pre>
 */
public final class Results {
    /** The environment variable naming the results file. */
    public static final String ENV = "BENCH_RESULTS";

    private Results() {}

    public static synchronized void add(String section, String item, String variant, double value, String unit) {
        for (String f : new String[] {section, item, variant, unit}) {
            if (f.contains("\t") || f.contains("\n")) {
                throw new IllegalArgumentException("tab or newline in result field '" + f + "'");
            }
        }
        String line = String.format(Locale.ROOT, "%s\t%s\t%s\t%.6g\t%s%n", section, item, variant, value, unit);
        String file = System.getenv(ENV);
        if (file == null || file.isEmpty()) {
            System.out.print(line);
            return;
        }
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the results file " + file + " (" + ENV + ")", e);
        }
    }
}
