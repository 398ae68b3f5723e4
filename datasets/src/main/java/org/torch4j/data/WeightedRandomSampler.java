package org.torch4j.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code numSamples} indices drawn with probability proportional to their weights, as PyTorch's
 * {@code WeightedRandomSampler}: with replacement (independent draws) or without (each index at most
 * once; successive draws renormalise over the indices left, as {@code torch.multinomial}).
 *
 * <pre>{@code
 * double[] w = new double[labels.length];
 * for (int i = 0; i < w.length; i++) w[i] = 1.0 / classCount[labels[i]];   // balance the classes
 * Sampler s = new WeightedRandomSampler(w, w.length, true, 42);
 * }</pre>
 *
 * Randomness: {@link SplittableRandom} seeded from {@code (seed, epoch)}, as {@link RandomSampler}.
 */
public final class WeightedRandomSampler implements Sampler {
    private final double[] cumulative;
    private final double[] weights;
    private final int positive;
    private final int numSamples;
    private final boolean replacement;
    private final long seed;

    public WeightedRandomSampler(double[] weights, long numSamples, boolean replacement, long seed) {
        Objects.requireNonNull(weights, "weights");
        if (numSamples <= 0 || numSamples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("numSamples must be in 1.." + (Integer.MAX_VALUE - 8) + ", got " + numSamples);
        }
        int pos = 0;
        double total = 0;
        double[] cum = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got weights[" + i + "] = " + w);
            }
            if (w > 0) {
                pos++;
            }
            total += w;
            cum[i] = total;
        }
        if (pos == 0) {
            throw new IllegalArgumentException("at least one weight must be > 0, got " + weights.length + " weights all 0");
        }
        if (!replacement && numSamples > pos) {
            throw new IllegalArgumentException("without replacement numSamples must be <= the number of positive weights ("
                    + pos + "), got " + numSamples);
        }
        this.weights = weights.clone();
        this.cumulative = cum;
        this.positive = pos;
        this.numSamples = (int) numSamples;
        this.replacement = replacement;
        this.seed = seed;
    }

    @Override
    public long[] indices(long epoch) {
        SplittableRandom random = Seeds.derive(seed, epoch);
        long[] out = new long[numSamples];
        if (replacement) {
            double total = cumulative[cumulative.length - 1];
            for (int k = 0; k < numSamples; k++) {
                double u = random.nextDouble() * total;
                int i = Arrays.binarySearch(cumulative, u);
                i = i >= 0 ? i + 1 : -i - 1; // first index whose cumulative weight exceeds u
                while (i < weights.length - 1 && weights[i] == 0) {
                    i++; // a zero weight shares its neighbour's cumulative value; never pick it
                }
                out[k] = Math.min(i, weights.length - 1);
            }
            return out;
        }
        // Efraimidis-Spirakis: the k largest keys log(u)/w are a weighted sample without replacement
        // with the same law as k successive renormalised draws.
        int[] idx = new int[positive];
        double[] key = new double[weights.length];
        int m = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                key[i] = Math.log(1.0 - random.nextDouble()) / weights[i];
                idx[m++] = i;
            }
        }
        Integer[] order = new Integer[positive];
        for (int i = 0; i < positive; i++) {
            order[i] = idx[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
        for (int k = 0; k < numSamples; k++) {
            out[k] = order[k];
        }
        return out;
    }
}
