package org.torch4j.vision;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Tensors to {@link BufferedImage}s and back. Pixels move in bulk: one copy between the tensor's native memory
 * and the image's {@code DataBuffer} array, channel reordering and (de)interleaving done by native tensor ops.
 *
 * <pre>{@code
 * Tensor chw = Torch.rand(3, 32, 32);                          // float in [0, 1]
 * BufferedImage img = TensorImages.toBufferedImage(chw);       // TYPE_3BYTE_BGR, 32 x 32
 * Tensor back = TensorImages.fromBufferedImage(img);           // uint8 3 x 32 x 32
 * }</pre>
 */
public final class TensorImages {
    private TensorImages() {
    }

    /**
     * A picture of one image: {@code H x W} or {@code 1 x H x W} gives {@code TYPE_BYTE_GRAY}, {@code 3 x H x W}
     * (RGB) gives {@code TYPE_3BYTE_BGR}. uint8 pixels are taken as they are; floating-point ones are read as
     * [0, 1] and mapped to bytes as torchvision's save_image does ({@code x * 255 + 0.5}, clamped, truncated).
     */
    public static BufferedImage toBufferedImage(Tensor image) {
        Objects.requireNonNull(image, "image");
        long[] s = image.shape().toArray();
        boolean shapeOk = s.length == 2 || (s.length == 3 && (s[0] == 1 || s[0] == 3));
        if (!shapeOk) {
            throw new IllegalArgumentException("toBufferedImage expects H x W, 1 x H x W (gray) or 3 x H x W (RGB), "
                    + "got shape " + image.shape()
                    + (s.length == 3 && s[0] == 4 ? " (drop alpha first: image.narrow(0, 0, 3))" : ""));
        }
        long h = s[s.length - 2];
        long w = s[s.length - 1];
        if (h == 0 || w == 0 || h * w * (s.length == 3 ? s[0] : 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("toBufferedImage needs between 1 and 2^31-1 pixels, got shape "
                    + image.shape());
        }
        boolean rgb = s.length == 3 && s[0] == 3;
        try (Scope scope = Scope.open()) {
            Tensor bytes = Pixels.toUint8(image, "toBufferedImage");
            if (!bytes.device().equals(Device.CPU)) {
                bytes = bytes.cpu();
            }
            if (rgb) {
                // TYPE_3BYTE_BGR stores each pixel as B, G, R: reverse the channels, then interleave
                bytes = bytes.indexSelect(0, Torch.tensor(2L, 1L, 0L)).permute(1, 2, 0);
            }
            bytes = bytes.contiguous();
            BufferedImage img = new BufferedImage((int) w, (int) h,
                    rgb ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            new BytePointer(bytes.unwrap().data_ptr()).capacity(dst.length).get(dst);
            return img;
        }
    }

    /** {@link #fromBufferedImage(BufferedImage, Alpha)} keeping alpha where the image has it. */
    public static Tensor fromBufferedImage(BufferedImage image) {
        return fromBufferedImage(image, Alpha.KEEP);
    }

    /**
     * The pixels of {@code image} as a uint8 {@code C x H x W} tensor: gray images give 1 channel, colour images
     * 3 (RGB), plus an alpha channel last when the image has one and {@code alpha} is {@link Alpha#KEEP}.
     * Samples wider than 8 bits are scaled to 0..255; palette images are expanded to their colours.
     */
    public static Tensor fromBufferedImage(BufferedImage image, Alpha alpha) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(alpha, "alpha");
        int w = image.getWidth();
        int h = image.getHeight();
        try (Scope scope = Scope.open()) {
            Tensor hwc = interleavedBytes(image, w, h);
            if (hwc == null) {
                hwc = sampleValues(image, w, h);
            }
            if (hwc == null) {
                hwc = interleavedBytes(redraw(image), w, h);
            }
            boolean hasAlpha = hwc.size(2) == 2 || hwc.size(2) == 4;
            if (hasAlpha && alpha == Alpha.DROP) {
                hwc = hwc.narrow(2, 0, hwc.size(2) - 1);
            }
            return scope.keep(hwc.permute(2, 0, 1).contiguous());
        }
    }

    /** H x W x C (gray, RGB or RGBA) straight from the byte array of the common byte layouts, else null. */
    private static Tensor interleavedBytes(BufferedImage image, int w, int h) {
        long[] order;
        switch (image.getType()) {
            case BufferedImage.TYPE_BYTE_GRAY -> order = new long[] {0};
            case BufferedImage.TYPE_3BYTE_BGR -> order = new long[] {2, 1, 0};
            case BufferedImage.TYPE_4BYTE_ABGR -> order = new long[] {3, 2, 1, 0};
            default -> {
                return null;
            }
        }
        WritableRaster raster = image.getRaster();
        DataBuffer buffer = raster.getDataBuffer();
        int channels = order.length;
        // a sub-image shares its parent's array: only a raster that owns its whole array can be copied as is
        if (raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || sm.getScanlineStride() != w * channels || buffer.getSize() != (long) w * h * channels) {
            return null;
        }
        byte[] data = ((DataBufferByte) buffer).getData();
        Tensor t = Torch.fromArray(data, h, w, channels);
        return channels == 1 ? t : t.indexSelect(2, Torch.tensor(order));
    }

    /**
     * H x W x C from the raster's samples (one bulk read), for component and packed colour models in sRGB or
     * gray, scaled to 8 bits per band; null for palettes, other colour spaces and premultiplied alpha.
     */
    private static Tensor sampleValues(BufferedImage image, int w, int h) {
        ColorModel cm = image.getColorModel();
        int csType = cm.getColorSpace().getType();
        boolean known = (csType == ColorSpace.TYPE_RGB && cm.getColorSpace().isCS_sRGB())
                || csType == ColorSpace.TYPE_GRAY;
        if (cm instanceof IndexColorModel || !known || cm.isAlphaPremultiplied()) {
            return null;
        }
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        int[] bits = raster.getSampleModel().getSampleSize();
        if (bands != cm.getNumComponents()) {
            return null;
        }
        int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
        Tensor t = Torch.fromArray(samples, h, w, bands);
        boolean eightBit = true;
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            if (bits[b] > 16) {
                return null;
            }
            eightBit &= bits[b] == 8;
            scale[b] = 255.0 / ((1 << bits[b]) - 1);
        }
        if (eightBit) {
            return t.to(DType.UINT8);
        }
        return t.toDouble().mul(Torch.tensor(scale)).round().clamp_(0, 255).to(DType.UINT8);
    }

    /** The image drawn onto a plain RGB or RGBA one (palettes, other colour spaces, sub-images of odd types). */
    private static BufferedImage redraw(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }
}
