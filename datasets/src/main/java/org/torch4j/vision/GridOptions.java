package org.torch4j.vision;

/**
 * The parameters of {@link Grid#makeGrid(org.torch4j.Tensor, GridOptions)} and
 * {@link ImageFiles#saveImage(org.torch4j.Tensor, java.nio.file.Path, GridOptions)}, with torchvision's
 * defaults: {@code nrow} 8, {@code padding} 2, no normalisation, pad value 0.
 *
 * <pre>{@code
 * GridOptions opts = GridOptions.defaults().nrow(12).padValue(1.0);
 * GridOptions scaled = GridOptions.defaults().normalize(true).valueRange(-1, 1).scaleEach(true);
 * }</pre>
 *
 * @param nrow       images per grid row (at least 1)
 * @param padding    pixels between images and around the grid (at least 0)
 * @param normalize  shift each value to [0, 1] by a min and max (those of {@code valueRange}, else the tensor's)
 * @param valueRange {@code {low, high}} for {@code normalize}, or {@code null} for the tensor's min and max
 * @param scaleEach  with {@code normalize}, take the min and max of each image rather than of the batch
 * @param padValue   the value of the padding pixels
 */
public record GridOptions(int nrow, int padding, boolean normalize, double[] valueRange, boolean scaleEach,
        double padValue) {

    public GridOptions {
        if (nrow < 1) {
            throw new IllegalArgumentException("nrow must be at least 1, got " + nrow);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be at least 0, got " + padding);
        }
        if (valueRange != null) {
            if (valueRange.length != 2) {
                throw new IllegalArgumentException("valueRange must be {low, high}, got " + valueRange.length
                        + " values");
            }
            valueRange = valueRange.clone();
        }
    }

    /** torchvision's defaults: nrow 8, padding 2, no normalisation, pad value 0. */
    public static GridOptions defaults() {
        return new GridOptions(8, 2, false, null, false, 0.0);
    }

    @Override
    public double[] valueRange() {
        return valueRange == null ? null : valueRange.clone();
    }

    public GridOptions nrow(int n) {
        return new GridOptions(n, padding, normalize, valueRange, scaleEach, padValue);
    }

    public GridOptions padding(int p) {
        return new GridOptions(nrow, p, normalize, valueRange, scaleEach, padValue);
    }

    public GridOptions normalize(boolean on) {
        return new GridOptions(nrow, padding, on, valueRange, scaleEach, padValue);
    }

    /** The min and max that {@code normalize} maps to 0 and 1 (values outside are clamped first). */
    public GridOptions valueRange(double low, double high) {
        return new GridOptions(nrow, padding, normalize, new double[] {low, high}, scaleEach, padValue);
    }

    public GridOptions scaleEach(boolean on) {
        return new GridOptions(nrow, padding, normalize, valueRange, on, padValue);
    }

    public GridOptions padValue(double v) {
        return new GridOptions(nrow, padding, normalize, valueRange, scaleEach, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridOptions g && nrow == g.nrow && padding == g.padding && normalize == g.normalize
                && java.util.Arrays.equals(valueRange, g.valueRange) && scaleEach == g.scaleEach
                && Double.compare(padValue, g.padValue) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(nrow, padding, normalize, java.util.Arrays.hashCode(valueRange), scaleEach,
                padValue);
    }

    @Override
    public String toString() {
        return "GridOptions[nrow=" + nrow + ", padding=" + padding + ", normalize=" + normalize + ", valueRange="
                + java.util.Arrays.toString(valueRange) + ", scaleEach=" + scaleEach + ", padValue=" + padValue + "]";
    }
}
