package org.torch4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.data.TensorDataset;
import org.torch4j.data.transforms.ChannelStats;
import org.torch4j.data.transforms.Transform;
import org.torch4j.data.transforms.Transforms;
import org.torch4j.datasets.CIFAR10;

/**
 * Real CIFAR-10 for the CLI: inputs to float on the [0, 1] scale, normalised per channel by the mean and
 * standard deviation of the (whole) training split read. The data comes from the data directory
 * ({@code <dataDir>/cifar-10-batches-bin/} or {@code <dataDir>} itself); if it has none, from the real sample
 * beside the repository, {@code shared/data/cifar10-sample} in the working directory or one of its parents.
 * Only the training batch files present are read (the sample has {@code data_batch_1.bin}, 4,000 images,
 * and {@code test_batch.bin}, 1,000).
 *
 * <pre>{@code
 * Splits s = CifarData.load(Path.of(System.getProperty("user.home"), ".torch4j/data"), 0, 0);
 * }</pre>
 */
public final class CifarData {
    /** Where the sample lies relative to a folder above the working directory. */
    public static final Path SAMPLE = Path.of("shared", "data", "cifar10-sample");

    private CifarData() {}

    /** See {@link DataSource#load}. */
    public static Splits load(Path dataDir, long trainLimit, long testLimit) {
        return load(dataDir, trainLimit, testLimit, Path.of("").toAbsolutePath());
    }

    /** As {@link #load(Path, long, long)}, looking for the sample from {@code searchFrom} upwards. */
    static Splits load(Path dataDir, long trainLimit, long testLimit, Path searchFrom) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new CliException("limits must be >= 0, got " + trainLimit + " and " + testLimit);
        }
        Path folder = folderIn(dataDir);
        if (folder == null) {
            Path sample = findSample(searchFrom);
            folder = sample == null ? null : folderIn(sample);
        }
        if (folder == null) {
            throw new CliException("no CIFAR-10 found: looked in " + dataDir.resolve(CIFAR10.FOLDER) + ", " + dataDir
                    + " and " + SAMPLE + " in " + searchFrom + " and its parents; unpack the "
                    + "CIFAR-10 binary version into " + dataDir.resolve(CIFAR10.FOLDER));
        }
        List<String> present = new ArrayList<>();
        for (String name : CIFAR10.TRAIN_FILES) {
            if (Files.isRegularFile(folder.resolve(name))) {
                present.add(name);
            }
        }
        CIFAR10 train;
        CIFAR10 test;
        try {
            train = CIFAR10.train(folder, present);
            test = CIFAR10.test(folder);
        } catch (RuntimeException e) {
            // The readers' messages name the missing or damaged file; keep only their first line.
            throw new CliException("cannot read CIFAR-10 from " + folder + ": " + MnistData.firstLine(e), e);
        }
        // As for MNIST: the statistics of the whole training split read, whatever subset trains.
        double[] mean = ChannelStats.mean(train.images());
        double[] std = ChannelStats.std(train.images());
        Transform toInput = Transforms.compose(Transforms.toFloat(), Transforms.normalize(mean, std));
        String name = "CIFAR-10 (" + String.join(", ", present) + " from " + folder + ")";
        return new Splits(name, subset(train, trainLimit), subset(test, testLimit), toInput, mean, std);
    }

    /** The folder holding CIFAR-10's batch files under {@code dir}, or null if it has none. */
    static Path folderIn(Path dir) {
        for (Path candidate : new Path[] {dir.resolve(CIFAR10.FOLDER), dir}) {
            if (Files.isRegularFile(candidate.resolve(CIFAR10.TEST_FILE))
                    && CIFAR10.TRAIN_FILES.stream().anyMatch(f -> Files.isRegularFile(candidate.resolve(f)))) {
                return candidate;
            }
        }
        return null;
    }

    /** {@link #SAMPLE} in {@code start} or the nearest parent that has it; null if none does. */
    static Path findSample(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path sample = dir.resolve(SAMPLE);
            if (Files.isDirectory(sample)) {
                return sample;
            }
        }
        return null;
    }

    private static TensorDataset subset(CIFAR10 split, long limit) {
        long n = limit == 0 ? split.size() : Math.min(limit, split.size());
        return new TensorDataset(split.images().narrow(0, 0, n), split.labels().narrow(0, 0, n));
    }
}
