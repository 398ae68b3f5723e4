package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Reading and writing image files: PNG exactly, JPEG within a tolerance, and every kind of bad file or path. */
class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void pngRoundTripIsExact() {
        try (Scope scope = Scope.open()) {
            Tensor rgb = Torch.randint(0, 256, 3, 9, 11).to(DType.UINT8);
            Path file = dir.resolve("rgb.png");
            ImageFiles.saveImage(rgb, file);   // one image: no grid padding
            Tensor back = ImageFiles.readImage(file);
            assertEquals(DType.UINT8, back.dtype());
            assertTrue(back.equal(rgb));

            Tensor gray = Torch.randint(0, 256, 9, 11).to(DType.UINT8);
            BufferedImage img = TensorImages.toBufferedImage(gray);
            Path grayFile = dir.resolve("gray.png");
            assertTrue(writeWithImageIo(img, "png", grayFile));
            Tensor grayBack = ImageFiles.readImage(grayFile);
            assertArrayEquals(new long[] {1, 9, 11}, grayBack.shape().toArray());
            assertTrue(grayBack.squeeze(0).equal(gray));
        }
    }

    @Test
    void savedGrayBatchBecomesRgbAsInTorchvision() {
        try (Scope scope = Scope.open()) {
            Tensor gray = Torch.rand(4, 1, 5, 5);
            Path file = dir.resolve("gray-grid.png");
            ImageFiles.saveImage(gray, file, 2, 1, false);
            Tensor back = ImageFiles.readImage(file);
            assertArrayEquals(new long[] {3, 13, 13}, back.shape().toArray());
            assertTrue(back.select(0, 0).equal(back.select(0, 1)) && back.select(0, 1).equal(back.select(0, 2)));
        }
    }

    @Test
    void pngWithAlphaKeepsOrDropsIt() throws IOException {
        BufferedImage argb = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(3, 2, 0x40102030);
        Path file = dir.resolve("alpha.png");
        assertTrue(writeWithImageIo(argb, "png", file));
        try (Scope scope = Scope.open()) {
            Tensor kept = ImageFiles.readImage(file);
            assertArrayEquals(new long[] {4, 3, 4}, kept.shape().toArray());
            assertEquals(0x40, kept.select(0, 3).select(0, 2).select(0, 3).itemLong());
            assertEquals(0x10, kept.select(0, 0).select(0, 2).select(0, 3).itemLong());
            Tensor dropped = ImageFiles.readImage(file, Alpha.DROP);
            assertTrue(dropped.equal(kept.narrow(0, 0, 3)));
        }
    }

    @Test
    void jpegReadsBackWithinTolerance() {
        try (Scope scope = Scope.open()) {
            // a smooth picture: JPEG keeps it to within a few levels
            Tensor y = Torch.arange(0, 32).toFloat().div(31).view(1, 32, 1).expand(1, 32, 48);
            Tensor x = Torch.arange(0, 48).toFloat().div(47).view(1, 1, 48).expand(1, 32, 48);
            Tensor img = Torch.cat(new Tensor[] {y, x, y.add(x).div(2)}, 0).mul(0.8).add(0.1);
            Path file = dir.resolve("smooth.jpg");
            ImageFiles.saveImage(img, file);
            assertEquals("jpeg", formatOf(file));
            Tensor back = ImageFiles.readImage(file);
            assertArrayEquals(new long[] {3, 32, 48}, back.shape().toArray());
            Tensor exact = img.mul(255).add(0.5).floor();
            double meanErr = back.toFloat().sub(exact).abs().mean().itemDouble();
            double maxErr = back.toFloat().sub(exact).abs().max().itemDouble();
            assertTrue(meanErr < 3.0, "mean error " + meanErr);
            assertTrue(maxErr < 24.0, "max error " + maxErr);
            assertTrue(meanErr > 0 || maxErr == 0);
        }
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.png");
        var e = assertThrows(UncheckedIOException.class, () -> ImageFiles.readImage(missing));
        assertEquals("cannot read image " + missing + ": no such file", e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void directoryInsteadOfFile() {
        var e = assertThrows(UncheckedIOException.class, () -> ImageFiles.readImage(dir));
        assertEquals("java.io.IOException: cannot read image " + dir + ": expected a file but found a directory",
                e.getMessage());
    }

    @Test
    void notAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "hello, not a picture");
        var e = assertThrows(ImageFormatException.class, () -> ImageFiles.readImage(text));
        assertEquals(text + ": expected an image (PNG, JPEG, BMP, GIF) but found 20 bytes no javax.imageio decoder "
                + "recognises, starting with 68 65 6c 6c 6f 2c 20 6e", e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        var e = assertThrows(ImageFormatException.class, () -> ImageFiles.readImage(empty));
        assertEquals(empty + ": expected an image (PNG, JPEG, BMP, GIF) but the file is empty", e.getMessage());
    }

    @Test
    void truncatedPng() throws IOException {
        Path whole = dir.resolve("whole.png");
        try (Scope scope = Scope.open()) {
            ImageFiles.saveImage(Torch.rand(3, 40, 40), whole);
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(ImageFormatException.class, () -> ImageFiles.readImage(cut));
        assertTrue(e.getMessage().startsWith(cut + ": expected a complete png image but decoding failed: "),
                e.getMessage());
    }

    @Test
    void unwritablePaths() throws IOException {
        try (Scope scope = Scope.open()) {
            Tensor img = Torch.rand(3, 4, 4);
            Path noParent = dir.resolve("missing-dir").resolve("x.png");
            var e = assertThrows(UncheckedIOException.class, () -> ImageFiles.saveImage(img, noParent));
            assertTrue(e.getMessage().startsWith("cannot write image " + noParent + ": "), e.getMessage());
            assertFalse(Files.exists(noParent));

            Path asDir = Files.createDirectory(dir.resolve("taken.png"));
            e = assertThrows(UncheckedIOException.class, () -> ImageFiles.saveImage(img, asDir));
            assertEquals("java.io.IOException: cannot write image " + asDir + ": it is a directory", e.getMessage());

            var bad = assertThrows(IllegalArgumentException.class,
                    () -> ImageFiles.saveImage(img, dir.resolve("picture.xyz")));
            assertEquals("saveImage takes the format from the file name's extension (png, jpg, jpeg, bmp, gif), got "
                    + dir.resolve("picture.xyz"), bad.getMessage());
            assertFalse(Files.exists(dir.resolve("picture.xyz")));
        }
    }

    @Test
    void badTensorsForSaveImage() {
        try (Scope scope = Scope.open()) {
            Path file = dir.resolve("bad.png");
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ImageFiles.saveImage(Torch.zeros(0, 3, 8, 8), file));
            assertEquals("makeGrid got an empty batch, shape torch.Size([0, 3, 8, 8])", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> ImageFiles.saveImage(Torch.zeros(2, 4, 8, 8), file));
            assertEquals("saveImage writes images of 1 or 3 channels, got shape torch.Size([2, 4, 8, 8]) (a grid of "
                    + "shape torch.Size([4, 12, 22]))", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ImageFiles.saveImage(Torch.zeros(new long[] {2, 3, 8, 8}, DType.INT32), file));
            assertTrue(e.getMessage().contains("got torch.int32"), e.getMessage());
            assertFalse(Files.exists(file), "nothing written for a bad tensor");
            assertEquals(3, scope.size(), "only the three inputs: nothing leaked");
        }
    }

    @Test
    void uint8IsWrittenAsIs() {
        try (Scope scope = Scope.open()) {
            Tensor batch = Torch.randint(0, 256, 3, 3, 4, 4).to(DType.UINT8);
            Path file = dir.resolve("u8.png");
            ImageFiles.saveImage(batch, file, 3, 1, false);
            Tensor back = ImageFiles.readImage(file);
            assertTrue(back.equal(Grid.makeGrid(batch, 3, 1, false)));
        }
    }

    private static boolean writeWithImageIo(BufferedImage img, String format, Path file) {
        try {
            return ImageIO.write(img, format, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String formatOf(Path file) {
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            return ImageIO.getImageReaders(in).next().getFormatName().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
