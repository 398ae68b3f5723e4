package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.NativeOps;

/**
 * Adam (Kingma and Ba), optionally AMSGrad, as {@code torch.optim.Adam}. Weight decay here is the L2
 * penalty added to the gradient; {@link AdamW} decays the weights directly.
 *
 * <pre>{@code
 * Adam opt = new Adam(model.parameters(), 1e-3);
 * Adam opt = new Adam(model.parameters(), Adam.options(1e-3).betas(0.9, 0.98).eps(1e-9).amsgrad(true));
 * }</pre>
 *
 * State per parameter: {@code step} (a 0-d float32 tensor, as PyTorch's), {@code exp_avg}, {@code exp_avg_sq}
 * and, with AMSGrad, {@code max_exp_avg_sq}.
 */
public class Adam extends Optimizer {

    /** Adam's options. */
    public static final class Options implements Optimizer.Options {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
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

        /** L2 penalty (default 0). */
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
            m.put("maximize", maximize);
            m.put("foreach", null);
            m.put("capturable", false);
            m.put("differentiable", false);
            m.put("fused", false);
            return m;
        }
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Options options() {
        return new Options();
    }

    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    public Adam(Collection<? extends Tensor> params) {
        this(params, options());
    }

    /** {@code optim.Adam(params, lr=lr)}. */
    public Adam(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public Adam(Collection<? extends Tensor> params, Options options) {
        super(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public Adam(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
    }

    @Override
    protected void validate(Map<String, Object> o) {
        validateAdam(o);
    }

    static void validateAdam(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        check(num(o, "eps") >= 0, "epsilon value", o.get("eps"));
        Object betas = o.get("betas");
        if (!(betas instanceof List) || ((List<?>) betas).size() != 2
                || !(((List<?>) betas).get(0) instanceof Number) || !(((List<?>) betas).get(1) instanceof Number)) {
            throw new IllegalArgumentException("option 'betas' must be two numbers, got " + org.torch4j.internal.PyRepr.ofValue(betas));
        }
        double b0 = ((Number) ((List<?>) betas).get(0)).doubleValue();
        double b1 = ((Number) ((List<?>) betas).get(1)).doubleValue();
        check(0 <= b0 && b0 < 1, "beta parameter at index 0", b0);
        check(0 <= b1 && b1 < 1, "beta parameter at index 1", b1);
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
    }

    @Override
    protected void update(ParamGroup group) {
        adamUpdate(this, group, false);
    }

    /** The single-tensor Adam / AdamW step of PyTorch 1.13 ({@code decoupled}: AdamW's weight decay). */
    static void adamUpdate(Optimizer opt, ParamGroup group, boolean decoupled) {
        double lr = group.lr();
        double[] betas = group.getDoubles("betas");
        double beta1 = betas[0];
        double beta2 = betas[1];
        double eps = group.getDouble("eps");
        double weightDecay = group.getDouble("weight_decay");
        boolean amsgrad = group.getBoolean("amsgrad");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            Map<String, Object> st = opt.mutableState(p);
            if (st.isEmpty()) {
                st.put("step", persistent(Torch.tensor(0f)));
                st.put("exp_avg", persistent(Torch.zerosLike(p)));
                st.put("exp_avg_sq", persistent(Torch.zerosLike(p)));
                if (amsgrad) {
                    st.put("max_exp_avg_sq", persistent(Torch.zerosLike(p)));
                }
            } else if (amsgrad && !st.containsKey("max_exp_avg_sq")) {
                st.put("max_exp_avg_sq", persistent(Torch.zerosLike(p)));
            }
            Tensor expAvg = opt.stateTensor(st, "exp_avg");
            Tensor expAvgSq = opt.stateTensor(st, "exp_avg_sq");
            Tensor stepT = opt.stateTensor(st, "step");
            if (maximize) {
                grad = grad.neg();
            }
            stepT.add_(1.0);
            if (decoupled) {
                p.mul_(1 - lr * weightDecay);
            } else if (weightDecay != 0) {
                grad = grad.add(p, weightDecay);
            }
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double step = stepT.itemDouble();
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            Tensor denom;
            if (amsgrad) {
                Tensor maxSq = opt.stateTensor(st, "max_exp_avg_sq");
                NativeOps.inPlace(maxSq, () -> torch.maximum_out(maxSq.unwrap(), maxSq.unwrap(), expAvgSq.unwrap()));
                denom = maxSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
            } else {
                denom = expAvgSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
            }
            p.addcdiv_(expAvg, denom, -stepSize);
        }
    }

    @Override
    protected void restoreState(Tensor param, Map<String, Object> st) {
        stepToTensor(st);
    }

    /** PyTorch's {@code __setstate__}: a numeric {@code step} (older state dicts) becomes a float32 tensor. */
    static void stepToTensor(Map<String, Object> st) {
        Object step = st.get("step");
        if (step instanceof Number) {
            st.put("step", persistent(Torch.tensor(((Number) step).floatValue())));
        }
    }
}
