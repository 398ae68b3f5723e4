package org.torch4j.optim.lr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.torch4j.optim.Optimizer;

/**
 * Sets each group's lr to its initial lr times a function of the epoch, as
 * {@code torch.optim.lr_scheduler.LambdaLR}.
 *
 * <pre>{@code
 * new LambdaLR(opt, epoch -> Math.pow(0.95, epoch));
 * new LambdaLR(opt, List.of(epoch -> epoch / 30.0, epoch -> Math.pow(0.95, epoch)));   // one per group
 * }</pre>
 *
 * The functions are not part of the state dict (PyTorch saves None for plain functions too).
 */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lrLambdas;

    /** The same function for every group. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        super(optimizer, -1);
        Objects.requireNonNull(lrLambda, "lrLambda");
        this.lrLambdas = Collections.nCopies(optimizer.paramGroups().size(), lrLambda);
        initialize();
    }

    /** One function per parameter group. */
    public LambdaLR(Optimizer optimizer, List<? extends IntToDoubleFunction> lrLambdas) {
        super(optimizer, -1);
        Objects.requireNonNull(lrLambdas, "lrLambdas");
        if (lrLambdas.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got "
                    + lrLambdas.size());
        }
        List<IntToDoubleFunction> l = new ArrayList<>();
        for (IntToDoubleFunction f : lrLambdas) {
            l.add(Objects.requireNonNull(f, "an lr lambda is null"));
        }
        this.lrLambdas = Collections.unmodifiableList(l);
        initialize();
    }

    @Override
    protected double[] getLr() {
        double[] lrs = new double[baseLrs.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = baseLrs.get(i) * lrLambdas.get(i).applyAsDouble(lastEpoch);
        }
        return lrs;
    }

    /** PyTorch's keys, with {@code lr_lambdas}: a null per function (functions are not saved) last. */
    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = super.stateDict();
        out.put("lr_lambdas", new ArrayList<>(Collections.nCopies(lrLambdas.size(), null)));
        return out;
    }
}
