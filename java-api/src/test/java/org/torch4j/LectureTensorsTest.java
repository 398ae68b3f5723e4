package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.arange;
import static org.torch4j.Torch.empty;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.mm;
import static org.torch4j.Torch.relu;
import static org.torch4j.Torch.tensor;
import static org.torch4j.Torch.zeros;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of the lecture's "Tensor basics" and "High dimension tensors" sections, with the values
 * PyTorch prints for them. Each test runs inside a scope, so none leaves native tensors behind.
 */
class LectureTensorsTest {
    private Scope scope;

    @BeforeEach
    void openScope() {
        scope = Scope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    // ------------------------------------------------------------------ tensor basics

    @Test
    void emptyFillMeanStdSumItem() {
        Tensor x = empty(2, 5);
        assertEquals("torch.Size([2, 5])", x.size().toString());
        Tensor filled = x.fill_(1.125);
        assertTrue(filled == x, "fill_ returns the tensor itself");
        assertEquals("tensor([[1.1250, 1.1250, 1.1250, 1.1250, 1.1250],\n"
                + "        [1.1250, 1.1250, 1.1250, 1.1250, 1.1250]])", x.toString());
        assertEquals("tensor(1.1250)", x.mean().toString());
        assertEquals("tensor(0.)", x.std().toString());
        assertEquals("tensor(11.2500)", x.sum().toString());
        Number item = x.sum().item();
        assertEquals(Double.class, item.getClass());
        assertEquals(11.25, item.doubleValue());
        assertEquals("11.25", item.toString());
        assertEquals(0, x.mean().dim(), "a full reduction is a 0-d tensor");
        assertEquals("torch.Size([])", x.sum().size().toString());
    }

    @Test
    void leastSquaresLikeGels() {
        manualSeed(0);
        Tensor y = empty(3).normal_();
        Tensor m = empty(3, 3).normal_();
        Linalg.Lstsq r = Linalg.lstsq(m, y.view(3, 1));     // q, _ = torch.gels(y, m)
        Tensor q = r.solution();
        assertEquals(Shape.of(3, 1), q.size());
        Tensor back = mm(m, q);
        assertEquals(Shape.of(3, 1), back.size());
        float[] expected = y.toFloatArray();
        float[] got = back.toFloatArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], got[i], 1e-4, "row " + i + " of mm(m, q) = " + back + " vs y = " + y);
        }
        assertTrue(back.view(3).allclose(y, 1e-4, 1e-4));
        // the same system with a known answer: m = [[2,0,0],[0,4,0],[1,0,1]], y = [2, 8, 4] -> q = [1, 2, 3]
        Tensor a = tensor(new float[][] {{2, 0, 0}, {0, 4, 0}, {1, 0, 1}});
        Tensor qa = Linalg.lstsq(a, tensor(2f, 8f, 4f).view(3, 1)).solution();
        assertArrayEquals(new float[] {1, 2, 3}, qa.toFloatArray(), 1e-5f);
    }

    @Test
    void dtypeAndDevice() {
        Tensor x = zeros(1, 3);
        assertEquals("torch.float32", x.dtype().toString());
        assertEquals("device(type='cpu')", x.device().toString());
        x = x.toLong();                                          // x.long()
        assertEquals("torch.int64", x.dtype().toString());
        assertEquals("device(type='cpu')", x.device().toString());
        assertEquals("tensor([[0, 0, 0]])", x.toString());
        if (Torch.cuda().isAvailable()) {
            Tensor c = x.to(Device.of("cuda"));
            assertEquals("torch.int64", c.dtype().toString());
            assertEquals("device(type='cuda', index=0)", c.device().toString());
            assertArrayEquals(new long[] {0, 0, 0}, c.toLongArray());
        } else {
            Tensor cpuX = x;
            TorchException e = assertThrows(TorchException.class, () -> cpuX.to(Device.of("cuda")));
            assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("CUDA is not available"),
                    e.getMessage());
            assertEquals("device(type='cpu')", x.device().toString(), "the tensor stays usable");
        }
    }

    @Test
    void dtypeNamesOfTheLecture() {
        assertEquals("torch.float16", DType.FLOAT16.toString());
        assertEquals("torch.float32", DType.FLOAT32.toString());
        assertEquals("torch.float64", DType.FLOAT64.toString());
        assertEquals("torch.uint8", DType.UINT8.toString());
        assertEquals("torch.int8", DType.INT8.toString());
        assertEquals("torch.int16", DType.INT16.toString());
        assertEquals("torch.int32", DType.INT32.toString());
        assertEquals("torch.int64", DType.INT64.toString());
        Tensor x = zeros(2);
        for (DType d : new DType[] {DType.FLOAT16, DType.FLOAT64, DType.UINT8, DType.INT8, DType.INT16, DType.INT32}) {
            assertEquals(d, x.to(d).dtype());
        }
    }

    // ------------------------------------------------------------------ views of [[1, 3, 0], [2, 4, 6]]

    private static Tensor x23() {
        return tensor(new long[][] {{1, 3, 0}, {2, 4, 6}});
    }

    @Test
    void matrixIsInt64() {
        Tensor x = x23();
        assertEquals(DType.INT64, x.dtype());
        assertEquals("tensor([[1, 3, 0],\n        [2, 4, 6]])", x.toString());
    }

    @Test
    void viewFlat() {
        Tensor v = x23().view(-1);
        assertEquals(Shape.of(6), v.size());
        assertEquals("tensor([1, 3, 0, 2, 4, 6])", v.toString());
    }

    @Test
    void viewThreeByTwo() {
        Tensor v = x23().view(3, -1);
        assertEquals("torch.Size([3, 2])", v.size().toString());
        assertEquals("tensor([[1, 3],\n        [0, 2],\n        [4, 6]])", v.toString());
    }

    @Test
    void narrowColumns() {
        Tensor v = x23().narrow(1, 1, 2);
        assertEquals(Shape.of(2, 2), v.size());
        assertEquals("tensor([[3, 0],\n        [4, 6]])", v.toString());
        assertFalse(v.isContiguous());
    }

    @Test
    void transposeMatrix() {
        Tensor v = x23().t();
        assertEquals(Shape.of(3, 2), v.size());
        assertEquals("tensor([[1, 2],\n        [3, 4],\n        [0, 6]])", v.toString());
        assertArrayEquals(new long[] {1, 3}, v.stride(), "t() swaps the strides and copies nothing");
    }

    @Test
    void viewThenExpand() {
        Tensor v = x23().view(1, 2, 3).expand(3, 2, 3);
        assertEquals("torch.Size([3, 2, 3])", v.size().toString());
        assertArrayEquals(new long[] {1, 3, 0, 2, 4, 6, 1, 3, 0, 2, 4, 6, 1, 3, 0, 2, 4, 6}, v.toLongArray());
        assertArrayEquals(new long[] {0, 3, 1}, v.stride(), "expand repeats with stride 0");
        assertEquals("tensor([[[1, 3, 0],\n"
                + "         [2, 4, 6]],\n"
                + "\n"
                + "        [[1, 3, 0],\n"
                + "         [2, 4, 6]],\n"
                + "\n"
                + "        [[1, 3, 0],\n"
                + "         [2, 4, 6]]])", v.toString());
    }

    // ------------------------------------------------------------------ the 2 x 2 x 3 tensor

    private static Tensor x223() {
        return tensor(new long[][][] {{{1, 2, 1}, {2, 1, 2}}, {{3, 0, 3}, {0, 3, 0}}});
    }

    @Test
    void threeDimensional() {
        Tensor x = x223();
        assertEquals(Shape.of(2, 2, 3), x.size());
        assertEquals("tensor([[[1, 2, 1],\n"
                + "         [2, 1, 2]],\n"
                + "\n"
                + "        [[3, 0, 3],\n"
                + "         [0, 3, 0]]])", x.toString());
    }

    @Test
    void narrowFirstDimension() {
        Tensor v = x223().narrow(0, 0, 1);
        assertEquals(Shape.of(1, 2, 3), v.size());
        assertArrayEquals(new long[] {1, 2, 1, 2, 1, 2}, v.toLongArray());
        assertEquals("tensor([[[1, 2, 1],\n         [2, 1, 2]]])", v.toString());
    }

    @Test
    void narrowLastDimension() {
        Tensor v = x223().narrow(2, 0, 2);
        assertEquals(Shape.of(2, 2, 2), v.size());
        assertArrayEquals(new long[] {1, 2, 2, 1, 3, 0, 0, 3}, v.toLongArray());
    }

    @Test
    void transposeZeroOne() {
        Tensor v = x223().transpose(0, 1);
        assertEquals(Shape.of(2, 2, 3), v.size());
        assertArrayEquals(new long[] {1, 2, 1, 3, 0, 3, 2, 1, 2, 0, 3, 0}, v.toLongArray());
    }

    @Test
    void transposeZeroTwo() {
        Tensor v = x223().transpose(0, 2);
        assertEquals(Shape.of(3, 2, 2), v.size());
        assertArrayEquals(new long[] {1, 3, 2, 0, 2, 0, 1, 3, 1, 3, 2, 0}, v.toLongArray());
        assertEquals("tensor([[[1, 3],\n"
                + "         [2, 0]],\n"
                + "\n"
                + "        [[2, 0],\n"
                + "         [1, 3]],\n"
                + "\n"
                + "        [[1, 3],\n"
                + "         [2, 0]]])", v.toString());
    }

    @Test
    void transposeOneTwo() {
        Tensor v = x223().transpose(1, 2);
        assertEquals(Shape.of(2, 3, 2), v.size());
        assertArrayEquals(new long[] {1, 2, 2, 1, 1, 2, 3, 0, 0, 3, 3, 0}, v.toLongArray());
    }

    // ------------------------------------------------------------------ views share storage

    @Test
    void writingThroughANarrowChangesTheBase() {
        Tensor x = x23();
        x.narrow(1, 1, 2).fill_(7L);
        assertArrayEquals(new long[] {1, 7, 7, 2, 7, 7}, x.toLongArray());
        x.t().select(0, 0).fill_(-1L);
        assertArrayEquals(new long[] {-1, 7, 7, -1, 7, 7}, x.toLongArray());
        x.view(-1).narrow(0, 2, 2).fill_(5L);
        assertArrayEquals(new long[] {-1, 7, 5, 5, 7, 7}, x.toLongArray());
    }

    /** The lecture's image example on a small "dataset" of N x C x H x W float images. */
    @Test
    void killTheGreenAndBlueChannels() {
        int n = 4, c = 3, h = 4, w = 5;
        Tensor data = arange((long) n * c * h * w).toFloat().view(n, c, h, w);
        float[] original = data.toFloatArray();
        assertEquals("torch.FloatTensor", data.type());
        assertEquals("torch.Size([4, 3, 4, 5])", data.size().toString());
        assertEquals(0.0, data.min().itemDouble());
        assertEquals(n * c * h * w - 1, data.max().itemDouble());

        Tensor x = data.narrow(0, 0, 3);                  // the first images: a view of data
        x.transpose_(2, 3);                               // switches the row and column indexes
        assertEquals(Shape.of(3, c, w, h), x.size());
        float[] rotated = x.toFloatArray();
        for (int s = 0; s < 3; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < w; i++) {
                    for (int j = 0; j < h; j++) {
                        assertEquals(original[((s * c + ch) * h + j) * w + i], rotated[((s * c + ch) * w + i) * h + j]);
                    }
                }
            }
        }

        x.narrow(1, 1, 2).fill_(0);                       // kills the green and blue channels
        float[] after = data.toFloatArray();              // seen through the base tensor
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < h * w; k++) {
                    int i = (s * c + ch) * h * w + k;
                    float expected = s < 3 && ch >= 1 ? 0f : original[i];
                    assertEquals(expected, after[i], "image " + s + ", channel " + ch + ", pixel " + k);
                }
            }
        }
        assertEquals(Shape.of(n, c, h, w), data.size(), "transpose_ on the view leaves the base's shape alone");
        assertEquals(0.0, x.narrow(1, 1, 2).abs().sum().itemDouble());
        assertTrue(x.narrow(1, 0, 1).abs().sum().itemDouble() > 0);
    }

    @Test
    void viewWritesThroughAndReadsBack() {
        Tensor x = zeros(2, 3);
        Tensor flat = x.view(6);
        flat.narrow(0, 4, 1).fill_(2.5);
        assertEquals("tensor([[0.0000, 0.0000, 0.0000],\n        [0.0000, 2.5000, 0.0000]])", x.toString());
        Tensor e = x.narrow(0, 1, 1).expand(3, 3);
        assertArrayEquals(new float[] {0, 2.5f, 0, 0, 2.5f, 0, 0, 2.5f, 0}, e.toFloatArray());
    }

    // ------------------------------------------------------------------ F.relu and random_

    @Test
    void reluOfTheLectureVector() {
        Tensor x = tensor(0.6502f, 0.1161f, -1.1509f, -0.2337f, -1.0798f, -2.3269f, 0.0165f, 1.1905f);
        assertEquals("tensor([ 0.6502,  0.1161, -1.1509, -0.2337, -1.0798, -2.3269,  0.0165,  1.1905])",
                x.toString());
        assertEquals("tensor([0.6502, 0.1161, 0.0000, 0.0000, 0.0000, 0.0000, 0.0165, 1.1905])", relu(x).toString());
        assertEquals("tensor([0.6502, 0.1161, 0.0000, 0.0000, 0.0000, 0.0000, 0.0165, 1.1905])", x.relu().toString());
    }

    @Test
    void reluOfARandomVectorIsItsPositivePart() {
        manualSeed(1);
        Tensor x = empty(8).normal_();
        float[] in = x.toFloatArray();
        float[] out = relu(x).toFloatArray();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.max(in[i], 0f), out[i]);
        }
    }

    @Test
    void randomIntegersBelowThree() {
        manualSeed(2);
        Tensor x = empty(2, 2, 6).random_(3);
        assertEquals(DType.FLOAT32, x.dtype());
        assertEquals(Shape.of(2, 2, 6), x.size());
        for (float v : x.toFloatArray()) {
            assertTrue(v == 0f || v == 1f || v == 2f, "random_(3) gave " + v);
        }
        Tensor big = empty(1000).random_(3);
        float[] vs = big.toFloatArray();
        int[] counts = new int[3];
        for (float v : vs) {
            assertTrue(v == 0f || v == 1f || v == 2f, "random_(3) gave " + v);
            counts[(int) v]++;
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(counts[k] > 200, "value " + k + " drawn only " + counts[k] + " times out of 1000");
        }
        // printed like the lecture: integer-valued floats end with a dot
        Tensor fixed = tensor(new float[][][] {{{1, 2, 2, 1, 2, 1}, {2, 0, 0, 0, 1, 0}}, {{2, 0, 2, 1, 1, 1}, {0, 0, 0, 1, 2, 1}}});
        assertEquals("tensor([[[1., 2., 2., 1., 2., 1.],\n"
                + "         [2., 0., 0., 0., 1., 0.]],\n"
                + "\n"
                + "        [[2., 0., 2., 1., 1., 1.],\n"
                + "         [0., 0., 0., 1., 2., 1.]]])", fixed.toString());
    }

    @Test
    void randomFromTo() {
        manualSeed(3);
        long[] v = empty(new long[] {500}, DType.INT64).random_(-2, 2).toLongArray();
        boolean[] seen = new boolean[4];
        for (long e : v) {
            assertTrue(e >= -2 && e < 2, "random_(-2, 2) gave " + e);
            seen[(int) e + 2] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void inPlaceArithmeticWithIntegersKeepsIntegerTensorsInteger() {
        Tensor x = tensor(new long[] {1, 2, 3});
        x.add_(1).mul_(2).sub_(1);
        assertEquals(DType.INT64, x.dtype());
        assertEquals("tensor([3, 5, 7])", x.toString());
    }
}
