package org.torch4j.data;

/**
 * {@code 0, 1, ..., n-1} every epoch, as PyTorch's {@code SequentialSampler}.
 *
 * <pre>{@code
 * new SequentialSampler(3).indices(7);   // [0, 1, 2]
 * }</pre>
 */
public final class SequentialSampler implements Sampler {
    private final long n;

    public SequentialSampler(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sampler size must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + n);
        }
        this.n = n;
    }

    @Override
    public long[] indices(long epoch) {
        long[] out = new long[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }
}
