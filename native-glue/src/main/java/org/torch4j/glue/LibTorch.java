package org.torch4j.glue;

import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that loads LibTorch and decides how it runs.
 *
 * <p>Everything native in torch4j starts with {@link #ensureLoaded()}. The first call, on any thread:
 * <ol>
 *   <li>turns off JavaCPP's per-allocation check of process memory (it reads {@code /proc} for every
 *       returned tensor, about 1.35 µs an op) unless the user set {@code org.bytedeco.javacpp.maxPhysicalBytes}
 *       themselves; torch4j's own accounting ({@link NativeMemory}) triggers collection instead;</li>
 *   <li>loads the natives (JavaCPP unpacks them into {@code ~/.javacpp/cache} the first time);</li>
 *   <li>holds OpenBLAS to one thread, because its idle workers spin for about 0.1 s after every call and
 *       fight LibTorch's OpenMP team (2.5-4x slower training on 2 cores), unless {@code OPENBLAS_NUM_THREADS}
 *       is set; when {@code OPENBLAS_THREAD_TIMEOUT} is set to 1-16 (idle workers sleep within about 2^16
 *       cycles), OpenBLAS gets the intra-op thread count instead;</li>
 *   <li>raises glibc malloc's mmap and trim thresholds to the top of their dynamic range (32 and 64 MiB), so
 *       a training step reuses heap memory instead of page-faulting it in again ({@link MallocThresholds});</li>
 *   <li>sets LibTorch's intra-op threads to {@code TORCH4J_NUM_THREADS}, or the system property
 *       {@code torch4j.numThreads}, or else the smaller of LibTorch's own default (the physical cores it
 *       sees) and the JVM's available processors (which honour container CPU limits and affinity);</li>
 *   <li>loads torch4j's own entry points for a few hot ops ({@link FastOps}), where they exist for this platform;</li>
 *   <li>logs the version, the thread choice, the fast ops and whether CUDA and cuDNN are present, once.</li>
 * </ol>
 */
public final class LibTorch {
    private static final Logger log = LoggerFactory.getLogger(LibTorch.class);
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Environment variable that sets LibTorch's intra-op thread count at load. */
    public static final String NUM_THREADS_ENV = "TORCH4J_NUM_THREADS";
    /** System property that sets LibTorch's intra-op thread count at load (the environment variable wins). */
    public static final String NUM_THREADS_PROPERTY = "torch4j.numThreads";
    /**
     * Environment variable OpenBLAS reads when it loads: its idle workers spin for 2^n CPU cycles (n clamped to
     * 4-30; unset or 0: n = 28, about 0.1 s) before they sleep. Set to at most {@value #MAX_SLEEPY_BLAS_TIMEOUT},
     * torch4j lets OpenBLAS use the intra-op threads.
     */
    public static final String BLAS_TIMEOUT_ENV = "OPENBLAS_THREAD_TIMEOUT";
    /** The largest {@link #BLAS_TIMEOUT_ENV} measured not to slow training (20 did: 40 against 46 steps/s). */
    static final int MAX_SLEEPY_BLAS_TIMEOUT = 16;
    private static final String BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS";

    private static volatile boolean loaded;
    private static int libTorchDefaultThreads;
    private static String blasThreads;
    private static String mallocThresholds;

    private LibTorch() {}

    /** Loads and configures LibTorch once; later calls return at once. */
    public static void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    private static synchronized void load() {
        if (loaded) {
            return;
        }
        boolean userSetCheck = System.getProperty(MAX_PHYSICAL_BYTES) != null
                || System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase()) != null;
        if (!userSetCheck) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        try {
            NativeCache.extractAll(torch.class, "org/bytedeco/pytorch");
        } catch (java.io.IOException e) {
            log.warn("could not pre-extract LibTorch's natives; loading them one by one", e);
        }
        org.bytedeco.javacpp.Loader.load(torch.class);
        if (!userSetCheck && org.bytedeco.javacpp.Pointer.maxPhysicalBytes() != 0) {
            log.warn("JavaCPP was initialised before torch4j with maxPhysicalBytes={}: every op pays a process-memory "
                    + "check; start the JVM with -D{}=0", org.bytedeco.javacpp.Pointer.maxPhysicalBytes(), MAX_PHYSICAL_BYTES);
        }

        mallocThresholds = MallocThresholds.raise();
        libTorchDefaultThreads = torch.get_num_threads();
        int threads = configuredThreads();
        blasThreads = configureOpenBlas(threads);
        torch.set_num_threads(threads);
        NativeMemory.start();
        FastOps.load();
        loaded = true;

