package org.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

class DatasetsTest {
    @Test
    void tensorDatasetRowsAreViewsOfEveryTensor() {
        Tensor x = Torch.arange(12).view(4, 3);
        Tensor y = Torch.arange(4).mul(10);
        TensorDataset d = new TensorDataset(x, y);
        assertEquals(4, d.size());
        List<Tensor> row = d.get(2);
        assertArrayEquals(new long[] {6, 7, 8}, row.get(0).toLongArray());
        assertEquals(20, row.get(1).itemLong());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(x, Torch.arange(5)));
        assertTrue(e.getMessage().contains("tensor 0 has 4 samples") && e.getMessage().contains("tensor 1 has 5"),
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(4));
    }

    @Test
    void subsetAndConcatMapIndices() {
        TensorDataset a = new TensorDataset(Torch.arange(5));
        TensorDataset b = new TensorDataset(Torch.arange(100, 103));
        ConcatDataset<List<Tensor>> c = new ConcatDataset<>(List.of(a, b));
        assertEquals(8, c.size());
        long[] got = new long[8];
        for (int i = 0; i < 8; i++) {
            got[i] = c.get(i).get(0).itemLong();
        }
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 100, 101, 102}, got);
        Subset<List<Tensor>> s = new Subset<>(c, new long[] {7, 0, 5});
        assertEquals(102, s.get(0).get(0).itemLong());
        assertEquals(100, s.get(2).get(0).itemLong());
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset<>(c, new long[] {8}));
    }

    @Test
    void randomSplitIsDisjointCoveringAndSeeded() {
        TensorDataset d = new TensorDataset(Torch.arange(1001));
        List<Subset<List<Tensor>>> parts = Subset.randomSplit(d, new double[] {0.7, 0.2, 0.1}, 3);
        assertEquals(List.of(701L, 200L, 100L), parts.stream().map(Subset::size).toList()); // remainder to the first
        List<Long> all = new ArrayList<>();
        for (Subset<List<Tensor>> p : parts) {
            for (long i : p.indices()) {
                all.add(i);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        assertArrayEquals(new SequentialSampler(1001).indices(0), sorted);
        assertArrayEquals(parts.get(1).indices(), Subset.randomSplit(d, new long[] {701, 200, 100}, 3).get(1).indices());
        assertTrue(!Arrays.equals(parts.get(0).indices(), Subset.randomSplit(d, new long[] {701, 200, 100}, 4).get(0).indices()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subset.randomSplit(d, new long[] {1000}, 0));
        assertTrue(e.getMessage().contains("sum to 1000 but the dataset has 1001"), e.getMessage());
    }
}
