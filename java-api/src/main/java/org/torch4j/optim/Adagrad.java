package org.torch4j.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adagrad (Duchi et al.), as {@code torch.optim.Adagrad}: each parameter's step is divided by the root of
 * its summed squared gradients; the learning rate decays as {@code lr / (1 + (step - 1) * lr_decay)}.
 *
 * <pre>{@code
 * Adagrad opt = new Adagrad(model.parameters(), Adagrad.options(0.1).lrDecay(1e-4).initialAccumulatorValue(0.1));
 * }</pre>
 *
 * State per parameter, made when the parameter is added (as PyTorch does in the constructor): {@code step}
 * (a 0-d float32 tensor) and {@code sum} (filled with {@code initial_accumulator_value}).
 */
public class Adagrad extends Optimizer {

    /** Adagrad's options. */
    public static final class Options implements Optimizer.Options {
        private double lr = 1e-2;
        private double lrDecay;
        private double weightDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;
        private boolean maximize;

        private Options() {}

        /** Learning rate (default 1e-2). */
        public Options lr(double lr) {
            this.lr = lr;
            return this;
        }

        /** Learning-rate decay (default 0). */
        public Options lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Starting value of the squared-gradient sums (default 0). */
        public Options initialAccumulatorValue(double value) {
            this.initialAccumulatorValue = value;
            return this;
        }

        /** Added to the denominator (default 1e-10). */
        public Options eps(double eps) {
            this.eps = eps;
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
            m.put("lr_decay", lrDecay);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("initial_accumulator_value", initialAccumulatorValue);
            m.put("foreach", null);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** PyTorch's defaults: lr 1e-2, no decay, accumulators from 0, eps 1e-10. */
    public static Options options() {
        return new Options();
    }

    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    public Adagrad(Collection<? extends Tensor> params) {
        this(params, options());
    }

    /** {@code optim.Adagrad(params, lr=lr)}. */
    public Adagrad(Collection<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public Adagrad(Collection<? extends Tensor> params, Options options) {
        this(single(params), options);
    }

    /** Several parameter groups, each with its own options; {@code defaults} for those a group does not set. */
    public Adagrad(List<ParamGroup> groups, Options defaults) {
        super(groups, defaults);
        // PyTorch fills every parameter's state in the constructor, from the constructor's accumulator value.
        double init = num(defaults(), "initial_accumulator_value");
        for (ParamGroup g : paramGroups()) {
            initState(g, init);
        }
        constructed = true;
    }

    /** False while the base constructor adds the first groups (this class's fields are not assigned yet). */
    private boolean constructed;

    /** Adds a group; its parameters' state starts from the group's {@code initial_accumulator_value}. */
    @Override
    public void addParamGroup(ParamGroup group) {
        super.addParamGroup(group);
        if (constructed) {
            List<ParamGroup> groups = paramGroups();
            ParamGroup added = groups.get(groups.size() - 1);
            initState(added, added.getDouble("initial_accumulator_value"));
        }
    }

    private void initState(ParamGroup g, double init) {
        for (Tensor p : g.params()) {
            Map<String, Object> st = mutableState(p);
            if (st.isEmpty()) {
                st.put("step", persistent(Torch.tensor(0f)));
                st.put("sum", persistent(Torch.fullLike(p, init)));
            }
        }
    }

    @Override
    protected void validate(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        check(num(o, "lr_decay") >= 0, "lr_decay value", o.get("lr_decay"));
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
        check(num(o, "initial_accumulator_value") >= 0, "initial_accumulator_value value", o.get("initial_accumulator_value"));
        check(num(o, "eps") >= 0, "epsilon value", o.get("eps"));
    }

    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr();
        double lrDecay = group.getDouble("lr_decay");
        double weightDecay = group.getDouble("weight_decay");
        double eps = group.getDouble("eps");
        boolean maximize = group.getBoolean("maximize");
        for (Tensor p : group.params()) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            Map<String, Object> st = mutableState(p);
            if (st.isEmpty()) {
                initState(group, group.getDouble("initial_accumulator_value"));
            }
            Tensor stepT = stateTensor(st, "step");
            Tensor sum = stateTensor(st, "sum");
            stepT.add_(1.0);
            double step = stepT.itemDouble();
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = grad.add(p, weightDecay);
            }
            double clr = lr / (1 + (step - 1) * lrDecay);
            sum.addcmul_(grad, grad, 1);
            Tensor std = sum.sqrt().add_(eps);
            p.addcdiv_(grad, std, -clr);
        }
    }

    @Override
    protected void restoreState(Tensor param, Map<String, Object> st) {
        Adam.stepToTensor(st);
    }
}
