package org.torch4j.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Training throughput of the benchmarked networks written against raw bytedeco, with no torch4j class
 * loaded (torch4j's loader would change OpenBLAS's threads and JavaCPP's memory check for the whole JVM).
 * The networks are written functionally ({@code torch.conv2d}, {@code torch.linear}, ...) with the
 * parameters in a {@code TensorVector} for LibTorch's {@code SGD}; one {@code PointerScope} per step.
 *
 * <p>Variants: {@code plain} changes nothing (bytedeco's defaults: JavaCPP's memory check on, OpenBLAS
 * with its own threads); {@code tuned} gives the input and the conv weights explicit NHWC strides, and is
 * meant to run with {@code OPENBLAS_NUM_THREADS=1} and {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0},
 * which {@code examples/bench/run.sh} sets (this program reports what it got). Both set LibTorch's
 * intra-op threads to the number of processors.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.RawTrainBench mnist-lecture plain 20 200 ~/.torch4j/data/MNIST/raw
 * }</pre>
 */
public final class RawTrainBench {
    private RawTrainBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: RawTrainBench MODEL plain|tuned WARMUP_STEPS TIMED_STEPS DATA [MAX_TIMED_SECONDS]");
            System.exit(2);
        }
        String model = args[0];
        boolean tuned = switch (args[1]) {
            case "plain" -> false;
            case "tuned" -> true;
            default -> throw new IllegalArgumentException("variant must be plain or tuned, got " + args[1]);
        };
        double maxSeconds = args.length == 6 ? Double.parseDouble(args[5]) : Double.POSITIVE_INFINITY;
        double[] r = run(model, tuned, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]), maxSeconds);
        String variant = "raw-" + args[1];
        Results.add("train", model, variant, r[0], "steps/s");
        Results.add("loss0", model, variant, r[1], "");
        System.err.printf("%s %s: %.1f steps/s, first loss %.6f (intra-op threads %d, OPENBLAS_NUM_THREADS=%s, "
                + "maxPhysicalBytes=%d)%n", model, variant, r[0], r[1], torch.get_num_threads(),
                System.getenv("OPENBLAS_NUM_THREADS"), org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
    }

    /** As {@link TrainBench#run}: warm-up, then timed steps capped at {@code maxSeconds}; {steps/s, first loss}. */
    static double[] run(String model, boolean tuned, int warmup, int steps, Path dataPath, double maxSeconds)
            throws Exception {
        TrainData data = model.equals("mnist-lecture") ? TrainData.mnist(dataPath, TrainData.IMAGES)
                : TrainData.cifar(dataPath, TrainData.IMAGES);

        torch.set_num_threads(Runtime.getRuntime().availableProcessors());
        List<Tensor[]> batches = new ArrayList<>();
        for (int b = 0; b < data.count() / TrainData.BATCH; b++) {
            batches.add(batch(data, b, tuned));
        }
        RawNet net = model.equals("cifar-resnet") ? new RawResNet(tuned) : new RawLecture(data.channels(), tuned);
        SGD opt = new SGD(new TensorVector(net.params().toArray(new Tensor[0])), new SGDOptions(TrainData.LR));

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
            try (PointerScope scope = new PointerScope()) {
                opt.zero_grad();
                Tensor loss = torch.cross_entropy_loss(net.forward(xy[0]), xy[1]);
                loss.backward();
                opt.step();
                if (step == 0) {
                    firstLoss = loss.item_double();
                }
            }
        }
        return new double[] {(step - warmup) / ((System.nanoTime() - start) / 1e9), firstLoss};
    }

    /** Batch {@code b} as (images, labels), images with explicit NHWC strides when {@code channelsLast}. */
    private static Tensor[] batch(TrainData d, int b, boolean channelsLast) {
        int n = TrainData.BATCH;
        int per = d.channels() * d.size() * d.size();
        float[] img = new float[n * per];
        System.arraycopy(d.images(), b * n * per, img, 0, img.length);
        long[] lab = new long[n];
        System.arraycopy(d.labels(), b * n, lab, 0, n);
        Tensor x = fromFloats(img, n, d.channels(), d.size(), d.size());
        Tensor y = torch.from_blob(new LongPointer(lab), new long[] {n}, new TensorOptions(torch.ScalarType.Long)).clone();
        return new Tensor[] {channelsLast ? nhwc(x) : x, y};
    }

    static Tensor fromFloats(float[] v, long... shape) {
        return torch.from_blob(new FloatPointer(v), shape).clone();
    }

    /**
     * A copy with real NHWC strides. {@code contiguous(ChannelsLast)} would not do: it leaves a tensor with
     * one channel alone (its NCHW strides already count as channels-last), and then the convolution keeps NCHW.
     */
    static Tensor nhwc(Tensor t) {
        long c = t.size(1), h = t.size(2), w = t.size(3);
        return torch.empty_strided(new long[] {t.size(0), c, h, w}, h * w * c, 1, w * c, c).copy_(t);
    }

    /** A network as a forward function over its own parameters. */
    interface RawNet {
        Tensor forward(Tensor x);

        List<Tensor> params();
    }

    /** The parameter {@code name} with the suite's starting values, NHWC strides if asked, requiring grad. */
    static Tensor param(String name, boolean channelsLast, long... shape) {
        float[] v = BenchWeights.values(name, shape);
        Tensor t;
        if (v == null) {
            t = name.endsWith("weight") ? torch.ones(shape) : torch.zeros(shape);
        } else {
            t = fromFloats(v, shape);
        }
        if (channelsLast && shape.length == 4) {
            t = nhwc(t);
        }
        t.set_requires_grad(true);
        return t;
    }

    static TensorOptional opt(Tensor t) {
        return new TensorOptional(t);
    }

    /** LectureNet: conv 5x5, pool 3, conv 5x5, pool 2, fc 256->200->10, ReLU. */
    static final class RawLecture implements RawNet {
        final Tensor w1, b1, w2, b2, f1, g1, f2, g2;

        RawLecture(int channels, boolean cl) {
            w1 = param("conv1.weight", cl, 32, channels, 5, 5);
            b1 = param("conv1.bias", cl, 32);
            w2 = param("conv2.weight", cl, 64, 32, 5, 5);
            b2 = param("conv2.bias", cl, 64);
            f1 = param("fc1.weight", cl, 200, 256);
            g1 = param("fc1.bias", cl, 200);
            f2 = param("fc2.weight", cl, 10, 200);
            g2 = param("fc2.bias", cl, 10);
        }

        @Override
        public Tensor forward(Tensor x) {
            x = torch.relu(torch.max_pool2d(torch.conv2d(x, w1, opt(b1), new long[] {1}, new long[] {0}, new long[] {1}, 1), 3));
            x = torch.relu(torch.max_pool2d(torch.conv2d(x, w2, opt(b2), new long[] {1}, new long[] {0}, new long[] {1}, 1), 2));
            // reshape, not view: a channels-last activation cannot be viewed as [N, 256].
            x = x.reshape(x.size(0), -1);
            x = torch.relu(torch.linear(x, f1, opt(g1)));
            return torch.linear(x, f2, opt(g2));
        }

        @Override
        public List<Tensor> params() {
            return List.of(w1, b1, w2, b2, f1, g1, f2, g2);
        }
    }

    /** SmallResNet (ResNet-8): 3x3 stem, three basic blocks of 16/32/64 channels, global pooling, fc. */
    static final class RawResNet implements RawNet {
        final List<Tensor> params = new ArrayList<>();
        final boolean cl;
        final Tensor stem;
        final Bn stemBn;
        final Block l1, l2, l3;
        final Tensor fcW, fcB;

        RawResNet(boolean cl) {
            this.cl = cl;
            stem = conv("conv1", 3, 16, 3);
            stemBn = new Bn("bn1", 16);
            l1 = new Block("layer1", 16, 16, 1);
            l2 = new Block("layer2", 16, 32, 2);
            l3 = new Block("layer3", 32, 64, 2);
            fcW = add(param("fc.weight", cl, 10, 64));
            fcB = add(param("fc.bias", cl, 10));
        }

        private Tensor add(Tensor p) {
            params.add(p);
            return p;
        }

        private Tensor conv(String name, long in, long out, long k) {
            return add(param(name + ".weight", cl, out, in, k, k));
        }

        final class Bn {
            final Tensor weight, bias, mean, var;

            Bn(String name, long c) {
                weight = add(param(name + ".weight", cl, c));
                bias = add(param(name + ".bias", cl, c));
                mean = torch.zeros(c);
                var = torch.ones(c);
            }

            Tensor forward(Tensor x) {
                return torch.batch_norm(x, opt(weight), opt(bias), opt(mean), opt(var), true, 0.1, 1e-5, true);
            }
        }

        final class Block {
            final Tensor c1, c2, sc;
            final Bn bn1, bn2, scBn;
            final long stride;

            Block(String name, long in, long out, long stride) {
                this.stride = stride;
                c1 = conv(name + ".conv1", in, out, 3);
                bn1 = new Bn(name + ".bn1", out);
                c2 = conv(name + ".conv2", out, out, 3);
                bn2 = new Bn(name + ".bn2", out);
                boolean project = stride != 1 || in != out;
                sc = project ? conv(name + ".shortcutConv", in, out, 1) : null;
                scBn = project ? new Bn(name + ".shortcutBn", out) : null;
            }

            Tensor forward(Tensor x) {
                Tensor y = torch.relu(bn1.forward(conv2d(x, c1, stride, 1)));
                y = bn2.forward(conv2d(y, c2, 1, 1));
                Tensor shortcut = sc == null ? x : scBn.forward(conv2d(x, sc, stride, 0));
                return torch.relu(y.add(shortcut));
            }
        }

        static Tensor conv2d(Tensor x, Tensor w, long stride, long padding) {
            return torch.conv2d(x, w, new TensorOptional(), new long[] {stride}, new long[] {padding}, new long[] {1}, 1);
        }

        @Override
        public Tensor forward(Tensor x) {
            x = torch.relu(stemBn.forward(conv2d(x, stem, 1, 1)));
            x = l3.forward(l2.forward(l1.forward(x)));
            x = torch.adaptive_avg_pool2d(x, 1, 1).flatten(1, -1);
            return torch.linear(x, fcW, opt(fcB));
        }

        @Override
        public List<Tensor> params() {
            return params;
        }
    }
}
