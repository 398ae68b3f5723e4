package org.torch4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Torch;

/**
 * Bad input, as a batch scheduler sees it: a non-zero exit code and exactly one line on stderr, without a
 * stack trace (which {@code --debug} adds).
 */
class CliFailuresTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Torch4jCli.run(o, e, args);
        }
        return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLineFailure(Outcome o, String expected) {
        assertNotEquals(0, o.code(), "exit code; stderr: " + o.err());
        String[] lines = o.err().strip().split("\n");
        assertEquals(1, lines.length, "one line on stderr, got: " + o.err());
        assertTrue(lines[0].startsWith("torch4j: "), lines[0]);
        assertTrue(lines[0].contains(expected), "'" + expected + "' in: " + lines[0]);
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void unknownModelListsTheKnownOnes() {
        Outcome o = run("train", "no-such-net", "--out", tmp.resolve("r").toString());
        assertOneLineFailure(o, "unknown model 'no-such-net'; known models: mnist-lecture");
        assertEquals(2, o.code());
    }

    @Test
    void unknownOption() {
        Outcome o = run("train", "mnist-lecture", "--bogus", "3");
        assertOneLineFailure(o, "Unknown option");
        assertEquals(2, o.code());
    }

    @Test
    void badOptionValue() {
        assertOneLineFailure(run("train", "mnist-lecture", "--epochs", "many"), "--epochs");
        assertOneLineFailure(run("train", "mnist-lecture", "--optimizer", "lbfgs", "--out", tmp.resolve("o").toString(),
                "--data-dir", tmp.toString()), "unknown optimizer 'lbfgs'");
    }

    @Test
    void missingDataDirectorySaysHowToFetch() {
        Outcome o = run("train", "mnist-lecture", "--data-dir", tmp.resolve("nowhere").toString(), "--out",
                tmp.resolve("r").toString());
        assertOneLineFailure(o, "bash datasets/fetch-data.sh");
        assertTrue(o.err().contains("nowhere"), o.err());
    }

    @Test
    void dataDirectoryWithoutMnistFiles() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Outcome o = run("train", "mnist-lecture", "--data-dir", empty.toString(), "--out", tmp.resolve("r").toString());
        assertOneLineFailure(o, "bash datasets/fetch-data.sh");
    }

    @Test
    void corruptCheckpointWithResume() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.write(out.resolve("checkpoint.pt"), "PK\u0003\u0004 this is not a checkpoint".getBytes(StandardCharsets.UTF_8));
        Outcome o = run("train", "mnist-lecture", "--resume", "--out", out.toString());
        assertOneLineFailure(o, "corrupt checkpoint " + out.resolve("checkpoint.pt"));
    }

    @Test
    void resumeWithoutCheckpoint() {
        Outcome o = run("train", "mnist-lecture", "--resume", "--out", tmp.resolve("fresh").toString());
        assertOneLineFailure(o, "no checkpoint at");
    }

    @Test
    void unwritableOutputDirectory() throws Exception {
        // Below a regular file: not creatable whoever runs the test (root ignores permission bits).
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Outcome o = run("train", "mnist-lecture", "--out", file.resolve("run").toString());
        assertOneLineFailure(o, "is not writable");
    }

    @Test
    void cudaWithoutCuda() {
        Assumptions.assumeFalse(Torch.cuda().isAvailable(), "this machine has CUDA");
        assertOneLineFailure(run("train", "mnist-lecture", "--device", "cuda", "--out", tmp.resolve("r").toString()),
                "no CUDA device");
        assertOneLineFailure(run("train", "mnist-lecture", "--device", "cuda:1", "--out", tmp.resolve("r").toString()),
                "no CUDA device");
        assertOneLineFailure(run("train", "mnist-lecture", "--device", "tpu", "--out", tmp.resolve("r").toString()),
                "unknown device 'tpu'");
    }

    @Test
    void debugAddsTheStackTrace() {
        Outcome o = run("train", "no-such-net", "--debug");
        assertNotEquals(0, o.code());
        assertTrue(o.err().startsWith("torch4j: unknown model"), o.err());
        assertTrue(o.err().contains("\tat "), "stack trace with --debug: " + o.err());
    }

    @Test
    void infoSucceeds() {
        assertEquals(0, run("info").code());
    }
}
