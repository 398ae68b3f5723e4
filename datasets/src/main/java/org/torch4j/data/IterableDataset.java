package org.torch4j.data;

/**
 * A stream-style dataset, as PyTorch's {@code IterableDataset}: samples come in the order the iterator
 * gives them, without indices, so a loader over it neither shuffles nor samples; it only batches.
 *
 * <pre>{@code
 * IterableDataset<List<Tensor>> stream = () -> new Iterator<>() { ... };
 * DataLoader loader = DataLoader.builder(stream).batchSize(32).build();
 * }</pre>
 *
 * @param <T> the type of one sample
 */
@FunctionalInterface
public interface IterableDataset<T> extends Iterable<T> {
}
