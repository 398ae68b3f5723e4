package org.torch4j.examples.bench;

import static org.torch4j.Torch.ones;
import static org.torch4j.Torch.randn;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Per-op latency through torch4j (JMH). Each invocation runs a block of ops; {@code freeing} chooses how
 * the results are released: {@code scope}, one {@link Scope} around the block (the documented fast
 * pattern), or {@code close}, {@code close()} on each result (the same pattern as the raw benchmarks).
 * The ops and sizes are those of {@link RawOpsJmh} and {@code examples/bench/python/ops.py}.
 *
 * <pre>{@code
 * java -cp ... org.openjdk.jmh.Main 'Torch4jOpsJmh.add' -p freeing=scope
 * }</pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Torch4jOpsJmh {
    /** Ops per invocation: a block of 1,000 small ops; one convolution (a scope per op, like a scope per step). */
    static final int SMALL = 1000, CONV = 1;

    @Param({"scope", "close"})
    public String freeing;

    Tensor a1, b1, a64, b64, r1000;
    Tensor x1, w1, c1, g1, x2, w2, c2, g2;
    Tensor x1g, w1g, c1g, x2g, w2g, c2g;

    @Setup
    public void setup() {
        a1 = ones(1);
        b1 = ones(1);
        a64 = randn(64, 64);
        b64 = randn(64, 64);
        r1000 = randn(1000);
        x1 = randn(100, 1, 28, 28);
        w1 = randn(32, 1, 5, 5);
        c1 = randn(32);
        g1 = ones(100, 32, 24, 24);
        x2 = randn(100, 32, 8, 8);
        w2 = randn(64, 32, 5, 5);
        c2 = randn(64);
        g2 = ones(100, 64, 4, 4);
        // conv1's input needs no gradient (it is the data); conv2's does (it is conv1's side of the net).
        x1g = x1;
        w1g = w1.clone().requiresGrad_();
        c1g = c1.clone().requiresGrad_();
        x2g = x2.clone().requiresGrad_();
        w2g = w2.clone().requiresGrad_();
        c2g = c2.clone().requiresGrad_();
    }

    private void loop(int n, Supplier<Tensor> op) {
        if (freeing.equals("scope")) {
            try (Scope s = Scope.open()) {
                for (int i = 0; i < n; i++) {
                    op.get();
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                op.get().close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    public void add() {
        loop(SMALL, () -> a1.add(b1));
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    public void matmul() {
        loop(SMALL, () -> a64.matmul(b64));
    }

    @Benchmark
    @OperationsPerInvocation(SMALL)
    public void relu() {
        loop(SMALL, () -> r1000.relu());
    }

    @Benchmark
    @OperationsPerInvocation(CONV)
    public void conv1Fwd() {
        loop(CONV, () -> F.conv2d(x1, w1, c1));
    }

    @Benchmark
    @OperationsPerInvocation(CONV)
    public void conv1FwdBwd() {
        loop(CONV, () -> {
            Tensor y = F.conv2d(x1g, w1g, c1g);
            y.backward(g1);
            return y;
        });
    }

    @Benchmark
    @OperationsPerInvocation(CONV)
    public void conv2Fwd() {
        loop(CONV, () -> F.conv2d(x2, w2, c2));
    }

    @Benchmark
    @OperationsPerInvocation(CONV)
    public void conv2FwdBwd() {
        loop(CONV, () -> {
            Tensor y = F.conv2d(x2g, w2g, c2g);
            y.backward(g2);
            return y;
        });
    }
}
