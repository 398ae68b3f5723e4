package org.torch4j.data;

/**
 * Making a batch failed: the cause is the original exception (from the dataset, the collate function,
 * a transform or LibTorch), wrapped once, whether the batch was made on the loader's worker thread or
 * on the consumer's.
 *
 * <pre>{@code
 * try {
 *     for (Batch b : loader) { ... }
 * } catch (DataLoaderException e) {
 *     Throwable original = e.getCause();
 * }
 * }</pre>
 */
public class DataLoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataLoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
