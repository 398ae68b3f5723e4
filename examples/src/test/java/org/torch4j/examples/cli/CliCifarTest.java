package org.torch4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.examples.LectureNet;
import org.torch4j.nn.Module;
import org.torch4j.serialization.TorchFiles;

/**
 * {@code train cifar-lecture} on the real CIFAR-10 sample beside the repository (4,000 training and 1,000 test
 * images), in this process through the CLI's entry method, with an empty data directory so that the CLI
 * falls back to the sample.
 */
class CliCifarTest {
    @TempDir
    Path tmp;

    @Test
    void trainsCifarLectureOnTheSampleAboveChance() throws Exception {
        Path sample = CifarData.findSample(Path.of("").toAbsolutePath());
        Assumptions.assumeTrue(sample != null && CifarData.folderIn(sample) != null,
                "the CIFAR-10 sample is absent: no " + CifarData.SAMPLE + " above " + Path.of("").toAbsolutePath());
        Path out = tmp.resolve("run");
        Path empty = Files.createDirectory(tmp.resolve("no-data"));
        int code = Torch4jCli.run("train", "cifar-lecture", "--epochs", "4", "--threads", "2", "--data-dir",
                empty.toString(), "--out", out.toString());
        assertEquals(0, code, "exit code");

        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(EpochMetrics.CSV_HEADER, lines.get(0));
        assertEquals(5, lines.size(), "header + 4 epochs: " + lines);
        double[] first = row(lines.get(1));
        double[] last = row(lines.get(4));
        assertEquals(4, last[0]);
        assertTrue(last[1] < first[1], "train loss falls: " + first[1] + " -> " + last[1]);
        double accuracy = 1 - last[4];
        assertTrue(accuracy > 0.35, "test accuracy on the sample's 1,000 test images after 4 epochs: " + accuracy);
        assertEquals(0.1, last[5], 1e-12, "the lecture's lr before its step at epoch 25");

        String json = Files.readString(out.resolve("run.json"));
        assertTrue(json.contains("\"test_samples\": 1000"), json);
        assertTrue(json.contains("\"train_samples\": 4000"), json);
        assertTrue(json.contains("\"lr_steps\": 25"), json);
        assertTrue(json.contains("\"normalize_mean\": ["), "per-channel mean: " + json);

        // The weights are LectureNet's with 3 input channels, under the same names.
        Map<String, Tensor> state = TorchFiles.loadStateDict(out.resolve("model.pt"));
        assertEquals(org.torch4j.Shape.of(32, 3, 5, 5), state.get("conv1.weight").shape());
        Module.LoadResult r = new LectureNet(3).loadStateDict(state, true);
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
    }

    @Test
    void missingCifarIsOneLineNamingWhereItLooked() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("no-data"));
        // Searched from a folder with no sample above it, there is nowhere left to look.
        Assumptions.assumeTrue(CifarData.findSample(tmp) == null, "a sample lies above " + tmp);
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> CifarData.load(empty, 0, 0, tmp));
        String m = e.getMessage();
        assertTrue(!m.contains("\n"), m);
        assertTrue(m.contains(empty.resolve("cifar-10-batches-bin").toString()) && m.contains(tmp.toString()), m);
    }

    private static double[] row(String line) {
        String[] f = line.split(",");
        assertEquals(7, f.length, line);
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return v;
    }
}
