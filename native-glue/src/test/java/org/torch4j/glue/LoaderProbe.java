package org.torch4j.glue;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

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
        System.out.println("mallocThresholds=" + LibTorch.mallocThresholds().split(" ")[0]);
        System.out.println("mapped30MiB=" + blockIsMapped(30L << 20));
        System.out.println("fastOps=" + FastOps.status().split(" ")[0]);
    }

    /**
     * Whether glibc serves a 30 MiB block by a mapping of its own (which it unmaps again when freed) rather than
     * from its heap: the {@code IS_MAPPED} bit (2) of the chunk's size field, the 8 bytes before the block.
     */
    private static boolean blockIsMapped(long bytes) {
        Pointer block = Pointer.malloc(bytes);
        try {
            long sizeField = new LongPointer(new Pointer() {
                {
                    address = block.address() - Long.BYTES;
                }
            }).get();
            return (sizeField & 2) != 0;
        } finally {
            Pointer.free(block);
        }
    }
}
