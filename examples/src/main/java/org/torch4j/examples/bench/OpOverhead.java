package org.torch4j.examples.bench;

import static org.torch4j.Torch.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * Per-op cost of torch4j against raw bytedeco calls in the same JVM: a 1-element {@code add}, a 64x64
 * {@code matmul} and {@code relu} on 1,000 elements. Raw results are closed after each op; torch4j results
 * are released by a scope per 1,000 ops (the documented way), and, in a third column, left to the GC
 * safety net. Prints µs/op medians over rounds and the torch4j/raw ratio.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.bench.OpOverhead}
 * or {@code java -cp examples/target/classes:$(cat cp.txt) org.torch4j.examples.bench.OpOverhead [rounds]}.
 */
public final class OpOverhead {
    private static final int BLOCK = 1000;

    private OpOverhead() {}

    interface Op {
        void run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Tensor a1 = ones(1), b1 = ones(1);
        Tensor a64 = randn(64, 64), b64 = randn(64, 64);
        Tensor r1000 = randn(1000);
        org.bytedeco.pytorch.Tensor na1 = a1.unwrap(), nb1 = b1.unwrap(), na64 = a64.unwrap(), nb64 = b64.unwrap(),
                nr = r1000.unwrap();

        System.out.printf("%-22s %10s %12s %12s %8s%n", "op (µs/op, median)", "raw", "torch4j", "t4j no scope", "ratio");
        report("add, 1 element",
                () -> na1.add(nb1).close(),
                () -> a1.add(b1),
                rounds);
        report("add, closed each",
                () -> na1.add(nb1).close(),
                () -> a1.add(b1).close(),
                rounds);
        org.bytedeco.pytorch.Tensor[] held = new org.bytedeco.pytorch.Tensor[BLOCK];
        int[] k = {0};
        report("add, raw freed per 1000",
                () -> {
                    held[k[0]++] = na1.add(nb1);
                    if (k[0] == BLOCK) {
                        for (org.bytedeco.pytorch.Tensor t : held) {
                            t.close();
                        }
                        k[0] = 0;
                    }
                },
                () -> a1.add(b1),
                rounds);
        report("matmul 64x64",
                () -> na64.matmul(nb64).close(),
                () -> a64.matmul(b64),
                rounds);
        report("relu, 1000 elements",
                () -> torch.relu(nr).close(),
                () -> r1000.relu(),
                rounds);
    }

    private static void report(String name, Op raw, Op api, int rounds) {
        double[] r = new double[rounds], t = new double[rounds], g = new double[rounds];
        long n = calibrate(raw);
        for (int i = 0; i < rounds; i++) {
            r[i] = timeRaw(raw, n);
            t[i] = timeScoped(api, n);
            g[i] = timeRaw(api, n);
        }
        double mr = median(r), mt = median(t), mg = median(g);
        System.out.printf("%-22s %10.3f %12.3f %12.3f %8.2f%n", name, mr, mt, mg, mt / mr);
    }

    private static long calibrate(Op op) {
        long n = BLOCK;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            for (long k = 0; k < n; k++) {
                op.run();
            }
            long took = System.nanoTime() - start;
            if (took < 200_000_000L) {
                n = Math.max(BLOCK, n * 200_000_000L / Math.max(took, 1) / BLOCK * BLOCK);
            }
        }
        return n;
    }

    private static double timeRaw(Op op, long n) {
        long start = System.nanoTime();
        for (long k = 0; k < n; k++) {
            op.run();
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static double timeScoped(Op op, long n) {
        long start = System.nanoTime();
        for (long k = 0; k < n; k += BLOCK) {
            try (Scope s = Scope.open()) {
                for (int j = 0; j < BLOCK; j++) {
                    op.run();
                }
            }
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
