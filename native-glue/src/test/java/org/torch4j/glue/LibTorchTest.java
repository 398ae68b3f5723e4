package org.torch4j.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the loader decides, observed in fresh JVMs with a controlled environment (the choices are made
 * once per process, when LibTorch loads).
 */
class LibTorchTest {
    private static Map<String, String> probe(Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LoaderProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_NUM_THREADS");
        pb.environment().remove(LibTorch.BLAS_TIMEOUT_ENV);
        pb.environment().remove(LibTorch.NUM_THREADS_ENV);
        for (String malloc : MallocThresholds.ENV_SETTINGS) {
            pb.environment().remove(malloc);
        }
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, p.exitValue(), "probe JVM failed:\n" + out);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.contains(" ")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    @Test
    void defaultThreadsAreTheSmallerOfPhysicalCoresAndAvailableProcessors() {
        assertEquals(32, LibTorch.defaultThreads(32, 64), "a 32-core server with hyper-threads");
        assertEquals(4, LibTorch.defaultThreads(32, 4), "a container limited to 4 CPUs on it");
        assertEquals(2, LibTorch.defaultThreads(2, 2), "this 2-vCPU VM");
        assertEquals(3, LibTorch.defaultThreads(0, 3), "LibTorch gives no default");
    }

    @Test
    void defaultsTurnOffTheMemoryCheckHoldOpenBlasToOneThreadAndUseEveryCore() throws Exception {
        Map<String, String> v = probe(Map.of());
        assertEquals("0", v.get("maxPhysicalBytes"));
        assertEquals("1", v.get("blasSetByTorch4j"));
        assertEquals("1", v.get("blasThreads"));
        int cores = Integer.parseInt(v.get("libTorchDefault"));
        assertTrue(cores >= 1, "LibTorch's default thread count: " + cores);
        assertEquals(String.valueOf(Math.min(cores, Runtime.getRuntime().availableProcessors())), v.get("intraOpThreads"));
        assertEquals("2.10.0", v.get("version"));
    }

    @Test
    void environmentOverridesBothThreadCounts() throws Exception {
        Map<String, String> v = probe(Map.of(LibTorch.NUM_THREADS_ENV, "1", "OPENBLAS_NUM_THREADS", "2"));
        assertEquals("1", v.get("intraOpThreads"));
        assertEquals("-1", v.get("blasSetByTorch4j"), "torch4j must leave OpenBLAS to OPENBLAS_NUM_THREADS");
        assertEquals("2", v.get("blasThreads"));
    }

    @Test
    void openBlasGetsTheIntraOpThreadsOnlyWhenItsWorkersSleepAtOnce() throws Exception {
        Map<String, String> sleeping = probe(Map.of(LibTorch.NUM_THREADS_ENV, "2", LibTorch.BLAS_TIMEOUT_ENV, "4"));
        assertEquals("2", sleeping.get("intraOpThreads"));
        assertEquals("2", sleeping.get("blasSetByTorch4j"), "workers that sleep at once may take the intra-op threads");
        assertEquals("2", sleeping.get("blasThreads"));
        // 24: idle workers spin 2^24 cycles (about 8 ms) after every call, long enough to fight LibTorch's threads.
        Map<String, String> spinning = probe(Map.of(LibTorch.NUM_THREADS_ENV, "2", LibTorch.BLAS_TIMEOUT_ENV, "24"));
        assertEquals("1", spinning.get("blasSetByTorch4j"));
        assertEquals("1", spinning.get("blasThreads"));
    }

    @Test
    void onlyATimeoutOfOneToSixteenCountsAsSleeping() {
        assertTrue(LibTorch.workersSleepAtOnce("4"));
        assertTrue(LibTorch.workersSleepAtOnce(" 16 "));
        assertTrue(LibTorch.workersSleepAtOnce("1"), "OpenBLAS raises 1-3 to 4");
        assertFalse(LibTorch.workersSleepAtOnce("0"), "OpenBLAS keeps its 2^28-cycle default for 0");
        assertFalse(LibTorch.workersSleepAtOnce("17"));
        assertFalse(LibTorch.workersSleepAtOnce("soon"));
        assertFalse(LibTorch.workersSleepAtOnce(null));
    }

