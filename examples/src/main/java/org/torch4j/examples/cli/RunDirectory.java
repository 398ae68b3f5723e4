package org.torch4j.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A training run's output directory: {@code metrics.csv}, {@code model.pt}, {@code checkpoint.pt},
 * {@code run.json}. Text files are written to a temporary file and renamed, like the {@code .pt} files, so a
 * reader (or a killed job) never sees half a file.
 *
 * <pre>{@code
 * RunDirectory run = RunDirectory.open(Path.of("runs/mnist"));
 * run.writeMetrics(history);
 * }</pre>
 */
public final class RunDirectory {
    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the directory if needed and checks that files can be written in it.
     *
     * @throws CliException if it cannot be created or written
     */
    public static RunDirectory open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliException("output directory " + dir + " is not writable: " + describe(e), e);
        }
        return new RunDirectory(dir);
    }

    private static String describe(Exception e) {
        String m = MnistData.firstLine(e);
        return e.getClass().getSimpleName() + (m.equals(e.getClass().getSimpleName()) ? "" : " " + m);
    }

    public Path dir() {
        return dir;
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    public Path model() {
        return dir.resolve("model.pt");
    }

    public Path checkpoint() {
        return dir.resolve(Checkpoint.FILE);
    }

    public Path runJson() {
        return dir.resolve("run.json");
    }

    /** Rewrites {@code metrics.csv}: the header and one row per finished epoch. */
    public void writeMetrics(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        for (EpochMetrics m : history) {
            sb.append(m.csvRow()).append('\n');
        }
        writeText(metrics(), sb.toString());
    }

    // Temporary files are created owner-only; metrics and run.json are reports others (dashboards) read.
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its default
        }
    }

    /** Writes a text file atomically (temporary file, then rename). */
    public void writeText(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                readableByAll(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + describe(e), e);
        }
    }
}
