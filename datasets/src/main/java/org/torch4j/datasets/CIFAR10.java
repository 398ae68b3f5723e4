package org.torch4j.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * CIFAR-10: 32 x 32 colour images in 10 classes, read from the binary version
 * ({@code data_batch_1.bin} .. {@code data_batch_5.bin}, {@code test_batch.bin}, {@code batches.meta.txt})
 * in {@code <dataDir>/cifar-10-batches-bin/} or in {@code <dataDir>} itself. Each record is one label byte
 * and 3072 pixel bytes; the record count is taken from each file's size.
 *
 * <pre>{@code
 * CIFAR10 train = CIFAR10.train(dir);                                   // all five batches
 * CIFAR10 part  = CIFAR10.train(dir, List.of("data_batch_1.bin"));      // a chosen subset
 * CIFAR10 test  = CIFAR10.test(dir);
 * part.images();                 // uint8 N x 3 x 32 x 32 (R, G, B planes as in the files)
 * part.classes().get(3);         // "cat"
 * }</pre>
 *
 * A damaged file raises {@link DatasetFormatException}, a missing one {@link java.io.UncheckedIOException}.
 */
public final class CIFAR10 extends LabeledImages {
    /** Sub-folder of the data directory, as the binary archive unpacks. */
    public static final String FOLDER = "cifar-10-batches-bin";
    /** The training batches a full load reads, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** Class names, one per line; read when present, else {@link #CLASSES} apply. */
    public static final String META_FILE = "batches.meta.txt";
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private static final CifarBinary FORMAT = new CifarBinary("CIFAR-10", List.of("label"), CLASSES.size());

    private CIFAR10(Tensor images, Tensor labels, List<String> classes, boolean train) {
        super(images, labels, classes, train);
    }

    /** The full training set (all five batches) from {@link DataDir#resolve()}. */
    public static CIFAR10 train() {
        return train(DataDir.resolve());
    }

    /**
     * The training split; with {@code download}, first fetches and unpacks the binary archive from the
     * configured mirrors (MD5-checked) unless its files are present. Off by default.
     */
    public static CIFAR10 train(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return train(dataDir);
    }

    /** The test split, downloading the archive first when {@code download}. */
    public static CIFAR10 test(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return test(dataDir);
    }

    /** Fetches and unpacks the binary archive into {@code dataDir} unless its files are already there. */
    public static void download(Path dataDir) {
        Downloader.defaults().fetch(DataDir.resolve(dataDir), DatasetResources.CIFAR10);
    }

    /** The full training set: all of {@link #TRAIN_FILES}; any missing one is named in the error. */
    public static CIFAR10 train(Path dataDir) {
        Path root = DataDir.resolve(dataDir);
        Path folder = DataFiles.folderWithAny("CIFAR-10", root, FOLDER, TRAIN_FILES, hint(root));
        List<String> missing = new ArrayList<>();
        for (String name : TRAIN_FILES) {
            if (!Files.exists(folder.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw DataFiles.missing("CIFAR-10", folder.resolve(missing.get(0)), "a full training load needs "
                    + String.join(", ", TRAIN_FILES) + " in " + folder + "; missing: " + String.join(", ", missing)
                    + "; to load a subset, name the batch files, e.g. CIFAR10.train(dir, List.of(\""
                    + TRAIN_FILES.get(0) + "\"))");
        }
        return load(folder, TRAIN_FILES, true);
    }

    /** The training records of the named batch files only (e.g. {@code List.of("data_batch_1.bin")}), in order. */
    public static CIFAR10 train(Path dataDir, List<String> batchFiles) {
        Objects.requireNonNull(batchFiles, "batchFiles");
        if (batchFiles.isEmpty()) {
            throw new IllegalArgumentException("batchFiles: expected at least one file name, got none");
        }
        Path root = DataDir.resolve(dataDir);
        return load(DataFiles.folderWithAny("CIFAR-10", root, FOLDER, batchFiles, hint(root)), batchFiles, true);
    }

    /** The test set from {@link DataDir#resolve()}. */
    public static CIFAR10 test() {
        return test(DataDir.resolve());
    }

    /** The test set ({@link #TEST_FILE}). */
    public static CIFAR10 test(Path dataDir) {
        Path root = DataDir.resolve(dataDir);
        return load(DataFiles.folderWithAny("CIFAR-10", root, FOLDER, List.of(TEST_FILE), hint(root)),
                List.of(TEST_FILE), false);
    }

    private static CIFAR10 load(Path folder, List<String> names, boolean train) {
        List<String> classes = ClassNames.readOrDefault(folder, META_FILE, CLASSES);
        Tensor[] t = FORMAT.load(names.stream().map(folder::resolve).toList());
        return new CIFAR10(t[0], t[1], classes, train);
    }

    private static String hint(Path root) {
        return "datasets/fetch-data.sh does not fetch CIFAR-10: unpack the CIFAR-10 binary version so that "
                + root.resolve(FOLDER) + " holds " + String.join(", ", TRAIN_FILES) + " and " + TEST_FILE;
    }
}
