package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.torch4j.Torch.arange;
import static org.torch4j.Torch.tensor;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/** {@code F.avgPool2d(x, new long[] {kH, kW})}: a rectangular kernel, the stride equal to it, as PyTorch's. */
class AvgPoolKernelPairTest {
    @Test
    void lectureTensorWithKernelOneByTwo() {
        Tensor x = tensor(new float[][][] {
                {{1, 2, 2, 1, 2, 1}, {2, 0, 0, 0, 1, 0}},
                {{2, 0, 2, 1, 1, 1}, {0, 0, 0, 1, 2, 1}}});
        Tensor y = F.avgPool2d(x, new long[] {1, 2});
        // PyTorch 1.13: F.avg_pool2d(x, (1, 2)), shape [2, 2, 3]
        assertArrayEquals(new long[] {2, 2, 3}, y.shape().toArray());
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.0f, 0.0f, 0.5f, 1.0f, 1.5f, 1.0f, 0.0f, 0.5f, 1.5f},
                y.toFloatArray(), 0f);
    }

    @Test
    void twoByThreeKernelStridesByItself() {
        Tensor y = F.avgPool2d(arange(24).toFloat().view(1, 1, 4, 6), new long[] {2, 3});
        // PyTorch 1.13: F.avg_pool2d(torch.arange(24.).view(1, 1, 4, 6), (2, 3))
        assertArrayEquals(new float[] {4f, 7f, 16f, 19f}, y.toFloatArray(), 0f);
    }
}
