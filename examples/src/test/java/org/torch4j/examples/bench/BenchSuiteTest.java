package org.torch4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.datasets.DataDir;
import org.torch4j.datasets.MNIST;

/**
 * The benchmark suite's parts run on tiny sizes and produce well-formed, correct output. No timing is
 * checked: the suite reports, it does not race.
 */
class BenchSuiteTest {
    /** PyTorch 1.13's first loss of the lecture's MNIST net from BenchWeights on the first MNIST batch (train.py). */
    private static final double PYTORCH_FIRST_LOSS_MNIST = 2.315894;

    @Test
    void startingWeightsMatchThePythonTwin() {
        // Values printed by examples/bench/python/benchlib.py (numpy uint32 arithmetic, an independent implementation).
        float[] w = BenchWeights.values("conv1.weight", new long[] {32, 1, 5, 5});
        assertEquals(800, w.length);
        assertArrayEquals(new float[] {-0.04722096771001816f, -0.0585031732916832f, 0.0482487678527832f},
                new float[] {w[0], w[1], w[2]});
        assertEquals(-0.018280363f, w[799]);
        float[] b = BenchWeights.values("fc2.bias", new long[] {10});
        assertArrayEquals(new float[] {-0.03831924870610237f, -0.004667872097343206f}, new float[] {b[0], b[1]});
        assertNull(BenchWeights.values("layer1.bn1.weight", new long[] {16}), "batch norm keeps its defaults");
        for (float v : w) {
            assertTrue(Math.abs(v) <= 0.2f, "conv1 weights lie in +-1/sqrt(25)");
        }
    }

    @Test
    void flopCountsMatchTheHandDerivation() {
        // ../shared/research/baseline.md: 707.8 MFLOP (MNIST) and 1,552.6 MFLOP (CIFAR) per step of batch 100.
        assertEquals(707_760_000.0, StepFlops.of("mnist-lecture").flopsPerStep(100), 1);
        assertEquals(1_552_560_000.0, StepFlops.of("cifar-lecture").flopsPerStep(100), 1);
        assertEquals(1_333_200, StepFlops.of("mnist-lecture").forwardMacsPerSample());
        // ResNet-8 at 32x32: stem 442,368 + block1 2x2,359,296 + block2 1,179,648+2,359,296+131,072
        // + block3 1,179,648+2,359,296+131,072 + fc 640.
        assertEquals(12_501_632, StepFlops.of("cifar-resnet").forwardMacsPerSample());
        assertThrows(IllegalArgumentException.class, () -> StepFlops.of("no-such-model"));
    }

    @Test
    void torch4jAndRawTrainingComputeWhatPyTorchComputes() throws Exception {
        Path raw = DataDir.resolve().resolve(MNIST.FOLDER);
        double[] t4j = TrainBench.run("mnist-lecture", "plain", 0, 2, raw, 60);
        double[] t4jCl = TrainBench.run("mnist-lecture", "cl", 0, 2, raw, 60);
        double[] rawPlain = RawTrainBench.run("mnist-lecture", false, 0, 2, raw, 60);
        double[] rawTuned = RawTrainBench.run("mnist-lecture", true, 0, 2, raw, 60);
        assertEquals(PYTORCH_FIRST_LOSS_MNIST, t4j[1], 1e-5);
        assertEquals(PYTORCH_FIRST_LOSS_MNIST, t4jCl[1], 1e-5, "channels-last changes the layout, not the result");
        assertEquals(PYTORCH_FIRST_LOSS_MNIST, rawPlain[1], 1e-5);
        assertEquals(PYTORCH_FIRST_LOSS_MNIST, rawTuned[1], 1e-5, "NHWC strides change the layout, not the result");
        for (double[] r : List.of(t4j, t4jCl, rawPlain, rawTuned)) {
            assertTrue(r[0] > 0 && Double.isFinite(r[0]), "steps/s is a positive number: " + r[0]);
        }
    }

    @Test
    void everyPerOpBenchmarkRuns() {
        for (String freeing : new String[] {"scope", "close"}) {
            Torch4jOpsJmh t = new Torch4jOpsJmh();
            t.freeing = freeing;
            t.setup();
            t.add();
            t.matmul();
            t.relu();
            t.conv1Fwd();
            t.conv1FwdBwd();
            t.conv2Fwd();
            t.conv2FwdBwd();
            // conv1's bias gradient: the ones backpropagated, summed over 100 x 24 x 24 positions of 32 channels,
            // accumulated over CONV forward+backward passes.
            assertEquals(Torch4jOpsJmh.CONV * 32.0 * 100 * 24 * 24, t.c1g.grad().sum().itemDouble(), 100);
        }
        RawOpsJmh r = new RawTunedOpsJmh();
        r.setup();
        r.add();
        r.matmul();
        r.relu();
        r.conv1Fwd();
        r.conv1FwdBwd();
        r.conv2Fwd();
        r.conv2FwdBwd();
        assertEquals(Torch4jOpsJmh.CONV * 64.0 * 100 * 4 * 4, r.c2g.get().grad().sum().item_double(), 1);
    }

