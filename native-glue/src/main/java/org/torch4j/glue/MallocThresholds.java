package org.torch4j.glue;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Raises glibc malloc's mmap and trim thresholds to the top of their dynamic range when LibTorch loads, so a
 * training step reuses the heap's memory instead of having the kernel map and zero-fill it afresh.
 *
 * <p>Why: with glibc's defaults every block over 128 KiB is mapped from the kernel and unmapped when freed; the
 * mmap threshold only rises to the largest such block freed so far, and the heap's free top goes back to the
 * kernel once it exceeds twice that. A step of the lecture's MNIST network allocates and frees tens of MiB
 * (conv1's output and its gradient are 7.4 MB each at batch 100), so it paid 1,000-3,500 page faults per step:
 * 36-38 steps/s where the same process with the thresholds raised ran 44-46 (plain {@code java}, 3 runs each).
 *
 * <p>How: glibc has no way to set the thresholds from Java ({@code mallopt} is not bound by JavaCPP, and the
 * {@code MALLOC_*_} variables are read before {@code main}), but its dynamic rule does it: freeing a mapped
 * block raises the mmap threshold to that block's size, up to 32 MiB on 64-bit systems, and the trim threshold
 * to twice that. So torch4j allocates and frees one block just under 32 MiB, untouched (no page of it is
 * faulted in). Any {@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_},
 * {@code MALLOC_MMAP_MAX_} or matching {@code GLIBC_TUNABLES} setting switches glibc's dynamic rule off, so a
 * user's own values always win; {@code -Dtorch4j.raiseMallocThresholds=false} keeps glibc's defaults.
 * Tensors over 32 MiB are still mapped and unmapped, and {@code malloc_trim} ({@link NativeMemory#releaseFreeHeap})
 * still returns the heap's free pages.
 *
 * <p>Not a cure for every pattern: a JVM thread allocates from a glibc heap of its own, at most 64 MiB, and a
 * synthetic loop making three or six 7.4 MB tensors per iteration faulted more with the raised thresholds than
 * with glibc's defaults in some runs (up to 10,800 faults per iteration against 1-180; the lecture's networks
 * always gained). With one heap ({@code MALLOC_ARENA_MAX=1}) and fixed thresholds, as
 * {@code examples/cli-env.sh} sets for the CLI, no pattern measured was worse.
 */
final class MallocThresholds {
    /** System property: {@code false} keeps glibc's defaults. */
    static final String PROPERTY = "torch4j.raiseMallocThresholds";
    /** glibc's {@code DEFAULT_MMAP_THRESHOLD_MAX} on 64-bit systems: the dynamic threshold stops there. */
    static final long DYNAMIC_MAX = 32L << 20;
    /**
     * The block stays this far under {@link #DYNAMIC_MAX}: glibc compares the mapped chunk (the request plus a
     * header, rounded up to whole pages, up to 64 KiB on some systems) against the maximum.
     */
    private static final long SLACK = 128L << 10;

    /** Environment variables that fix glibc's thresholds (GLIBC_TUNABLES can too, see {@link #fixedBy}). */
    static final String[] ENV_SETTINGS = {
        "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"};
    private static final String[] TUNABLES = {
        "glibc.malloc.mmap_threshold", "glibc.malloc.trim_threshold", "glibc.malloc.top_pad", "glibc.malloc.mmap_max"};

    private MallocThresholds() {}

    /** Raises the thresholds unless the user set them or opted out; says what is in force, for the log. */
    static String raise() {
        if (!Loader.getPlatform().startsWith("linux")) {
            return "the platform's";
        }
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return "glibc's defaults (" + PROPERTY + "=false)";
        }
        String fixedBy = fixedBy(System.getenv());
        if (fixedBy != null) {
            return "set by " + fixedBy;
        }
        Pointer block = Pointer.malloc(DYNAMIC_MAX - SLACK);
        if (block == null || block.isNull()) {
            return "glibc's defaults (could not allocate " + (DYNAMIC_MAX - SLACK) + " bytes to raise them)";
        }
        Pointer.free(block);
        return "raised to 32 MiB (mmap) and 64 MiB (trim)";
    }

    /** The environment setting that fixes glibc's thresholds (and switches its dynamic rule off), or null. */
    static String fixedBy(Map<String, String> env) {
        for (String name : ENV_SETTINGS) {
            if (env.get(name) != null) {
                return name;
            }
        }
        String tunables = env.get("GLIBC_TUNABLES");
        if (tunables != null) {
            for (String t : TUNABLES) {
                if (tunables.contains(t + "=")) {
                    return "GLIBC_TUNABLES " + t;
                }
            }
        }
        return null;
    }
}
