package org.torch4j.examples.bench;

import static org.torch4j.Torch.randn;

import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * The machine's practical fp32 peak as this suite measures it: GFLOP/s of a 2048 x 2048 matmul through
 * torch4j with the launch settings it runs under ({@code 2 * 2048^3} FLOPs per product, 5 products per
 * sample): plain {@code java}, where torch4j holds OpenBLAS to one thread, and {@code examples/cli-java.sh},
 * where OpenBLAS gets every intra-op thread. The training rows' GFLOP/s are reported against the highest.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.MatmulPeak 7                               # variant "torch4j"
 * bash examples/cli-java.sh -cp ... org.torch4j.examples.bench.MatmulPeak 7 torch4j-cli
 * }</pre>
 */
public final class MatmulPeak {
    private MatmulPeak() {}

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String variant = args.length > 1 ? args[1] : "torch4j";
        Tensor a = randn(2048, 2048), b = randn(2048, 2048);
        a.matmul(b).close();
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            try (Scope s = Scope.open()) {
                for (int k = 0; k < 5; k++) {
                    a.matmul(b);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9 / 5;
            Results.add("peak", "matmul 2048x2048", variant, 2.0 * 2048 * 2048 * 2048 / seconds / 1e9, "GFLOP/s");
        }
    }
}
