package org.torch4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The samples of a dataset at chosen indices, in that order, as PyTorch's {@code Subset}; with
 * {@link #randomSplit} to cut a dataset into disjoint random parts.
 *
 * <pre>{@code
 * List<Subset<List<Tensor>>> parts = Subset.randomSplit(train, new double[] {0.9, 0.1}, 42);
 * Dataset<List<Tensor>> fit = parts.get(0), validation = parts.get(1);
 * }</pre>
 *
 * @param <T> the type of one sample
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

    /** The samples of {@code dataset} at {@code indices} (each checked against the dataset's size). */
    public Subset(Dataset<T> dataset, long[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(indices, "indices");
        long n = dataset.size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("subset index " + i + " is " + indices[i]
                        + " but the dataset has " + n + " samples (expected 0.." + (n - 1) + ")");
            }
        }
        this.indices = indices.clone();
    }

    public Dataset<T> dataset() {
        return dataset;
    }

    /** The indices into {@link #dataset()} (a copy). */
    public long[] indices() {
        return indices.clone();
    }

    @Override
    public T get(long index) {
        Dataset.checkIndex(index, indices.length);
        return dataset.get(indices[(int) index]);
    }

    @Override
    public long size() {
        return indices.length;
    }

    /**
     * Splits {@code dataset} into disjoint subsets of the given lengths, which must sum to its size; the
     * samples are drawn by a permutation from {@link java.util.SplittableRandom} seeded with {@code seed}.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long[] lengths, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(lengths, "lengths");
        long total = 0;
        for (long l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("split lengths must be >= 0, got " + java.util.Arrays.toString(lengths));
            }
            total += l;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("split lengths " + java.util.Arrays.toString(lengths) + " sum to "
                    + total + " but the dataset has " + dataset.size() + " samples");
        }
        long[] perm = Seeds.permutation(dataset.size(), Seeds.derive(seed));
        List<Subset<T>> out = new ArrayList<>(lengths.length);
        int offset = 0;
        for (long l : lengths) {
            out.add(new Subset<>(dataset, java.util.Arrays.copyOfRange(perm, offset, offset + (int) l)));
            offset += (int) l;
        }
        return out;
    }

    /**
     * Splits by fractions summing to 1 (within 1e-6): each part gets {@code floor(fraction * size)}
     * samples and the remainder goes one by one to the parts in order, as PyTorch's {@code random_split}.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(fractions, "fractions");
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("split fractions must lie in [0, 1], got "
                        + java.util.Arrays.toString(fractions));
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions " + java.util.Arrays.toString(fractions)
                    + " sum to " + sum + ", expected 1");
        }
        long n = dataset.size();
        long[] lengths = new long[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (long) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length) {
            lengths[i]++;
            assigned++;
        }
        return randomSplit(dataset, lengths, seed);
    }
}
