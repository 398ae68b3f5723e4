package org.torch4j.examples.bench;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Batch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.TensorDataset;
import org.torch4j.data.transforms.Transforms;

/**
 * Time per epoch of a {@link DataLoader} over an MNIST-shaped dataset (60,000 random {@code uint8}
 * images {@code 1 x 28 x 28}, int64 labels), batch 100, shuffled, with the transform
 * {@code toFloat + normalize}, while the consumer does simulated work per batch: a fixed busy wait
 * (default 2 ms) plus a small matmul on the batch. Compares {@code prefetch(0)} (batches made on the
 * consumer's thread) with prefetching on the worker thread; prints medians over rounds, the rows
 * interleaved per round so drifts of the machine hit all rows alike.
 *
 * <p>Run: {@code java -cp examples/target/classes:$(cat cp.txt) org.torch4j.examples.bench.LoaderBench [rounds] [workMicros] [intraOpThreads]}.
 */
public final class LoaderBench {
    private static final int N = 60000;

    private LoaderBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long workMicros = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        if (args.length > 2) {
            // LibTorch's intra-op threads of the consumer and of the worker compete for the same cores; on a
            // small, shared machine, OpenMP teams waiting at barriers for a descheduled member stall ops by ms.
            Torch.setNumThreads(Integer.parseInt(args[2]));
        }
        Torch.manualSeed(0);
        Tensor images = Torch.randint(0, 256, N, 1, 28, 28).to(DType.UINT8).detachFromScope();
        Tensor labels = Torch.randint(0, 10, N).detachFromScope();
        TensorDataset train = new TensorDataset(images, labels);
        Tensor weights = Torch.randn(784, 128).detachFromScope();

        int[] prefetches = {0, 1, 2, 4};
        String[] names = {"no work, prefetch 0", "no work, prefetch 2"};
        double[][] idle = new double[2][rounds];
        double[][] busy = new double[prefetches.length][rounds];
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            for (int k = 0; k < 2; k++) {
                double t = epoch(loader(train, k == 0 ? 0 : 2), weights, 0);
                if (r >= 0) {
                    idle[k][r] = t;
                }
            }
            for (int k = 0; k < prefetches.length; k++) {
                double t = epoch(loader(train, prefetches[k]), weights, workMicros);
                if (r >= 0) {
                    busy[k][r] = t;
                }
            }
        }
        double work = 600 * workMicros / 1000.0;
        System.out.printf("DataLoader, 60000 x 1 x 28 x 28 uint8, batch 100, shuffled, toFloat+normalize; %d rounds, medians%n",
                rounds);
        System.out.printf("cores %d, LibTorch intra-op threads %d%n", Runtime.getRuntime().availableProcessors(),
                Torch.getNumThreads());
        System.out.printf("consumer work: busy wait %d µs + [100 x 784] x [784 x 128] matmul per batch (busy wait alone: %.0f ms/epoch)%n",
                workMicros, work);
        System.out.printf("%-34s %12s %12s%n", "configuration", "ms/epoch", "µs/batch");
        for (int k = 0; k < 2; k++) {
            double m = median(idle[k]);
            System.out.printf("%-34s %12.1f %12.1f%n", names[k], m, m * 1000 / 600);
        }
        for (int k = 0; k < prefetches.length; k++) {
            double m = median(busy[k]);
            System.out.printf("%-34s %12.1f %12.1f%n", "with work, prefetch " + prefetches[k], m, m * 1000 / 600);
        }
    }

    private static DataLoader loader(TensorDataset train, int prefetch) {
        return DataLoader.builder(train).batchSize(100).shuffle(true).seed(1).prefetch(prefetch)
                .transform(Transforms.compose(Transforms.toFloat(),
                        Transforms.normalize(new double[] {0.1307}, new double[] {0.3081})))
                .build();
    }

    /** Milliseconds for one epoch, the consumer working {@code workMicros} per batch. */
    private static double epoch(DataLoader loader, Tensor weights, long workMicros) {
        long start = System.nanoTime();
        double sink = 0;
        for (Batch batch : loader) {
            try (batch; Scope step = Scope.open()) {
                if (workMicros > 0) {
                    sink += batch.inputs().view(-1, 784).mm(weights).relu().sum().itemDouble();
                    long until = System.nanoTime() + workMicros * 1000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } else {
                    sink += batch.targets().size(0);
                }
            }
        }
        if (Double.isNaN(sink)) {
            System.out.println(sink); // keeps the work observable
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
