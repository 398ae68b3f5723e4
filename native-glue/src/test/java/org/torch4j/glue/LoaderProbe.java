package org.torch4j.glue;

/** Child-JVM entry point for {@link LibTorchTest}: loads LibTorch and prints the configuration it chose. */
public final class LoaderProbe {
    private LoaderProbe() {}

    public static void main(String[] args) {
        LibTorch.ensureLoaded();
        System.out.println("maxPhysicalBytes=" + org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
        // The presets remember what blas_set_num_threads was given (-1: never called).
        System.out.println("blasSetByTorch4j=" + org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads());
        System.out.println("blasThreads=" + LibTorch.openBlasThreads().split(" ")[0]);
        System.out.println("intraOpThreads=" + LibTorch.getNumThreads());
        System.out.println("libTorchDefault=" + LibTorch.libTorchDefaultThreads());
        System.out.println("version=" + LibTorch.version());
    }
}