        log.info("LibTorch {} loaded: intra-op threads {} ({}), OpenBLAS threads {}, malloc thresholds {}, fast ops {}, "
                + "CUDA {}, cuDNN {}", version(), torch.get_num_threads(), threadSource(), blasThreads, mallocThresholds,
                FastOps.status(),
                cudaAvailable() ? "available (" + cudaDeviceCount() + " device(s))" : "not available",
                cudnnAvailable() ? "available" : "not available");
    }

    /**
     * Sets OpenBLAS's thread count unless the user did; returns it, with where it came from, for the log.
     *
     * <p>OpenBLAS reads {@code OPENBLAS_NUM_THREADS} and {@code OPENBLAS_THREAD_TIMEOUT} in its constructor,
     * before any Java code can set them (the JVM has no setenv; c10's set_env comes with LibTorch, after OpenBLAS
     * loaded). Its workers are created then, but they only spin after being handed work: held to one thread
     * before the first BLAS call, they never get any (measured: 60 ms of CPU against 31 s over 27 s of sgemm with
     * two OpenBLAS threads). Workers that sleep at once are no threat, and a second core makes mid-sized GEMMs
     * 3-5x faster (a 100 x 256 x 200 product, the lecture's fc1: 1.14 ms with one thread, 0.35 ms with two).
     */
    private static String configureOpenBlas(int intraOpThreads) {
        String env = System.getenv(BLAS_THREADS_ENV);
        if (env != null) {
            return env + " (" + BLAS_THREADS_ENV + ")";
        }
        String timeout = System.getenv(BLAS_TIMEOUT_ENV);
        boolean sleeping = workersSleepAtOnce(timeout);
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(sleeping ? intraOpThreads : 1);
        if (timeout != null && !sleeping) {
            log.warn("{}={} lets OpenBLAS's idle workers spin (expected 1-{}): holding OpenBLAS to 1 thread",
                    BLAS_TIMEOUT_ENV, timeout, MAX_SLEEPY_BLAS_TIMEOUT);
        }
        return sleeping ? intraOpThreads + " (intra-op threads; " + BLAS_TIMEOUT_ENV + "=" + timeout + ")"
                : "1 (held by torch4j)";
    }

    /** Whether an {@code OPENBLAS_THREAD_TIMEOUT} value makes idle OpenBLAS workers sleep within 2^16 cycles. */
    static boolean workersSleepAtOnce(String timeout) {
        if (timeout == null) {
            return false;
        }
        try {
            int t = Integer.parseInt(timeout.trim());
            // OpenBLAS ignores values below 1 (it keeps its default, 2^28 cycles) and raises 1-3 to 4.
            return t >= 1 && t <= MAX_SLEEPY_BLAS_TIMEOUT;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The LibTorch version, e.g. {@code 2.10.0}, from the presets' jar. */
    public static String version() {
        // The presets' pom.properties first: in a shaded jar (the notebook jar) the manifest, and so the package's
        // Implementation-Version, is the shaded jar's own, not the presets'.
        String v = null;
        try {
            v = org.bytedeco.javacpp.Loader.getVersion("org.bytedeco", "pytorch", torch.class);
        } catch (java.io.IOException ignored) {
            // no pom.properties: fall back to the manifest
        }
        if (v == null) {
            v = torch.class.getPackage().getImplementationVersion();
        }
        if (v == null) {
            return "unknown";
        }
        int dash = v.indexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    public static boolean cudaAvailable() {
        ensureLoaded();
        return torch.cuda_is_available();
    }

    public static int cudaDeviceCount() {
        ensureLoaded();
        return torch.cuda_is_available() ? torch.cuda_device_count() : 0;
    }

    public static boolean cudnnAvailable() {
        ensureLoaded();
        return torch.cuda_is_available() && torch.cudnn_is_available();
    }

    /**
     * The OpenBLAS thread count in force and where it came from: {@code OPENBLAS_NUM_THREADS} when set (OpenBLAS
     * reads it itself when it loads), else what torch4j set at load: 1, or the intra-op thread count when
     * {@code OPENBLAS_THREAD_TIMEOUT} makes idle workers sleep.
     */
    public static String openBlasThreads() {
        ensureLoaded();
        return blasThreads;
    }

    /**
     * glibc malloc's thresholds in force and where they came from: raised by torch4j at load, set by the
     * environment ({@code MALLOC_MMAP_THRESHOLD_} and the like), or glibc's defaults.
     */
    public static String mallocThresholds() {
        ensureLoaded();
        return mallocThresholds;
    }

    /** Sets LibTorch's intra-op thread count. */
    public static void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of threads must be at least 1, got " + n);
        }
        ensureLoaded();
        torch.set_num_threads(n);
        log.info("intra-op threads set to {}", n);
    }

    public static int getNumThreads() {
        ensureLoaded();
        return torch.get_num_threads();
    }

    private static int configuredThreads() {
        String env = System.getenv(NUM_THREADS_ENV);
        String prop = System.getProperty(NUM_THREADS_PROPERTY);
        String chosen = env != null ? env : prop;
        if (chosen != null) {
            try {
                int n = Integer.parseInt(chosen.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the warning
            }
            log.warn("ignoring {}={}: expected a positive integer", env != null ? NUM_THREADS_ENV : NUM_THREADS_PROPERTY, chosen);
        }
        return defaultThreads(libTorchDefaultThreads, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The intra-op thread count torch4j picks without a setting: LibTorch's own default is the number of
     * physical cores (hyper-threads only slow its compute-bound OpenMP loops), but it ignores container CPU
     * limits and affinity masks, which the JVM's count honours; the smaller of the two suits both a 2-vCPU VM
     * and a 32-core server.
     */
    static int defaultThreads(int libTorchDefault, int availableProcessors) {
        return libTorchDefault > 0 ? Math.max(1, Math.min(libTorchDefault, availableProcessors)) : availableProcessors;
    }

    /** LibTorch's own intra-op default on this machine (its physical-core count), read at load. */
    public static int libTorchDefaultThreads() {
        ensureLoaded();
        return libTorchDefaultThreads;
    }

    private static String threadSource() {
        if (System.getenv(NUM_THREADS_ENV) != null) {
            return NUM_THREADS_ENV;
        }
        if (System.getProperty(NUM_THREADS_PROPERTY) != null) {
            return NUM_THREADS_PROPERTY;
        }
        return "min of LibTorch's default " + libTorchDefaultThreads + " and available processors "
                + Runtime.getRuntime().availableProcessors();
    }
}
