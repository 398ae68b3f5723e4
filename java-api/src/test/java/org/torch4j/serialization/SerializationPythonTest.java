package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;

/**
 * Java to Python: files torch4j writes are read by PyTorch's own {@code torch.load} (Debian's
 * {@code /usr/bin/python3} with {@code python3-torch}) with the same dtypes, shapes, strides, offsets,
 * requires_grad flags, values, containers and storage sharing, and a saved {@code Linear.stateDict()} loads
 * into {@code nn.Linear} with {@code load_state_dict}. {@code src/test/python/check_serialization.py} does
 * the Python side. Skipped, with the reason, where that Python is not installed; CI installs it.
 */
class SerializationPythonTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static String skipReason;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPython() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            skipReason = PYTHON + " is not installed (CI installs python3-torch)";
            return;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                skipReason = PYTHON + " -c 'import torch' did not finish in 120 s";
            } else if (p.exitValue() != 0) {
                skipReason = PYTHON + " cannot import torch (install python3-torch): "
                        + out.lines().reduce((a, b) -> b).orElse("");
            }
        } catch (IOException e) {
            skipReason = "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skipReason = "interrupted while checking for " + PYTHON;
        }
    }

    private static Path script() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path s = base.resolve("src/test/python/check_serialization.py");
        assertTrue(Files.isRegularFile(s), "check script not found at " + s);
        return s;
    }

    /** Saves nothing itself: runs the Python check of {@code file} against {@code lines} and asserts it passes. */
    private void pythonReadsAsJavaWrote(Path file, List<String> lines) throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        Path expected = dir.resolve(file.getFileName() + ".expected.txt");
        Files.write(expected, lines, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(PYTHON, script().toString(), file.toString(), expected.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), "torch.load disagrees with what Java wrote:\n" + out);
        assertTrue(out.startsWith("OK"), out);
    }

    @Test
    void linearStateDictLoadsIntoNnLinear() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        try (Scope s = Scope.open()) {
            Torch.manualSeed(11);
            Linear lin = new Linear(3, 2);
            Path f = dir.resolve("linear.pt");
            TorchFiles.save(lin.stateDict(), f);
            float[] x = {0.5f, -1.25f, 2f};
            float[] y = lin.forward(Torch.fromArray(x, 1, 3)).toFloatArray();
            List<String> lines = new ArrayList<>(Describe.describeStateDict(lin.stateDict()));
            lines.add("loadinto: / Linear 3 2 " + join(x) + " -> " + join(y));
            pythonReadsAsJavaWrote(f, lines);
        }
    }

    @Test
    void channelsLastModelStateReadsBackInPythonWithItsStrides() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        try (Scope s = Scope.open()) {
            Torch.manualSeed(13);
            Sequential model = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new Conv2d(4, 2, 3));
            model.to(MemoryFormat.CHANNELS_LAST);
            Map<String, Tensor> state = model.stateDict();
            assertArrayEquals(new long[] {9, 1, 3, 1}, state.get("0.weight").stride());
            assertArrayEquals(new long[] {36, 1, 12, 4}, state.get("2.weight").stride());
            Path f = dir.resolve("channels_last.pt");
            TorchFiles.save(state, f);
            pythonReadsAsJavaWrote(f, Describe.describeStateDict(state));
        }
    }

    @Test
    void everyDtypeViewsAndParametersReadBackInPython() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        try (Scope s = Scope.open()) {
            Map<String, Object> value = new LinkedHashMap<>();
            for (DType d : DType.values()) {
                value.put(d.pyName(), SerializationRoundTripTest.awkward(d));
            }
            Tensor base = Torch.arange(0, 24).to(DType.FLOAT32).reshape(4, 6);
            value.put("view_base", base);
            value.put("view_t", base.t());
            value.put("view_slice", base.index(Index.slice(1L, 3L), Index.slice(2L, 5L)));
            value.put("view_col", base.index(Index.slice(null, null), 3));
            value.put("view_step", base.index(Index.slice(null, null, 2L), Index.slice(null, null, 3L)));
            value.put("expanded", Torch.tensor(1.5f, -2.5f).expand(3, 2));
            value.put("scalar", Torch.tensor(3.5));
            value.put("empty", Torch.zeros(0, 3));
            Torch.manualSeed(5);
            Linear lin = new Linear(2, 2);
            value.put("param", lin.weight);
            value.put("frozen", new Parameter(Torch.ones(2), false));
            value.put("grad_tensor", Torch.tensor(1f, 2f).requiresGrad_());
            Path f = dir.resolve("dtypes_java.pt");
            TorchFiles.saveObject(value, f);
            pythonReadsAsJavaWrote(f, Describe.describe(value));
        }
    }

    @Test
    void nestedOptimizerStyleStateReadsBackInPython() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        try (Scope s = Scope.open()) {
            Map<Object, Object> state = new LinkedHashMap<>();
            Map<String, Object> p0 = new LinkedHashMap<>();
            p0.put("step", Torch.tensor(2.0f));
            p0.put("exp_avg", Torch.fromArray(new float[] {0.25f, -0.5f}, 2));
            state.put(0L, p0);
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lr", 1e-3);
            group.put("betas", Tuple.of(0.9, 0.999));
            group.put("eps", 1e-8);
            group.put("weight_decay", 0L);
            group.put("amsgrad", false);
            group.put("foreach", null);
            group.put("name", "adam");
            group.put("params", List.of(0L));
            group.put("blob", new byte[] {0, (byte) 200, 65});
            group.put("no_blob", new byte[0]);
            group.put("tags", new java.util.LinkedHashSet<>(List.of(3L, 1L, 2L)));
            group.put("huge", new java.math.BigInteger("-1180591620717411303424"));
            group.put("tuples", List.of(Tuple.of(), Tuple.of(1L), Tuple.of(1L, 2L, 3L, 4L)));
            group.put("text", "\u00fcn\u00efc\u00f6d\u00e9\u2713");
            Map<String, Object> sd = new LinkedHashMap<>();
            sd.put("state", state);
            sd.put("param_groups", List.of(group));
            Path f = dir.resolve("optimizer_java.pt");
            TorchFiles.saveObject(sd, f);
            pythonReadsAsJavaWrote(f, Describe.describe(sd));
        }
    }

    @Test
    void pythonStateDictSavedAgainFromJavaKeepsEverything() throws Exception {
        Assumptions.assumeTrue(skipReason == null, skipReason);
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = TorchFiles.loadStateDict(SerializationFixtureTest.fixture("model_state.pt"));
            Path f = dir.resolve("model_again.pt");
            TorchFiles.save(state, f);
            List<String> lines = Describe.describe(state);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("value: /@_metadata/bn/version int 2")), "metadata described");
            pythonReadsAsJavaWrote(f, lines);
        }
    }

    private static String join(float[] v) {
        StringBuilder b = new StringBuilder();
        for (float x : v) {
            b.append(b.length() == 0 ? "" : " ").append((double) x);
        }
        return b.toString();
    }
}
