package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * RMSprop (Hinton), optionally centered and with momentum, as {@code torch.optim.RMSprop}.
 *
 * <pre>{@code
 * RMSprop opt = new RMSprop(model.parameters(), RMSprop.options(0.01).alpha(0.9).momentum(0.9).centered(true));
 * }</pre>
 *
 * State per parameter: {@code step} (a number), {@code square_avg}, and {@code momentum_buffer} (with
 * momentum) and {@code grad_avg} (centered).
 */
public class RMSprop extends Optimizer {

    /** RMSprop's options. */
    public static final class Options implements Optimizer.Options {
        private double lr = 1e-2;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay;
        private double momentum;
        private boolean centered;
        private boolean maximize;

        private Options() {}

        /** Learning rate (default 1e-2). */
        public Options lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Smoothing constant of the squared-gradient average (default 0.99). */
        public Options alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Added to the denominator (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Momentum factor (default 0). */
        public Options momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Normalise by the estimated variance of the gradient instead of its second moment (default false). */
        public Options centered(boolean centered) {
            this.centered = centered;
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
            m.put("momentum", momentum);
            m.put("alpha", alpha);
            m.put("eps", eps);
            m.put("centered", centered);
            m.put("weight_decay", weightDecay);
            m.put("foreach", null);
            m.put("maximize", maximize);
            m.put("differentiable", false);
            return m;
        }
    }

    /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay or momentum, not centered. */
    public static Options options() {
        return new Options();
    }

    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    public RMSprop(Collection<? extends Tensor> params) {
        this(params, options());
    }

    /** {@code optim.RMSprop(params, lr=lr)}. */
    public RMSprop(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public RMSprop(Collection<? extends Tensor> params, Options options) {
        super(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public RMSprop(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
    }

    @Override
    protected void validate(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        check(num(o, "eps") >= 0, "epsilon value", o.get("eps"));
        check(num(o, "momentum") >= 0, "momentum value", o.get("momentum"));
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
        check(num(o, "alpha") >= 0, "alpha value", o.get("alpha"));
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr();
        double alpha = group.getDouble("alpha");
        double eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay");
        double momentum = group.getDouble("momentum");
        boolean centered = group.getBoolean("centered");
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
                if (momentum > 0) {
                    st.put("momentum_buffer", persistent(Torch.zerosLike(p)));
                }
                if (centered) {
                    st.put("grad_avg", persistent(Torch.zerosLike(p)));
                }
            }
            st.put("step", ((Number) st.get("step")).longValue() + 1);
            if (maximize) {
                grad = grad.neg();
            }
            Tensor squareAvg = stateTensor(st, "square_avg");
            if (weightDecay != 0) {
                grad = grad.add(p, weightDecay);
            }
            squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
            Tensor avg;
            if (centered) {
                if (!st.containsKey("grad_avg")) {
                    st.put("grad_avg", persistent(Torch.zerosLike(p)));
                }
                Tensor gradAvg = stateTensor(st, "grad_avg");
                gradAvg.mul_(alpha).add_(grad, 1 - alpha);
                avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
            } else {
                avg = squareAvg.sqrt();
            }
            avg.add_(eps);
            if (momentum > 0) {
                if (!st.containsKey("momentum_buffer")) {
                    st.put("momentum_buffer", persistent(Torch.zerosLike(p)));
                }
                Tensor buf = stateTensor(st, "momentum_buffer");
                buf.mul_(momentum).addcdiv_(grad, avg);
                p.add_(buf, -lr);
            } else {
                p.addcdiv_(grad, avg, -lr);
            }
        }
    }
}
