package org.torch4j.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.examples.plot.Curves;
import org.torch4j.examples.plot.LossHistogram;

/**
 * The run directory's pictures, redrawn after every epoch: {@code curves.png} (loss and error rate per
 * epoch, train and test) and {@code losses.png} (the distribution of per-sample losses on train and test
 * at a few epochs spread over the run: the lecture's over-fitting picture).
 *
 * <pre>{@code
 * TrainingPlots plots = new TrainingPlots(run, "mnist-lecture");
 * plots.epochDone(epoch, epochs, history, trainLossesOfTheEpoch, testEvaluation.losses());
 * }</pre>
 *
 * Train losses are those of each sample when its batch was trained on (a resumed epoch has only the
 * part after the restart); test losses come from the end-of-epoch evaluation.
 */
final class TrainingPlots {
    /** How many epochs the loss distribution shows, spread over the run. */
    private static final int HISTOGRAM_EPOCHS = 4;

    private final RunDirectory run;
    private final String model;
    private final LossHistogram histogram;

    TrainingPlots(RunDirectory run, String model) {
        this.run = run;
        this.model = model;
        this.histogram = new LossHistogram(model);
    }

    void epochDone(int epoch, int epochs, List<EpochMetrics> history, List<float[]> trainLosses, float[] testLosses) {
        List<Double> trainLoss = new ArrayList<>();
        List<Double> testLoss = new ArrayList<>();
        List<Double> trainError = new ArrayList<>();
        List<Double> testError = new ArrayList<>();
        for (EpochMetrics m : history) {
            trainLoss.add(m.trainLoss());
            testLoss.add(m.testLoss());
            trainError.add(m.trainError());
            testError.add(m.testError());
        }
        new Curves(model, trainLoss, testLoss, trainError, testError)
                .writePng(run.dir().resolve("curves.png"));
        if (LossHistogram.isSelected(epoch, epochs, HISTOGRAM_EPOCHS)) {
            histogram.add(epoch, concat(trainLosses), testLosses);
            histogram.writePng(run.dir().resolve("losses.png"));
        }
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
