package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Torch;

/** The real CIFAR-10 sample in ../shared/data/cifar10-sample (4000 training and 1000 test records). */
class CIFAR10SampleTest {
    @Test
    void trainingBatch() {
        Path sample = RealData.cifarSample();
        try (CIFAR10 train = CIFAR10.train(sample, List.of("data_batch_1.bin"))) {
            assertEquals(4000, train.size());
            assertArrayEquals(new long[] {4000, 3, 32, 32}, train.images().shape().toArray());
            assertEquals(DType.UINT8, train.images().dtype());
            assertEquals(DType.INT64, train.labels().dtype());
            assertArrayEquals(new long[] {396, 366, 420, 384, 422, 393, 414, 385, 407, 413},
                    MNISTRealDataTest.histogram(train.labels(), 10));
            assertArrayEquals(new long[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, train.labels().narrow(0, 0, 10).toLongArray());
            try (Scope s = Scope.open()) {
                double[] means = train.images().toDouble().mean(new long[] {0, 2, 3}, false).toDoubleArray();
                // Exact means of these 4000 records, computed independently from the file bytes with numpy:
                // (a[:, 1:].reshape(-1, 3, 32, 32).mean(axis=(0, 2, 3)) over a = fromfile(...).reshape(-1, 3073)).
                assertEquals(125.357155, means[0], 1e-5, "red");
                assertEquals(122.848616, means[1], 1e-5, "green");
                assertEquals(113.387459, means[2], 1e-5, "blue");
                // The README's "about 125.0 / 123.1 / 113.6" (the known CIFAR-10 means) holds to 0.4, not 0.1,
                // on this 4000-record subset.
                assertEquals(125.0, means[0], 0.4, "red");
                assertEquals(123.1, means[1], 0.4, "green");
                assertEquals(113.6, means[2], 0.4, "blue");
            }
            assertEquals(CIFAR10.CLASSES, train.classes());
        }
    }

    @Test
    void testBatch() {
        Path sample = RealData.cifarSample();
        try (CIFAR10 test = CIFAR10.test(sample)) {
            assertEquals(1000, test.size());
            assertArrayEquals(new long[] {103, 89, 100, 103, 90, 86, 112, 102, 106, 109},
                    MNISTRealDataTest.histogram(test.labels(), 10));
            assertArrayEquals(new long[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, test.labels().narrow(0, 0, 10).toLongArray());
            assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                    "truck"), test.classes());
        }
    }

    @Test
    void fullLoadNamesTheMissingBatches() {
        Path sample = RealData.cifarSample();
        long before = Fixtures.settledLiveTensors();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CIFAR10.train(sample));
        assertEquals(before, Torch.memory().liveTensors());
        assertEquals(true, e.getMessage().contains("missing: data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, "
                + "data_batch_5.bin"), e.getMessage());
    }
}
