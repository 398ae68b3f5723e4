package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Tensors to BufferedImages and back: types, channel order, float scaling, alpha, and bad shapes. */
class TensorImagesTest {

    @Test
    void rgbUint8RoundTrip() {
        try (Scope scope = Scope.open()) {
            Tensor t = Torch.randint(0, 256, 3, 5, 7).to(DType.UINT8);
            BufferedImage img = TensorImages.toBufferedImage(t);
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType());
            assertEquals(7, img.getWidth());
            assertEquals(5, img.getHeight());
            // pixel (row 2, column 4) as Java2D sees it
            Color c = new Color(img.getRGB(4, 2));
            assertEquals(at(t, 0, 2, 4), c.getRed());
            assertEquals(at(t, 1, 2, 4), c.getGreen());
            assertEquals(at(t, 2, 2, 4), c.getBlue());
            Tensor back = TensorImages.fromBufferedImage(img);
            assertEquals(DType.UINT8, back.dtype());
            assertTrue(back.equal(t));
        }
    }

    @Test
    void grayUint8RoundTripFromHwAndOneChannel() {
        try (Scope scope = Scope.open()) {
            Tensor hw = Torch.randint(0, 256, 4, 6).to(DType.UINT8);
            BufferedImage img = TensorImages.toBufferedImage(hw);
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
            assertEquals(at2(hw, 3, 5), img.getRaster().getSample(5, 3, 0));
            Tensor back = TensorImages.fromBufferedImage(img);
            assertArrayEquals(new long[] {1, 4, 6}, back.shape().toArray());
            assertTrue(back.equal(hw.unsqueeze(0)));
            assertTrue(TensorImages.fromBufferedImage(TensorImages.toBufferedImage(back)).equal(back));
        }
    }

    @Test
    void floatIsScaledAsSaveImageDoes() {
        try (Scope scope = Scope.open()) {
            // x * 255 + 0.5, clamped, truncated: 0.5/255 rounds up, -0.2 and 1.7 clamp
            float[] v = {0f, 1f, 0.5f, 0.2f / 255, 0.5f / 255, 0.7f / 255, -0.2f, 1.7f, 100.49f / 255};
            Tensor f = Torch.fromArray(v, 1, 1, 9);
            BufferedImage img = TensorImages.toBufferedImage(f);
            int[] got = img.getRaster().getPixels(0, 0, 9, 1, (int[]) null);
            assertArrayEquals(new int[] {0, 255, 128, 0, 1, 1, 0, 255, 100}, got);
            Tensor rgb = Torch.rand(3, 8, 9);
            Tensor expected = rgb.mul(255).add(0.5).floor().to(DType.UINT8);
            assertTrue(TensorImages.fromBufferedImage(TensorImages.toBufferedImage(rgb)).equal(expected));
            // float64 too
            Tensor back = TensorImages.fromBufferedImage(TensorImages.toBufferedImage(rgb.toDouble()));
            assertTrue(back.equal(expected));
            assertTrue(back.toFloat().div(255).sub(rgb).abs().max().itemDouble() <= 0.5 / 255 + 1e-6);
        }
    }

    @Test
    void nonContiguousAndViewInputs() {
        try (Scope scope = Scope.open()) {
            Tensor base = Torch.randint(0, 256, 4, 3, 6, 5).to(DType.UINT8);
            Tensor view = base.select(0, 2).transpose(1, 2);   // 3 x 5 x 6, not contiguous, offset storage
            assertTrue(TensorImages.fromBufferedImage(TensorImages.toBufferedImage(view)).equal(view));
        }
    }

    @Test
    void fromIntRgbAndArgbAndAlphaChoice() {
        try (Scope scope = Scope.open()) {
            BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
            rgb.setRGB(2, 1, 0x123456);
            Tensor t = TensorImages.fromBufferedImage(rgb);
            assertArrayEquals(new long[] {3, 2, 3}, t.shape().toArray());
            assertEquals(0x12, at(t, 0, 1, 2));
            assertEquals(0x34, at(t, 1, 1, 2));
            assertEquals(0x56, at(t, 2, 1, 2));
            assertEquals(0, at(t, 0, 0, 0));

            for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR}) {
                BufferedImage argb = new BufferedImage(3, 2, type);
                argb.setRGB(1, 0, 0x80a0b0c0);
                Tensor kept = TensorImages.fromBufferedImage(argb, Alpha.KEEP);
                assertArrayEquals(new long[] {4, 2, 3}, kept.shape().toArray(), "type " + type);
                assertEquals(0xa0, at(kept, 0, 0, 1));
                assertEquals(0xb0, at(kept, 1, 0, 1));
                assertEquals(0xc0, at(kept, 2, 0, 1));
                assertEquals(0x80, at(kept, 3, 0, 1));
                Tensor dropped = TensorImages.fromBufferedImage(argb, Alpha.DROP);
                assertTrue(dropped.equal(kept.narrow(0, 0, 3)));
            }
        }
    }

    @Test
    void sixteenBitGrayPaletteAndSubImage() {
        try (Scope scope = Scope.open()) {
            BufferedImage g16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
            g16.getRaster().setSample(0, 0, 0, 65535);
            g16.getRaster().setSample(1, 0, 0, 257 * 100);
            Tensor t = TensorImages.fromBufferedImage(g16);
            assertArrayEquals(new long[] {1, 1, 2}, t.shape().toArray());
            assertEquals(255, at(t, 0, 0, 0));
            assertEquals(100, at(t, 0, 0, 1));

            byte[] r = {0, (byte) 200};
            byte[] g = {0, 10};
            byte[] b = {0, 30};
            BufferedImage pal = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
            pal.getRaster().setSample(1, 1, 0, 1);
            Tensor p = TensorImages.fromBufferedImage(pal);
            assertArrayEquals(new long[] {3, 2, 2}, p.shape().toArray());
            assertEquals(200, at(p, 0, 1, 1));
            assertEquals(10, at(p, 1, 1, 1));
            assertEquals(30, at(p, 2, 1, 1));
            assertEquals(0, at(p, 0, 0, 1));

            Tensor whole = Torch.randint(0, 256, 3, 6, 8).to(DType.UINT8);
            BufferedImage sub = TensorImages.toBufferedImage(whole).getSubimage(2, 1, 4, 3);
            assertTrue(TensorImages.fromBufferedImage(sub).equal(whole.narrow(1, 1, 3).narrow(2, 2, 4)));
            Tensor gray = Torch.randint(0, 256, 6, 8).to(DType.UINT8);
            BufferedImage graySub = TensorImages.toBufferedImage(gray).getSubimage(1, 2, 5, 3);
            assertTrue(TensorImages.fromBufferedImage(graySub).equal(gray.narrow(0, 2, 3).narrow(1, 1, 5).unsqueeze(0)));
        }
    }

    @Test
    void badShapesAndTypes() {
        try (Scope scope = Scope.open()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> TensorImages.toBufferedImage(Torch.zeros(2, 4, 4)));
            assertEquals("toBufferedImage expects H x W, 1 x H x W (gray) or 3 x H x W (RGB), got shape "
                    + "torch.Size([2, 4, 4])", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> TensorImages.toBufferedImage(Torch.zeros(4, 4, 4)));
            assertTrue(e.getMessage().contains("got shape torch.Size([4, 4, 4]) (drop alpha first: "
                    + "image.narrow(0, 0, 3))"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> TensorImages.toBufferedImage(Torch.zeros(1, 3, 4, 4)));
            assertTrue(e.getMessage().contains("got shape torch.Size([1, 3, 4, 4])"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> TensorImages.toBufferedImage(Torch.zeros(16)));
            assertTrue(e.getMessage().contains("got shape torch.Size([16])"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> TensorImages.toBufferedImage(Torch.zeros(3, 0, 4)));
            assertTrue(e.getMessage().contains("pixels, got shape torch.Size([3, 0, 4])"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> TensorImages.toBufferedImage(Torch.zeros(new long[] {3, 2, 2}, DType.INT64)));
            assertEquals("toBufferedImage needs uint8 pixels or floating-point ones in [0, 1], got torch.int64 of "
                    + "shape torch.Size([3, 2, 2])", e.getMessage());
            assertEquals(6, scope.size(), "only the six inputs: nothing leaked");
        }
    }

    private static long at(Tensor t, int c, int y, int x) {
        return t.select(0, c).select(0, y).select(0, x).itemLong();
    }

    private static long at2(Tensor t, int y, int x) {
        return t.select(0, y).select(0, x).itemLong();
    }
}
