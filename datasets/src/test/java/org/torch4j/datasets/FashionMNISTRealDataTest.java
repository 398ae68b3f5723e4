package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Real Fashion-MNIST (.gz files from the Debian package dataset-fashion-mnist, via datasets/fetch-data.sh). */
class FashionMNISTRealDataTest {
    @Test
    void trainSplit() {
        Path root = RealData.root(FashionMNIST.FOLDER, "Fashion-MNIST");
        try (FashionMNIST train = FashionMNIST.train(root)) {
            assertEquals(60000, train.size());
            assertArrayEquals(new long[] {60000, 1, 28, 28}, train.images().shape().toArray());
            long[] perClass = new long[10];
            Arrays.fill(perClass, 6000);
            assertArrayEquals(perClass, MNISTRealDataTest.histogram(train.labels(), 10));
            assertEquals("Ankle boot", train.classes().get(9));
            assertEquals("T-shirt/top", train.classes().get(0));
        }
    }

    @Test
    void testSplit() {
        Path root = RealData.root(FashionMNIST.FOLDER, "Fashion-MNIST");
        try (FashionMNIST test = FashionMNIST.test(root)) {
            assertEquals(10000, test.size());
            long[] perClass = new long[10];
            Arrays.fill(perClass, 1000);
            assertArrayEquals(perClass, MNISTRealDataTest.histogram(test.labels(), 10));
            assertFalse(test.isTrain());
            // the first Fashion-MNIST test items: ankle boot, pullover, trouser, trouser, shirt
            assertArrayEquals(new long[] {9, 2, 1, 1, 6}, test.labels().narrow(0, 0, 5).toLongArray());
        }
    }
}
