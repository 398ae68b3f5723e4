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
 * The lecture's over-fitting picture: the distribution of the per-sample loss on the training set (left panel)
 * and the test set (right panel), one curve per recorded epoch. Over epochs the train losses slide towards zero
 * while the test losses of misclassified samples grow a heavy right tail.
 *
 * <pre>{@code
 * LossHistogram histogram = new LossHistogram("cifar-lecture");
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     // ... train one epoch ...
 *     if (LossHistogram.isSelected(epoch, epochs, 5)) {
 *         float[] train = F.crossEntropy(model.forward(x), y, Reduction.NONE).toFloatArray();
 *         float[] test = F.crossEntropy(model.forward(xTest), yTest, Reduction.NONE).toFloatArray();
 *         histogram.add(epoch, train, test);
 *     }
 * }
 * histogram.writePng(Path.of("runs/1/losses.png"));
 * }</pre>
 *
 * <p>The loss axis is logarithmic (losses span many decades); losses below {@link #FLOOR}, including exact
 * zeros, are counted in the first bin. The y axis is the fraction of the samples per bin, so train and test sets
 * of different sizes compare.
 */
public final class LossHistogram {
    /** Losses below this are drawn at it: a log axis has no zero. */
    public static final double FLOOR = 1e-6;

    private static final double SLACK = 1e-6;

    private record Snapshot(int epoch, float[] train, float[] test) {}

    private final String title;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int bins = 40;
    private int panelWidth = 600, panelHeight = 450;

    /** @param title shown above both panels, e.g. the model's name */
    public LossHistogram(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Whether {@code epoch} (1-based) is one of about {@code count} epochs spread evenly over {@code 1..epochs},
     * always including the first and the last: the epochs worth the cost of a per-sample loss pass.
     */
    public static boolean isSelected(int epoch, int epochs, int count) {
        if (epochs < 1 || count < 1 || epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("isSelected: expected 1 <= epoch <= epochs and count >= 1, got epoch "
                    + epoch + ", epochs " + epochs + ", count " + count);
        }
        if (count == 1) {
            return epoch == epochs;
        }
        for (int k = 0; k < count; k++) {
            if (epoch == 1 + Math.round((double) k * (epochs - 1) / (count - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records the per-sample losses of one epoch. The arrays are copied; {@code test} may be empty (no test split).
     *
     * @throws IllegalArgumentException for an epoch not after the last one added, an empty {@code train}, or a
     *                                  negative or non-finite loss
     */
    public LossHistogram add(int epoch, float[] train, float[] test) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!snapshots.isEmpty() && epoch <= snapshots.get(snapshots.size() - 1).epoch) {
            throw new IllegalArgumentException("epoch: expected epochs in increasing order, got " + epoch + " after "
                    + snapshots.get(snapshots.size() - 1).epoch);
        }
        if (train.length == 0) {
            throw new IllegalArgumentException("train: expected at least one per-sample loss, got none");
        }
        checkLosses("train", train);
        checkLosses("test", test);
        snapshots.add(new Snapshot(epoch, train.clone(), test.clone()));
        return this;
    }

    /** Number of bins over the loss range (default 40). */
    public LossHistogram bins(int n) {
        if (n < 2 || n > 1000) {
            throw new IllegalArgumentException("bins: expected 2 to 1000, got " + n);
        }
        this.bins = n;
        return this;
    }

    /** The size of each of the two panels (default 600 x 450); the image is twice as wide. */
    public LossHistogram panelSize(int width, int height) {
        Panels.checkSize(width, height);
        this.panelWidth = width;
        this.panelHeight = height;
        return this;
    }

    /** The recorded epochs, in order. */
    public List<Integer> epochs() {
        return snapshots.stream().map(Snapshot::epoch).toList();
    }

    /** Series name of an epoch's curve, as the legends show it. */
    public static String seriesName(int epoch) {
        return "epoch " + epoch;
    }

    /** The training-set distributions, one series per recorded epoch. */
    public XYChart trainChart() {
        return chart(title + ": train per-sample loss", true);
    }

    /** The test-set distributions, one series per recorded epoch with test losses. */
    public XYChart testChart() {
        return chart(title + ": test per-sample loss", false);
    }

    /** Both panels, train left and test right. */
    public BufferedImage toImage() {
        return Panels.render(List.of(trainChart(), testChart()), panelWidth, panelHeight);
    }

    /** Writes {@link #toImage()} as a PNG file (atomically; parent directories are created). */
    public void writePng(Path path) {
        Panels.writePng(toImage(), path);
    }

    /**
     * The bin edges (log-spaced, {@code bins + 1} of them) shared by every curve of both panels, so that curves
     * compare: from the decade at or below the smallest loss (at least {@link #FLOOR}) to the decade at or above
     * the largest.
     */
    public double[] binEdges() {
        requireData();
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Snapshot s : snapshots) {
            for (float[] losses : new float[][] {s.train, s.test}) {
                for (float v : losses) {
                    double c = Math.max(v, FLOOR);
                    min = Math.min(min, c);
                    max = Math.max(max, c);
                }
            }
        }
        // The slack keeps float losses such as 0.01f (0.0099999998) in the decade they are written in.
        double lo = Math.floor(Math.log10(min) + SLACK);
        double hi = Math.ceil(Math.log10(max) - SLACK);
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = Math.pow(10, lo + (hi - lo) * i / bins);
        }
        return edges;
    }

    /** The fraction of {@code losses} in each bin of {@code edges} (first bin closed below, last closed above). */
    public static double[] fractions(float[] losses, double[] edges) {
        double[] f = new double[edges.length - 1];
        if (losses.length == 0) {
            return f;
        }
        double lo = Math.log10(edges[0]), hi = Math.log10(edges[edges.length - 1]);
        for (float v : losses) {
            double x = Math.log10(Math.max(v, FLOOR));
            int bin = (int) Math.floor((x - lo) / (hi - lo) * f.length + SLACK);
            f[Math.min(Math.max(bin, 0), f.length - 1)] += 1.0 / losses.length;
        }
        return f;
    }

    private XYChart chart(String chartTitle, boolean train) {
        requireData();
        double[] edges = binEdges();
        // Each bin is drawn at its geometric centre: the middle on a log axis.
        double[] centres = new double[bins];
        for (int i = 0; i < bins; i++) {
            centres[i] = Math.sqrt(edges[i] * edges[i + 1]);
        }
        XYChart chart = new XYChartBuilder().width(panelWidth).height(panelHeight).title(chartTitle)
                .xAxisTitle("per-sample loss (log scale)").yAxisTitle("fraction of samples").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        for (Snapshot s : snapshots) {
            float[] losses = train ? s.train : s.test;
            if (losses.length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(seriesName(s.epoch), centres, fractions(losses, edges));
            series.setMarker(SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot lay out an empty chart; an all-zero line says "no test data" without failing the run.
            chart.addSeries("no data", centres, new double[bins]).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private void requireData() {
        if (snapshots.isEmpty()) {
            throw new IllegalStateException("no epochs recorded: call add(epoch, train, test) first");
        }
    }

    private static void checkLosses(String name, float[] losses) {
        for (int i = 0; i < losses.length; i++) {
            if (!(losses[i] >= 0) || Float.isInfinite(losses[i])) {
                throw new IllegalArgumentException(name + ": expected finite losses >= 0, got " + losses[i]
                        + " at index " + i);
            }
        }
    }
}
