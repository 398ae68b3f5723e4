package org.torch4j.examples.lecture;

import static org.torch4j.Torch.zeros;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.datasets.DataDir;
import org.torch4j.datasets.MNIST;
import org.torch4j.nn.functional.F;
import org.torch4j.vision.GridOptions;
import org.torch4j.vision.ImageFiles;

/**
 * The lecture's five 3 x 3 filters (identity, box, vertical-edge and horizontal-edge detectors, Laplacian) applied
 * with {@code conv2d} to MNIST training image 12, each result saved as a PNG scaled to its own range (as
 * {@code save_image(..., normalize=True)} does), plus the input and all five side by side.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.MnistFilters -Dexec.args="out/filters"
 * }</pre>
 *
 * <p>Argument: the output directory (default {@code lecture-filters}). MNIST comes from
 * {@link DataDir#resolve()} ({@code $TORCH4J_DATA} or {@code ~/.torch4j/data}; {@code datasets/fetch-data.sh} gets
 * it). Exits with status 1 and one line on standard error when MNIST is absent.
 */
public final class MnistFilters {
    /** The filters' names, in the order of {@link #weight()}; also the PNG names {@code filter-<i>-<name>.png}. */
    public static final List<String> NAMES = List.of("identity", "box", "vertical-edges", "horizontal-edges",
            "laplacian");

    /** The MNIST training image the lecture uses. */
    public static final int IMAGE = 12;

    private MnistFilters() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The program; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("usage: MnistFilters [output-directory]");
            return 2;
        }
        Path dir = Path.of(args.length == 1 ? args[0] : "lecture-filters");
        Tensor x;
        try (MNIST train = MNIST.train(DataDir.resolve())) {
            x = train.images().select(0, IMAGE).toFloat().view(1, 1, 28, 28);
        } catch (UncheckedIOException e) {
            err.println("MnistFilters: " + e.getMessage());
            return 1;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("MnistFilters: cannot create output directory " + dir + ": " + e);
            return 1;
        }
        Tensor y = apply(x);
        out.println("x: " + x.size() + ", weight: " + weight().size() + ", y = F.conv2d(x, weight): " + y.size());
        GridOptions own = GridOptions.defaults().normalize(true);
        save(x, dir.resolve("mnist-" + IMAGE + ".png"), own, out);
        for (int i = 0; i < NAMES.size(); i++) {
            save(y.select(1, i), dir.resolve("filter-" + i + "-" + NAMES.get(i) + ".png"), own, out);
        }
        // N x 1 x 26 x 26, each filter's map scaled to its own range, in one row.
        save(y.transpose(0, 1), dir.resolve("filters.png"), own.nrow(NAMES.size()).scaleEach(true), out);
        return 0;
    }

    /** The lecture's {@code weight}: 5 x 1 x 3 x 3. */
    public static Tensor weight() {
        Tensor weight = zeros(5, 1, 3, 3);
        float[][][] k = {
                {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}},
                {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
                {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}},
                {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}},
                {{0, -1, 0}, {-1, 4, -1}, {0, -1, 0}}};
        for (int i = 0; i < k.length; i++) {
            weight.select(0, i).select(0, 0).copy_(org.torch4j.Torch.tensor(k[i]));
        }
        return weight;
    }

    /** {@code F.conv2d(x, weight())}: {@code 1 x 1 x 28 x 28} in, {@code 1 x 5 x 26 x 26} out. */
    public static Tensor apply(Tensor x) {
        return F.conv2d(x, weight());
    }

    private static void save(Tensor image, Path file, GridOptions options, PrintStream out) {
        ImageFiles.saveImage(image, file, options);
        out.println("wrote " + file);
    }
}
