package org.torch4j;

/**
 * A LibTorch operation failed. The message is LibTorch's own (its first line, without the C++ backtrace),
 * for example {@code The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1}.
 *
 * <pre>{@code
 * try {
 *     ones(2, 3).add(ones(3, 2));
 * } catch (TorchException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class TorchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TorchException(String message) {
        super(message);
    }

    /**
     * What a failed native call becomes: bytedeco reports C++ exceptions as plain {@code RuntimeException}s,
     * which turn into a TorchException with LibTorch's first line; Java-side exceptions keep their type.
     */
    public static RuntimeException fromNative(RuntimeException e) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        return new TorchException(org.torch4j.glue.NativeErrors.firstLine(e.getMessage()));
    }
}
