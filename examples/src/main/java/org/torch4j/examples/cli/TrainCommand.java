package org.torch4j.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Batch;
import org.torch4j.data.BatchIterator;
import org.torch4j.data.DataLoader;
import org.torch4j.datasets.DataDir;
import org.torch4j.nn.Module;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.optim.lr.CosineAnnealingLR;
import org.torch4j.optim.lr.LRScheduler;
import org.torch4j.optim.lr.StepLR;
import org.torch4j.serialization.TorchFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torch4j train MODEL [options]}: trains a registered model, epoch by epoch, testing after each, and
 * writes {@code metrics.csv}, {@code model.pt}, {@code checkpoint.pt} and {@code run.json} into the run
 * directory. SIGTERM or SIGINT finish the current step, write the checkpoint and exit non-zero;
 * {@code --resume} continues from the checkpoint, at the exact step, with the same results as a run that was
 * never stopped (the shuffle order of an epoch depends only on the seed and the epoch).
 *
 * <pre>{@code
 * int code = Torch4jCli.run("train", "mnist-lecture", "--epochs", "2", "--limit", "5000", "--out", "runs/quick");
 * }</pre>
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and write its run directory.")
public final class TrainCommand implements Callable<Integer> {
    /** Exit code after a SIGTERM/SIGINT stop (what the JVM reports for SIGTERM, 128 + 15). */
    public static final int INTERRUPTED = 143;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model to train: ${COMPLETION-CANDIDATES}",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--epochs", description = "epochs (default: the model's, 10 for mnist-lecture)")
    Integer epochs;

    @Option(names = "--batch-size", description = "batch size (default: the model's, 100 for mnist-lecture)")
    Integer batchSize;

    @Option(names = "--lr", description = "learning rate (default: the model's, 0.1 for mnist-lecture)")
    Double lr;

    @Option(names = "--lr-steps", description = "StepLR: multiply the lr by --lr-gamma every N epochs "
            + "(default: the model's, 25 for cifar-lecture, none for mnist-lecture)")
    Integer lrSteps;

    /** The StepLR period in effect: --lr-steps, else the model's default unless --cosine; null for none. */
    private Integer stepsInEffect;

    @Option(names = "--lr-gamma", defaultValue = "0.1", description = "StepLR factor (default: ${DEFAULT-VALUE})")
    double lrGamma;

    @Option(names = "--cosine", description = "cosine annealing of the lr over all epochs")
    boolean cosine;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, momentum (SGD, 0.9) or adam (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--memory-format", defaultValue = "channels-last", description = "layout of the model's conv "
            + "weights and of the input batches: channels-last (NHWC, about 2x faster on the CPU) or contiguous (NCHW) "
            + "(default: ${DEFAULT-VALUE})")
    String memoryFormat;

    @Option(names = "--threads", defaultValue = "0", description = "intra-op threads; 0 keeps LibTorch's default")
    int threads;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the initial weights and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-dir", description = "data directory (default: $TORCH4J_DATA or ~/.torch4j/data)")
    Path dataDir;

    @Option(names = "--out", description = "run directory (default: runs/MODEL)")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "train on the first N training samples (0: all)")
    long limit;

    @Option(names = "--test-limit", defaultValue = "0", description = "test on the first N test samples (0: all)")
    long testLimit;

    @Option(names = "--log-every", defaultValue = "0", description = "a progress line every N steps (0: about 10 per epoch)")
    int logEvery;

    @Option(names = "--resume", description = "continue from the run directory's checkpoint.pt")
    boolean resume;

    private MemoryFormat format = MemoryFormat.CHANNELS_LAST;

    @Override
    public Integer call() {
        CliLog log = CliLog.at(common.logLevel);
        ModelSpec spec = ModelRegistry.get(model);
        int nEpochs = epochs != null ? epochs : spec.epochs();
        int bs = batchSize != null ? batchSize : spec.batchSize();
        double baseLr = lr != null ? lr : spec.lr();
        check(nEpochs > 0, "--epochs must be > 0, got " + nEpochs);
        check(bs > 0, "--batch-size must be > 0, got " + bs);
        check(baseLr > 0, "--lr must be > 0, got " + baseLr);
        check(lrSteps == null || lrSteps > 0, "--lr-steps must be > 0, got " + lrSteps);
        check(!(cosine && lrSteps != null), "--cosine and --lr-steps exclude each other");
        check(weightDecay >= 0, "--weight-decay must be >= 0, got " + weightDecay);
        check(threads >= 0, "--threads must be >= 0, got " + threads);
        check(limit >= 0 && testLimit >= 0, "--limit and --test-limit must be >= 0");
        check(logEvery >= 0, "--log-every must be >= 0, got " + logEvery);
        format = memoryFormat(memoryFormat);
        stepsInEffect = lrSteps != null ? lrSteps : !cosine && spec.lrSteps() > 0 ? Integer.valueOf(spec.lrSteps()) : null;
        Device dev = Devices.resolve(device);
        int threadsBefore = Torch.getNumThreads();
        if (threads > 0) {
            Torch.setNumThreads(threads);
        }
        try {
            return train(log, spec, nEpochs, bs, baseLr, dev);
        } finally {
            // In-process callers (tests, embedding) get their thread count back.
            if (threads > 0 && Torch.getNumThreads() != threadsBefore) {
                Torch.setNumThreads(threadsBefore);
            }
        }
    }

    private int train(CliLog log, ModelSpec spec, int nEpochs, int bs, double baseLr, Device dev) {
        RunDirectory run = RunDirectory.open(out != null ? out : Path.of("runs", spec.name()));
        Path data = DataDir.resolve(dataDir);

        long started = System.nanoTime();
        Torch.manualSeed(seed);
        Module net = spec.factory().get();
        net.to(dev);
        net.to(format);
        Optimizer opt = makeOptimizer(net, baseLr);
        LRScheduler sched = cosine ? new CosineAnnealingLR(opt, nEpochs)
                : stepsInEffect != null ? new StepLR(opt, stepsInEffect, lrGamma) : null;
        Checkpoint.State state = new Checkpoint.State(spec.name(), seed, 0, 0, 0, 0, 0, 0, List.of());
        if (resume) {
            state = Checkpoint.load(run.checkpoint(), spec.name(), net, opt, sched);
            if (state.seed() != seed) {
                log.warn("resuming with the checkpoint's seed {} (not --seed {})", state.seed(), seed);
            }
            log.info("resuming from {} at epoch {}, step {}", run.checkpoint(), state.epoch() + 1, state.step());
        }
        Splits splits = spec.data().load(data, limit, testLimit);
        log.info("{}: {} training and {} test samples from {} (mean {}, std {}), {} on {}, {} epochs, batch {}, lr {}",
                spec.name(), splits.train().size(), splits.test().size(), data, fmt(splits.mean()), fmt(splits.std()),
                optimizer, dev.spec(), nEpochs, bs, baseLr);

        List<EpochMetrics> history = new ArrayList<>(state.history());
        TrainingPlots plots = new TrainingPlots(run, spec.name());
        DataLoader loader = DataLoader.builder(splits.train()).batchSize(bs).shuffle(true).seed(state.seed())
                .transform(splits.transform()).memoryFormat(format).device(dev).prefetch(2).build();
        Progress progress = new Progress(System.console() != null ? System.out : null, log);
        try (StopSignal stop = StopSignal.install()) {
            for (int epoch = state.epoch(); epoch < nEpochs; epoch++) {
                boolean resumedEpoch = epoch == state.epoch();
                long skip = resumedEpoch ? state.step() : 0;
                double lossSum = resumedEpoch ? state.lossSum() : 0;
                long errors = resumedEpoch ? state.errors() : 0;
                long seen = resumedEpoch ? state.seen() : 0;
                double secondsBefore = resumedEpoch ? state.seconds() : 0;
                double epochLr = opt.paramGroups().get(0).lr();
                loader.setEpoch(epoch);
                long total = loader.numBatches();
                int every = logEvery > 0 ? logEvery : (int) Math.max(1, total / 10);
                long t0 = System.nanoTime();
                long step = 0;
                List<float[]> trainLosses = new ArrayList<>();
                progress.start(epoch + 1, nEpochs, total);
                try (BatchIterator it = loader.iterator()) {
                    while (it.hasNext()) {
                        try (Batch batch = it.next()) {
                            if (step < skip) {
                                // Already trained before the stop: same order, so skip the same batches.
                                step++;
                                continue;
                            }
                            try (Scope scope = Scope.open()) {
                                opt.zeroGrad();
                                Tensor output = net.forward(batch.inputs());
                                // Per-sample losses feed losses.png; their mean is the loss trained on.
                                Tensor perSample = F.crossEntropy(output, batch.targets(), Reduction.NONE);
                                Tensor loss = perSample.mean();
                                trainLosses.add(perSample.detach().toFloatArray());
                                loss.backward();
                                opt.step();
                                lossSum += loss.itemDouble() * batch.size();
                                errors += output.argmax(1).ne(batch.targets()).sum().itemLong();
                                seen += batch.size();
                            }
                            step++;
                        }
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        progress.step(step, total, (seen - (resumedEpoch ? state.seen() : 0)) / Math.max(elapsed, 1e-9),
                                lossSum / seen, step % every == 0);
                        if (stop.requested()) {
                            Checkpoint.save(run.checkpoint(), new Checkpoint.State(spec.name(), state.seed(), epoch, step,
                                    lossSum, errors, seen, secondsBefore + elapsed, history), net, opt, sched);
                            writeRunJson(run, spec, splits, nEpochs, bs, baseLr, dev, history, started, "interrupted");
                            String msg = "interrupted at epoch " + (epoch + 1) + ", step " + step + "; checkpoint written to "
                                    + run.checkpoint() + "; rerun with --resume to continue";
                            log.warn(msg);
                            CliErr.get().println("torch4j: " + msg);
                            CliErr.get().flush();
                            stop.finished();
                            return INTERRUPTED;
                        }
                    }
                }
                progress.end();
                Evaluation.Result test = Evaluation.run(net, splits.test(), splits.transform(), Math.max(bs, 500), dev,
                        format);
                double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                EpochMetrics m = new EpochMetrics(epoch + 1, lossSum / seen, (double) errors / seen, test.loss(),
                        test.error(), epochLr, seconds);
                history.add(m);
                if (sched != null) {
                    sched.step();
                }
                run.writeMetrics(history);
                plots.epochDone(epoch + 1, nEpochs, history, trainLosses, test.losses());
                TorchFiles.save(net.stateDict(), run.model());
                Checkpoint.save(run.checkpoint(), new Checkpoint.State(spec.name(), state.seed(), epoch + 1, 0, 0, 0, 0, 0,
                        history), net, opt, sched);
                // The evaluation's batch-500 activations and the saves are freed now: hand their pages back
                // so that the process's memory stays flat from one epoch to the next.
                Torch.releaseFreeMemory();
                log.info(String.format(Locale.ROOT,
                        "epoch %d/%d  train loss %.4f error %.2f%%  test loss %.4f error %.2f%%  lr %.4g  %.1f s",
                        epoch + 1, nEpochs, m.trainLoss(), 100 * m.trainError(), m.testLoss(), 100 * m.testError(), m.lr(),
                        m.seconds()));
                log.debug("epoch {}: {}", epoch + 1, Torch.memory());
            }
        } finally {
            loader.close();
        }
        writeRunJson(run, spec, splits, nEpochs, bs, baseLr, dev, history, started, "finished");
        if (!history.isEmpty()) {
            EpochMetrics last = history.get(history.size() - 1);
            log.info(String.format(Locale.ROOT, "done: test accuracy %.2f%%; outputs in %s", 100 * (1 - last.testError()),
                    run.dir()));
        }
        return 0;
    }

    /** The layout named by {@code --memory-format}. */
    static MemoryFormat memoryFormat(String name) {
        return switch (name) {
            case "channels-last" -> MemoryFormat.CHANNELS_LAST;
            case "contiguous" -> MemoryFormat.CONTIGUOUS;
            default -> throw new CliException("unknown --memory-format '" + name + "': expected channels-last or contiguous",
                    2, null);
        };
    }

    private Optimizer makeOptimizer(Module net, double baseLr) {
        return switch (optimizer) {
            case "sgd" -> new SGD(net.parameters(), SGD.options(baseLr).weightDecay(weightDecay));
            case "momentum" -> new SGD(net.parameters(), SGD.options(baseLr).momentum(0.9).weightDecay(weightDecay));
            case "adam" -> new Adam(net.parameters(), Adam.options(baseLr).weightDecay(weightDecay));
            default -> throw new CliException("unknown optimizer '" + optimizer + "': expected sgd, momentum or adam", 2,
                    null);
        };
    }

    private void writeRunJson(RunDirectory run, ModelSpec spec, Splits splits, int nEpochs, int bs, double baseLr,
            Device dev, List<EpochMetrics> history, long started, String status) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", spec.name());
        config.put("dataset", splits.dataset());
        config.put("epochs", nEpochs);
        config.put("batch_size", bs);
        config.put("lr", baseLr);
        config.put("lr_steps", stepsInEffect);
        config.put("lr_gamma", lrGamma);
        config.put("cosine", cosine);
        config.put("optimizer", optimizer);
        config.put("weight_decay", weightDecay);
        config.put("device", dev.spec());
        config.put("threads", Torch.getNumThreads());
        config.put("memory_format", memoryFormat);
        config.put("seed", seed);
        config.put("data_dir", DataDir.resolve(dataDir).toAbsolutePath().toString());
        config.put("limit", limit);
        config.put("test_limit", testLimit);
        config.put("train_samples", splits.train().size());
        config.put("test_samples", splits.test().size());
        config.put("normalize_mean", perChannel(splits.mean()));
        config.put("normalize_std", perChannel(splits.std()));
        config.put("resumed", resume);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", status);
        root.put("model", spec.name());
        root.put("config", config);
        root.put("versions", Versions.all());
        List<Object> epochSeconds = new ArrayList<>();
        for (EpochMetrics m : history) {
            epochSeconds.add(m.seconds());
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("finished_at", Instant.now().toString());
        timings.put("this_process_seconds", (System.nanoTime() - started) / 1e9);
        timings.put("epoch_seconds", epochSeconds);
        root.put("timings", timings);
        if (!history.isEmpty()) {
            EpochMetrics last = history.get(history.size() - 1);
            Map<String, Object> fin = new LinkedHashMap<>();
            fin.put("epoch", last.epoch());
            fin.put("test_loss", last.testLoss());
            fin.put("test_accuracy", 1 - last.testError());
            root.put("final", fin);
        }
        run.writeText(run.runJson(), JsonWriter.write(root));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new CliException(message, 2, null);
        }
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.4f", x));
        }
        return b.toString();
    }

    /** One channel as a plain number (as run.json has always had for MNIST), several as a list. */
    private static Object perChannel(double[] v) {
        if (v.length == 1) {
            return v[0];
        }
        List<Object> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }

    /** Progress within an epoch: a bar redrawn in place on a terminal, plain log lines otherwise. */
    private static final class Progress {
        private final PrintStream terminal;
        private final CliLog log;
        private int epoch;
        private int epochs;
        private long lastDraw;
        private long t0;
        private long firstStep;

        Progress(PrintStream terminal, CliLog log) {
            this.terminal = terminal;
            this.log = log;
        }

        void start(int epoch, int epochs, long total) {
            this.epoch = epoch;
            this.epochs = epochs;
            this.lastDraw = 0;
            this.t0 = System.nanoTime();
            this.firstStep = -1;
        }

        void step(long step, long total, double samplesPerSecond, double runningLoss, boolean periodic) {
            if (terminal == null) {
                if (periodic) {
                    log.info(String.format(Locale.ROOT, "epoch %d/%d  step %d/%d  %.0f samples/s  loss %.4f", epoch,
                            epochs, step, total, samplesPerSecond, runningLoss));
                }
                return;
            }
            long now = System.nanoTime();
            if (firstStep < 0) {
                // A resumed epoch starts mid-way: the ETA counts only the steps trained here.
                firstStep = step - 1;
                t0 = now;
            }
            if (now - lastDraw < 100_000_000L && step != total) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = (int) (width * step / Math.max(total, 1));
            terminal.print(String.format(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d  %.0f samples/s  loss %.4f ", epoch,
                    epochs, "=".repeat(filled), " ".repeat(width - filled), step, total, samplesPerSecond, runningLoss)
                    + eta(step, total, now));
            terminal.flush();
        }

        private String eta(long step, long total, long now) {
            long done = step - firstStep;
            if (done <= 1) {
                return "";
            }
            double left = (now - t0) / 1e9 / (done - 1) * (total - step);
            return String.format(Locale.ROOT, "ETA %d:%02d", (long) left / 60, (long) left % 60);
        }

        void end() {
            if (terminal != null) {
                terminal.println();
            }
        }
    }
}
