package org.torch4j.examples.cli;

import org.torch4j.Autograd;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.data.Batch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.TensorDataset;
import org.torch4j.data.transforms.Transform;
import org.torch4j.nn.Module;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Mean cross-entropy loss and error rate of a model on a dataset, without gradients, in eval mode.
 *
 * <pre>{@code
 * Evaluation.Result r = Evaluation.run(model, data.test(), data.transform(), 1000, Device.CPU);
 * System.out.println(r.loss() + " " + r.error());
 * }</pre>
 */
public final class Evaluation {
    /** Mean loss and error rate (0..1) over {@code count} samples. */
    /** Mean loss, error rate, sample count and every sample's loss (for the loss distribution plot). */
    public record Result(double loss, double error, long count, float[] losses) {}

    private Evaluation() {}

    public static Result run(Module model, TensorDataset data, Transform transform, int batchSize, Device device) {
        return run(model, data, transform, batchSize, device, MemoryFormat.PRESERVE);
    }

    /** As above, with the 4-D inputs laid out in {@code format} (the model's, e.g. channels-last). */
    public static Result run(Module model, TensorDataset data, Transform transform, int batchSize, Device device,
            MemoryFormat format) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long errors = 0;
        long n = 0;
        float[] losses = new float[(int) data.size()];
        DataLoader loader = DataLoader.builder(data).batchSize(batchSize).shuffle(false).prefetch(0)
                .transform(transform).memoryFormat(format).device(device).build();
        try (var g = Autograd.noGrad()) {
            for (Batch batch : loader) {
                try (batch; Scope scope = Scope.open()) {
                    Tensor out = model.forward(batch.inputs());
                    float[] perSample = F.crossEntropy(out, batch.targets(), Reduction.NONE).toFloatArray();
                    System.arraycopy(perSample, 0, losses, (int) n, perSample.length);
                    for (float l : perSample) {
                        lossSum += l;
                    }
                    errors += out.argmax(1).ne(batch.targets()).sum().itemLong();
                    n += batch.size();
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Result(n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) errors / n, n,
                java.util.Arrays.copyOf(losses, (int) n));
    }
}
