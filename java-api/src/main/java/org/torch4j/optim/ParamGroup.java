package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.internal.PyRepr;

/**
 * A parameter group, PyTorch's {@code {'params': [...], 'lr': ..., ...}}: tensors to optimise and the options
 * (by PyTorch's names: {@code lr}, {@code momentum}, {@code weight_decay}, {@code betas}, ...) that apply to
 * them. Options a group does not set take the optimizer's defaults when the group is added.
 *
 * <pre>{@code
 * // optim.SGD([{'params': base.parameters()}, {'params': head.parameters(), 'lr': 1e-3}], lr=1e-2, momentum=0.9)
 * SGD opt = new SGD(List.of(ParamGroup.of(base.parameters()), ParamGroup.of(head.parameters()).lr(1e-3)),
 *         SGD.options(1e-2).momentum(0.9));
 * opt.paramGroups().get(1).lr();        // 0.001
 * opt.paramGroups().get(0).lr(0.005);   // what schedulers do
 * }</pre>
 *
 * Values are Java objects in the shapes PyTorch's {@code state_dict()} holds: {@code Double} (or any
 * {@code Number}), {@code Boolean}, {@code null} (None), {@code List<Double>} for tuples such as
 * {@code betas}. An optimizer keeps its own copy of each group it is given.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final LinkedHashMap<String, Object> options = new LinkedHashMap<>();

    private ParamGroup(List<Tensor> params) {
        this.params = Collections.unmodifiableList(params);
    }

    /** A group of these tensors whose options are all the optimizer's defaults until set here. */
    public static ParamGroup of(Collection<? extends Tensor> params) {
        Objects.requireNonNull(params, "params");
        List<Tensor> list = new ArrayList<>(params.size());
        for (Tensor t : params) {
            list.add(Objects.requireNonNull(t, "a parameter is null"));
        }
        return new ParamGroup(list);
    }

    /** A group of these tensors with every option of {@code options} (an optimizer's options object). */
    public static ParamGroup of(Collection<? extends Tensor> params, Optimizer.Options options) {
        ParamGroup g = of(params);
        for (Map.Entry<String, Object> e : options.toMap().entrySet()) {
            g.set(e.getKey(), e.getValue());
        }
        return g;
    }

    /** A copy with the same tensors and options (the map is copied; tensors are shared). */
    ParamGroup copy() {
        ParamGroup g = new ParamGroup(params);
        for (Map.Entry<String, Object> e : options.entrySet()) {
            g.options.put(e.getKey(), copyValue(e.getValue()));
        }
        return g;
    }

    /** The group's tensors, in order (unmodifiable). */
    public List<Tensor> params() {
        return params;
    }

    /** The learning rate, {@code group['lr']}. */
    public double lr() {
        return getDouble("lr");
    }

    /** Sets the learning rate, {@code group['lr'] = lr}. */
    public ParamGroup lr(double lr) {
        return set("lr", lr);
    }

    /**
     * Sets an option by PyTorch's name, {@code group[key] = value}. Arrays of numbers become
     * {@code List<Double>} (tuples such as {@code betas}).
     */
    public ParamGroup set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (key.equals("params")) {
            throw new IllegalArgumentException("a group's params are fixed when it is made; set options only");
        }
        options.put(key, copyValue(value));
        return this;
    }

    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** The option's value, or null when absent (see {@link #has}). */
    public Object get(String key) {
        return options.get(key);
    }

    /** A numeric option as a double. */
    public double getDouble(String key) {
        Object v = require(key);
        if (!(v instanceof Number)) {
            throw new IllegalStateException("parameter group option '" + key + "' is not a number: " + PyRepr.ofValue(v));
        }
        return ((Number) v).doubleValue();
    }

    /** A boolean option; None reads as false. */
    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalStateException("parameter group option '" + key + "' is not a bool: " + PyRepr.ofValue(v));
        }
        return (Boolean) v;
    }

    /** A tuple option such as {@code betas}, as doubles. */
    public double[] getDoubles(String key) {
        Object v = require(key);
        if (!(v instanceof List)) {
            throw new IllegalStateException("parameter group option '" + key + "' is not a tuple of numbers: " + PyRepr.ofValue(v));
        }
        List<?> l = (List<?>) v;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number)) {
                throw new IllegalStateException("parameter group option '" + key + "' is not a tuple of numbers: " + PyRepr.ofValue(v));
            }
            out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
    }

    private Object require(String key) {
        if (!options.containsKey(key)) {
            throw new IllegalStateException("parameter group has no option '" + key + "' (it has " + options.keySet() + ")");
        }
        return options.get(key);
    }

    /** The options in order, without {@code params} (unmodifiable view). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    Map<String, Object> optionsMutable() {
        return options;
    }

    static Object copyValue(Object v) {
        if (v instanceof double[]) {
            List<Double> l = new ArrayList<>();
            for (double d : (double[]) v) {
                l.add(d);
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof float[]) {
            List<Double> l = new ArrayList<>();
            for (float d : (float[]) v) {
                l.add((double) d);
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof List) {
            return Collections.unmodifiableList(new ArrayList<>((List<?>) v));
        }
        return v;
    }

    /** As PyTorch prints a group inside an optimizer: options sorted by name. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String k : new java.util.TreeSet<>(options.keySet())) {
            b.append("    ").append(k).append(": ").append(PyRepr.ofValue(options.get(k))).append('\n');
        }
        return b.toString();
    }
}
