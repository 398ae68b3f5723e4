package org.torch4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.torch4j.Torch;
import org.torch4j.datasets.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code torch4j info}: versions, threads, devices, the data directory and which datasets are in it, and the
 * models the CLI can train.
 *
 * <pre>{@code
 * Torch4jCli.run("info");
 * }</pre>
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Versions, threads, devices, data and models.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", description = "data directory (default: $TORCH4J_DATA or ~/.torch4j/data)")
    Path dataDir;

    /** Files whose presence means a dataset is there, by dataset, relative to the data directory. */
    private static final Map<String, String[]> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("MNIST", new String[] {"MNIST/raw/train-images-idx3-ubyte", "MNIST/raw/t10k-images-idx3-ubyte"});
        MARKERS.put("FashionMNIST", new String[] {"FashionMNIST/raw/train-images-idx3-ubyte",
                "FashionMNIST/raw/t10k-images-idx3-ubyte"});
        MARKERS.put("CIFAR-10", new String[] {"cifar-10-batches-bin/data_batch_1.bin", "cifar-10-batches-bin/test_batch.bin"});
        MARKERS.put("CIFAR-100", new String[] {"cifar-100-binary/train.bin", "cifar-100-binary/test.bin"});
    }

    @Override
    public Integer call() {
        CliLog.at(common.logLevel);
        Versions.all().forEach((k, v) -> System.out.println(pad(k) + v));
        System.out.println(pad("threads") + Torch.getNumThreads() + " (of " + Runtime.getRuntime().availableProcessors()
                + " processors)");
        boolean cuda = Torch.cuda().isAvailable();
        System.out.println(pad("cuda") + (cuda ? Torch.cuda().deviceCount() + " device(s), cuDNN "
                + (Torch.cuda().isCudnnAvailable() ? "yes" : "no") : "not available"));
        Path dir = DataDir.resolve(dataDir);
        System.out.println(pad("data dir") + dir.toAbsolutePath() + (Files.isDirectory(dir) ? "" : " (does not exist)"));
        for (Map.Entry<String, String[]> e : MARKERS.entrySet()) {
            System.out.println(pad("  " + e.getKey()) + (present(dir, e.getValue()) ? "present" : "absent"));
        }
        System.out.println(pad("models") + String.join(", ", ModelRegistry.all().keySet()));
        return 0;
    }

    private static boolean present(Path dir, String[] files) {
        for (String f : files) {
            if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    private static String pad(String key) {
        return String.format("%-16s", key);
    }
}
