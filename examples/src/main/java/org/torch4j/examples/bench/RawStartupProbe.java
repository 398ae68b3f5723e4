package org.torch4j.examples.bench;

import org.bytedeco.pytorch.global.torch;

/**
 * {@link StartupProbe} in raw bytedeco: {@code torch.ones(1).add(1)}, printed. Timed from outside by
 * {@code examples/bench/run.sh}.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.RawStartupProbe    # prints 2.0
 * }</pre>
 */
public final class RawStartupProbe {
    private RawStartupProbe() {}

    public static void main(String[] args) {
        System.out.println(torch.ones(1).add(new org.bytedeco.pytorch.Scalar(1)).item_double());
    }
}
