package org.torch4j.examples.cli;

import java.util.List;
import java.util.Locale;

/**
 * One epoch's numbers, as one row of {@code metrics.csv}: train loss and error rate, test loss and error
 * rate, the learning rate used, the epoch's wall time.
 *
 * <pre>{@code
 * EpochMetrics m = new EpochMetrics(1, 0.31, 0.09, 0.12, 0.04, 0.1, 12.5);
 * String row = m.csvRow();   // 1,0.310000,...
 * }</pre>
 */
public record EpochMetrics(int epoch, double trainLoss, double trainError, double testLoss, double testError,
        double lr, double seconds) {
    /** The CSV header, matching {@link #csvRow()}. */
    public static final String CSV_HEADER = "epoch,train_loss,train_error,test_loss,test_error,lr,seconds";

    /** This epoch as a CSV row (no newline). */
    public String csvRow() {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.8g,%.3f", epoch, trainLoss, trainError, testLoss,
                testError, lr, seconds);
    }

    /** As stored in a checkpoint: a list of numbers. */
    public List<Object> toList() {
        return List.of((long) epoch, trainLoss, trainError, testLoss, testError, lr, seconds);
    }

    /** The inverse of {@link #toList()}. */
    public static EpochMetrics fromList(List<?> l) {
        if (l.size() != 7) {
            throw new IllegalArgumentException("an epoch's metrics have 7 numbers, got " + l.size());
        }
        return new EpochMetrics(((Number) l.get(0)).intValue(), num(l, 1), num(l, 2), num(l, 3), num(l, 4), num(l, 5),
                num(l, 6));
    }

    private static double num(List<?> l, int i) {
        return ((Number) l.get(i)).doubleValue();
    }
}
