package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Stochastic gradient descent, optionally with momentum (plain or Nesterov), weight decay (L2) and
 * dampening, as {@code torch.optim.SGD}.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), 0.1);                                   // optim.SGD(params, lr=0.1)
 * SGD opt = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9).weightDecay(5e-4));
 * }</pre>
 *
 * Per parameter with gradient {@code g}: {@code g += weight_decay * p}; with momentum {@code buf = g} at the
 * first step, then {@code buf = momentum * buf + (1 - dampening) * g}, and {@code g = buf} (or
 * {@code g + momentum * buf} for Nesterov); {@code p -= lr * g} ({@code +=} when maximizing). The state of
 * each parameter is {@code momentum_buffer} (null without momentum, as PyTorch's None).
 */
public class SGD extends Optimizer {

    /** SGD's options; {@code lr} is required. */
    public static final class Options implements Optimizer.Options {
        private double lr;
        private double momentum;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;
        private boolean maximize;

        private Options(double lr) {
            this.lr = lr;
        }

        public Options lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Momentum factor (default 0). */
        public Options momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Dampening for momentum (default 0). */
        public Options dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Nesterov momentum (default false; needs momentum and zero dampening). */
        public Options nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** Maximize the objective instead of minimizing it (default false). */
        public Options maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("weight_decay", weightDecay);
            m.put("nesterov", nesterov);
            m.put("maximize", maximize);
            m.put("foreach", null);
            m.put("differentiable", false);
            return m;
        }
    }

    /** Options with learning rate {@code lr} and PyTorch's defaults for the rest. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** {@code optim.SGD(params, lr=lr)}. */
    public SGD(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public SGD(Collection<? extends Tensor> params, Options options) {
        super(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public SGD(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
    }

    @Override
    protected void validate(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        check(num(o, "momentum") >= 0, "momentum value", o.get("momentum"));
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
        if (Boolean.TRUE.equals(o.get("nesterov")) && (num(o, "momentum") <= 0 || num(o, "dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr();
        double momentum = group.getDouble("momentum");
        double dampening = group.getDouble("dampening");
        double weightDecay = group.getDouble("weight_decay");
        boolean nesterov = group.getBoolean("nesterov");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            Map<String, Object> st = mutableState(p);
            Tensor buf = (Tensor) st.get("momentum_buffer");
            Tensor dp = maximize ? grad.neg() : grad;
            if (weightDecay != 0) {
                dp = dp.add(p, weightDecay);
            }
            if (momentum != 0) {
                if (buf == null) {
                    buf = persistent(dp.clone());
                } else {
                    buf.mul_(momentum).add_(dp, 1 - dampening);
                }
                dp = nesterov ? dp.add(buf, momentum) : buf;
            }
            p.add_(dp, -lr);
            st.put("momentum_buffer", buf);
        }
    }
}
