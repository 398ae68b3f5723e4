package org.torch4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;

/**
 * Fashion-MNIST, Zalando's drop-in replacement for MNIST: 60,000 training and 10,000 test images of
 * clothing, 1 x 28 x 28, 10 classes, in the same IDX files as MNIST ({@code train-images-idx3-ubyte},
 * ... raw or {@code .gz}) in {@code <dataDir>/FashionMNIST/raw/} or in {@code <dataDir>} itself.
 *
 * <pre>{@code
 * FashionMNIST test = FashionMNIST.test(DataDir.resolve());
 * test.images();                                     // uint8 10000 x 1 x 28 x 28
 * test.classes().get(9);                             // "Ankle boot"
 * }</pre>
 *
 * Get the files with {@code bash datasets/fetch-data.sh}. A damaged file raises
 * {@link DatasetFormatException}, a missing one {@link java.io.UncheckedIOException}.
 */
public final class FashionMNIST extends LabeledImages {
    /** Sub-folder of the data directory, as torchvision uses it. */
    public static final String FOLDER = "FashionMNIST/raw";

    /** Class names as torchvision gives them. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMNIST(Tensor images, Tensor labels, boolean train) {
        super(images, labels, CLASSES, train);
    }

    /** The training split from {@link DataDir#resolve()}. */
    public static FashionMNIST train() {
        return train(DataDir.resolve());
    }

    /** The training split (60,000 images) from {@code dataDir}. */
    public static FashionMNIST train(Path dataDir) {
        return load(dataDir, true);
    }

    /**
     * The training split; with {@code download}, first fetches the files that are missing from the
     * configured mirrors (MD5-checked, written atomically; see {@link Downloader}). Off by default.
     */
    public static FashionMNIST train(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return train(dataDir);
    }

    /** The test split, downloading missing files first when {@code download}. */
    public static FashionMNIST test(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return test(dataDir);
    }

    /** Fetches the four files into {@code <dataDir>/FashionMNIST/raw} unless they are there (raw or {@code .gz}). */
    public static void download(Path dataDir) {
        Path folder = DataDir.resolve(dataDir).resolve(FOLDER);
        if (!IdxImageSet.present(folder) && !IdxImageSet.present(DataDir.resolve(dataDir))) {
            Downloader.defaults().fetch(folder, DatasetResources.FASHION_MNIST);
        }
    }

    /** The test split from {@link DataDir#resolve()}. */
    public static FashionMNIST test() {
        return test(DataDir.resolve());
    }

    /** The test split (10,000 images) from {@code dataDir}. */
    public static FashionMNIST test(Path dataDir) {
        return load(dataDir, false);
    }

    private static FashionMNIST load(Path dataDir, boolean train) {
        Tensor[] t = IdxImageSet.load("Fashion-MNIST", FOLDER, DataDir.resolve(dataDir), train, CLASSES.size());
        return new FashionMNIST(t[0], t[1], train);
    }
}
