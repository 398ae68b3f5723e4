package org.torch4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;

/**
 * CIFAR-100: 32 x 32 colour images in 100 fine classes grouped into 20 coarse ones, read from the binary
 * version ({@code train.bin}, {@code test.bin}, {@code fine_label_names.txt}, {@code coarse_label_names.txt})
 * in {@code <dataDir>/cifar-100-binary/} or in {@code <dataDir>} itself. Each record is a coarse label
 * byte, a fine label byte and 3072 pixel bytes.
 *
 * <pre>{@code
 * CIFAR100 train = CIFAR100.train(dir);
 * train.images();          // uint8 50000 x 3 x 32 x 32
 * train.labels();          // fine labels 0..99, int64
 * train.coarseLabels();    // coarse labels 0..19, int64
 * train.classes().get(0);  // "apple"; train.coarseClasses().get(0) is "aquatic_mammals"
 * }</pre>
 *
 * A damaged file raises {@link DatasetFormatException}, a missing one {@link java.io.UncheckedIOException}.
 */
public final class CIFAR100 extends LabeledImages {
    /** Sub-folder of the data directory, as the binary archive unpacks. */
    public static final String FOLDER = "cifar-100-binary";
    public static final String TRAIN_FILE = "train.bin";
    public static final String TEST_FILE = "test.bin";
    public static final String FINE_NAMES_FILE = "fine_label_names.txt";
    public static final String COARSE_NAMES_FILE = "coarse_label_names.txt";

    /** The 100 fine class names, indexed by fine label. */
    public static final List<String> CLASSES = List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed",
            "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can",
            "castle", "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab",
            "crocodile", "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster",
            "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man",
            "maple_tree", "motorcycle", "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter",
            "palm_tree", "pear", "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum",
            "rabbit", "raccoon", "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk",
            "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table",
            "tank", "telephone", "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe",
            "whale", "willow_tree", "wolf", "woman", "worm");

    /** The 20 coarse class (superclass) names, indexed by coarse label. */
    public static final List<String> COARSE_CLASSES = List.of("aquatic_mammals", "fish", "flowers",
            "food_containers", "fruit_and_vegetables", "household_electrical_devices", "household_furniture",
            "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles",
            "small_mammals", "trees", "vehicles_1", "vehicles_2");

    private static final CifarBinary FORMAT = new CifarBinary("CIFAR-100", List.of("coarse label", "fine label"),
            COARSE_CLASSES.size(), CLASSES.size());

    private final Tensor coarseLabels;
    private final List<String> coarseClasses;

    private CIFAR100(Tensor images, Tensor fine, Tensor coarse, List<String> classes, List<String> coarseClasses,
            boolean train) {
        super(images, fine, classes, train);
        this.coarseLabels = coarse;
        this.coarseClasses = List.copyOf(coarseClasses);
    }

    /** The training set from {@link DataDir#resolve()}. */
    public static CIFAR100 train() {
        return train(DataDir.resolve());
    }

    /**
     * The training split; with {@code download}, first fetches and unpacks the binary archive from the
     * configured mirrors (MD5-checked) unless its files are present. Off by default.
     */
    public static CIFAR100 train(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return train(dataDir);
    }

    /** The test split, downloading the archive first when {@code download}. */
    public static CIFAR100 test(Path dataDir, boolean download) {
        if (download) {
            download(dataDir);
        }
        return test(dataDir);
    }

    /** Fetches and unpacks the binary archive into {@code dataDir} unless its files are already there. */
    public static void download(Path dataDir) {
        Downloader.defaults().fetch(DataDir.resolve(dataDir), DatasetResources.CIFAR100);
    }

    /** The training set ({@link #TRAIN_FILE}, 50,000 records in the original). */
    public static CIFAR100 train(Path dataDir) {
        return load(dataDir, TRAIN_FILE, true);
    }

    /** The test set from {@link DataDir#resolve()}. */
    public static CIFAR100 test() {
        return test(DataDir.resolve());
    }

    /** The test set ({@link #TEST_FILE}, 10,000 records in the original). */
    public static CIFAR100 test(Path dataDir) {
        return load(dataDir, TEST_FILE, false);
    }

    /** The coarse label (superclass, 0..19) of each image, {@code int64}, {@code N}. */
    public Tensor coarseLabels() {
        return coarseLabels;
    }

    /** The 20 coarse class names, indexed by coarse label. */
    public List<String> coarseClasses() {
        return coarseClasses;
    }

    @Override
    public void close() {
        super.close();
        coarseLabels.close();
    }

    private static CIFAR100 load(Path dataDir, String file, boolean train) {
        Path root = DataDir.resolve(dataDir);
        String hint = "datasets/fetch-data.sh does not fetch CIFAR-100: unpack the CIFAR-100 binary version so that "
                + root.resolve(FOLDER) + " holds " + TRAIN_FILE + " and " + TEST_FILE;
        Path folder = DataFiles.folderWithAny("CIFAR-100", root, FOLDER, List.of(file), hint);
        List<String> fine = ClassNames.readOrDefault(folder, FINE_NAMES_FILE, CLASSES);
        List<String> coarse = ClassNames.readOrDefault(folder, COARSE_NAMES_FILE, COARSE_CLASSES);
        Tensor[] t = FORMAT.load(List.of(folder.resolve(file)));
        return new CIFAR100(t[0], t[2], t[1], fine, coarse, train);
    }
}
