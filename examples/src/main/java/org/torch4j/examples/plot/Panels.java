package org.torch4j.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Draws XChart charts side by side into one image and writes it as PNG. Shared by {@link Curves} and
 * {@link LossHistogram}; not public API.
 *
 * <pre>{@code
 * BufferedImage image = Panels.render(List.of(lossChart, errorChart), 600, 450);
 * Panels.writePng(image, Path.of("curves.png"));
 * }</pre>
 */
final class Panels {
    private Panels() {}

    /** The charts left to right, each {@code panelWidth x panelHeight}, on a white background. */
    static BufferedImage render(List<? extends Chart<?, ?>> charts, int panelWidth, int panelHeight) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("charts: expected at least one chart, got none");
        }
        checkSize(panelWidth, panelHeight);
        BufferedImage image = new BufferedImage(panelWidth * charts.size(), panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D panel = (Graphics2D) g.create(i * panelWidth, 0, panelWidth, panelHeight);
                try {
                    charts.get(i).paint(panel, panelWidth, panelHeight);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes {@code image} as PNG through a temporary file and a rename, so that a reader (or a run killed
     * mid-write) never sees half a file; creates missing parent directories.
     */
    static void writePng(BufferedImage image, Path path) {
        Objects.requireNonNull(path, "path");
        Path absolute = path.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            try {
                if (!ImageIO.write(image, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer in this JVM");
                }
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    static void checkSize(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("panel size: expected at least 100 x 100 pixels, got " + width + " x "
                    + height);
        }
    }
}
