package org.torch4j.examples.bench;

import static org.torch4j.Torch.ones;

/**
 * The start-up benchmark's program: start the JVM, compute {@code ones(1) + 1} through torch4j, print it,
 * exit. {@code examples/bench/run.sh} times whole launches of it from outside.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.StartupProbe    # prints 2.0
 * }</pre>
 */
public final class StartupProbe {
    private StartupProbe() {}

    public static void main(String[] args) {
        System.out.println(ones(1).add(1).itemDouble());
    }
}
