package org.torch4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Shared checks: a PNG file decodes to the expected size and is not blank. */
final class PlotAssertions {
    private PlotAssertions() {}

    static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " does not decode as an image");
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        assertNotBlank(image);
        return image;
    }

    /** A chart has text, axes and lines: a good share of its pixels differ from the background. */
    static void assertNotBlank(BufferedImage image) {
        double sum = 0, sumSq = 0;
        int n = 0, nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3.0;
                sum += grey;
                sumSq += grey * grey;
                n++;
                if ((rgb & 0xffffff) != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertTrue(variance > 100, "pixel variance " + variance + ": the image looks blank");
        assertTrue(nonWhite > n / 100, nonWhite + " of " + n + " pixels are not white: the image looks blank");
    }
}
