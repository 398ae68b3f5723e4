package org.torch4j.data;

/**
 * A map-style dataset: {@link #size()} samples addressed by index, as PyTorch's
 * {@code torch.utils.data.Dataset}.
 *
 * <pre>{@code
 * Dataset<String> words = new Dataset<>() {
 *     public String get(long i) { return "word" + i; }
 *     public long size() { return 3; }
 * };
 * DataLoader loader = DataLoader.builder(words).batchSize(2).collate(myCollate).build();
 * }</pre>
 *
 * @param <T> the type of one sample
 */
public interface Dataset<T> {
    /** The sample at {@code index}, {@code 0 <= index < size()}. */
    T get(long index);

    /** Number of samples. */
    long size();

    /** Throws {@link IndexOutOfBoundsException} naming the range unless {@code 0 <= index < size}. */
    static void checkIndex(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of "
                    + size + " samples (expected 0.." + (size - 1) + ")");
        }
    }
}
