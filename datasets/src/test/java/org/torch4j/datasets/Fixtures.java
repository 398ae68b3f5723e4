package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.Torch;
import org.torch4j.glue.NativeMemory;

/** Writers of small dataset files with known content, and memory checks, for the tests. */
final class Fixtures {
    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private Fixtures() {}

    /** Pixel {@code p} of image {@code n}: a pattern that differs between images and positions. */
    static byte mnistPixel(int n, int p) {
        return (byte) (n * 31 + p * 7);
    }

    /** Image bytes of {@code count} MNIST-sized images, following {@link #mnistPixel}. */
    static byte[] mnistPixels(int count) {
        byte[] b = new byte[count * 28 * 28];
        for (int n = 0; n < count; n++) {
            for (int p = 0; p < 28 * 28; p++) {
                b[n * 28 * 28 + p] = mnistPixel(n, p);
            }
        }
        return b;
    }

    /** An IDX file: magic, sizes (count first), then data. */
    static byte[] idx(int magic, int[] sizes, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
        b.putInt(magic);
        for (int s : sizes) {
            b.putInt(s);
        }
        b.put(data);
        return b.array();
    }

    static byte[] mnistImagesFile(int count) {
        return idx(IMAGES_MAGIC, new int[] {count, 28, 28}, mnistPixels(count));
    }

    static byte[] labelsFile(byte[] labels) {
        return idx(LABELS_MAGIC, new int[] {labels.length}, labels);
    }

    static byte[] gzip(byte[] data) {
        var out = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a train split (images + labels) of the MNIST layout into {@code folder}, raw or gzip. */
    static void writeMnistTrain(Path folder, byte[] labels, boolean gz) {
        byte[] images = mnistImagesFile(labels.length);
        byte[] lab = labelsFile(labels);
        write(folder.resolve("train-images-idx3-ubyte" + (gz ? ".gz" : "")), gz ? gzip(images) : images);
        write(folder.resolve("train-labels-idx1-ubyte" + (gz ? ".gz" : "")), gz ? gzip(lab) : lab);
    }

    /** Pixel {@code p} (0..3071, planar R, G, B) of CIFAR image {@code n}. */
    static byte cifarPixel(int n, int p) {
        return (byte) (n * 13 + p * 3 + p / 1024 * 50);
    }

    /**
     * CIFAR records: {@code labels[r]} holds the label bytes of record r (one for CIFAR-10, coarse and fine
     * for CIFAR-100); pixels follow {@link #cifarPixel} with image number {@code firstImage + r}.
     */
    static byte[] cifarRecords(int firstImage, int[][] labels) {
        int labelBytes = labels.length == 0 ? 1 : labels[0].length;
        int rec = labelBytes + 3072;
        byte[] b = new byte[labels.length * rec];
        for (int r = 0; r < labels.length; r++) {
            for (int j = 0; j < labelBytes; j++) {
                b[r * rec + j] = (byte) labels[r][j];
            }
            for (int p = 0; p < 3072; p++) {
                b[r * rec + labelBytes + p] = cifarPixel(firstImage + r, p);
            }
        }
        return b;
    }

    /** The expected image tensor bytes (N x 3 x 32 x 32) of images {@code first .. first+count-1}. */
    static byte[] cifarPixels(int first, int count) {
        byte[] b = new byte[count * 3072];
        for (int n = 0; n < count; n++) {
            for (int p = 0; p < 3072; p++) {
                b[n * 3072 + p] = cifarPixel(first + n, p);
            }
        }
        return b;
    }

    static int[][] oneLabelEach(int... labels) {
        return Arrays.stream(labels).mapToObj(l -> new int[] {l}).toArray(int[][]::new);
    }

    /** The live-tensor count once the GC safety net has released what earlier code dropped. */
    static long settledLiveTensors() {
        long prev = -1;
        long now = Torch.memory().liveTensors();
        for (int i = 0; i < 10 && now != prev; i++) {
            NativeMemory.collectNow();
            prev = now;
            now = Torch.memory().liveTensors();
        }
        return now;
    }

    /** Runs {@code load}, expecting {@code type}; asserts that the failed load left no tensor behind. */
    static <T extends Throwable> T assertFailsCleanly(Class<T> type, Executable load) {
        long before = settledLiveTensors();
        T e = assertThrows(type, load);
        assertEquals(before, Torch.memory().liveTensors(), "a failed load must release every tensor it made");
        return e;
    }
}
