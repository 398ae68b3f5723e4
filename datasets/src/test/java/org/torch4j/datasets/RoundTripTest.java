package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.datasets.Fixtures.cifarPixels;
import static org.torch4j.datasets.Fixtures.cifarRecords;
import static org.torch4j.datasets.Fixtures.oneLabelEach;
import static org.torch4j.datasets.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Torch;

/** Files written here with known pixels and labels come back exactly. */
class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void mnistRawInTorchvisionFolder() {
        byte[] labels = {3, 1, 4, 1, 5, 9, 2};
        Fixtures.writeMnistTrain(dir.resolve("MNIST/raw"), labels, false);
        try (MNIST m = MNIST.train(dir)) {
            assertArrayEquals(new long[] {7, 1, 28, 28}, m.images().shape().toArray());
            assertEquals(DType.UINT8, m.images().dtype());
            assertArrayEquals(Fixtures.mnistPixels(7), m.images().toByteArray());
            assertArrayEquals(new long[] {3, 1, 4, 1, 5, 9, 2}, m.labels().toLongArray());
            // image 2, row 5, column 6 of the single channel
            assertEquals(Fixtures.mnistPixel(2, 5 * 28 + 6) & 0xff, m.images().index(2, 0, 5, 6).itemLong());
        }
    }

    @Test
    void fashionMnistGzipDirectlyInFolder() {
        byte[] labels = {9, 0, 0, 3};
        Fixtures.writeMnistTrain(dir, labels, true);
        try (FashionMNIST f = FashionMNIST.train(dir)) {
            assertArrayEquals(Fixtures.mnistPixels(4), f.images().toByteArray());
            assertArrayEquals(new long[] {9, 0, 0, 3}, f.labels().toLongArray());
            assertEquals("Ankle boot", f.classes().get((int) f.labels().select(0, 0).itemLong()));
        }
    }

    @Test
    void torchvisionFolderBeforeTheDirectoryItself() {
        Fixtures.writeMnistTrain(dir.resolve("MNIST/raw"), new byte[] {1, 2}, false);
        Fixtures.writeMnistTrain(dir, new byte[] {7, 7, 7}, false);
        try (MNIST m = MNIST.train(dir)) {
            assertArrayEquals(new long[] {1, 2}, m.labels().toLongArray());
        }
    }

    @Test
    void emptySplitIsValid() {
        Fixtures.writeMnistTrain(dir, new byte[0], false);
        try (MNIST m = MNIST.train(dir)) {
            assertEquals(0, m.size());
            assertArrayEquals(new long[] {0, 1, 28, 28}, m.images().shape().toArray());
        }
    }

    @Test
    void cifar10BatchesConcatenateInOrder() {
        Path folder = dir.resolve("cifar-10-batches-bin");
        write(folder.resolve("data_batch_1.bin"), cifarRecords(0, oneLabelEach(0, 9, 4)));
        write(folder.resolve("data_batch_2.bin"), cifarRecords(3, oneLabelEach(7, 2)));
        try (CIFAR10 c = CIFAR10.train(dir, List.of("data_batch_1.bin", "data_batch_2.bin"))) {
            assertEquals(5, c.size());
            assertArrayEquals(new long[] {5, 3, 32, 32}, c.images().shape().toArray());
            assertArrayEquals(cifarPixels(0, 5), c.images().toByteArray());
            assertArrayEquals(new long[] {0, 9, 4, 7, 2}, c.labels().toLongArray());
            // image 4, green plane (1024 bytes in), row 3, column 17
            assertEquals(Fixtures.cifarPixel(4, 1024 + 3 * 32 + 17) & 0xff, c.images().index(4, 1, 3, 17).itemLong());
            assertTrue(c.isTrain());
        }
        try (CIFAR10 c = CIFAR10.train(dir, List.of("data_batch_2.bin"))) {
            assertArrayEquals(cifarPixels(3, 2), c.images().toByteArray());
        }
    }

    @Test
    void cifar10FullLoadTakesRecordCountsFromFileSizes() {
        Path folder = dir.resolve("cifar-10-batches-bin");
        int first = 0;
        for (int b = 1; b <= 5; b++) {
            int[] labels = new int[b];
            java.util.Arrays.fill(labels, b);
            write(folder.resolve("data_batch_" + b + ".bin"), cifarRecords(first, oneLabelEach(labels)));
            first += b;
        }
        write(folder.resolve("test_batch.bin"), cifarRecords(100, oneLabelEach(5)));
        write(folder.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n".getBytes());
        try (CIFAR10 train = CIFAR10.train(dir); CIFAR10 test = CIFAR10.test(dir)) {
            assertEquals(15, train.size());
            assertArrayEquals(cifarPixels(0, 15), train.images().toByteArray());
            assertArrayEquals(new long[] {1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5}, train.labels().toLongArray());
            assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), train.classes());
            assertEquals(1, test.size());
            assertArrayEquals(cifarPixels(100, 1), test.images().toByteArray());
        }
    }

    @Test
    void cifar100CoarseAndFineLabels() {
        Path folder = dir.resolve("cifar-100-binary");
        write(folder.resolve("train.bin"), cifarRecords(0, new int[][] {{19, 99}, {0, 0}, {4, 51}}));
        write(folder.resolve("test.bin"), cifarRecords(50, new int[][] {{11, 3}}));
        try (CIFAR100 train = CIFAR100.train(dir); CIFAR100 test = CIFAR100.test(dir)) {
            assertArrayEquals(new long[] {3, 3, 32, 32}, train.images().shape().toArray());
            assertArrayEquals(cifarPixels(0, 3), train.images().toByteArray());
            assertArrayEquals(new long[] {99, 0, 51}, train.labels().toLongArray());
            assertArrayEquals(new long[] {19, 0, 4}, train.coarseLabels().toLongArray());
            assertEquals(DType.INT64, train.coarseLabels().dtype());
            assertEquals(100, train.classes().size());
            assertEquals(20, train.coarseClasses().size());
            assertEquals("worm", train.classes().get(99));
            assertEquals("mushroom", train.classes().get(51));
            assertEquals("vehicles_2", train.coarseClasses().get(19));
            assertArrayEquals(cifarPixels(50, 1), test.images().toByteArray());
            assertArrayEquals(new long[] {11}, test.coarseLabels().toLongArray());
        }
    }

    @Test
    void cifar100FilesDirectlyInFolderWithNameFiles() {
        write(dir.resolve("test.bin"), cifarRecords(0, new int[][] {{1, 2}}));
        StringBuilder fine = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            fine.append("f").append(i).append('\n');
        }
        StringBuilder coarse = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            coarse.append("c").append(i).append('\n');
        }
        write(dir.resolve("fine_label_names.txt"), fine.toString().getBytes());
        write(dir.resolve("coarse_label_names.txt"), coarse.toString().getBytes());
        try (CIFAR100 test = CIFAR100.test(dir)) {
            assertEquals("f2", test.classes().get((int) test.labels().select(0, 0).itemLong()));
            assertEquals("c1", test.coarseClasses().get((int) test.coarseLabels().select(0, 0).itemLong()));
        }
    }

    @Test
    void loadingLeavesOnlyTheDatasetTensors() {
        write(dir.resolve("cifar-100-binary/train.bin"), cifarRecords(0, new int[][] {{1, 2}, {3, 4}}));
        Fixtures.writeMnistTrain(dir.resolve("MNIST/raw"), new byte[] {1, 2, 3}, true);
        long before = Fixtures.settledLiveTensors();
        CIFAR100 c = CIFAR100.train(dir);
        assertEquals(before + 3, Torch.memory().liveTensors(), "images, fine and coarse labels");
        MNIST m = MNIST.train(dir);
        assertEquals(before + 5, Torch.memory().liveTensors());
        c.close();
        m.close();
        assertEquals(before, Torch.memory().liveTensors());
        assertTrue(c.images().isReleased() && c.coarseLabels().isReleased() && m.labels().isReleased());
        assertEquals("MNIST(train, released, 10 classes)", m.toString());
    }

    @Test
    void classListsHaveTheRightSizes() {
        assertEquals(10, MNIST.CLASSES.size());
        assertEquals(10, FashionMNIST.CLASSES.size());
        assertEquals(10, CIFAR10.CLASSES.size());
        assertEquals(100, CIFAR100.CLASSES.size());
        assertEquals(100, new java.util.HashSet<>(CIFAR100.CLASSES).size());
        assertEquals(20, CIFAR100.COARSE_CLASSES.size());
    }
}
