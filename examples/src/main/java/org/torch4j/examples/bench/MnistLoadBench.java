package org.torch4j.examples.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.torch4j.datasets.DataDir;
import org.torch4j.datasets.MNIST;

/**
 * Time to load the MNIST training images and labels from the raw IDX files into native tensors, warm
 * page cache (the files are read twice before timing), median of 11 loads.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.bench.MnistLoadBench}
 * after {@code bash datasets/fetch-data.sh}.
 */
public final class MnistLoadBench {
    private MnistLoadBench() {}

    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Path.of(args[0]) : DataDir.resolve();
        Path images = root.resolve(MNIST.FOLDER).resolve("train-images-idx3-ubyte");
        if (!Files.isRegularFile(images)) {
            System.err.println("raw MNIST not found at " + images + "; run: bash datasets/fetch-data.sh");
            System.exit(1);
        }
        for (int i = 0; i < 2; i++) {
            Files.readAllBytes(images);
        }
        double[] ms = new double[11];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            try (MNIST train = MNIST.train(root)) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("MNIST train from raw IDX (47,040,016 + 60,008 bytes): median %.1f ms, min %.1f, max %.1f over %d loads%n",
                ms[ms.length / 2], ms[0], ms[ms.length - 1], ms.length);
    }
}
