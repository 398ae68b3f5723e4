package org.torch4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.serialization.TorchFiles;

/**
 * A batch job killed with SIGTERM mid-epoch: the CLI runs as a real child process, is sent SIGTERM
 * ({@link Process#destroy()} on Linux) once it logs a first progress line, finishes the step, writes
 * {@code checkpoint.pt} and exits non-zero. {@code --resume} then completes the run, and its final weights and
 * metrics equal those of a run never interrupted, with the same seed (one thread, so CPU kernels are
 * deterministic).
 */
@EnabledOnOs(OS.LINUX)
class CliSigtermTest {
    @TempDir
    Path tmp;

    private static final List<String> JOB = List.of("train", "mnist-lecture", "--limit", "1500", "--test-limit", "300",
            "--epochs", "2", "--seed", "7", "--threads", "1", "--log-every", "2");

    @Test
    void sigtermWritesACheckpointAndResumeEndsWithTheSameWeights() throws Exception {
        Path interrupted = tmp.resolve("interrupted");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Torch4jCli.class.getName()));
        cmd.addAll(JOB);
        cmd.addAll(List.of("--out", interrupted.toString()));
        Path stdout = tmp.resolve("child.out");
        Path stderr = tmp.resolve("child.err");
        Process child = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(stdout).contains("step 2/") && child.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "no progress line within 120 s: " + Files.readString(stdout));
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "child ended before the signal: " + Files.readString(stderr));
            child.destroy();   // SIGTERM
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not exit after SIGTERM");
        } finally {
            child.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertEquals(143, child.exitValue(), "exit code after SIGTERM; stderr: " + err);
        assertTrue(err.contains("checkpoint written to " + interrupted.resolve("checkpoint.pt")), err);
        assertTrue(Files.isRegularFile(interrupted.resolve("checkpoint.pt")));
        assertTrue(Files.notExists(interrupted.resolve("model.pt")), "stopped within the first epoch");

        List<String> resume = new ArrayList<>(JOB);
        resume.addAll(List.of("--out", interrupted.toString(), "--resume"));
        assertEquals(0, Torch4jCli.run(resume.toArray(String[]::new)), "resume");

        Path straight = tmp.resolve("straight");
        List<String> once = new ArrayList<>(JOB);
        once.addAll(List.of("--out", straight.toString()));
        assertEquals(0, Torch4jCli.run(once.toArray(String[]::new)), "uninterrupted run");

        Map<String, Tensor> a = TorchFiles.loadStateDict(interrupted.resolve("model.pt"));
        Map<String, Tensor> b = TorchFiles.loadStateDict(straight.resolve("model.pt"));
        assertEquals(b.keySet(), a.keySet());
        for (String k : a.keySet()) {
            assertTrue(a.get(k).equal(b.get(k)), k + " differs: max |diff| " + a.get(k).sub(b.get(k)).abs().max());
        }
        // Same metrics too, except the wall time (last column).
        List<String> ma = Files.readAllLines(interrupted.resolve("metrics.csv"));
        List<String> mb = Files.readAllLines(straight.resolve("metrics.csv"));
        assertEquals(3, ma.size());
        for (int i = 0; i < ma.size(); i++) {
            assertEquals(withoutTime(mb.get(i)), withoutTime(ma.get(i)), "metrics row " + i);
        }
        assertNotEquals(ma.get(1), "");
    }

    private static String withoutTime(String row) {
        return row.substring(0, row.lastIndexOf(','));
    }
}
