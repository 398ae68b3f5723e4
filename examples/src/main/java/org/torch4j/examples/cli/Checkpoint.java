package org.torch4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.lr.LRScheduler;
import org.torch4j.serialization.TorchFiles;

/**
 * Where a training run stands, as {@code checkpoint.pt}: the model's, optimizer's and scheduler's state dicts,
 * the position (the epoch, and the batches of it already done), the seed (the only randomness besides the
 * weights: the shuffle order of epoch {@code e} is a function of {@code (seed, e)}), the running sums of the
 * current epoch and the finished epochs' metrics. Written with {@link TorchFiles#saveObject}, which writes a
 * temporary file and renames it, so an interrupted write never leaves a half file behind.
 *
 * <pre>{@code
 * Checkpoint.save(path, new Checkpoint.State("mnist-lecture", 42, 3, 120, 51.2, 800, 12000, 61.0, history),
 *         model, optimizer, scheduler);
 * Checkpoint.State s = Checkpoint.load(path, "mnist-lecture", model, optimizer, scheduler);
 * }</pre>
 */
public final class Checkpoint {
    /** The file name inside a run directory. */
    public static final String FILE = "checkpoint.pt";

    private static final String FORMAT = "torch4j-cli-checkpoint-1";

    /**
     * The run's position and counters.
     *
     * @param epoch the epoch in progress (0-based)
     * @param step batches of that epoch already trained
     * @param lossSum sum of per-sample train losses so far in the epoch
     * @param errors train errors so far in the epoch
     * @param seen samples trained so far in the epoch
     * @param seconds wall time spent in the epoch so far
     * @param history the finished epochs
     */
    public record State(String model, long seed, int epoch, long step, double lossSum, long errors, long seen,
            double seconds, List<EpochMetrics> history) {}

    private Checkpoint() {}

    /** Writes the checkpoint atomically. */
    public static void save(Path path, State s, Module model, Optimizer optimizer, LRScheduler scheduler) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("model_name", s.model());
        m.put("seed", s.seed());
        m.put("epoch", (long) s.epoch());
        m.put("step", s.step());
        m.put("loss_sum", s.lossSum());
        m.put("errors", s.errors());
        m.put("seen", s.seen());
        m.put("seconds", s.seconds());
        List<Object> h = new ArrayList<>();
        for (EpochMetrics e : s.history()) {
            h.add(e.toList());
        }
        m.put("history", h);
        m.put("model", new LinkedHashMap<>(model.stateDict()));
        m.put("optimizer", optimizer.stateDict());
        m.put("scheduler", scheduler == null ? null : scheduler.stateDict());
        TorchFiles.saveObject(m, path);
    }

    /**
     * Reads the checkpoint into the given model, optimizer and scheduler and returns the position.
     *
     * @throws CliException if the file is missing, not a checkpoint, for another model, or does not fit
     */
    @SuppressWarnings("unchecked")
    public static State load(Path path, String modelName, Module model, Optimizer optimizer, LRScheduler scheduler) {
        if (!Files.isRegularFile(path)) {
            throw new CliException("--resume: no checkpoint at " + path);
        }
        try {
            Object o = TorchFiles.load(path);
            if (!(o instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
                throw new IllegalArgumentException("not a torch4j CLI checkpoint");
            }
            String name = (String) m.get("model_name");
            if (!modelName.equals(name)) {
                throw new IllegalArgumentException("it is for model '" + name + "', not '" + modelName + "'");
            }
            model.loadStateDict((Map<String, Tensor>) m.get("model"), true);
            optimizer.loadStateDict((Map<String, ?>) m.get("optimizer"));
            Object sched = m.get("scheduler");
            if ((sched == null) != (scheduler == null)) {
                throw new IllegalArgumentException("its learning-rate schedule does not match the options given");
            }
            if (scheduler != null) {
                scheduler.loadStateDict((Map<String, ?>) sched);
            }
            List<EpochMetrics> history = new ArrayList<>();
            for (Object row : (List<?>) m.get("history")) {
                history.add(EpochMetrics.fromList((List<?>) row));
            }
            return new State(name, num(m, "seed").longValue(), num(m, "epoch").intValue(), num(m, "step").longValue(),
                    num(m, "loss_sum").doubleValue(), num(m, "errors").longValue(), num(m, "seen").longValue(),
                    num(m, "seconds").doubleValue(), history);
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException("corrupt checkpoint " + path + ": " + MnistData.firstLine(e), e);
        }
    }

    private static Number num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + key + "' is " + v + ", not a number");
        }
        return n;
    }
}
