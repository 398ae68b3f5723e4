package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adadelta (Zeiler), as {@code torch.optim.Adadelta}: steps scaled by the ratio of running root-mean-squares
 * of past updates and of gradients; {@code lr} (default 1.0) scales the result.
 *
 * <pre>{@code
 * Adadelta opt = new Adadelta(model.parameters());
 * Adadelta opt = new Adadelta(model.parameters(), Adadelta.options().rho(0.95).eps(1e-6).weightDecay(1e-4));
 * }</pre>
 *
 * State per parameter: {@code step} (a number), {@code square_avg} and {@code acc_delta}.
 */
public class Adadelta extends Optimizer {

    /** Adadelta's options. */
    public static final class Options implements Optimizer.Options {
        private double lr = 1.0;
        private double rho = 0.9;
        private double eps = 1e-6;
        private double weightDecay;
        private boolean maximize;

        private Options() {}

        /** Scale of the update (default 1.0). */
        public Options lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Decay of the running averages (default 0.9). */
        public Options rho(double rho) {
            this.rho = rho;
            return this;
        }

        /** Added inside the square roots (default 1e-6). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Maximize the objective (default false). */
        public Options maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("rho", rho);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("maximize", maximize);
            m.put("foreach", null);
            return m;
        }
    }

    /** PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
    public static Options options() {
        return new Options();
    }

    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    public Adadelta(Collection<? extends Tensor> params) {
        this(params, options());
    }

    /** {@code optim.Adadelta(params, lr=lr)}. */
    public Adadelta(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public Adadelta(Collection<? extends Tensor> params, Options options) {
        super(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public Adadelta(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
    }

    @Override
    protected void validate(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        double rho = num(o, "rho");
        check(0 <= rho && rho <= 1, "rho value", o.get("rho"));
        check(num(o, "eps") >= 0, "epsilon value", o.get("eps"));
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr();
        double rho = group.getDouble("rho");
        double eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            Map<String, Object> st = mutableState(p);
            if (st.isEmpty()) {
                st.put("step", 0L);
                st.put("square_avg", persistent(Torch.zerosLike(p)));
                st.put("acc_delta", persistent(Torch.zerosLike(p)));
            }
            Tensor squareAvg = stateTensor(st, "square_avg");
            Tensor accDelta = stateTensor(st, "acc_delta");
            st.put("step", ((Number) st.get("step")).longValue() + 1);
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = grad.add(p, weightDecay);
            }
            squareAvg.mul_(rho).addcmul_(grad, grad, 1 - rho);
            Tensor std = squareAvg.add(eps).sqrt_();
            Tensor delta = accDelta.add(eps).sqrt_().div_(std).mul_(grad);
            accDelta.mul_(rho).addcmul_(delta, delta, 1 - rho);
            p.add_(delta, -lr);
        }
    }
}
