package org.torch4j.examples.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The batches every training benchmark trains on: the first {@code n} images of the real training
 * files, normalised, as plain float and long arrays. Read without torch4j, so the raw bytedeco
 * benchmarks can use it in JVMs that never load torch4j; the Python twin is
 * {@code examples/bench/python/benchlib.py}.
 *
 * <pre>{@code
 * TrainData d = TrainData.mnist(Path.of(System.getProperty("user.home"), ".torch4j/data/MNIST/raw"), 1000);
 * float[] images = d.images();   // n x 1 x 28 x 28, (x/255 - 0.1307) / 0.3081
 * }</pre>
 *
 * @param images   {@code n x channels x size x size}, row-major
 * @param labels   class indices
 * @param channels 1 for MNIST, 3 for CIFAR-10
 * @param size     28 or 32
 */
public record TrainData(float[] images, long[] labels, int channels, int size) {
    /** Batch size of every training benchmark (the CLI's default). */
    public static final int BATCH = 100;
    /** Images trained on, cycled: 10 batches. */
    public static final int IMAGES = 1000;
    /** SGD learning rate (the CLI's default). */
    public static final double LR = 0.1;
    static final double[] MNIST_MEAN = {0.1307};
    static final double[] MNIST_STD = {0.3081};
    static final double[] CIFAR_MEAN = {0.4914, 0.4822, 0.4465};
    static final double[] CIFAR_STD = {0.2470, 0.2435, 0.2616};

    public int count() {
        return labels.length;
    }

    /** The first {@code n} images and labels of MNIST's training IDX files in {@code rawDir}. */
    public static TrainData mnist(Path rawDir, int n) throws IOException {
        Path imagesFile = rawDir.resolve("train-images-idx3-ubyte");
        Path labelsFile = rawDir.resolve("train-labels-idx1-ubyte");
        byte[] img = Files.readAllBytes(imagesFile);
        byte[] lab = Files.readAllBytes(labelsFile);
        ByteBuffer head = ByteBuffer.wrap(img);
        if (head.getInt(0) != 0x803 || head.getInt(8) != 28 || head.getInt(12) != 28 || head.getInt(4) < n) {
            throw new IOException(imagesFile + ": not an IDX file of at least " + n + " 28x28 images");
        }
        if (ByteBuffer.wrap(lab).getInt(0) != 0x801 || lab.length < 8 + n) {
            throw new IOException(labelsFile + ": not an IDX label file of at least " + n + " labels");
        }
        float[] images = new float[n * 784];
        long[] labels = new long[n];
        for (int i = 0; i < images.length; i++) {
            images[i] = norm(img[16 + i], 0, 1);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = lab[8 + i];
        }
        return new TrainData(images, labels, 1, 28);
    }

    /** The first {@code n} records of a CIFAR-10 binary batch file (1 label byte, then 3 x 32 x 32 pixels). */
    public static TrainData cifar(Path batchFile, int n) throws IOException {
        byte[] b = Files.readAllBytes(batchFile);
        if (b.length % 3073 != 0 || b.length / 3073 < n) {
            throw new IOException(batchFile + ": not a CIFAR-10 binary batch of at least " + n + " records (" + b.length
                    + " bytes)");
        }
        float[] images = new float[n * 3072];
        long[] labels = new long[n];
        for (int r = 0; r < n; r++) {
            labels[r] = b[r * 3073];
            for (int j = 0; j < 3072; j++) {
                images[r * 3072 + j] = norm(b[r * 3073 + 1 + j], j / 1024, 3);
            }
        }
        return new TrainData(images, labels, 3, 32);
    }

    private static float norm(byte pixel, int channel, int channels) {
        double[] mean = channels == 1 ? MNIST_MEAN : CIFAR_MEAN;
        double[] std = channels == 1 ? MNIST_STD : CIFAR_STD;
        return (float) (((pixel & 0xff) / 255.0 - mean[channel]) / std[channel]);
    }
}
