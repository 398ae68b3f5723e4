package org.torch4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.datasets.CIFAR10;
import org.torch4j.vision.ImageFiles;

/** The CIFAR 4x12 grids on the real sample beside the repository. */
class CifarGridsTest {
    // Tests run in examples/, the sample lies beside the repository root.
    private static final Path SAMPLE = Path.of("..").resolve(CifarGrids.SAMPLE).toAbsolutePath().normalize();

    @Test
    void writesTheThreeGrids(@TempDir Path root) throws Exception {
        Path dir = root.resolve("new");   // not there yet: the program creates it
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE.resolve(CIFAR10.FOLDER)),
                "the CIFAR-10 sample is absent: " + SAMPLE);
        String out = Captured.output(o -> assertEquals(0,
                CifarGrids.run(new String[] {dir.toString(), SAMPLE.toString()}, o, System.err)));
        assertEquals("read 4000 images from " + SAMPLE + "\n" + Stream.of("cifar-4x12.png", "cifar-4x12-rotated.png",
                "cifar-4x12-rotated-and-red.png").map(f -> "wrote " + dir.resolve(f) + "\n")
                .collect(Collectors.joining()), out);

        // 12 columns and 4 rows of 32 pixels, padding 2: 410 x 138; transposed images keep the 32 x 32 size.
        BufferedImage grid = read(dir.resolve("cifar-4x12.png"), 410, 138);
        BufferedImage rotated = read(dir.resolve("cifar-4x12-rotated.png"), 410, 138);
        BufferedImage red = read(dir.resolve("cifar-4x12-rotated-and-red.png"), 410, 138);

        Tensor x;
        try (CIFAR10 cifar = CIFAR10.train(SAMPLE, List.of(CIFAR10.TRAIN_FILES.get(0)))) {
            x = cifar.images().narrow(0, 0, 48).clone();
        }
        // Image 13 (row 1, column 1) at pixel (row 5, column 9): the grid holds it there, the rotated grid at
        // (9, 5); the red grid keeps only its red channel.
        int ox = 2 + 34, oy = 2 + 34;
        int r = (int) x.index(13, 0, 5, 9).itemLong();
        int g = (int) x.index(13, 1, 5, 9).itemLong();
        int b = (int) x.index(13, 2, 5, 9).itemLong();
        assertEquals((r << 16) | (g << 8) | b, grid.getRGB(ox + 9, oy + 5) & 0xffffff);
        assertEquals((r << 16) | (g << 8) | b, rotated.getRGB(ox + 5, oy + 9) & 0xffffff);
        assertEquals(r << 16, red.getRGB(ox + 5, oy + 9) & 0xffffff);
        // The whole red grid has no green or blue anywhere inside the images.
        Tensor back = ImageFiles.readImage(dir.resolve("cifar-4x12-rotated-and-red.png"));
        assertEquals(0L, back.narrow(0, 1, 2).sum().itemLong());
        assertTrue(back.narrow(0, 0, 1).sum().itemLong() > 0);
    }

    @Test
    void withoutCifarItSaysWhereItLooked(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-cifar");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CifarGrids.run(new String[] {dir.resolve("out").toString(), nowhere.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("CifarGrids: no CIFAR-10 found: looked for cifar-10-batches-bin/data_batch_1.bin in " + nowhere
                + "; pass a directory holding it as the second argument\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(dir.resolve("out")));
    }

    private static BufferedImage read(Path file, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " does not decode");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }
}
