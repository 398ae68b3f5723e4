package org.torch4j.examples.notebook;

import java.util.Locale;

/**
 * A one-line text progress indicator for a training loop in a notebook: epoch, a bar over the epoch's steps,
 * the running mean loss of the epoch and the throughput.
 *
 * <p>Lines redrawn with {@code '\r'} do not render in a notebook's saved output, so a notebook shows this text with
 * its kernel's {@code display(...)} once and refreshes it with {@code updateDisplay(id, ...)}: Jupyter replaces the
 * output in place, in the browser and in {@code jupyter nbconvert --execute}'s file alike. This class only builds
 * the text; it has no kernel dependency.
 *
 * <pre>{@code
 * TrainingProgress progress = new TrainingProgress(epochs, batchesPerEpoch);
 * String id = display(progress.text());
 * for (int e = 1; e <= epochs; e++) {
 *     for (int b = 1; b <= batchesPerEpoch; b++) {
 *         // ... one step with loss value l on n samples ...
 *         progress.step(e, b, l, n);
 *         if (b % 10 == 0 || b == batchesPerEpoch) updateDisplay(id, progress.text());
 *     }
 * }
 * // epoch 3/5 [##########----------]  50/100 steps, loss 0.1234, 1830 samples/s
 * }</pre>
 */
public final class TrainingProgress {
    private static final int WIDTH = 20;

    private final int epochs;
    private final int steps;
    private int epoch;
    private int step;
    private double lossSum;
    private long samples;
    private long epochStartNanos;

    /**
     * @param epochs        the number of epochs, at least 1
     * @param stepsPerEpoch the number of steps (batches) in each epoch, at least 1
     */
    public TrainingProgress(int epochs, int stepsPerEpoch) {
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("TrainingProgress: expected epochs >= 1 and stepsPerEpoch >= 1, got "
                    + epochs + " and " + stepsPerEpoch);
        }
        this.epochs = epochs;
        this.steps = stepsPerEpoch;
    }

    /**
     * Records step {@code step} (1-based) of epoch {@code epoch} (1-based) with its loss on {@code samples}
     * samples. A new epoch restarts the running loss and the clock.
     */
    public TrainingProgress step(int epoch, int step, double loss, long samples) {
        if (epoch < 1 || epoch > epochs || step < 1 || step > steps) {
            throw new IllegalArgumentException("TrainingProgress.step: expected epoch in 1.." + epochs
                    + " and step in 1.." + steps + ", got epoch " + epoch + ", step " + step);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("TrainingProgress.step: expected samples >= 1, got " + samples);
        }
        if (epoch != this.epoch) {
            this.epoch = epoch;
            this.lossSum = 0;
            this.samples = 0;
            // The clock starts at the first step's end: that step's own time is lost, the rate stays honest.
            this.epochStartNanos = System.nanoTime();
        } else {
            this.samples += samples;
        }
        this.step = step;
        this.lossSum += loss;
        return this;
    }

    /** The running mean loss of the current epoch's steps so far; NaN before the first step. */
    public double runningLoss() {
        return step == 0 ? Double.NaN : lossSum / step;
    }

    /**
     * The progress line, e.g. {@code epoch 3/5 [##########----------]  50/100 steps, loss 0.1234, 1830 samples/s};
     * {@code starting} before the first step.
     */
    public String text() {
        if (epoch == 0) {
            return "epoch 0/" + epochs + " [" + "-".repeat(WIDTH) + "] starting";
        }
        int filled = (int) ((long) step * WIDTH / steps);
        StringBuilder line = new StringBuilder();
        line.append("epoch ").append(epoch).append('/').append(epochs).append(" [")
                .append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
        String width = "%" + String.valueOf(steps).length() + "d";
        line.append(String.format(Locale.ROOT, width, step)).append('/').append(steps).append(" steps, loss ")
                .append(String.format(Locale.ROOT, "%.4f", runningLoss()));
        double seconds = (System.nanoTime() - epochStartNanos) / 1e9;
        if (samples > 0 && seconds > 0) {
            line.append(String.format(Locale.ROOT, ", %.0f samples/s", samples / seconds));
        }
        return line.toString();
    }
}
