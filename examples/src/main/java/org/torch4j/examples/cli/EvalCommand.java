package org.torch4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.datasets.DataDir;
import org.torch4j.nn.Module;
import org.torch4j.serialization.TorchFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torch4j eval MODEL --weights model.pt}: loads saved weights into the model and prints its test loss,
 * error rate and accuracy on the test split (one line on stdout).
 *
 * <pre>{@code
 * int code = Torch4jCli.run("eval", "mnist-lecture", "--weights", "runs/mnist-lecture/model.pt");
 * }</pre>
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate saved weights on a test split.")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model: ${COMPLETION-CANDIDATES}",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--weights", required = true, description = "a state dict, e.g. RUN/model.pt")
    Path weights;

    @Option(names = "--data-dir", description = "data directory (default: $TORCH4J_DATA or ~/.torch4j/data)")
    Path dataDir;

    @Option(names = "--test-limit", defaultValue = "0", description = "the first N test samples (0: all)")
    long testLimit;

    @Option(names = "--batch-size", defaultValue = "1000", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads; 0 keeps LibTorch's default")
    int threads;

    @Override
    public Integer call() {
        CliLog.at(common.logLevel);
        ModelSpec spec = ModelRegistry.get(model);
        if (batchSize <= 0 || testLimit < 0 || threads < 0) {
            throw new CliException("--batch-size must be > 0, --test-limit and --threads >= 0", 2, null);
        }
        Device dev = Devices.resolve(device);
        if (threads > 0) {
            Torch.setNumThreads(threads);
        }
        if (!Files.isRegularFile(weights)) {
            throw new CliException("no weights file " + weights);
        }
        Module net = spec.factory().get();
        Map<String, Tensor> state;
        try {
            state = TorchFiles.loadStateDict(weights);
            net.loadStateDict(state, true);
        } catch (RuntimeException e) {
            throw new CliException("cannot load " + weights + " into " + spec.name() + ": " + MnistData.firstLine(e), e);
        }
        net.to(dev);
        Splits splits = spec.data().load(DataDir.resolve(dataDir), 1, testLimit);
        Evaluation.Result r = Evaluation.run(net, splits.test(), splits.transform(), batchSize, dev);
        System.out.println(String.format(Locale.ROOT, "%s on %s test (%d samples): loss %.4f  error %.2f%%  accuracy %.2f%%",
                spec.name(), splits.dataset(), r.count(), r.loss(), 100 * r.error(), 100 * (1 - r.error())));
        return 0;
    }
}
