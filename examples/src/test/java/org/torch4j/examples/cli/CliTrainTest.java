package org.torch4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.examples.LectureNet;
import org.torch4j.nn.Module;
import org.torch4j.serialization.TorchFiles;

/**
 * The CI job of the issue: {@code train mnist-lecture} with the lecture's recipe (SGD lr 0.1, batch 100,
 * normalised inputs) on the first 5,000 real MNIST training images for 2 epochs, in this process through the
 * CLI's entry method; then every output is read back.
 */
class CliTrainTest {
    @TempDir
    Path tmp;

    @Test
    void trainsMnistLectureOnASubsetAndWritesReadableOutputs() throws Exception {
        Path out = tmp.resolve("run");
        int code = Torch4jCli.run("train", "mnist-lecture", "--limit", "5000", "--epochs", "2", "--out", out.toString());
        assertEquals(0, code, "exit code");

        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(EpochMetrics.CSV_HEADER, lines.get(0));
        assertEquals(3, lines.size(), "header + 2 epochs: " + lines);
        double[] e1 = row(lines.get(1));
        double[] e2 = row(lines.get(2));
        assertEquals(1, e1[0]);
        assertEquals(2, e2[0]);
        assertTrue(e2[1] < e1[1], "train loss falls: " + e1[1] + " -> " + e2[1]);
        assertTrue(e2[3] < e1[3], "test loss falls: " + e1[3] + " -> " + e2[3]);
        assertTrue(1 - e2[4] > 0.90, "test accuracy after 2 epochs: " + (1 - e2[4]));
        assertEquals(0.1, e2[5], 1e-12, "lr");

        Map<String, Tensor> state = TorchFiles.loadStateDict(out.resolve("model.pt"));
        // channels-last by default: the conv weights were trained and saved with NHWC strides
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {800, 1, 160, 32}, state.get("conv2.weight").stride());
        Module net = new LectureNet();
        Module.LoadResult r = net.loadStateDict(state, true);
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        assertEquals(state.get("fc2.bias").toFloatArray()[3], net.stateDict().get("fc2.bias").toFloatArray()[3]);
        pytorchLoadsTheModel(out.resolve("model.pt"), state.get("fc2.bias").toFloatArray()[3]);

        String json = Files.readString(out.resolve("run.json"));
        assertTrue(json.contains("\"model\": \"mnist-lecture\""), json);
        assertTrue(json.contains("\"status\": \"finished\""), json);
        assertTrue(json.contains("\"memory_format\": \"channels-last\""), json);
        assertTrue(json.contains("\"libtorch\": \"2.10.0\""), json);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint.pt")));

        for (String png : new String[] {"curves.png", "losses.png"}) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.resolve(png).toFile());
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, png + " does not decode to a picture");
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 7) {
                for (int x = 0; x < img.getWidth(); x += 7) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 4, png + " looks blank: " + colours.size() + " colours");
        }

        // The saved weights evaluate through the eval subcommand.
        assertEquals(0, Torch4jCli.run("eval", "mnist-lecture", "--weights", out.resolve("model.pt").toString(),
                "--test-limit", "500"));
    }

    @Test
    void refusesAnUnknownMemoryFormat() {
        assertEquals(2, Torch4jCli.run("train", "mnist-lecture", "--memory-format", "nhwc", "--out",
                tmp.resolve("bad").toString()));
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

    /**
     * PyTorch itself reads model.pt into the same network: where Debian's python3-torch is installed
     * (CI installs it), {@code load_state_dict} into the lecture's net succeeds and a value agrees.
     */
    private static void pytorchLoadsTheModel(Path model, float fc2Bias3) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean hasTorch = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import torch").start().waitFor() == 0;
        if (!hasTorch) {
            System.err.println("CliTrainTest: /usr/bin/python3 with torch not found; skipped the torch.load check");
            return;
        }
        String script = String.join("\n",
                "import sys, torch, torch.nn as nn",
                "class Net(nn.Module):",
                "    def __init__(self):",
                "        super().__init__()",
                "        self.conv1 = nn.Conv2d(1, 32, 5); self.conv2 = nn.Conv2d(32, 64, 5)",
                "        self.fc1 = nn.Linear(256, 200); self.fc2 = nn.Linear(200, 10)",
                "net = Net()",
                "net.load_state_dict(torch.load(sys.argv[1]), strict=True)",
                "print(repr(net.fc2.bias[3].item()))");
        Process p = new ProcessBuilder(python.toString(), "-c", script, model.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "torch.load / load_state_dict failed:\n" + out);
        assertEquals(fc2Bias3, Float.parseFloat(out.substring(out.lastIndexOf('\n') + 1)), "fc2.bias[3] in PyTorch");
    }
}
