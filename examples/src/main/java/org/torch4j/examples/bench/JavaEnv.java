package org.torch4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Prints the Java side's versions for the report as {@code KEY=VALUE} lines: Java, LibTorch and
 * the bytedeco presets, oneDNN, LibTorch's CPU capability and BLAS, and its default thread count.
 * Raw bytedeco only, so the default thread count is LibTorch's own, not torch4j's.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.JavaEnv
 * }</pre>
 */
public final class JavaEnv {
    private JavaEnv() {}

    public static void main(String[] args) throws Exception {
        System.out.println("java=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        System.out.println("bytedeco_pytorch=" + torch.class.getPackage().getImplementationVersion());
        System.out.println("javacpp=" + org.bytedeco.javacpp.Loader.getVersion());
        String config = torch.show_config().getString();
        System.out.println("libtorch_blas_info=" + find(config, "BLAS_INFO="));
        System.out.println("libtorch_cpu_capability=" + torch.get_cpu_capability().getString());
        System.out.println("libtorch_onednn=" + torch.get_mkldnn_version().getString().replace('\n', ' ').trim());
        System.out.println("libtorch_threads_default=" + torch.get_num_threads());
        try (Tensor a = torch.ones(2, 2); Tensor p = a.matmul(a)) {
            System.out.println("libtorch_blas_loaded=" + String.join(", ", blasLibraries()));
        }
    }

    /** The BLAS libraries this process has mapped (after a matmul, so LibTorch's is among them). */
    static SortedSet<String> blasLibraries() throws IOException {
        SortedSet<String> out = new TreeSet<>();
        Path maps = Path.of("/proc/self/maps");
        if (!Files.exists(maps)) {                         // not Linux: no list, and run.sh skips the kernel probe
            return out;
        }
        for (String line : Files.readAllLines(maps)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                String name = Path.of(f[5]).getFileName().toString();
                if (name.contains("blas") || name.contains("lapack") || name.contains("mkl")) {
                    out.add(f[5]);
                }
            }
        }
        return out;
    }

    private static String find(String config, String key) {
        int i = config.indexOf(key);
        if (i < 0) {
            return "?";
        }
        int end = i + key.length();
        while (end < config.length() && config.charAt(end) != ',' && !Character.isWhitespace(config.charAt(end))) {
            end++;
        }
        return config.substring(i + key.length(), end);
    }
}
