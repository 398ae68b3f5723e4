package org.torch4j.examples.bench;

import java.util.Arrays;

/**
 * Starting weights that torch4j, raw bytedeco and the Python scripts compute bit for bit the same, so
 * every training variant starts from the same network and its first loss shows they compute the same
 * thing. Each value comes from a 32-bit integer hash of the parameter's name and the element's index
 * (no random generator, whose streams differ between LibTorch 2.10 and PyTorch 1.13); the Python twin
 * is {@code examples/bench/python/benchlib.py}.
 *
 * <p>Rules: a parameter with two or more dimensions is uniform in {@code ±1/sqrt(fan_in)} (PyTorch's
 * default bound for conv and linear weights); a 1-D parameter whose name contains {@code bn} keeps its
 * batch-norm default (weight 1, bias 0: {@link #values} returns {@code null}); other 1-D parameters
 * (biases) are uniform in {@code ±0.05}.
 *
 * <pre>{@code
 * float[] w = BenchWeights.values("conv1.weight", new long[] {32, 1, 5, 5});
 * }</pre>
 *
 * <p>Plain Java on purpose: the raw bytedeco benchmarks use it in JVMs that must not load torch4j.
 */
public final class BenchWeights {
    private BenchWeights() {}

    /** The starting values of parameter {@code name} with {@code shape}, or {@code null} to keep the module's default. */
    public static float[] values(String name, long[] shape) {
        long numel = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double bound;
        if (shape.length >= 2) {
            bound = 1 / Math.sqrt((double) numel / shape[0]);
        } else if (name.toLowerCase().contains("bn")) {
            return null;
        } else {
            bound = 0.05;
        }
        int seed = name.hashCode();
        float[] out = new float[Math.toIntExact(numel)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (bound * (2 * uniform(seed, i) - 1));
        }
        return out;
    }

    /** A number in [0, 1) from the pair (seed, index): 24 bits of a well-mixed 32-bit hash. */
    static double uniform(int seed, int index) {
        return (hash(seed * 0x9E3779B9 + index) >>> 8) / 16777216.0;
    }

    /** Chris Wellons' "lowbias32" integer hash (public domain). */
    static int hash(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        x *= 0x846ca68b;
        x ^= x >>> 16;
        return x;
    }
}
