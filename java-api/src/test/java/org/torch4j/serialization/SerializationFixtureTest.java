package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.Fixtures;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Parameter;

/**
 * Python to Java: files written by PyTorch 1.13's {@code torch.save} (see {@code gen_serialization.py}) load
 * with every tensor's dtype, shape, strides, storage offset, requires_grad and values exactly as
 * {@code torch.load} gives them, containers of the same kinds and sizes, and the same storage sharing.
 */
class SerializationFixtureTest {
    private static final Map<String, List<String>> EXPECTED = Describe.expected();

    static Path fixture(String name) {
        URL url = SerializationFixtureTest.class.getClassLoader().getResource("fixtures/serialization/" + name);
        assertNotNull(url, "fixture " + name + " is not on the class path; run gen_serialization.py");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> files() {
        return EXPECTED.keySet().stream();
    }

    @Test
    void everyFixtureFileIsChecked() {
        assertEquals(List.of("model_state.pt", "dtypes.pt", "parameters.pt", "optimizer.pt", "legacy.pt",
                "protocol1.pt", "protocol5.pt", "legacy_protocol1.pt"),
                new ArrayList<>(EXPECTED.keySet()));
    }

    @ParameterizedTest
    @MethodSource("files")
    void loadsAsTorchLoadDoes(String name) {
        try (Scope s = Scope.open()) {
            Object loaded = TorchFiles.load(fixture(name));
            List<String> want = Describe.normalize(EXPECTED.get(name));
            List<String> got = Describe.normalize(Describe.describe(loaded));
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                assertEquals(want.get(i), got.get(i), name + ": line " + (i + 1));
            }
            assertEquals(want.size(), got.size(), name + ": number of lines");
        }
    }

    /** {@code linear:} lines: the nn.Linear of the state dict, loaded into torch4j's Linear, computes the same. */
    @ParameterizedTest
    @MethodSource("files")
    void linearLayersComputeAsInPyTorch(String name) {
        for (String line : EXPECTED.get(name)) {
            if (!line.startsWith("linear: ")) {
                continue;
            }
            String[] parts = line.substring("linear: ".length()).split(" -> ");
            String[] head = parts[0].split(" ");
            String prefix = head[0].substring(1);
            try (Scope s = Scope.open()) {
                Map<String, Tensor> state = TorchFiles.loadStateDict(fixture(name));
                Map<String, Tensor> sub = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        sub.put(e.getKey().substring(prefix.length()), e.getValue());
                    }
                }
                Tensor w = sub.get("weight");
                Linear lin = new Linear(w.size(1), w.size(0));
                lin.loadStateDict(sub);
                float[] x = new float[head.length - 1];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) Fixtures.parseDouble(head[i + 1]);
                }
                float[] y = lin.forward(Torch.fromArray(x, 1, x.length)).toFloatArray();
                String[] want = parts[1].split(" ");
                assertEquals(want.length, y.length);
                for (int i = 0; i < y.length; i++) {
                    assertEquals(Fixtures.parseDouble(want[i]), y[i], 1e-6, name + " " + prefix + " output " + i);
                }
            }
        }
    }

    @Test
    void stateDictIsAnOrderedDictOfPlainTensorsWithMetadata() {
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = TorchFiles.loadStateDict(fixture("model_state.pt"));
            assertInstanceOf(OrderedDict.class, state);
            assertEquals(List.of("conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean",
                    "bn.running_var", "bn.num_batches_tracked", "fc.weight", "fc.bias"), new ArrayList<>(state.keySet()));
            Map<String, Object> attrs = ((OrderedDict<?, ?>) state).attributes();
            assertEquals(List.of("_metadata"), new ArrayList<>(attrs.keySet()));
            Map<?, ?> meta = (Map<?, ?>) attrs.get("_metadata");
            assertEquals(Map.of("version", 2L), meta.get("bn"));
            Tensor nbt = state.get("bn.num_batches_tracked");
            assertEquals(DType.INT64, nbt.dtype());
            assertEquals(0, nbt.dim());
            assertEquals(2L, nbt.itemLong());
            for (Tensor t : state.values()) {
                assertSame(Tensor.class, t.getClass(), "state dict tensors are plain tensors");
                assertFalse(t.requiresGrad());
            }
        }
    }

    @Test
    void parametersComeBackAsPlainTensorsThatRequireGrad() {
        try (Scope s = Scope.open()) {
            Map<?, ?> m = (Map<?, ?>) TorchFiles.load(fixture("parameters.pt"));
            Tensor w = (Tensor) m.get("w");
            assertFalse(w instanceof Parameter);
            assertTrue(w.requiresGrad());
            assertTrue(w.isLeaf());
            assertFalse(((Tensor) m.get("frozen")).requiresGrad());
            // it is a usable leaf: gradients flow into it
            w.pow(2).sum().backward();
            assertTrue(w.grad().allclose(w.detach().mul(2)));
        }
    }

    @Test
    void viewsShareOneStorageAfterLoading() {
        try (Scope s = Scope.open()) {
            Map<?, ?> m = (Map<?, ?>) TorchFiles.load(fixture("dtypes.pt"));
            Tensor base = (Tensor) m.get("view_base");
            Tensor t = (Tensor) m.get("view_t");
            Tensor col = (Tensor) m.get("view_col");
            base.index(1, 3).fill_(-7.0);          // base[1, 3]
            assertEquals(-7.0, t.index(3, 1).itemDouble());
            assertEquals(-7.0, col.index(1).itemDouble());
            Tensor big = (Tensor) m.get("small_slice_of_big_storage");
            assertEquals(90, big.storageOffset());
            assertEquals(List.of(90L, 91L, 92L), List.of(big.toLongArray()[0], big.toLongArray()[1], big.toLongArray()[2]));
        }
    }

    @Test
    void optimizerStateKeepsIntKeysTuplesAndNone() {
        try (Scope s = Scope.open()) {
            Map<?, ?> m = (Map<?, ?>) TorchFiles.load(fixture("optimizer.pt"));
            Map<?, ?> state = (Map<?, ?>) m.get("state");
            assertEquals(List.of(0L, 1L), new ArrayList<>(state.keySet()));
            Map<?, ?> group = (Map<?, ?>) ((List<?>) m.get("param_groups")).get(0);
            assertEquals(Tuple.of(0.9, 0.999), group.get("betas"));
            assertInstanceOf(Tuple.class, group.get("betas"));
            assertTrue(group.containsKey("foreach"));
            assertEquals(null, group.get("foreach"));
            assertEquals(1e-3, group.get("lr"));
            assertEquals(List.of(0L, 1L), group.get("params"));
        }
    }
}
