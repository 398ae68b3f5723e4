package org.torch4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class CurvesTest {
    private static final List<Double> TRAIN_LOSS = List.of(0.9, 0.4, 0.25, 0.2);
    private static final List<Double> TEST_LOSS = List.of(0.8, 0.45, 0.4, 0.5);
    private static final List<Double> TRAIN_ERR = List.of(0.3, 0.12, 0.07, 0.05);
    private static final List<Double> TEST_ERR = List.of(0.28, 0.15, 0.12, 0.11);

    @Test
    void seriesAreTheGivenMetrics() {
        Curves curves = new Curves("net", TRAIN_LOSS, TEST_LOSS, TRAIN_ERR, TEST_ERR);
        XYChart loss = curves.lossChart();
        assertEquals(List.of("train", "test"), List.copyOf(loss.getSeriesMap().keySet()));
        assertSeries(loss.getSeriesMap().get("train"), 0.9, 0.4, 0.25, 0.2);
        assertSeries(loss.getSeriesMap().get("test"), 0.8, 0.45, 0.4, 0.5);
        XYChart err = curves.errorChart();
        assertSeries(err.getSeriesMap().get("train"), 30, 12, 7, 5);     // percent
        assertSeries(err.getSeriesMap().get("test"), 28, 15, 12, 11);
        assertEquals("epoch", loss.getXAxisTitle());
        assertEquals("loss (cross-entropy)", loss.getYAxisTitle());
        assertEquals("error rate (%)", err.getYAxisTitle());
        assertEquals("net: loss", loss.getTitle());
        assertTrue(loss.getStyler().isLegendVisible());
    }

    @Test
    void testsRunHeadless() {
        // examples/pom.xml sets java.awt.headless for surefire: plots must render on CI machines without a display.
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
    }

    @Test
    void writesADecodablePngOfTwoPanels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/curves.png");
        new Curves("net", TRAIN_LOSS, TEST_LOSS, TRAIN_ERR, TEST_ERR).writePng(file);
        PlotAssertions.assertPng(file, 1200, 450);
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        BufferedImage small = new Curves("net", TRAIN_LOSS, TEST_LOSS, TRAIN_ERR, TEST_ERR).panelSize(300, 200)
                .toImage();
        assertEquals(600, small.getWidth());
        assertEquals(200, small.getHeight());
        PlotAssertions.assertNotBlank(small);
    }

    @Test
    void withoutTestSplitOnlyTrainIsDrawn() {
        Curves curves = new Curves("net", List.of(1.0), List.of(), List.of(0.5), List.of());
        assertEquals(List.of("train"), List.copyOf(curves.lossChart().getSeriesMap().keySet()));
        PlotAssertions.assertNotBlank(curves.toImage());
    }

    @Test
    void refusesInconsistentInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Curves("net", TRAIN_LOSS, TEST_LOSS, List.of(0.1), TEST_ERR));
        assertEquals("trainError: expected 4 values (one per epoch, like trainLoss), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Curves("net", List.of(1.0), List.of(), List.of(12.0), List.of()));
        assertEquals("trainError: expected a fraction in [0, 1], got 12.0 at epoch 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Curves("net", List.of(Double.NaN), List.of(), List.of(0.1), List.of()));
        assertEquals("trainLoss: expected finite numbers, got NaN at epoch 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Curves("net", List.of(), List.of(), List.of(), List.of()));
    }

    private static void assertSeries(XYSeries series, double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        assertArrayEquals(x, series.getXData(), 1e-12);
        assertArrayEquals(y, series.getYData(), 1e-9);
    }
}
