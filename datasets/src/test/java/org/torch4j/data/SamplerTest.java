package org.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    @Test
    void sequentialIsIdentityEveryEpoch() {
        assertArrayEquals(new long[] {0, 1, 2, 3}, new SequentialSampler(4).indices(0));
        assertArrayEquals(new long[] {0, 1, 2, 3}, new SequentialSampler(4).indices(9));
    }

    @Test
    void randomSamplerIsAPermutationDependingOnSeedAndEpoch() {
        RandomSampler s = new RandomSampler(1000, 7);
        long[] e0 = s.indices(0);
        long[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new SequentialSampler(1000).indices(0), sorted);
        assertArrayEquals(e0, new RandomSampler(1000, 7).indices(0));
        assertFalse(Arrays.equals(e0, s.indices(1)));
        assertFalse(Arrays.equals(e0, new RandomSampler(1000, 8).indices(0)));
    }

    @Test
    void randomSamplerWithReplacementDrawsInRange() {
        long[] d = new RandomSampler(10, 3, true, 5000).indices(0);
        assertEquals(5000, d.length);
        int[] counts = new int[10];
        for (long i : d) {
            counts[(int) i]++;
        }
        for (int c : counts) { // expected 500, sd ~21
            assertTrue(c > 400 && c < 600, Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> new RandomSampler(10, 3, false, 11));
    }

    @Test
    void weightedWithReplacementFollowsTheWeights() {
        double[] w = {1, 2, 0, 3, 4};
        int n = 200_000;
        long[] d = new WeightedRandomSampler(w, n, true, 11).indices(0);
        int[] counts = new int[w.length];
        for (long i : d) {
            counts[(int) i]++;
        }
        assertEquals(0, counts[2], "a zero weight is never drawn");
        for (int i = 0; i < w.length; i++) {
            double p = w[i] / 10.0;
            double sd = Math.sqrt(n * p * (1 - p));
            assertTrue(Math.abs(counts[i] - n * p) <= 5 * sd + 1e-9,
                    "index " + i + ": " + counts[i] + " draws, expected " + n * p + " +- " + 5 * sd);
        }
        assertArrayEquals(d, new WeightedRandomSampler(w, n, true, 11).indices(0));
    }

    @Test
    void weightedWithoutReplacementDrawsEachIndexOnceAndFavoursHeavyOnes() {
        double[] w = {1, 2, 0, 3, 4};
        WeightedRandomSampler s = new WeightedRandomSampler(w, 4, false, 5);
        int[] first = new int[w.length];
        int epochs = 40_000;
        for (int e = 0; e < epochs; e++) {
            long[] d = s.indices(e);
            long[] sorted = d.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new long[] {0, 1, 3, 4}, sorted);
            first[(int) d[0]]++;
        }
        for (int i = 0; i < w.length; i++) { // the first draw has probability w / sum(w)
            double p = w[i] / 10.0;
            double sd = Math.sqrt(epochs * p * (1 - p));
            assertTrue(Math.abs(first[i] - epochs * p) <= 5 * sd + 1e-9, Arrays.toString(first));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeightedRandomSampler(w, 5, false, 5));
        assertTrue(e.getMessage().contains("positive weights (4), got 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightedRandomSampler(new double[] {1, -1}, 1, true, 0));
    }

    /** Expected shards printed by PyTorch's own DistributedSampler (shuffle=False). */
    @Test
    void distributedPadsAndStridesLikePyTorch() {
        assertShards(10, 4, false, new long[][] {{0, 4, 8}, {1, 5, 9}, {2, 6, 0}, {3, 7, 1}});
        assertShards(10, 4, true, new long[][] {{0, 4}, {1, 5}, {2, 6}, {3, 7}});
        assertShards(3, 5, false, new long[][] {{0}, {1}, {2}, {0}, {1}});
        assertShards(2, 5, false, new long[][] {{0}, {1}, {0}, {1}, {0}});
    }

    private static void assertShards(int n, int world, boolean dropLast, long[][] expected) {
        for (int r = 0; r < world; r++) {
            assertArrayEquals(expected[r], new DistributedSampler(n, world, r, false, 0, dropLast).indices(0),
                    "n=" + n + " world=" + world + " rank=" + r + " dropLast=" + dropLast);
        }
    }

    @Test
    void distributedShuffledShardsAreDisjointCoverAllAndChangePerEpoch() {
        int n = 60000;
        int world = 3;
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < world; r++) {
            DistributedSampler s = new DistributedSampler(n, world, r, true, 42, false);
            s.setEpoch(2);
            long[] shard = s.indices();
            assertEquals(20000, shard.length);
            assertArrayEquals(shard, s.indices(2));
            assertFalse(Arrays.equals(shard, s.indices(3)));
            for (long i : shard) {
                assertTrue(seen.add(i), "index " + i + " in two shards");
            }
        }
        assertEquals(n, seen.size());
        assertThrows(IllegalArgumentException.class, () -> new DistributedSampler(10, 2, 2, false, 0, false));
    }
}
