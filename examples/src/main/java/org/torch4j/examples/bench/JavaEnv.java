package org.torch4j.examples.bench;

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
