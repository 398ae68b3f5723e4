package org.torch4j.data.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

class TransformsTest {
    @Test
    void toFloatScalesUint8ToUnitRange() {
        Tensor x = Torch.fromArray(new byte[] {0, (byte) 255, (byte) 128, 51}, DType.UINT8, 1, 1, 2, 2);
        Tensor y = Transforms.toFloat().apply(x);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new float[] {0f, 1f, 128f / 255f, 51f / 255f}, y.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Transforms.toFloat().apply(Torch.arange(3)));
    }

    @Test
    void normalizeIsExactPerChannel() {
        float[] v = {0.1f, 0.5f, 0.9f, 0.25f, 1f, 0f, 0.75f, 0.3f};
        Tensor x = Torch.fromArray(v, 2, 2, 1, 2); // N=2, C=2, H=1, W=2
        double[] mean = {0.5, 0.25};
        double[] std = {0.2, 0.125};
        float[] got = Transforms.normalize(mean, std).apply(x).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            int c = (i / 2) % 2;
            float expected = (v[i] - (float) mean[c]) / (float) std[c];
            assertEquals(expected, got[i], 0f, "element " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.normalize(new double[] {0, 0, 0}, new double[] {1, 1, 1}).apply(x));
        assertTrue(e.getMessage().contains("[N, 3, H, W]") && e.getMessage().contains("[2, 2, 1, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.normalize(new double[] {0}, new double[] {0}));
    }

    /** 6 images, 2 channels, 5 x 5, all values distinct and nonzero so a window is identified by its content. */
    private static Tensor images() {
        float[] v = new float[6 * 2 * 5 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Torch.fromArray(v, 6, 2, 5, 5);
    }

    @Test
    void randomCropTakesAWindowOfThePaddedImagePerSample() {
        Tensor x = images();
        int pad = 2;
        Tensor out = Transforms.randomCrop(4, pad, 17).apply(x);
        assertEquals(org.torch4j.Shape.of(6, 2, 4, 4), out.shape());
        float[] in = x.toFloatArray();
        float[] o = out.toFloatArray();
        java.util.Set<String> offsets = new java.util.HashSet<>();
        for (int s = 0; s < 6; s++) {
            String found = null;
            for (int top = 0; top <= 9 - 4 && found == null; top++) {
                for (int left = 0; left <= 9 - 4 && found == null; left++) {
                    if (isWindow(in, o, s, top - pad, left - pad)) {
                        found = top + "," + left;
                    }
                }
            }
            assertTrue(found != null, "crop of sample " + s + " is a window of its zero-padded image");
            offsets.add(found);
        }
        assertTrue(offsets.size() > 1, "samples get different crops: " + offsets);
        assertTrue(out.equal(Transforms.randomCrop(4, pad, 17).apply(x)), "same seed, same crops");
        assertFalse(out.equal(Transforms.randomCrop(4, pad, 18).apply(x)), "another seed, other crops");
        assertTrue(x.equal(Transforms.randomCrop(5, 0, 1).apply(x)), "full-size crop without padding is the identity");
        assertThrows(IllegalArgumentException.class, () -> Transforms.randomCrop(10, 2, 0).apply(x));
    }

    /** Whether out[s] equals the window of in[s] at (top, left) in unpadded coordinates, zeros outside. */
    private static boolean isWindow(float[] in, float[] out, int s, int top, int left) {
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    int r = top + i;
                    int q = left + j;
                    float expected = r < 0 || r >= 5 || q < 0 || q >= 5 ? 0f : in[((s * 2 + c) * 5 + r) * 5 + q];
                    if (out[((s * 2 + c) * 4 + i) * 4 + j] != expected) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void horizontalFlipMirrorsExactlyPerSample() {
        Tensor x = images();
        float[] in = x.toFloatArray();
        assertTrue(x.equal(Transforms.randomHorizontalFlip(0, 1).apply(x)));
        float[] all = Transforms.randomHorizontalFlip(1, 1).apply(x).toFloatArray();
        for (int k = 0; k < in.length; k++) {
            assertEquals(in[k - k % 5 + (4 - k % 5)], all[k], "p=1 mirrors every row");
        }
        Tensor big = Torch.cat(new Tensor[] {x, x, x, x}, 0); // 24 samples
        Tensor half = Transforms.randomHorizontalFlip(0.5, 3).apply(big);
        Tensor mirrored = Transforms.randomHorizontalFlip(1, 0).apply(big);
        int flipped = 0;
        for (int s = 0; s < 24; s++) {
            boolean same = half.select(0, s).equal(big.select(0, s));
            boolean mirror = half.select(0, s).equal(mirrored.select(0, s));
            assertTrue(same ^ mirror, "sample " + s + " is either kept or mirrored");
            flipped += mirror ? 1 : 0;
        }
        assertTrue(flipped > 0 && flipped < 24, flipped + " of 24 flipped");
        assertTrue(half.equal(Transforms.randomHorizontalFlip(0.5, 3).apply(big)), "same seed, same flips");
    }

    @Test
    void composeAppliesInOrder() {
        Tensor x = Torch.fromArray(new byte[] {0, (byte) 255}, DType.UINT8, 1, 1, 1, 2);
        Transform t = Transforms.compose(Transforms.toFloat(), Transforms.normalize(new double[] {0.5}, new double[] {0.5}),
                Transforms.randomHorizontalFlip(1, 0));
        assertArrayEquals(new float[] {1f, -1f}, t.apply(x).toFloatArray());
    }

    @Test
    void channelStatsOnAKnownTensor() {
        // channel 0: values 0 and 255 (-> 0 and 1); channel 1: all 51 (-> 0.2)
        byte[] v = new byte[3 * 2 * 2 * 2];
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 4; k++) {
                v[(s * 2) * 4 + k] = (byte) (k % 2 == 0 ? 0 : 255);
                v[(s * 2 + 1) * 4 + k] = 51;
            }
        }
        Tensor x = Torch.fromArray(v, DType.UINT8, 3, 2, 2, 2);
        for (long chunk : new long[] {1, 2, 4096}) {
            double[] mean = ChannelStats.mean(x, chunk);
            double[] std = ChannelStats.std(x, chunk);
            assertEquals(0.5, mean[0], 1e-15);
            assertEquals(0.2, mean[1], 1e-15);
            assertEquals(Math.sqrt(12 * 0.25 / 11), std[0], 1e-15, "unbiased, 12 values of +-0.5");
            assertEquals(0.0, std[1], 1e-15);
        }
        Tensor r = Torch.rand(50, 3, 4, 4);
        double[] std = ChannelStats.std(r, 7);
        for (int c = 0; c < 3; c++) {
            assertEquals(r.select(1, c).std().itemDouble(), std[c], 1e-6, "channel " + c + " against Tensor.std()");
            assertEquals(r.select(1, c).mean().itemDouble(), ChannelStats.mean(r, 7)[c], 1e-6);
        }
    }
}
