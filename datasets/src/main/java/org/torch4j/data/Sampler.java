package org.torch4j.data;

/**
 * Chooses the dataset indices of one epoch and their order, as PyTorch's samplers. The indices depend
 * on the epoch number alone (and the sampler's seed), never on how often the sampler was asked, so an
 * epoch can be replayed.
 *
 * <pre>{@code
 * Sampler s = new RandomSampler(60000, 42);
 * long[] epoch0 = s.indices(0);     // a permutation of 0..59999
 * long[] again = s.indices(0);      // the same permutation
 * }</pre>
 */
@FunctionalInterface
public interface Sampler {
    /** The indices of epoch {@code epoch}, in the order they are to be loaded. */
    long[] indices(long epoch);
}
