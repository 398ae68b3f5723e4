package org.torch4j.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where datasets live on disk: an explicit path when given, else the environment variable
 * {@code TORCH4J_DATA}, else {@code ~/.torch4j/data}. Each dataset then looks in the sub-folder torchvision
 * uses ({@code MNIST/raw}, {@code FashionMNIST/raw}, {@code cifar-10-batches-bin}, {@code cifar-100-binary})
 * and in the folder itself.
 *
 * <pre>{@code
 * Path root = DataDir.resolve();                    // $TORCH4J_DATA or ~/.torch4j/data
 * Path mine = DataDir.resolve(Path.of("data"));     // data
 * MNIST train = MNIST.train(root);
 * }</pre>
 *
 * The data for MNIST and Fashion-MNIST is put there by {@code datasets/fetch-data.sh}.
 */
public final class DataDir {
    /** The environment variable naming the data directory. */
    public static final String ENV = "TORCH4J_DATA";

    private DataDir() {}

    /** {@code $TORCH4J_DATA} if set and not blank, else {@code ~/.torch4j/data}. */
    public static Path resolve() {
        return resolve(null);
    }

    /** {@code explicit} if not null, else {@link #resolve()}. */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("user.home"));
    }

    // The environment and home directory are parameters so that tests can exercise every branch.
    static Path resolve(Path explicit, Map<String, String> env, String userHome) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip());
        }
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalStateException(
                    "no data directory: expected an explicit path, $" + ENV + " or the system property user.home, found none");
        }
        return Path.of(userHome, ".torch4j", "data");
    }
}
