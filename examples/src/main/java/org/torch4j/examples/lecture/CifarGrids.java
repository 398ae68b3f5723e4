package org.torch4j.examples.lecture;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.datasets.CIFAR10;
import org.torch4j.datasets.DataDir;
import org.torch4j.vision.ImageFiles;

/**
 * The lecture's CIFAR-10 pictures: the first 48 training images as a 4 x 12 grid, the same with rows and columns
 * swapped ({@code x.transpose_(2, 3)}), and then with the green and blue channels zeroed
 * ({@code x.narrow(1, 1, 2).fill_(0)}), written as {@code cifar-4x12.png}, {@code cifar-4x12-rotated.png} and
 * {@code cifar-4x12-rotated-and-red.png}.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.CifarGrids -Dexec.args="out/cifar"
 * }</pre>
 *
 * <p>Arguments: {@code [output-directory [cifar-directory]]} (default {@code lecture-cifar}). Without a CIFAR
 * directory it reads the first training batch of a full CIFAR-10 in {@link DataDir#resolve()}, else the 5,000-image
 * sample in {@code ../shared/data/cifar10-sample} (relative to the working directory). When neither is there it
 * exits with status 1 and one line on standard error saying where it looked.
 */
public final class CifarGrids {
    /** The sample that ships beside the repository, relative to the repository root. */
    public static final Path SAMPLE = Path.of("..", "shared", "data", "cifar10-sample");

    private static final String BATCH = CIFAR10.TRAIN_FILES.get(0);

    private CifarGrids() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The program; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 2) {
            err.println("usage: CifarGrids [output-directory [cifar-directory]]");
            return 2;
        }
        Path dir = Path.of(args.length >= 1 ? args[0] : "lecture-cifar");
        List<Path> candidates = args.length == 2 ? List.of(Path.of(args[1])) : List.of(DataDir.resolve(), SAMPLE);
        Path source = find(candidates);
        if (source == null) {
            err.println("CifarGrids: no CIFAR-10 found: looked for " + CIFAR10.FOLDER + "/" + BATCH + " in "
                    + String.join(" and ", candidates.stream().map(p -> p.toAbsolutePath().normalize().toString())
                            .toList())
                    + "; pass a directory holding it as the second argument");
            return 1;
        }
        Tensor x;
        try (CIFAR10 cifar = CIFAR10.train(source, List.of(BATCH))) {
            out.println("read " + cifar.size() + " images from " + source);
            // Narrows to the first images, converts to float in [0, 1]
            x = cifar.images().narrow(0, 0, 48).toFloat().div(255);
        } catch (UncheckedIOException e) {
            err.println("CifarGrids: " + e.getMessage());
            return 1;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("CifarGrids: cannot create output directory " + dir + ": " + e);
            return 1;
        }
        save(x, dir.resolve("cifar-4x12.png"), out);
        // Switches the row and column indexes
        x.transpose_(2, 3);
        save(x, dir.resolve("cifar-4x12-rotated.png"), out);
        // Kills the green and blue channels
        x.narrow(1, 1, 2).fill_(0);
        save(x, dir.resolve("cifar-4x12-rotated-and-red.png"), out);
        return 0;
    }

    /** The first candidate holding the first training batch, directly or in {@code cifar-10-batches-bin}. */
    static Path find(List<Path> candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(CIFAR10.FOLDER).resolve(BATCH)) || Files.isRegularFile(p.resolve(BATCH))) {
                return p;
            }
        }
        return null;
    }

    private static void save(Tensor x, Path file, PrintStream out) {
        ImageFiles.saveImage(x, file, 12, 2, false);
        out.println("wrote " + file);
    }
}
