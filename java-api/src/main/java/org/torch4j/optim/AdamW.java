package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}: each step first
 * multiplies the weights by {@code 1 - lr * weight_decay}, then takes Adam's step on the raw gradient.
 *
 * <pre>{@code
 * AdamW opt = new AdamW(model.parameters(), AdamW.options(1e-3).weightDecay(0.05));
 * }</pre>
 */
public class AdamW extends Optimizer {

    /** AdamW's options; as Adam's but with weight decay 1e-2 by default. */
    public static final class Options implements Optimizer.Options {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;
        private boolean amsgrad;
        private boolean maximize;

        private Options() {}

        /** Learning rate (default 1e-3). */
        public Options lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Decay rates of the moment estimates (default 0.9, 0.999). */
        public Options betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Decoupled weight decay (default 1e-2). */
        public Options weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** The AMSGrad variant (default false). */
        public Options amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
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
            m.put("betas", List.of(beta1, beta2));
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("amsgrad", amsgrad);
            m.put("foreach", null);
            m.put("maximize", maximize);
            m.put("capturable", false);
            return m;
        }
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. */
    public static Options options() {
        return new Options();
    }

    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    public AdamW(Collection<? extends Tensor> params) {
        this(params, options());
    }

    /** {@code optim.AdamW(params, lr=lr)}. */
    public AdamW(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public AdamW(Collection<? extends Tensor> params, Options options) {
        super(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public AdamW(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
    }

    @Override
    protected void validate(Map<String, Object> o) {
        Adam.validateAdam(o);
    }

    @Override
    protected void update(ParamGroup group) {
        Adam.adamUpdate(this, group, true);
    }

    @Override
    protected void restoreState(Tensor param, Map<String, Object> st) {
        Adam.stepToTensor(st);
    }
}
