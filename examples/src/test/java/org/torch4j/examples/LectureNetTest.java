package org.torch4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.SGD;
import org.torch4j.serialization.TorchFiles;

/**
 * The lecture's network against PyTorch itself ({@code src/test/python/gen_lecture_net.py}): the Java model
 * loads the state dict PyTorch saved with {@code torch.save(model.state_dict(), ...)}, and its logits, loss,
 * gradients and parameters after three SGD steps with momentum match PyTorch's within 1e-5.
 */
class LectureNetTest {
    private static final double TOL = 1e-5;

    private static Path fixture(String name) throws URISyntaxException {
        return Paths.get(LectureNetTest.class.getResource("/fixtures/lecture/" + name).toURI());
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.size(), actual.size(), what + ": shape");
        double diff = actual.sub(expected).abs().max().itemDouble();
        double scale = Math.max(1, expected.abs().max().itemDouble());
        assertTrue(diff <= TOL * scale, what + ": max difference " + diff + " (tolerance " + TOL * scale + ")");
    }

    @Test
    void matchesPyTorchForwardBackwardAndThreeSgdSteps() throws Exception {
        matchesPyTorch(MemoryFormat.CONTIGUOUS);
    }

    /** The same PyTorch values with the weights and the input in channels-last (NHWC kernels). */
    @Test
    void matchesPyTorchInChannelsLast() throws Exception {
        matchesPyTorch(MemoryFormat.CHANNELS_LAST);
    }

    private void matchesPyTorch(MemoryFormat format) throws Exception {
        LectureNet net = new LectureNet();
        Map<String, Tensor> state = TorchFiles.loadStateDict(fixture("net_state.pt"));
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(state.keySet()));
        assertEquals(List.copyOf(state.keySet()), List.copyOf(net.stateDict().keySet()));
        net.loadStateDict(state);
        net.to(format);
        if (format == MemoryFormat.CHANNELS_LAST) {
            assertArrayEquals(new long[] {25, 1, 5, 1}, net.conv1.weight.stride());
            assertArrayEquals(new long[] {800, 1, 160, 32}, net.conv2.weight.stride());
        }

        Map<String, Object> expected = castMap(TorchFiles.load(fixture("net_expected.pt")));
        Tensor input = ((Tensor) expected.get("input")).to(format);
        Tensor target = (Tensor) expected.get("target");
        CrossEntropyLoss criterion = new CrossEntropyLoss();

        Tensor logits = net.forward(input);
        assertClose("logits", (Tensor) expected.get("logits"), logits);
        Tensor loss = criterion.forward(logits, target);
        assertClose("loss", (Tensor) expected.get("loss"), loss);
        loss.backward();
        for (Map.Entry<String, Parameter> p : net.namedParameters().entrySet()) {
            assertClose("grad of " + p.getKey(), (Tensor) expected.get("grad." + p.getKey()), p.getValue().grad());
        }
        SGD optimizer = new SGD(net.parameters(), SGD.options(0.1).momentum(0.9));
        for (int step = 0; step < 3; step++) {
            try (Scope scope = Scope.open()) {
                optimizer.zeroGrad();
                criterion.forward(net.forward(input), target).backward();
                optimizer.step();
            }
        }
        for (Map.Entry<String, Parameter> p : net.namedParameters().entrySet()) {
            assertClose(p.getKey() + " after 3 SGD steps", (Tensor) expected.get("step3." + p.getKey()), p.getValue());
            if (p.getValue().dim() == 4) {
                assertTrue(p.getValue().isContiguous(format), p.getKey() + " keeps its layout through SGD");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
