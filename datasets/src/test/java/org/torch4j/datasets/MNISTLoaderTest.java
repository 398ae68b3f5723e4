package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.data.Batch;
import org.torch4j.data.DataLoader;

/** A DataLoader over real MNIST: batch 100 with shuffling, as the issue asks. */
class MNISTLoaderTest {
    private static long[] epochOrder(DataLoader loader, MNIST train) {
        long[] order = new long[(int) train.size()];
        int at = 0;
        for (Batch b : loader) {
            try (b) {
                assertEquals(100, b.size());
                assertEquals(DType.UINT8, b.inputs().dtype());
                assertEquals("torch.Size([100, 1, 28, 28])", b.inputs().size().toString());
                // the targets are the labels of exactly the images at those indices
                long[] idx = b.indices();
                long[] expected = train.labels().indexSelect(0, org.torch4j.Torch.tensor(idx)).toLongArray();
                assertArrayEquals(expected, b.targets().toLongArray());
                System.arraycopy(idx, 0, order, at, idx.length);
                at += idx.length;
            }
        }
        assertEquals(train.size(), at);
        return order;
    }

    @Test
    void everyIndexOncePerEpochSameOrderForTheSameSeedNewOrderEachEpoch() {
        Path root = RealData.root(MNIST.FOLDER, "MNIST");
        try (MNIST train = MNIST.train(root)) {
            DataLoader a = DataLoader.builder(train.asDataset()).batchSize(100).shuffle(true).seed(7).build();
            DataLoader b = DataLoader.builder(train.asDataset()).batchSize(100).shuffle(true).seed(7).build();
            long[] a0 = epochOrder(a, train);
            long[] a1 = epochOrder(a, train);
            long[] b0 = epochOrder(b, train);
            long[] sorted = a0.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i], "index " + i + " missing or repeated in an epoch");
            }
            assertArrayEquals(a0, b0, "same seed, same first epoch");
            assertFalse(Arrays.equals(a0, a1), "the second epoch must be shuffled differently");
            assertTrue(a0[0] != 0 || a0[1] != 1, "the epoch is shuffled");
            a.close();
            b.close();
        }
    }
}
