package org.torch4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.Tensor;
import org.torch4j.data.TensorDataset;
import org.torch4j.datasets.MNIST;

/**
 * Real MNIST for the CLI, normalised as in the lecture: inputs minus the training set's mean, divided by its
 * standard deviation (both over the whole training split, on pixel values 0..255).
 *
 * <pre>{@code
 * Splits s = MnistData.load(Path.of("data"), 5000, 1000);   // first 5,000 training and 1,000 test images
 * }</pre>
 */
public final class MnistData {
    /** The hint every "data missing" message ends with. */
    public static final String FETCH_HINT = "run `bash datasets/fetch-data.sh` to fetch it";

    private MnistData() {}

    /** See {@link DataSource#load}. */
    public static Splits load(Path dataDir, long trainLimit, long testLimit) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new CliException("limits must be >= 0, got " + trainLimit + " and " + testLimit);
        }
        if (!Files.isDirectory(dataDir)) {
            throw new CliException("data directory " + dataDir + " does not exist; " + FETCH_HINT);
        }
        MNIST train;
        MNIST test;
        try {
            train = MNIST.train(dataDir);
            test = MNIST.test(dataDir);
        } catch (RuntimeException e) {
            // The readers' messages name the missing or damaged file; keep only their first line.
            throw new CliException("cannot read MNIST from " + dataDir + ": " + firstLine(e) + "; " + FETCH_HINT, e);
        }
        // The lecture normalises with the statistics of the full training split, whatever subset trains.
        Tensor all = train.images().toFloat();
        double mean = all.mean().itemDouble();
        double std = all.std().itemDouble();
        all.close();
        return new Splits("MNIST", subset(train, trainLimit), subset(test, testLimit),
                batch -> batch.toFloat().sub_(mean).div_(std), new double[] {mean}, new double[] {std});
    }

    private static TensorDataset subset(MNIST split, long limit) {
        long n = limit == 0 ? split.size() : Math.min(limit, split.size());
        return new TensorDataset(split.images().narrow(0, 0, n), split.labels().narrow(0, 0, n));
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
