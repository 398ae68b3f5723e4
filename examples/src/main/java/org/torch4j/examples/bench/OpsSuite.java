package org.torch4j.examples.bench;

import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the per-op JMH benchmarks ({@link Torch4jOpsJmh}, {@link RawTunedOpsJmh}, {@link RawDefaultOpsJmh})
 * and records every measured iteration of every fork through {@link Results} (section {@code ops}, µs/op),
 * so the report can take medians and spreads over forks and iterations.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.OpsSuite full     # 2 passes (forks) x 5 iterations of 1 s
 * java -cp ... org.torch4j.examples.bench.OpsSuite quick    # 1 fork x 3 iterations of 0.3 s
 * java -cp ... org.torch4j.examples.bench.OpsSuite tiny add # a smoke run of one op
 * }</pre>
 */
public final class OpsSuite {
    /** JMH method name -> the report's item name, in report order. */
    public static final Map<String, String> ITEMS = new java.util.LinkedHashMap<>();

    static {
        ITEMS.put("add", "add, 1 element");
        ITEMS.put("matmul", "matmul 64x64");
        ITEMS.put("relu", "relu, 1,000 elements");
        ITEMS.put("conv1Fwd", "conv1 forward [100,1,28,28] * [32,1,5,5]");
        ITEMS.put("conv1FwdBwd", "conv1 forward+backward");
        ITEMS.put("conv2Fwd", "conv2 forward [100,32,8,8] * [64,32,5,5]");
        ITEMS.put("conv2FwdBwd", "conv2 forward+backward");
    }

    private OpsSuite() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "full";
        String only = args.length > 1 ? args[1] : "\\w+";
        int forks = mode.equals("full") ? 2 : 1;
        // JMH runs benchmarks sorted by name, which would measure every raw variant minutes before torch4j's.
        // On a noisy machine that confounds the ratios, so each op runs alone, all its variants back to back,
        // and the forks are passes over all ops.
        java.util.List<RunResult> results = new java.util.ArrayList<>();
        for (int pass = 0; pass < forks; pass++) {
            for (String op : ITEMS.keySet()) {
                if (!op.matches(only)) {
                    continue;
                }
                OptionsBuilder b = new OptionsBuilder();
                b.include("org\\.torch4j\\.examples\\.bench\\.(Torch4j|RawTuned|RawDefault)OpsJmh\\." + op + "$");
                switch (mode) {
                    case "full" -> b.warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
                            .measurementTime(TimeValue.seconds(1));
                    case "quick" -> b.warmupIterations(2).warmupTime(TimeValue.milliseconds(300))
                            .measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
                    case "tiny" -> b.warmupIterations(1).warmupTime(TimeValue.milliseconds(50)).measurementIterations(2)
                            .measurementTime(TimeValue.milliseconds(50));
                    default -> throw new IllegalArgumentException("mode must be full, quick or tiny, got " + mode);
                }
                Options opts = b.forks(1).shouldFailOnError(true).build();
                results.addAll(new Runner(opts).run());
            }
        }
        for (RunResult rr : results) {
            BenchmarkParams p = rr.getParams();
            String bench = p.getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            String variant = switch (cls) {
                case "Torch4jOpsJmh" -> "torch4j-" + p.getParam("freeing");
                case "RawTunedOpsJmh" -> "raw-tuned";
                case "RawDefaultOpsJmh" -> "raw-default";
                default -> throw new IllegalStateException("unexpected benchmark class " + cls);
            };
            String item = ITEMS.getOrDefault(method, method);
            for (BenchmarkResult br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    Results.add("ops", item, variant, ir.getPrimaryResult().getScore(), "us/op");
                }
            }
        }
    }
}
