package org.torch4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LossHistogramTest {
    // Losses at 0.01, 0.1 and 1 (one decade apart), on edges spanning 1e-2 .. 1e1 with 3 bins of one decade each.
    private static final float[] EPOCH1_TRAIN = {1f, 1.5f, 0.5f, 0.2f};
    private static final float[] EPOCH1_TEST = {1f, 2f};
    private static final float[] EPOCH5_TRAIN = {0.01f, 0.02f, 0.05f, 0.5f};
    private static final float[] EPOCH5_TEST = {0.01f, 5f, 9f};

    private static LossHistogram histogram() {
        return new LossHistogram("net").bins(3).add(1, EPOCH1_TRAIN, EPOCH1_TEST).add(5, EPOCH5_TRAIN, EPOCH5_TEST);
    }

    @Test
    void binsAreLogSpacedDecadesOverAllLosses() {
        assertArrayEquals(new double[] {1e-2, 1e-1, 1e0, 1e1}, histogram().binEdges(), 1e-12);
    }

    @Test
    void seriesAreTheGivenLossesFractionsPerBin() {
        LossHistogram h = histogram();
        XYChart train = h.trainChart();
        assertEquals(List.of("epoch 1", "epoch 5"), List.copyOf(train.getSeriesMap().keySet()));
        XYSeries e1 = train.getSeriesMap().get("epoch 1");
        // bin centres are the geometric middles of the decades
        assertArrayEquals(new double[] {Math.sqrt(1e-3), Math.sqrt(1e-1), Math.sqrt(10)}, e1.getXData(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, e1.getYData(), 1e-12);   // 0.5, 0.2 | 1, 1.5
        assertArrayEquals(new double[] {0.75, 0.25, 0}, train.getSeriesMap().get("epoch 5").getYData(), 1e-12);
        XYChart test = h.testChart();
        assertArrayEquals(new double[] {0, 0, 1}, test.getSeriesMap().get("epoch 1").getYData(), 1e-12);
        assertArrayEquals(new double[] {1 / 3.0, 0, 2 / 3.0}, test.getSeriesMap().get("epoch 5").getYData(), 1e-12);
        assertEquals("per-sample loss (log scale)", train.getXAxisTitle());
        assertEquals("fraction of samples", train.getYAxisTitle());
        assertTrue(train.getStyler().isXAxisLogarithmic());
        assertEquals(List.of(1, 5), h.epochs());
    }

    @Test
    void zeroLossesLandInTheFirstBin() {
        LossHistogram h = new LossHistogram("net").bins(6).add(1, new float[] {0f, 0f, 1f}, new float[0]);
        double[] edges = h.binEdges();
        assertEquals(LossHistogram.FLOOR, edges[0], 1e-18);
        double[] f = h.trainChart().getSeriesMap().get("epoch 1").getYData();
        assertEquals(2 / 3.0, f[0], 1e-12);
        assertEquals(1 / 3.0, f[5], 1e-12);
        // no test losses at all: the test panel still renders
        assertEquals(List.of("no data"), List.copyOf(h.testChart().getSeriesMap().keySet()));
        PlotAssertions.assertNotBlank(h.toImage());
    }

    @Test
    void writesADecodablePng(@TempDir Path dir) throws Exception {
        // A realistic shape: many samples, the train distribution moving left over epochs.
        LossHistogram h = new LossHistogram("net");
        for (int epoch = 1; epoch <= 10; epoch++) {
            if (!LossHistogram.isSelected(epoch, 10, 4)) {
                continue;
            }
            final int e = epoch;
            float[] train = new float[1000];
            float[] test = new float[200];
            IntStream.range(0, train.length).forEach(i -> train[i] = (float) Math.exp(-e - 3.0 * i / 1000));
            IntStream.range(0, test.length).forEach(i -> test[i] = (float) Math.exp(-2 + 0.3 * e * i / 200));
            h.add(epoch, train, test);
        }
        assertEquals(List.of(1, 4, 7, 10), h.epochs());
        Path file = dir.resolve("losses.png");
        h.writePng(file);
        PlotAssertions.assertPng(file, 1200, 450);
    }

    @Test
    void selectsEpochsEvenlyWithFirstAndLast() {
        List<Integer> chosen = IntStream.rangeClosed(1, 10).filter(e -> LossHistogram.isSelected(e, 10, 4)).boxed()
                .toList();
        assertEquals(List.of(1, 4, 7, 10), chosen);
        assertTrue(LossHistogram.isSelected(3, 3, 10));
        assertFalse(LossHistogram.isSelected(1, 3, 1));
        assertTrue(LossHistogram.isSelected(3, 3, 1));
    }

    @Test
    void refusesBadInput() {
        LossHistogram h = new LossHistogram("net").add(2, new float[] {1f}, new float[0]);
        var e = assertThrows(IllegalArgumentException.class, () -> h.add(2, new float[] {1f}, new float[0]));
        assertEquals("epoch: expected epochs in increasing order, got 2 after 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> h.add(3, new float[] {Float.NaN}, new float[0]));
        assertEquals("train: expected finite losses >= 0, got NaN at index 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.add(3, new float[0], new float[0]));
        var s = assertThrows(IllegalStateException.class, () -> new LossHistogram("x").toImage());
        assertEquals("no epochs recorded: call add(epoch, train, test) first", s.getMessage());
    }
}
