package org.torch4j.data;

import java.util.SplittableRandom;

/**
 * A random order of {@code 0..n-1} per epoch (a permutation), or with replacement {@code numSamples}
 * independent uniform draws, as PyTorch's {@code RandomSampler}.
 *
 * <p>Randomness: {@link SplittableRandom} seeded from {@code (seed, epoch)}, not LibTorch's generator,
 * so orders depend on the seed and epoch alone (not on {@code Torch.manualSeed} or other draws) and the
 * same seed gives the same sequence of epochs while consecutive epochs differ.
 *
 * <pre>{@code
 * Sampler s = new RandomSampler(60000, 42);
 * s.indices(0);   // a permutation; s.indices(1) is another one
 * }</pre>
 */
public final class RandomSampler implements Sampler {
    private final long n;
    private final long seed;
    private final boolean replacement;
    private final long numSamples;

    /** A permutation of {@code 0..n-1} per epoch. */
    public RandomSampler(long n, long seed) {
        this(n, seed, false, n);
    }

    /**
     * {@code numSamples} indices per epoch: a prefix of a permutation without replacement
     * ({@code numSamples <= n}), uniform draws with replacement otherwise.
     */
    public RandomSampler(long n, long seed, boolean replacement, long numSamples) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sampler size must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + n);
        }
        if (numSamples < 0 || numSamples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("numSamples must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + numSamples);
        }
        if (!replacement && numSamples > n) {
            throw new IllegalArgumentException("without replacement numSamples must be <= n = " + n + ", got " + numSamples);
        }
        if (replacement && n == 0 && numSamples > 0) {
            throw new IllegalArgumentException("cannot draw " + numSamples + " samples from an empty dataset");
        }
        this.n = n;
        this.seed = seed;
        this.replacement = replacement;
        this.numSamples = numSamples;
    }

    @Override
    public long[] indices(long epoch) {
        SplittableRandom random = Seeds.derive(seed, epoch);
        if (!replacement) {
            long[] p = Seeds.permutation(n, random);
            return numSamples == n ? p : java.util.Arrays.copyOf(p, (int) numSamples);
        }
        long[] out = new long[(int) numSamples];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextLong(n);
        }
        return out;
    }
}
