package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.nn.functional.F;

/** The lecture's convolution and pooling examples, and bad inputs refused with a message naming the problem. */
class ConvLectureTest {
    @Test
    void conv2dShapesFromTheLecture() {
        Tensor weight = empty(5, 4, 2, 3).normal_();
        Tensor bias = empty(5).normal_();
        Tensor input = empty(117, 4, 10, 3).normal_();
        assertEquals("torch.Size([117, 5, 9, 1])", F.conv2d(input, weight, bias).size().toString());
    }

    @Test
    void conv2dModuleNamedParametersFromTheLecture() {
        Conv2d f = new Conv2d(4, 5, new long[] {2, 3});
        StringBuilder b = new StringBuilder();
        f.namedParameters().forEach((n, p) -> b.append(n).append(' ').append(p.size()).append('\n'));
        assertEquals("weight torch.Size([5, 4, 2, 3])\nbias torch.Size([5])\n", b.toString());
        assertEquals("torch.Size([117, 5, 9, 1])", f.forward(empty(117, 4, 10, 3).normal_()).size().toString());
    }

    @Test
    void oneDimensionalExamples() {
        Tensor x = tensor(1f, 2f, 3f, 4f).view(1, 1, 4);
        Tensor u = tensor(3f, 2f).view(1, 1, 2);
        assertArrayEquals(new float[] {7, 12, 17}, F.conv1d(x, u).toFloatArray());

        Tensor step = tensor(0f, 0f, 0f, 0f, 1f, 2f, 3f, 4f, 4f, 4f, 4f).view(1, 1, 11);
        Tensor diff = tensor(-1f, 1f).view(1, 1, 2);
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 1, 0, 0, 0}, F.conv1d(step, diff).toFloatArray());
    }

    @Test
    void maxPoolExampleFromTheLecture() {
        Tensor x = tensor(new float[][][] {
            {{1, 2, 2, 1, 2, 1}, {2, 0, 0, 0, 1, 0}},
            {{2, 0, 2, 1, 1, 1}, {0, 0, 0, 1, 2, 1}}});
        Tensor y = F.maxPool2d(x, new long[] {1, 2});
        assertEquals("tensor([[[2., 2., 2.],\n         [2., 0., 1.]],\n\n        [[2., 2., 1.],\n         [0., 1., 2.]]])", y.toString());
        assertTrue(new MaxPool2d(new long[] {1, 2}).forward(x).equal(y));
    }

    @Test
    void fiveFiltersGiveFiveActivationMaps() {
        // values are checked against PyTorch in ConvFixtureTest (lecture_five_filters_28x28); here the shape and two
        // properties that hold for any input: the identity filter crops, the box filter sums 3x3 neighbourhoods
        Tensor x = arange(28 * 28).toFloat().view(1, 1, 28, 28);
        Tensor weight = zeros(5, 1, 3, 3);
        weight.index(0, 0).copy_(tensor(new float[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}));
        weight.index(1, 0).copy_(tensor(new float[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}));
        weight.index(2, 0).copy_(tensor(new float[][] {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}}));
        weight.index(3, 0).copy_(tensor(new float[][] {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}}));
        weight.index(4, 0).copy_(tensor(new float[][] {{0, -1, 0}, {-1, 4, -1}, {0, -1, 0}}));
        Tensor y = F.conv2d(x, weight);
        assertEquals("torch.Size([1, 5, 26, 26])", y.size().toString());
        assertEquals(x.index(0, 0, 1, 1).itemDouble(), y.index(0, 0, 0, 0).itemDouble());
        assertEquals(x.narrow(2, 0, 3).narrow(3, 0, 3).sum().itemDouble(), y.index(0, 1, 0, 0).itemDouble());
        assertEquals(6.0, y.index(0, 2, 5, 5).itemDouble());      // x grows by 1 along a row: (+1 - -1) * 3 rows
        assertEquals(168.0, y.index(0, 3, 5, 5).itemDouble());    // and by 28 down a column: 2 * 28 * 3
        assertEquals(0.0, y.index(0, 4, 5, 5).itemDouble());      // the Laplacian of a linear ramp
    }

    // ---------------------------------------------------------------- bad inputs

    @Test
    void wrongNumberOfInputChannels() {
        Conv2d conv = new Conv2d(4, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(zeros(2, 3, 8, 8)));
        assertEquals("conv2d: expected input with 4 channels (weight of shape torch.Size([5, 4, 3, 3]), groups=1), got 3 channels"
                + " in input of shape torch.Size([2, 3, 8, 8])", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(4, 6, 3).forward(zeros(1, 6, 5, 5)));
        assertTrue(t.getMessage().contains("expected input with 4 channels"), t.getMessage());
        assertTrue(t.getMessage().contains("got 6 channels"), t.getMessage());
    }

    @Test
    void kernelLargerThanInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(zeros(1, 1, 4, 4), zeros(1, 1, 5, 5)));
        assertTrue(e.getMessage().startsWith("conv2d: kernel size 5 (dilated) is larger than the padded input size 4"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> F.maxPool2d(zeros(1, 1, 2, 2), 3));
        assertTrue(p.getMessage().contains("kernel size 3 (dilated) is larger than the padded input size 2"), p.getMessage());
        // the padded input is large enough: accepted
        assertEquals("torch.Size([1, 1, 2, 2])", F.conv2d(zeros(1, 1, 4, 4), zeros(1, 1, 5, 5), null, 1, 1, 1, 1).size().toString());
    }

    @Test
    void negativeOrZeroStride() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.conv2d(zeros(1, 1, 4, 4), zeros(1, 1, 2, 2), null, -1, 0, 1, 1));
        assertEquals("conv2d: stride must be at least 1, got [-1]", e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(Conv2d.options(1, 1, 3).stride(1, -2)));
        assertEquals("Conv2d: stride must be at least 1, got [1, -2]", m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.maxPool2d(zeros(1, 1, 4, 4), 2, -1));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(MaxPool2d.options(2).stride(0)));
    }

    @Test
    void otherBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> F.conv2d(zeros(4, 4), zeros(1, 4, 2, 2)));            // 2-d input
        assertThrows(IllegalArgumentException.class, () -> F.conv2d(zeros(1, 4, 5, 5), zeros(4, 2, 2)));         // 3-d weight
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Conv2d.options(3, 4, 3).groups(2)));      // 3 % 2
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Conv2d.options(4, 4, 3).stride(2).padding("same")));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.options(4, 4, 3).padding("full"));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Conv2d.options(4, 4, new long[] {3, 3, 3})));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(Conv1d.options(4, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(MaxPool2d.options(2).padding(2)));      // > kernel/2
        assertThrows(IllegalArgumentException.class, () -> F.pad(zeros(2, 3), new long[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> F.pad(zeros(2, 3), new long[] {1, 1}, "wrap"));
        assertThrows(IllegalArgumentException.class, () -> F.interpolate(zeros(1, 1, 4, 4), 2.0, "nearest", true));
        assertThrows(IllegalArgumentException.class, () -> F.interpolate(zeros(1, 1, 4), 2.0, "bilinear"));
        // what Java cannot see is LibTorch's to refuse: reflect padding as large as the input
        TorchException t = assertThrows(TorchException.class, () -> F.pad(zeros(1, 1, 3), new long[] {3, 3}, "reflect"));
        assertTrue(t.getMessage().toLowerCase().contains("padding"), t.getMessage());
    }

    @Test
    void maxPoolModuleWithIndices() {
        MaxPool2d pool = new MaxPool2d(MaxPool2d.options(2).returnIndices(true));
        Tensor x = arange(16).toFloat().view(1, 1, 4, 4);
        var r = pool.forwardWithIndices(x);
        assertArrayEquals(new float[] {5, 7, 13, 15}, r.values().toFloatArray());
        assertArrayEquals(new long[] {5, 7, 13, 15}, r.indices().toLongArray());
        assertTrue(pool.forward(x).equal(r.values()));
        assertEquals(List.of(), pool.parameters());
    }
}
