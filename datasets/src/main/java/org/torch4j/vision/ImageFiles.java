package org.torch4j.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * Image files and tensors, with javax.imageio: torchvision's {@code save_image} and {@code read_image}.
 *
 * <pre>{@code
 * Tensor x = Torch.rand(50, 3, 32, 32).narrow(0, 0, 48);             // float pixels in [0, 1]
 * ImageFiles.saveImage(x, Path.of("cifar-4x12.png"), 12, 2, false);   // 410 x 138 pixels
 * x.transpose_(2, 3);                                                  // the lecture's rotated variant
 * ImageFiles.saveImage(x, Path.of("cifar-4x12-rotated.png"), 12, 2, false);
 * Tensor back = ImageFiles.readImage(Path.of("cifar-4x12.png"));      // uint8 3 x 138 x 410
 * }</pre>
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** {@code save_image(tensor, path)} with torchvision's defaults (nrow 8, padding 2). */
    public static void saveImage(Tensor tensor, Path path) {
        saveImage(tensor, path, GridOptions.defaults());
    }

    /** {@code save_image(tensor, path, nrow=nrow, padding=padding, normalize=normalize)}. */
    public static void saveImage(Tensor tensor, Path path, int nrow, int padding, boolean normalize) {
        saveImage(tensor, path, GridOptions.defaults().nrow(nrow).padding(padding).normalize(normalize));
    }

    /**
     * Writes {@code tensor} (a batch {@code N x C x H x W}, or one image {@code C x H x W} or {@code H x W}) as a
     * grid made by {@link Grid#makeGrid(Tensor, GridOptions)}, in the format that the file name's extension
     * names ({@code .png}, {@code .jpg}/{@code .jpeg}, {@code .bmp}, ...). Floating-point pixels are read as
     * [0, 1] and written as torchvision does ({@code x * 255 + 0.5}, clamped to [0, 255], truncated); uint8
     * pixels are written as they are (where torchvision's save_image would overflow multiplying them by 255).
     * Images must have 1 or 3 channels.
     *
     * @throws UncheckedIOException when the file cannot be written; the message names it
     */
    public static void saveImage(Tensor tensor, Path path, GridOptions options) {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        String format = formatOf(path);
        BufferedImage image;
        try (Scope scope = Scope.open()) {
            Tensor grid = Grid.makeGrid(tensor, options);
            if (grid.dim() == 3 && grid.size(0) != 3 && grid.size(0) != 1) {
                throw new IllegalArgumentException("saveImage writes images of 1 or 3 channels, got shape "
                        + tensor.shape() + " (a grid of shape " + grid.shape() + ")");
            }
            image = TensorImages.toBufferedImage(grid);
        }
        if (Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("cannot write image " + path + ": it is a directory"));
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("javax.imageio has no " + format + " writer for " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + path + ": " + e, e);
        }
    }

    /** {@link #readImage(Path, Alpha)} keeping alpha where the file has it, as torchvision's read_image. */
    public static Tensor readImage(Path path) {
        return readImage(path, Alpha.KEEP);
    }

    /**
     * The first image of a PNG, JPEG, BMP or GIF file (any format javax.imageio reads) as a uint8
     * {@code C x H x W} tensor: see {@link TensorImages#fromBufferedImage(BufferedImage, Alpha)}.
     *
     * @throws UncheckedIOException when the file is missing, a directory or unreadable; the message names it
     * @throws ImageFormatException when the file holds no image javax.imageio can decode, or a corrupt one
     */
    public static Tensor readImage(Path path, Alpha alpha) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(alpha, "alpha");
        return TensorImages.fromBufferedImage(decode(path), alpha);
    }

    private static BufferedImage decode(Path path) {
        if (Files.isDirectory(path)) {
            throw new UncheckedIOException(new IOException("cannot read image " + path
                    + ": expected a file but found a directory"));
        }
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read image " + path + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path + ": " + e, e);
        }
        if (size == 0) {
            throw new ImageFormatException(path + ": expected an image (PNG, JPEG, BMP, GIF) but the file is empty");
        }
        try (InputStream in = Files.newInputStream(path);
                ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageFormatException(path + ": expected an image (PNG, JPEG, BMP, GIF) but found "
                        + size + " bytes no javax.imageio decoder recognises, starting with " + head(path));
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName();
            try {
                reader.setInput(iis, true, true);
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new ImageFormatException(path + ": expected a complete " + format
                        + " image but decoding failed: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path + ": " + e, e);
        }
    }

    private static String head(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(8);
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                sb.append(String.format(Locale.ROOT, "%02x ", x & 0xff));
            }
            return sb.toString().trim();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static String formatOf(Path path) {
        Path name = path.getFileName();
        String file = name == null ? "" : name.toString();
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.isEmpty() || !ImageIO.getImageWritersBySuffix(ext).hasNext()) {
            throw new IllegalArgumentException("saveImage takes the format from the file name's extension "
                    + "(png, jpg, jpeg, bmp, gif), got " + path);
        }
        return ext;
    }
}