    @Test
    void mallocServesBlocksUpTo32MiBFromItsHeapOnceTorch4jRaisedItsThresholds() throws Exception {
        assumeTrue(org.bytedeco.javacpp.Loader.getPlatform().startsWith("linux"), "glibc's malloc is Linux's");
        Map<String, String> raised = probe(Map.of());
        assertEquals("raised", raised.get("mallocThresholds"));
        assertEquals("false", raised.get("mapped30MiB"), "a 30 MiB block should come from the heap, which keeps it when freed");

        Map<String, String> defaults = probe(Map.of(), "-D" + MallocThresholds.PROPERTY + "=false");
        assertEquals("glibc's", defaults.get("mallocThresholds"));
        assertEquals("true", defaults.get("mapped30MiB"), "control: glibc's defaults map a 30 MiB block (and unmap it when freed)");

        Map<String, String> user = probe(Map.of("MALLOC_MMAP_THRESHOLD_", "1048576"));
        assertEquals("set", user.get("mallocThresholds"), "the user's threshold must win");
        assertEquals("true", user.get("mapped30MiB"), "a 1 MiB mmap threshold maps the block");
    }

    @Test
    void anyFixedMallocSettingInTheEnvironmentIsTheUsers() {
        assertNull(MallocThresholds.fixedBy(Map.of("MALLOC_ARENA_MAX", "1", "PATH", "/bin")));
        assertEquals("MALLOC_TRIM_THRESHOLD_", MallocThresholds.fixedBy(Map.of("MALLOC_TRIM_THRESHOLD_", "67108864")));
        assertEquals("MALLOC_TOP_PAD_", MallocThresholds.fixedBy(Map.of("MALLOC_TOP_PAD_", "0")));
        assertEquals("GLIBC_TUNABLES glibc.malloc.mmap_threshold",
                MallocThresholds.fixedBy(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=4096")));
        assertNull(MallocThresholds.fixedBy(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=1")));
    }

    @Test
    void systemPropertySetsIntraOpThreadsAndTheEnvironmentWins() throws Exception {
        assertEquals("1", probe(Map.of(), "-D" + LibTorch.NUM_THREADS_PROPERTY + "=1").get("intraOpThreads"));
        assertEquals("2", probe(Map.of(LibTorch.NUM_THREADS_ENV, "2"), "-D" + LibTorch.NUM_THREADS_PROPERTY + "=1")
                .get("intraOpThreads"));
    }

    @Test
    void aBadThreadCountFallsBackToEveryCore() throws Exception {
        Map<String, String> v = probe(Map.of(LibTorch.NUM_THREADS_ENV, "many"));
        assertEquals(String.valueOf(Math.min(Integer.parseInt(v.get("libTorchDefault")),
                Runtime.getRuntime().availableProcessors())), v.get("intraOpThreads"));
    }

    @Test
    void aUserChosenMemoryCheckIsKept() throws Exception {
        Map<String, String> v = probe(Map.of(), "-Dorg.bytedeco.javacpp.maxPhysicalBytes=8g");
        assertEquals(String.valueOf(8L << 30), v.get("maxPhysicalBytes"));
    }

    /**
     * A first run unpacks the natives into an empty cache. On a machine with Debian's LibTorch installed
     * this used to load Debian's libtorch_cpu.so beside bytedeco's and crash the JVM (SIGSEGV).
     */
    @Test
    void loadsFromAnEmptyCache(@org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        Map<String, String> v = probe(Map.of(), "-Dorg.bytedeco.javacpp.cachedir=" + cache);
        assertEquals("2.10.0", v.get("version"));
        assertTrue(java.nio.file.Files.exists(cache.resolve(
                "pytorch-2.10.0-1.5.13-" + org.bytedeco.javacpp.Loader.getPlatform() + ".jar")),
                "natives were not unpacked into " + cache);
    }

    @Test
    void fastOpsAreOnWhereTheyAreBuiltAndTheSystemPropertyTurnsThemOff() throws Exception {
        boolean built = org.bytedeco.javacpp.Loader.getPlatform().equals("linux-x86_64");
        assertEquals(built ? "on" : "off", probe(Map.of()).get("fastOps"), FastOps.status());
        assertEquals("off", probe(Map.of(), "-D" + FastOps.ENABLED_PROPERTY + "=false").get("fastOps"));
    }

    @Test
    void setNumThreadsRefusesLessThanOne() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LibTorch.setNumThreads(0));
        assertEquals("number of threads must be at least 1, got 0", e.getMessage());
    }
}
