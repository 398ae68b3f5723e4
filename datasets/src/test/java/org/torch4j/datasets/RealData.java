package org.torch4j.datasets;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find real data; absent data makes a test report itself skipped, with the reason. */
final class RealData {
    /** System property naming the CIFAR-10 sample folder (the one holding cifar-10-batches-bin/). */
    static final String CIFAR_SAMPLE_PROPERTY = "torch4j.cifar10.sample";

    private RealData() {}

    /** The data directory ({@code $TORCH4J_DATA} or {@code ~/.torch4j/data}) if it holds {@code folder}. */
    static Path root(String folder, String what) {
        Path root = DataDir.resolve();
        Path raw = root.resolve(folder);
        assumeTrue(Files.isDirectory(raw), what + " not found in " + raw + "; run: bash datasets/fetch-data.sh " + root);
        return root;
    }

    /** The shared CIFAR-10 sample ({@code ../shared/data/cifar10-sample} from the repository root). */
    static Path cifarSample() {
        String prop = System.getProperty(CIFAR_SAMPLE_PROPERTY);
        Path userDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // Tests run in the module folder, so the repository root is its parent; also accept the root itself.
        Path[] candidates = prop != null ? new Path[] {Path.of(prop)}
                : new Path[] {userDir.resolve("../../shared/data/cifar10-sample").normalize(),
                        userDir.resolve("../shared/data/cifar10-sample").normalize()};
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("cifar-10-batches-bin/data_batch_1.bin"))) {
                return p;
            }
        }
        assumeTrue(false, "CIFAR-10 sample not found (looked in " + java.util.Arrays.toString(candidates)
                + "; set -D" + CIFAR_SAMPLE_PROPERTY + "=<folder holding cifar-10-batches-bin>)");
        throw new AssertionError("unreachable");
    }
}
