package org.torch4j.data;

/**
 * The share of one process (rank) among {@code worldSize} for data-parallel training, as PyTorch's
 * {@code DistributedSampler}: each epoch's order (shuffled from {@code (seed, epoch)}, or sequential)
 * is padded by repeating its first indices to a multiple of {@code worldSize} (or, with
 * {@code dropLast}, cut to one), and rank {@code r} takes positions {@code r, r + worldSize, ...}.
 * The shards of one epoch are disjoint apart from the padding and together cover the dataset.
 *
 * <pre>{@code
 * var sampler = new DistributedSampler(60000, 4, rank, true, 42, false);
 * DataLoader loader = DataLoader.builder(train).batchSize(100).sampler(sampler).build();
 * loader.setEpoch(epoch);    // PyTorch's sampler.set_epoch(epoch)
 * }</pre>
 *
 * The shuffle uses {@link java.util.SplittableRandom}, not LibTorch's {@code randperm}: every rank
 * derives the same order from the same seed and epoch; the order differs from PyTorch's own.
 */
public final class DistributedSampler implements Sampler {
    private final long n;
    private final int worldSize;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int numSamples;
    private final int totalSize;
    private long epoch;

    public DistributedSampler(long n, int worldSize, int rank, boolean shuffle, long seed, boolean dropLast) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sampler size must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + n);
        }
        if (worldSize < 1) {
            throw new IllegalArgumentException("worldSize must be >= 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank must be in 0.." + (worldSize - 1) + " for worldSize "
                    + worldSize + ", got " + rank);
        }
        this.n = n;
        this.worldSize = worldSize;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        if (dropLast && n % worldSize != 0) {
            this.numSamples = (int) ((n - worldSize + worldSize - 1) / worldSize);
        } else {
            this.numSamples = (int) ((n + worldSize - 1) / worldSize);
        }
        this.totalSize = numSamples * worldSize;
    }

    /** Indices per rank and epoch. */
    public int numSamples() {
        return numSamples;
    }

    /** Sets the epoch that {@link #indices()} uses, as PyTorch's {@code set_epoch}. */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** This rank's indices for the epoch last given to {@link #setEpoch} (0 at first). */
    public long[] indices() {
        return indices(epoch);
    }

    @Override
    public long[] indices(long epoch) {
        long[] order = shuffle ? Seeds.permutation(n, Seeds.derive(seed, epoch)) : new SequentialSampler(n).indices(epoch);
        long[] all = new long[totalSize];
        if (order.length > 0) {
            for (int i = 0; i < totalSize; i++) {
                all[i] = order[i % order.length]; // padding repeats from the start, wrapping if needed
            }
        }
        long[] mine = new long[numSamples];
        for (int k = 0; k < numSamples; k++) {
            mine[k] = all[rank + k * worldSize];
        }
        return mine;
    }
}