    @Test
    void interleavedProbeRecordsEveryOpAndVariantEveryRound() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            OpsInterleaved.main(new String[] {"3"});
        } finally {
            System.setOut(stdout);
        }
        List<String[]> rows = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("opsjvm\t")).map(l -> l.split("\t")).toList();
        assertEquals(3 * 4 * 3, rows.size(), "3 rounds x 4 ops x 3 variants");
        for (String item : new String[] {"add, 1 element", "matmul 64x64", "relu, 1,000 elements",
            OpsInterleaved.MUL_BY_NUMBER}) {
            for (String variant : OpsInterleaved.VARIANTS) {
                assertEquals(3, rows.stream().filter(r -> r[1].equals(item) && r[2].equals(variant)
                        && Double.parseDouble(r[3]) > 0 && r[4].equals("us/op")).count(), item + " " + variant);
            }
        }
    }

    @Test
    void reportHasEveryTableAndComputesRatiosOfMedians() {
        List<String> lines = List.of(
                "ops\tadd, 1 element\ttorch4j-close\t1.0\tus/op",
                "ops\tadd, 1 element\ttorch4j-close\t3.0\tus/op",
                "ops\tadd, 1 element\ttorch4j-close\t1.2\tus/op",
                "ops\tadd, 1 element\traw-tuned\t1.0\tus/op",
                "ops\tadd, 1 element\tpython\t0.8\tus/op",
                "opsjvm\tadd, 1 element\ttorch4j-close\t1.04\tus/op",
                "opsjvm\tadd, 1 element\ttorch4j-scope\t1.10\tus/op",
                "opsjvm\tadd, 1 element\traw-tuned\t1.0\tus/op",
                "opsjvm\tadd, 1 element\tpython\t1.0\tus/op",
                "opsjvm\tadd, 1 element\tpython\t1.2\tus/op",
                "opsjvm\tadd, 1 element\tpython\t1.1\tus/op",
                "opsjvm-coretype-unset\tmatmul 64x64\ttorch4j-close\t3.3\tus/op",
                "opsjvm-coretype-unset\tmatmul 64x64\traw-tuned\t3.6\tus/op",
                "opsjvm-coretype-unset\tmatmul 64x64\tpython\t3.4\tus/op",
                "train\tmnist-lecture\ttorch4j-plain\t100\tsteps/s",
                "train\tmnist-lecture\tpython-plain\t50\tsteps/s",
                "loss0\tmnist-lecture\ttorch4j-plain\t2.315894\t",
                "peak\tmatmul 2048x2048\ttorch4j\t250\tGFLOP/s",
                "peak\tmatmul 2048x2048\ttorch4j-cli\t354\tGFLOP/s",
                "rss\tepoch 1\ttorch4j-cli\t400\tMiB",
                "rss\tepoch 2\ttorch4j-cli\t404\tMiB",
                "rss\tepoch 3\ttorch4j-cli\t402\tMiB",
                "rsspeak\tepoch 1\ttorch4j-cli\t500\tMiB",
                "rsspeak\tepoch 2\ttorch4j-cli\t450\tMiB",
                "rsspeak\tepoch 3\ttorch4j-cli\t459\tMiB",
                "rss\tepoch 1\tpython\t300\tMiB",
                "rss\tepoch 2\tpython\t312\tMiB",
                "rss\tepoch 3\tpython\t312\tMiB",
                "startup\tJVM or interpreter start to first op result\ttorch4j\t950\tms",
                "startup\tJVM or interpreter start to first op result\ttorch4j-dirs\t1200\tms",
                "startup\tJVM or interpreter start to first op result\tpython\t1000\tms",
                "sgemm\tsgemm 64x64, the machine's environment\tlibtorch\t7.2\tus/op",
                "sgemm\tsgemm 64x64, the machine's environment\tpython\t6.0\tus/op");
        BenchReport r = new BenchReport(lines, List.of("nproc=2", "mode=quick",
                "sgemm_config_libtorch_inherited=OpenBLAS 0.3.31 DYNAMIC_ARCH, core Haswell"));
        assertEquals(1.2, r.median("ops", "add, 1 element", "torch4j-close"), 1e-12);
        assertEquals(Double.NaN, r.median("ops", "add, 1 element", "raw-default"));
        String md = r.markdown();
        for (String heading : new String[] {"## Machine and versions", "## 1. Per-op latency", "## 2. Training throughput",
            "## 3. Data loading", "## 4. Start-up time", "## 5. Memory flatness"}) {
            assertTrue(md.contains(heading), "missing " + heading);
        }
        assertTrue(md.contains("| processors (nproc) | 2 |"), md);
        assertTrue(md.contains("| add, 1 element | 1.20x | - | 1.50x | - |"), md);
        // Interleaved: 1.04 / 1.00 meets 1.05; the better torch4j pattern (close, 1.04) / Python's median 1.10.
        assertTrue(md.contains("| add, 1 element | 1.04 (n=1) | 1.10 (n=1) | 1.00 (n=1) | 1.10 [1.00-1.20] (n=3) "
                + "| 1.04x | **met** | 0.95x | **met** |"), md);
        // The run without OPENBLAS_CORETYPE gets a table of its own, after the targets' table.
        int unset = md.indexOf("The same, with `OPENBLAS_CORETYPE` unset");
        assertTrue(unset > md.indexOf("| 1.04x | **met** | 0.95x | **met** |"), md);
        assertTrue(md.indexOf("| matmul 64x64 | 3.30 (n=1) | not measured | 3.60 (n=1) | 3.40 (n=1) | 0.92x | **met** "
                + "| 0.97x | **met** |") > unset, md);
        assertTrue(md.contains("| add, 1 element | not measured | 1.20 [1.00-3.00] (n=3) | 1.00 (n=1) | not measured | 0.800 (n=1) |"), md);
        // 100 steps/s x 707.76 MFLOP = 70.8 GFLOP/s = 20% of 354, the highest peak.
        assertTrue(md.contains("| torch4j, plain lecture code (library defaults) | 100.0 (n=1) | 2.00x | - | 70.8 | 20% | 2.31589 |"),
                md);
        assertTrue(md.contains("(OpenBLAS held to 1 thread) 250.0 (n=1); torch4j launched by `examples/cli-java.sh` "
                + "(OpenBLAS on the intra-op threads) 354.0 (n=1); PyTorch not measured."), md);
        assertTrue(md.contains("torch4j plain >= 1.0x PyTorch plain: **met** (2.00x)"), md);
        assertTrue(md.contains("| epoch 2 | 404.0 | 450.0 | 312.0 | - |"), md);
        // Line through 400, 404, 402: slope 1 MiB an epoch, 401 at epoch 1, so +2 MiB = +0.50%; peaks from epoch 2:
        // 450 -> 459, +2.00%, not under 2%.
        assertTrue(md.contains("torch4j: at the line, fitted growth +0.50% (first to last sample +0.50%); peaks from "
                + "epoch 2, fitted growth +2.00%: **not met**."), md);
        // Python: line through 300, 312, 312: slope 6, 302 at epoch 1, +12 MiB = +3.97%; no peaks recorded.
        assertTrue(md.contains("PyTorch's Python: at the line, fitted growth +3.97% (first to last sample +4.00%); "
                + "peaks not measured."), md);
        assertTrue(md.contains("| JVM or interpreter start to first op result | 950 (n=1) | not measured | 1200 (n=1) "
                + "| 1000 (n=1) |"), md);
        assertTrue(md.contains("torch4j / Python: 0.95x."), md);
        assertTrue(md.contains("| sgemm 64x64, the machine's environment | 7.20 (n=1) | 6.00 (n=1) | 1.20x |"), md);
        assertTrue(md.contains("The libraries: LibTorch's, the machine's environment: `OpenBLAS 0.3.31 DYNAMIC_ARCH, "
                + "core Haswell`."), md);
        assertThrows(IllegalArgumentException.class, () -> new BenchReport(List.of("ops\tonly three\tfields"), List.of()));
    }

    @Test
    void fittedGrowthReadsTheLeastSquaresLine() {
        // A flat series with one high last point: the first-to-last change is +10%, the line's rise much less.
        // Line through 100, 100, 100, 110: slope 3, 98 at the first point, so 9 / 98.
        assertEquals(100 * 9.0 / 98.0, BenchReport.fittedGrowthPercent(new double[] {100, 100, 100, 110}), 1e-9);
        assertEquals(0.0, BenchReport.fittedGrowthPercent(new double[] {360, 350, 350, 360}), 1e-9); // a dip, no trend
        assertThrows(IllegalArgumentException.class, () -> BenchReport.fittedGrowthPercent(new double[] {1}));
    }
}
