package org.torch4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Tensors sharing their first dimension; sample {@code i} is the list of their rows {@code i}, as
 * PyTorch's {@code TensorDataset}. A {@link DataLoader} over it gathers each batch with one native
 * {@code indexSelect} per tensor instead of fetching rows one by one.
 *
 * <pre>{@code
 * TensorDataset train = new TensorDataset(images, labels);   // N x 1 x 28 x 28 uint8, N int64
 * List<Tensor> first = train.get(0);                         // [1 x 28 x 28 view, scalar label]
 * }</pre>
 *
 * The dataset holds the tensors it was given; it neither copies nor releases them.
 */
public final class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;
    private final long size;

    /** Needs at least one tensor, all of at least one dimension and the same size in dimension 0. */
    public TensorDataset(Tensor... tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("a TensorDataset needs at least one tensor, got none");
        }
        for (int i = 0; i < tensors.length; i++) {
            Objects.requireNonNull(tensors[i], "tensor " + i);
            if (tensors[i].dim() == 0) {
                throw new IllegalArgumentException("tensor " + i + " is a scalar: every tensor of a TensorDataset "
                        + "needs a first dimension indexing the samples");
            }
        }
        long n = tensors[0].size(0);
        for (int i = 1; i < tensors.length; i++) {
            if (tensors[i].size(0) != n) {
                throw new IllegalArgumentException("size mismatch between tensors: tensor 0 has " + n
                        + " samples (shape " + tensors[0].shape() + ") but tensor " + i + " has "
                        + tensors[i].size(0) + " (shape " + tensors[i].shape() + ")");
            }
        }
        this.tensors = List.copyOf(Arrays.asList(tensors));
        this.size = n;
    }

    /** The backing tensors, in the order given. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** The backing tensor number {@code i}. */
    public Tensor tensor(int i) {
        return tensors.get(i);
    }

    /** Row {@code index} of every tensor, as views sharing their storage. */
    @Override
    public List<Tensor> get(long index) {
        Dataset.checkIndex(index, size);
        List<Tensor> row = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            row.add(t.select(0, index));
        }
        return row;
    }

    @Override
    public long size() {
        return size;
    }
}
