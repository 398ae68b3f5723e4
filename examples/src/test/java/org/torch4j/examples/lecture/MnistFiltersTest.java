package org.torch4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.datasets.DataDir;
import org.torch4j.datasets.MNIST;

/** The five filters on real MNIST training image 12: PNGs decode, and the identity filter gives the centre. */
class MnistFiltersTest {
    @Test
    void writesFilterImagesAndIdentityIsTheCentre(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = Captured.output(o -> assertEquals(0,
                MnistFilters.run(new String[] {dir.resolve("a/b").toString()}, o, new PrintStream(err, true, StandardCharsets.UTF_8))));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(out.startsWith("x: torch.Size([1, 1, 28, 28]), weight: torch.Size([5, 1, 3, 3]), "
                + "y = F.conv2d(x, weight): torch.Size([1, 5, 26, 26])\n"), out);

        Tensor image;
        try (MNIST train = MNIST.train(DataDir.resolve())) {
            image = train.images().select(0, MnistFilters.IMAGE).toFloat().view(1, 1, 28, 28).clone();
        }
        Tensor centre = image.narrow(2, 1, 26).narrow(3, 1, 26);
        Tensor y = MnistFilters.apply(image);
        assertTrue(y.select(1, 0).equal(centre.select(1, 0)), "identity filter output is not the 26x26 centre");
        // The box filter sums the 3x3 neighbourhood: check one pixel by hand.
        double box = image.narrow(2, 10, 3).narrow(3, 12, 3).sum().itemDouble();
        assertEquals(box, y.index(0, 1, 10, 12).itemDouble(), 1e-3);

        for (int i = 0; i < MnistFilters.NAMES.size(); i++) {
            BufferedImage png = read(dir.resolve("a/b/filter-" + i + "-" + MnistFilters.NAMES.get(i) + ".png"));
            assertEquals(26, png.getWidth());
            assertEquals(26, png.getHeight());
        }
        // The identity PNG, scaled to its own range: MNIST digits span 0..255, so its pixels are the centre's.
        float[] c = centre.toFloatArray();
        assertEquals(0f, centre.min().itemFloat());
        assertEquals(255f, centre.max().itemFloat());
        BufferedImage identity = read(dir.resolve("a/b/filter-0-identity.png"));
        for (int r = 0; r < 26; r++) {
            for (int col = 0; col < 26; col++) {
                assertEquals((int) c[r * 26 + col], identity.getRGB(col, r) & 255, "pixel " + r + "," + col);
            }
        }
        BufferedImage input = read(dir.resolve("a/b/mnist-12.png"));
        assertEquals(List.of(28, 28), List.of(input.getWidth(), input.getHeight()));
        BufferedImage grid = read(dir.resolve("a/b/filters.png"));
        // torchvision's make_grid: 5 images of 26 in a row with padding 2 around each
        assertEquals(List.of(2 + 5 * 28, 30), List.of(grid.getWidth(), grid.getHeight()));
    }

    @Test
    void missingMnistExitsWithOneLine(@TempDir Path empty) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MnistFilters.class.getName(),
                empty.resolve("out").toString());
        pb.environment().put(DataDir.ENV, empty.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(empty.resolve("stderr.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "MnistFilters did not finish");
        assertEquals(1, p.exitValue());
        List<String> lines = java.nio.file.Files.readAllLines(empty.resolve("stderr.txt")).stream()
                .filter(l -> !l.contains("INFO")).toList();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("MnistFilters: MNIST: "), lines.get(0));
        assertTrue(lines.get(0).contains(empty.toString()), lines.get(0));
        assertTrue(!new File(empty.resolve("out").toString()).exists());
    }

    private static BufferedImage read(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " does not decode");
        return image;
    }
}
