package org.torch4j.data;

import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * One batch from a {@link DataLoader}: its tensors (for a {@link TensorDataset}, one per backing tensor,
 * in the same order, each with the batch in dimension 0) and the dataset indices it holds.
 *
 * <pre>{@code
 * for (Batch batch : loader) {
 *     try (batch; var step = Scope.open()) {      // frees the batch and the step's tensors at once
 *         Tensor loss = criterion.forward(model.forward(batch.inputs()), batch.targets());
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Memory: a loader makes batch tensors outside every {@link org.torch4j.Scope} (on its worker
 * thread or in a private scope), so they belong to the GC safety net and may be used on any thread.
 * {@link #close()} releases them at once; a batch left unclosed is released once unreachable.
 */
public final class Batch implements AutoCloseable {
    private final List<Tensor> tensors;
    private final long[] indices;

    /** A batch of {@code tensors} (at least one) made from the samples at {@code indices} (may be empty for a stream). */
    public Batch(List<Tensor> tensors, long[] indices) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one tensor, got none");
        }
        this.tensors = List.copyOf(tensors);
        this.indices = Objects.requireNonNull(indices, "indices").clone();
    }

    /** Tensor number {@code i}. */
    public Tensor get(int i) {
        if (i < 0 || i >= tensors.size()) {
            throw new IndexOutOfBoundsException("batch tensor " + i + " requested but the batch has "
                    + tensors.size() + " tensor(s)");
        }
        return tensors.get(i);
    }

    /** The first tensor (the model's input, by convention). */
    public Tensor inputs() {
        return get(0);
    }

    /** The second tensor (the targets, by convention). */
    public Tensor targets() {
        return get(1);
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    /** Number of tensors in this batch. */
    public int width() {
        return tensors.size();
    }

    /** Number of samples: the size of dimension 0 of the first tensor. */
    public long size() {
        Tensor t = tensors.get(0);
        return t.dim() == 0 ? 1 : t.size(0);
    }

    /** The dataset indices of the samples, in batch order (a copy; empty for an {@link IterableDataset}). */
    public long[] indices() {
        return indices.clone();
    }

    /** Releases every tensor of this batch now; later use of them throws {@link IllegalStateException}. */
    @Override
    public void close() {
        for (Tensor t : tensors) {
            t.close();
        }
    }
}
