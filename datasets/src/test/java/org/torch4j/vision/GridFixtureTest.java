package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** makeGrid against torchvision 0.14's make_grid on the cases of fixtures/vision/grids.txt. */
class GridFixtureTest {

    @TestFactory
    Stream<DynamicTest> matchesTorchvision() {
        List<Map<String, String>> cases = VisionFixtures.cases("grids.txt");
        assertTrue(cases.size() >= 16, "fixture cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name"), () -> check(c)));
    }

    private static void check(Map<String, String> c) {
        try (Scope scope = Scope.open()) {
            Tensor in = VisionFixtures.tensor(c.get("in"));
            Tensor inCopy = in.clone();
            Tensor expected = VisionFixtures.tensor(c.get("out"));
            Tensor got = Grid.makeGrid(in, VisionFixtures.options(c.get("params")));
            assertEquals(expected.shape(), got.shape(), c.get("name") + " shape");
            assertEquals(expected.dtype(), got.dtype(), c.get("name") + " dtype");
            if (expected.dtype().isFloatingPoint()) {
                double[] e = expected.toDouble().toDoubleArray();
                double[] g = got.toDouble().toDoubleArray();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], g[i], 1e-6 * Math.max(1, Math.abs(e[i])), c.get("name") + " element " + i);
                }
            } else {
                assertArrayEquals(expected.toByteArray(), got.toByteArray(), c.get("name"));
            }
            assertTrue(in.equal(inCopy), c.get("name") + ": makeGrid changed its input");
        }
    }

    @Test
    void lectureGridSize() {
        try (Scope scope = Scope.open()) {
            Tensor grid = Grid.makeGrid(Torch.rand(48, 3, 32, 32), 12, 2, false);
            assertArrayEquals(new long[] {3, 138, 410}, grid.shape().toArray());
            // 50 images in rows of 12: 5 rows, the last one with two images and padding after them
            Tensor partial = Grid.makeGrid(Torch.ones(50, 1, 32, 32), 12, 2, false);
            assertArrayEquals(new long[] {3, 5 * 34 + 2, 410}, partial.shape().toArray());
            assertEquals(1.0, partial.select(2, 2 + 34 + 5).select(1, 4 * 34 + 10).min().itemDouble());
            assertEquals(0.0, partial.narrow(1, 4 * 34 + 2, 32).narrow(2, 2 * 34 + 2, 32).abs().max().itemDouble());
        }
    }

    @Test
    void badInputs() {
        try (Scope scope = Scope.open()) {
            int owned = scope.size();
            var e = assertThrows(IllegalArgumentException.class, () -> Grid.makeGrid(Torch.zeros(0, 3, 4, 4)));
            assertEquals("makeGrid got an empty batch, shape torch.Size([0, 3, 4, 4])", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Grid.makeGrid(Torch.zeros(2, 2, 3, 4, 4)));
            assertTrue(e.getMessage().contains("got shape torch.Size([2, 2, 3, 4, 4])"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Grid.makeGrid(Torch.zeros(5)));
            assertTrue(e.getMessage().contains("got shape torch.Size([5])"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Grid.makeGrid(Torch.zeros(new long[] {2, 3, 4, 4}, DType.UINT8), 8, 2, true));
            assertTrue(e.getMessage().contains("normalize needs a floating-point tensor, got torch.uint8"),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> GridOptions.defaults().nrow(0));
            assertEquals("nrow must be at least 1, got 0", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> GridOptions.defaults().padding(-1));
            assertEquals("padding must be at least 0, got -1", e.getMessage());
            assertEquals(owned + 4, scope.size(), "only the four test inputs are owned: nothing leaked");
        }
    }
}
