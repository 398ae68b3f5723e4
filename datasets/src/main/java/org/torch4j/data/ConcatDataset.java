package org.torch4j.data;

import java.util.List;
import java.util.Objects;

/**
 * Datasets one after another, as PyTorch's {@code ConcatDataset}: index {@code i} runs through the
 * first dataset, then the second, and so on.
 *
 * <pre>{@code
 * Dataset<List<Tensor>> all = new ConcatDataset<>(List.of(train, extra));
 * all.size();   // train.size() + extra.size()
 * }</pre>
 *
 * @param <T> the type of one sample
 */
public final class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<T>> datasets;
    private final long[] ends;

    public ConcatDataset(List<? extends Dataset<T>> datasets) {
        Objects.requireNonNull(datasets, "datasets");
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("a ConcatDataset needs at least one dataset, got none");
        }
        this.datasets = List.copyOf(datasets);
        this.ends = new long[datasets.size()];
        long end = 0;
        for (int i = 0; i < ends.length; i++) {
            end += this.datasets.get(i).size();
            ends[i] = end;
        }
    }

    public List<Dataset<T>> datasets() {
        return datasets;
    }

    @Override
    public T get(long index) {
        Dataset.checkIndex(index, size());
        int lo = 0;
        int hi = ends.length - 1;
        while (lo < hi) { // first dataset whose end lies past index
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > index) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long start = lo == 0 ? 0 : ends[lo - 1];
        return datasets.get(lo).get(index - start);
    }

    @Override
    public long size() {
        return ends[ends.length - 1];
    }
}
