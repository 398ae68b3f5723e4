package org.torch4j.examples.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-op latency of the same ops as {@link Torch4jOpsJmh} through raw bytedeco, each result closed at
 * once. No torch4j class is loaded in these forks, so bytedeco's own defaults hold unless a subclass's
 * fork flags change them: {@link RawTunedOpsJmh} and {@link RawDefaultOpsJmh}.
 *
 * <pre>{@code
 * java -cp ... org.openjdk.jmh.Main 'RawTunedOpsJmh.add'
 * }</pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public abstract class RawOpsJmh {
    /** System property that makes a fork hold OpenBLAS to one thread, as torch4j's loader does. */
    static final String OPENBLAS_ONE = "bench.openblasOneThread";

    Tensor a1, b1, a64, b64, r1000;
    Tensor x1, w1, g1, x2, w2, g2;
    TensorOptional c1, c2;
    Tensor w1g, x2g, w2g;
    TensorOptional c1g, c2g;
    BoolOptional retain;
    TensorArrayRefOptional allLeaves;

    @Setup
    public void setup() {
        if (Boolean.getBoolean(OPENBLAS_ONE)) {
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
            torch.set_num_threads(Runtime.getRuntime().availableProcessors());
        }
        a1 = torch.ones(1);
        b1 = torch.ones(1);
        a64 = torch.randn(64, 64);
        b64 = torch.randn(64, 64);
        r1000 = torch.randn(1000);
        x1 = torch.randn(100, 1, 28, 28);
        w1 = torch.randn(32, 1, 5, 5);
        c1 = new TensorOptional(torch.randn(32));
        g1 = torch.ones(100, 32, 24, 24);
        x2 = torch.randn(100, 32, 8, 8);
        w2 = torch.randn(64, 32, 5, 5);
        c2 = new TensorOptional(torch.randn(64));
        g2 = torch.ones(100, 64, 4, 4);
        w1g = w1.clone().set_requires_grad(true);
        c1g = new TensorOptional(torch.randn(32).set_requires_grad(true));
        x2g = x2.clone().set_requires_grad(true);
        w2g = w2.clone().set_requires_grad(true);
        c2g = new TensorOptional(torch.randn(64).set_requires_grad(true));
        retain = new BoolOptional();
        allLeaves = new TensorArrayRefOptional();
    }

    private static final long[] ONE = {1}, ZERO = {0};

    private static Tensor conv(Tensor x, Tensor w, TensorOptional b) {
        return torch.conv2d(x, w, b, ONE, ZERO, ONE, 1);
    }

    private static void loop(int n, Supplier<Tensor> op) {
        for (int i = 0; i < n; i++) {
            op.get().close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.SMALL)
    public void add() {
        loop(Torch4jOpsJmh.SMALL, () -> a1.add(b1));
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.SMALL)
    public void matmul() {
        loop(Torch4jOpsJmh.SMALL, () -> a64.matmul(b64));
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.SMALL)
    public void relu() {
        loop(Torch4jOpsJmh.SMALL, () -> torch.relu(r1000));
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.CONV)
    public void conv1Fwd() {
        loop(Torch4jOpsJmh.CONV, () -> conv(x1, w1, c1));
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.CONV)
    public void conv1FwdBwd() {
        loop(Torch4jOpsJmh.CONV, () -> {
            Tensor y = conv(x1, w1g, c1g);
            y.backward(g1, retain, false, allLeaves);
            return y;
        });
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.CONV)
    public void conv2Fwd() {
        loop(Torch4jOpsJmh.CONV, () -> conv(x2, w2, c2));
    }

    @Benchmark
    @OperationsPerInvocation(Torch4jOpsJmh.CONV)
    public void conv2FwdBwd() {
        loop(Torch4jOpsJmh.CONV, () -> {
            Tensor y = conv(x2g, w2g, c2g);
            y.backward(g2, retain, false, allLeaves);
            return y;
        });
    }
}
