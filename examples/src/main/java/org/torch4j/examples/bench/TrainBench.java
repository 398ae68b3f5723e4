package org.torch4j.examples.bench;

import static org.torch4j.Torch.tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.Autograd;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.examples.cli.ModelRegistry;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.functional.F;
import org.torch4j.optim.SGD;

/**
 * Training throughput of the CLI's networks through torch4j: the lecture's plain training loop (one
 * {@link Scope} per step, {@code zeroGrad}, forward, cross-entropy, {@code backward}, {@code step}) on
 * {@link TrainData}'s batches, from {@link BenchWeights}' starting values, with the library's defaults.
 * Prints nothing but the measurement (through {@link Results}): steps/s over the timed steps, and the
 * loss of the very first step, which every variant of every framework must share.
 *
 * <p>Variants: {@code plain}, the lecture's code as written; {@code cl}, the CLI and README way:
 * {@code net.to(MemoryFormat.CHANNELS_LAST)} and input batches in channels-last memory format, as the CLI's
 * DataLoader delivers them.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.TrainBench mnist-lecture plain 20 200 ~/.torch4j/data/MNIST/raw
 * }</pre>
 */
public final class TrainBench {
    private TrainBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: TrainBench MODEL plain|cl WARMUP_STEPS TIMED_STEPS DATA [MAX_TIMED_SECONDS]");
            System.exit(2);
        }
        String model = args[0];
        String variant = args[1];
        if (!variant.equals("plain") && !variant.equals("cl")) {
            throw new IllegalArgumentException("variant must be plain or cl, got " + variant);
        }
        double maxSeconds = args.length == 6 ? Double.parseDouble(args[5]) : Double.POSITIVE_INFINITY;
        double[] r = run(model, variant, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]), maxSeconds);
        Results.add("train", model, "torch4j-" + variant, r[0], "steps/s");
        Results.add("loss0", model, "torch4j-" + variant, r[1], "");
        System.err.printf("%s torch4j-%s: %.1f steps/s, first loss %.6f%n", model, variant, r[0], r[1]);
    }

    /**
     * Trains {@code warmup} steps, then {@code steps} timed steps or as many as fit in {@code maxSeconds} (at least
     * 3); returns {steps/s over the timed steps, first loss}.
     */
    static double[] run(String model, String variant, int warmup, int steps, Path data, double maxSeconds)
            throws Exception {
        TrainData d = model.equals("mnist-lecture") ? TrainData.mnist(data, TrainData.IMAGES)
                : TrainData.cifar(data, TrainData.IMAGES);
        boolean channelsLast = variant.equals("cl");
        Module net = ModelRegistry.get(model).factory().get();
        setStartingWeights(net);
        Tensor all = tensor(d.images()).view(d.count(), d.channels(), d.size(), d.size());
        Tensor labels = tensor(d.labels());
        List<Tensor[]> batches = new ArrayList<>();
        for (int b = 0; b < d.count() / TrainData.BATCH; b++) {
            Tensor x = all.narrow(0, (long) b * TrainData.BATCH, TrainData.BATCH).contiguous();
            Tensor y = labels.narrow(0, (long) b * TrainData.BATCH, TrainData.BATCH).contiguous();
            // The CLI gets the same batches from DataLoader.Builder.memoryFormat(CHANNELS_LAST).
            batches.add(new Tensor[] {channelsLast ? x.contiguous(MemoryFormat.CHANNELS_LAST) : x, y});
        }
        if (channelsLast) {
            net.to(MemoryFormat.CHANNELS_LAST);
        }
        SGD opt = new SGD(net.parameters(), TrainData.LR);

        double firstLoss = Double.NaN;
        long start = 0;
        int step = 0;
        for (; step < warmup + steps; step++) {
            if (step == warmup) {
                start = System.nanoTime();
            } else if (step > warmup + 2 && System.nanoTime() - start > maxSeconds * 1e9) {
                break;
            }
            Tensor[] xy = batches.get(step % batches.size());
            try (Scope scope = Scope.open()) {
                opt.zeroGrad();
                Tensor loss = F.crossEntropy(net.forward(xy[0]), xy[1]);
                loss.backward();
                opt.step();
                if (step == 0) {
                    firstLoss = loss.itemDouble();
                }
            }
        }
        return new double[] {(step - warmup) / ((System.nanoTime() - start) / 1e9), firstLoss};
    }

    /** Overwrites every parameter that {@link BenchWeights} gives values for. */
    static void setStartingWeights(Module net) {
        try (Autograd.Mode m = Autograd.noGrad()) {
            for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
                long[] shape = e.getValue().shape().toArray();
                float[] v = BenchWeights.values(e.getKey(), shape);
                if (v != null) {
                    e.getValue().copy_(tensor(v).view(shape));
                }
            }
        }
    }
}
