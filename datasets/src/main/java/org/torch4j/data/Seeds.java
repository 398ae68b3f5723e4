package org.torch4j.data;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a user seed and counters such as the epoch. Consecutive
 * seeds given straight to {@link SplittableRandom} yield shifted copies of one stream, so every part is
 * passed through a 64-bit finaliser first.
 */
final class Seeds {
    private Seeds() {}

    /** A generator determined by {@code seed} and {@code parts} alone. */
    static SplittableRandom derive(long seed, long... parts) {
        long h = mix(seed ^ 0x2545F4914F6CDD1DL);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return new SplittableRandom(h);
    }

    /** MurmurHash3's fmix64. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Fisher-Yates: a uniformly random permutation of {@code 0..n-1}. */
    static long[] permutation(long n, SplittableRandom random) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot shuffle " + n + " samples: at most "
                    + (Integer.MAX_VALUE - 8) + " are supported");
        }
        long[] p = new long[(int) n];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
