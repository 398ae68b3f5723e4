package org.torch4j.examples.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lecture's training curves: loss per epoch (left panel) and error rate per epoch (right panel), train and
 * test, epochs numbered from 1.
 *
 * <pre>{@code
 * Curves curves = new Curves("mnist-lecture",
 *         List.of(0.21, 0.05, 0.03),          // train loss per epoch
 *         List.of(0.07, 0.04, 0.035),         // test loss
 *         List.of(0.065, 0.015, 0.009),       // train error rate, a fraction in [0, 1]
 *         List.of(0.021, 0.013, 0.011));      // test error rate
 * curves.writePng(Path.of("runs/1/curves.png"));
 * BufferedImage image = curves.toImage();     // for a notebook
 * }</pre>
 *
 * <p>Error rates are given as fractions and plotted in percent. The test lists may be empty (no test split): then
 * only the train series are drawn.
 */
public final class Curves {
    /** Series names, as the legends show them. */
    public static final String TRAIN = "train", TEST = "test";

    private final String title;
    private final List<Double> trainLoss, testLoss, trainError, testError;
    private int panelWidth = 600, panelHeight = 450;

    /**
     * @param title      shown above both panels, e.g. the model's name
     * @param trainLoss  mean training loss of each epoch
     * @param testLoss   mean test loss of each epoch, or empty
     * @param trainError training error rate of each epoch, in [0, 1]
     * @param testError  test error rate of each epoch, in [0, 1], or empty
     */
    public Curves(String title, List<? extends Number> trainLoss, List<? extends Number> testLoss,
            List<? extends Number> trainError, List<? extends Number> testError) {
        this.title = Objects.requireNonNull(title, "title");
        this.trainLoss = copy("trainLoss", trainLoss);
        this.testLoss = copy("testLoss", testLoss);
        this.trainError = copy("trainError", trainError);
        this.testError = copy("testError", testError);
        if (this.trainLoss.isEmpty()) {
            throw new IllegalArgumentException("trainLoss: expected at least one epoch, got none");
        }
        int n = this.trainLoss.size();
        checkLength("trainError", this.trainError, n, false);
        checkLength("testLoss", this.testLoss, n, true);
        checkLength("testError", this.testError, n, true);
        if (this.testLoss.isEmpty() != this.testError.isEmpty()) {
            throw new IllegalArgumentException("testLoss and testError: expected both or neither, got "
                    + this.testLoss.size() + " and " + this.testError.size() + " values");
        }
        checkRates("trainError", this.trainError);
        checkRates("testError", this.testError);
    }

    /** The size of each of the two panels (default 600 x 450); the image is twice as wide. */
    public Curves panelSize(int width, int height) {
        Panels.checkSize(width, height);
        this.panelWidth = width;
        this.panelHeight = height;
        return this;
    }

    /** Loss against epoch, series {@link #TRAIN} and {@link #TEST}. */
    public XYChart lossChart() {
        return chart(title + ": loss", "loss (cross-entropy)", trainLoss, testLoss, 1.0);
    }

    /** Error rate in percent against epoch, series {@link #TRAIN} and {@link #TEST}. */
    public XYChart errorChart() {
        return chart(title + ": error rate", "error rate (%)", trainError, testError, 100.0);
    }

    /** Both panels, loss left and error rate right. */
    public BufferedImage toImage() {
        return Panels.render(List.of(lossChart(), errorChart()), panelWidth, panelHeight);
    }

    /** Writes {@link #toImage()} as a PNG file (atomically; parent directories are created). */
    public void writePng(Path path) {
        Panels.writePng(toImage(), path);
    }

    private XYChart chart(String chartTitle, String yTitle, List<Double> train, List<Double> test, double scale) {
        XYChart chart = new XYChartBuilder().width(panelWidth).height(panelHeight).title(chartTitle)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("#");
        addSeries(chart, TRAIN, train, scale);
        if (!test.isEmpty()) {
            addSeries(chart, TEST, test, scale);
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<Double> values, double scale) {
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = values.get(i) * scale;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    private static List<Double> copy(String name, List<? extends Number> values) {
        Objects.requireNonNull(values, name);
        List<Double> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Number v = values.get(i);
            if (v == null || !Double.isFinite(v.doubleValue())) {
                throw new IllegalArgumentException(name + ": expected finite numbers, got " + v + " at epoch "
                        + (i + 1));
            }
            out.add(v.doubleValue());
        }
        return List.copyOf(out);
    }

    private static void checkLength(String name, List<Double> values, int n, boolean mayBeEmpty) {
        if (values.size() != n && !(mayBeEmpty && values.isEmpty())) {
            throw new IllegalArgumentException(name + ": expected " + n + " values (one per epoch, like trainLoss)"
                    + (mayBeEmpty ? " or none" : "") + ", got " + values.size());
        }
    }

    private static void checkRates(String name, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException(name + ": expected a fraction in [0, 1], got " + v + " at epoch "
                        + (i + 1));
            }
        }
    }
}
