package org.torch4j.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The three small ops of the issue, and a tensor times a number, through torch4j and through raw bytedeco in one JVM, in many short rounds interleaved
 * op by op and variant by variant, so that both see the same moments of a noisy machine; records every
 * round's µs/op through {@link Results} (section {@code opsjvm}). The raw calls run on the same native tensors
 * ({@link Tensor#unwrap()}) in a JVM where torch4j has loaded LibTorch, so with exactly the settings a tuned
 * raw user sets by hand (JavaCPP's memory check off, OpenBLAS held to one thread, intra-op threads =
 * processors). JMH ({@link OpsSuite}) measures each variant in a fork of its own, seconds apart: on a shared
 * machine its fork-to-fork swings (10-20% here) are larger than the wrapper's cost.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.OpsInterleaved 80   # 80 rounds of about 10 ms per op and variant
 *                                                           # (run.sh alternates such runs with ops.py's)
 * }</pre>
 */
public final class OpsInterleaved {
    /** Variants in the order their results are recorded. */
    static final String[] VARIANTS = {"torch4j-close", "torch4j-scope", "raw-tuned"};
    /** The fourth op, no target of the issue: a tensor times a number, as {@code x * 0.37} in Python. */
    static final String MUL_BY_NUMBER = "mul by a number, 1 element";

    private OpsInterleaved() {}

    /** One op in its three variants: {@code n} calls each. */
    private interface Op {
        void torch4jClose(int n);

        void torch4jScope(int n);

        void raw(int n);
    }

    public static void main(String[] args) {
        String arg = args.length > 0 ? args[0] : "401";
        if (!arg.matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("expected a number of rounds, got " + arg);
        }
        int rounds = Integer.parseInt(arg);
        Tensor a1 = Torch.ones(1), b1 = Torch.ones(1);
        Tensor a64 = Torch.randn(64, 64), b64 = Torch.randn(64, 64);
        Tensor r1000 = Torch.randn(1000);
        org.bytedeco.pytorch.Tensor ra1 = a1.unwrap(), rb1 = b1.unwrap();
        org.bytedeco.pytorch.Tensor ra64 = a64.unwrap(), rb64 = b64.unwrap(), rr1000 = r1000.unwrap();

        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put(OpsSuite.ITEMS.get("add"), op(() -> a1.add(b1), () -> ra1.add(rb1)));
        ops.put(OpsSuite.ITEMS.get("matmul"), op(() -> a64.matmul(b64), () -> ra64.matmul(rb64)));
        ops.put(OpsSuite.ITEMS.get("relu"), op(r1000::relu, () -> torch.relu(rr1000)));
        // Raw: the Scalar overload with a Scalar made once, as a tuned raw user would write it.
        org.bytedeco.pytorch.Scalar factor = new org.bytedeco.pytorch.Scalar(0.37);
        ops.put(MUL_BY_NUMBER, op(() -> a1.mul(0.37), () -> ra1.mul(factor)));

        // Calls per round: about 10 ms each, sized once from a warm-up.
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (Map.Entry<String, Op> e : ops.entrySet()) {
            Op op = e.getValue();
            for (int w = 0; w < 5; w++) {
                op.torch4jClose(2_000);
                op.torch4jScope(2_000);
                op.raw(2_000);
            }
            long t0 = System.nanoTime();
            op.raw(2_000);
            double perCall = (System.nanoTime() - t0) / 2_000.0;
            // A multiple of the scope variant's block of 1,000.
            calls.put(e.getKey(), (int) Math.max(1, Math.round(10e6 / perCall / 1_000)) * 1_000);
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Op> e : ops.entrySet()) {
                Op op = e.getValue();
                int n = calls.get(e.getKey());
                // Rotate the order, so that no variant always runs first after another op.
                for (int i = 0; i < VARIANTS.length; i++) {
                    int v = (i + r) % VARIANTS.length;
                    long t0 = System.nanoTime();
                    switch (v) {
                        case 0 -> op.torch4jClose(n);
                        case 1 -> op.torch4jScope(n);
                        default -> op.raw(n);
                    }
                    Results.add("opsjvm", e.getKey(), VARIANTS[v], (System.nanoTime() - t0) / 1e3 / n, "us/op");
                }
            }
        }
    }

    private static Op op(java.util.function.Supplier<Tensor> torch4j,
            java.util.function.Supplier<org.bytedeco.pytorch.Tensor> raw) {
        return new Op() {
            @Override
            public void torch4jClose(int n) {
                for (int i = 0; i < n; i++) {
                    torch4j.get().close();
                }
            }

            @Override
            public void torch4jScope(int n) {
                for (int j = 0; j < n; j += 1_000) {
                    try (Scope s = Scope.open()) {
                        for (int i = 0; i < 1_000; i++) {
                            torch4j.get();
                        }
                    }
                }
            }

            @Override
            public void raw(int n) {
                for (int i = 0; i < n; i++) {
                    raw.get().close();
                }
            }
        };
    }
}
