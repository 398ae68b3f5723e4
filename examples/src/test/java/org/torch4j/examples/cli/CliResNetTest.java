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
import org.torch4j.Torch;
import org.torch4j.examples.SmallResNet;
import org.torch4j.serialization.TorchFiles;

/** The deeper model of the CLI, {@code cifar-resnet}: its shape, and a short run on the CIFAR-10 sample. */
class CliResNetTest {
    @TempDir
    Path tmp;

    @Test
    void smallResNetMapsImagesToLogitsWithItsParameterCount() {
        SmallResNet net = new SmallResNet(10);
        assertEquals(78042, net.numParameters());
        assertEquals("torch.Size([2, 10])", net.forward(Torch.randn(2, 3, 32, 32)).size().toString());
        assertTrue(net.stateDict().containsKey("layer2.shortcutBn.running_mean"));
    }

    @Test
    void trainsOnTheSampleAndSavesALoadableModel() throws Exception {
        Path sample = CifarData.findSample(Path.of("").toAbsolutePath());
        Assumptions.assumeTrue(sample != null && CifarData.folderIn(sample) != null,
                "the CIFAR-10 sample is absent: no " + CifarData.SAMPLE + " above " + Path.of("").toAbsolutePath());
        Path out = tmp.resolve("run");
        Path empty = Files.createDirectory(tmp.resolve("no-data"));
        int code = Torch4jCli.run("train", "cifar-resnet", "--epochs", "2", "--limit", "1000", "--test-limit", "500",
                "--threads", "2", "--data-dir", empty.toString(), "--out", out.toString());
        assertEquals(0, code, "exit code");
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, lines.size(), "header + 2 epochs: " + lines);
        double firstLoss = Double.parseDouble(lines.get(1).split(",")[1]);
        double lastLoss = Double.parseDouble(lines.get(2).split(",")[1]);
        assertTrue(Double.isFinite(lastLoss) && lastLoss < firstLoss, "train loss falls: " + firstLoss + " -> " + lastLoss);
        Map<String, Tensor> state = TorchFiles.loadStateDict(out.resolve("model.pt"));
        SmallResNet loaded = new SmallResNet(10);
        loaded.loadStateDict(state);
        assertEquals(loaded.stateDict().keySet(), state.keySet());
    }
}
