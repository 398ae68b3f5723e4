package org.torch4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test images, 1 x 28 x 28, labels 0-9, read
 * from the original IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or {@code .gz}) in
 * {@code <dataDir>/MNIST/raw/} or in {@code <dataDir>} itself.
 *
 * <pre>{@code
 * MNIST train = MNIST.train(DataDir.resolve());      // or MNIST.train() for the same
 * train.images();                                    // uint8 60000 x 1 x 28 x 28
 * train.labels();                                    // int64 60000
 * train.classes().get(7);                            // "7 - seven"
 * }</pre>
 *
 * Get the files with {@code bash datasets/fetch-data.sh}. A damaged file raises
 * {@link DatasetFormatException}, a missing one {@link java.io.UncheckedIOException}.
 */
public final class MNIST extends LabeledImages {
    /** Sub-folder of the data directory, as torchvision uses it. */
    public static final String FOLDER = "MNIST/raw";

    /** Class names as torchvision gives them. */
    public static final List<String> CLASSES = List.of("0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
            "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine");

    private MNIST(Tensor images, Tensor labels, boolean train) {
        super(images, labels, CLASSES, train);
    }

    /** The training split from {@link DataDir#resolve()}. */
    public static MNIST train() {
        return train(DataDir.resolve());
    }

    /** The training split (60,000 images) from {@code dataDir}. */
    public static MNIST train(Path dataDir) {
        return load(dataDir, true);
    }

    /**
     * The training split; with {@code download}, first fetches the files that are missing from the
     * configured mirrors (MD5-checked, written atomically; see {@link Downloader}). Off by default.
     */
    public static MNIST train(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return train(dataDir);
    }

    /** The test split, downloading missing files first when {@code download}. */
    public static MNIST test(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return test(dataDir);
    }

    /** Fetches the four files into {@code <dataDir>/MNIST/raw} unless they are there (raw or {@code .gz}). */
    public static void download(Path dataDir) {
        Path folder = DataDir.resolve(dataDir).resolve(FOLDER);
        if (!IdxImageSet.present(folder) && !IdxImageSet.present(DataDir.resolve(dataDir))) {
            Downloader.defaults().fetch(folder, DatasetResources.MNIST);
        }
    }

    /** The test split from {@link DataDir#resolve()}. */
    public static MNIST test() {
        return test(DataDir.resolve());
    }

    /** The test split (10,000 images) from {@code dataDir}. */
    public static MNIST test(Path dataDir) {
        return load(dataDir, false);
    }

    private static MNIST load(Path dataDir, boolean train) {
        Tensor[] t = IdxImageSet.load("MNIST", FOLDER, DataDir.resolve(dataDir), train, CLASSES.size());
        return new MNIST(t[0], t[1], train);
    }
}
