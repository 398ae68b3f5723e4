package org.torch4j.datasets;

import java.nio.file.Path;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * The MNIST file layout shared by MNIST and Fashion-MNIST: an images file ({@code N x 28 x 28}) and a
 * labels file ({@code N}) per split, named as in the original distribution, raw or {@code .gz}.
 */
final class IdxImageSet {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final int SIDE = 28;

    private static final IdxFile IMAGES = new IdxFile("images", new long[] {SIDE, SIDE}, new long[] {1, SIDE, SIDE});
    private static final IdxFile LABELS = new IdxFile("labels", new long[] {}, new long[] {});

    private IdxImageSet() {}

    /** Whether all four IDX files (raw or {@code .gz}) are in {@code folder}. */
    static boolean present(Path folder) {
        for (String name : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            if (!java.nio.file.Files.isRegularFile(folder.resolve(name))
                    && !java.nio.file.Files.isRegularFile(folder.resolve(name + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Loads one split: {@code {images uint8 N x 1 x 28 x 28, labels int64 N}}, handed to the caller's scope;
     * on any failure nothing stays allocated.
     */
    static Tensor[] load(String dataset, String subfolder, Path root, boolean train, int classes) {
        String hint = DataFiles.fetchHint(root);
        Path imagesFile = DataFiles.find(dataset, root, subfolder, train ? TRAIN_IMAGES : TEST_IMAGES, true, hint);
        Path labelsFile = DataFiles.find(dataset, root, subfolder, train ? TRAIN_LABELS : TEST_LABELS, true, hint);
        try (Scope scope = Scope.open()) {
            Tensor images = IMAGES.read(imagesFile);
            Tensor rawLabels = LABELS.read(labelsFile);
            if (images.size(0) != rawLabels.size(0)) {
                throw new DatasetFormatException(labelsFile, "count mismatch: expected " + images.size(0)
                        + " labels, as " + imagesFile + " holds " + images.size(0) + " images, found "
                        + rawLabels.size(0) + " labels");
            }
            Tensor labels = LabelCheck.toInt64(rawLabels, classes, labelsFile, "label");
            scope.keep(images);
            scope.keep(labels);
            return new Tensor[] {images, labels};
        }
    }
}
