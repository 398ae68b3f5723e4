package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.internal.PyRepr;

/**
 * Base class of optimizers, as {@code torch.optim.Optimizer}: parameter groups, each with its own options,
 * per-parameter state, {@link #zeroGrad()}, {@link #step()} and a {@link #stateDict()} shaped like PyTorch's.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9));
 * for (...) {
 *     opt.zeroGrad();
 *     criterion(model.forward(x), y).backward();
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>Each step runs LibTorch's in-place tensor operations per parameter, with gradient recording off, in the
 * order of PyTorch 1.13's single-tensor ({@code foreach=False}) algorithms, so that results agree with
 * PyTorch's to the last bits of float32 arithmetic. State tensors belong to no {@link Scope}; the temporaries
 * of a step are released when it returns. Parameters whose {@code grad} is null are skipped.
 *
 * <p>{@link #stateDict()} returns {@code {"state": {index: {name: tensor or number}}, "param_groups":
 * [{"lr": ..., ..., "params": [indices]}]}} as plain {@code Map}s and {@code List}s with PyTorch's keys,
 * ready to be written in PyTorch's format.
 *
 * <p>Subclasses implement {@link #validate} (checked on the defaults and on every group added) and
 * {@link #update} (one group's step).
 */
public abstract class Optimizer {
    /** The options of an optimizer, PyTorch's keyword arguments: the defaults of its parameter groups. */
    public interface Options {
        /** The options under PyTorch's names, in PyTorch's order. */
        Map<String, Object> toMap();
    }

    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    private final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();

    /**
     * Checks {@code defaults} with {@link #validate}, then adds each group. {@code validate} runs before the
     * subclass's fields are assigned, so it must use only its argument.
     *
     * @throws IllegalArgumentException "optimizer got an empty parameter list" when {@code groups} is empty
     */
    protected Optimizer(List<ParamGroup> groups, Options defaults) {
        Objects.requireNonNull(groups, "params");
        Objects.requireNonNull(defaults, "options");
        Map<String, Object> d = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : defaults.toMap().entrySet()) {
            d.put(e.getKey(), ParamGroup.copyValue(e.getValue()));
        }
        validate(d);
        this.defaults = Collections.unmodifiableMap(d);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        for (ParamGroup g : groups) {
            addParamGroup(g);
        }
    }

    /** One group of all {@code params}, or none when it is empty (so that the constructor refuses it). */
    protected static List<ParamGroup> single(Collection<? extends Tensor> params) {
        Objects.requireNonNull(params, "params");
        return params.isEmpty() ? List.of() : List.of(ParamGroup.of(params));
    }

    /**
     * Checks a group's options (the defaults and each group added or loaded), throwing
     * {@link IllegalArgumentException} with PyTorch's message, e.g. {@code Invalid learning rate: -0.1}.
     */
    protected abstract void validate(Map<String, Object> options);

    /** Performs the step of one group; runs with gradient recording off, inside a scope closed afterwards. */
    protected abstract void update(ParamGroup group);

    // ---------------------------------------------------------------- groups

    /** The options a group gets for those it does not set (unmodifiable). */
    public final Map<String, Object> defaults() {
        return defaults;
    }

    /** The parameter groups (unmodifiable list; each group's options can be changed, e.g. its {@code lr}). */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(paramGroups);
    }

    /**
     * Adds a group (e.g. layers unfrozen during fine-tuning): a copy of {@code group}, with the defaults
     * for the options it does not set.
     *
     * @throws IllegalArgumentException for a non-leaf tensor, a tensor given twice, a tensor already in
     *     another group, or an invalid option
     */
    public void addParamGroup(ParamGroup group) {
        Objects.requireNonNull(group, "group");
        ParamGroup g = group.copy();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor p : g.params()) {
            if (p.isReleased()) {
                throw new IllegalStateException("cannot optimize a released tensor");
            }
            if (!p.isLeaf() && !p.unwrap().retains_grad()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("optimizer contains a parameter group with duplicate parameters");
            }
        }
        for (Map.Entry<String, Object> e : defaults.entrySet()) {
            if (!g.has(e.getKey())) {
                g.set(e.getKey(), e.getValue());
            }
        }
        validate(g.optionsMutable());
        for (ParamGroup other : paramGroups) {
            for (Tensor p : other.params()) {
                if (seen.contains(p)) {
                    throw new IllegalArgumentException("some parameters appear in more than one parameter group");
                }
            }
        }
        paramGroups.add(g);
    }

    // ---------------------------------------------------------------- gradients and steps

    /** Drops every parameter's gradient ({@code set_to_none=True}, PyTorch 2's default). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code setToNone}: drop the gradients; otherwise detach them and fill them with zeros in place. */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params()) {
                if (setToNone) {
                    p.clearGrad();
                } else {
                    Tensor grad = p.grad();
                    if (grad != null) {
                        grad.detach_().zero_();
                        grad.close();
                    }
                }
            }
        }
    }

    /** Updates every parameter that has a gradient, as {@code optimizer.step()}. */
    public void step() {
        try (Autograd.Mode noGrad = Autograd.noGrad(); Scope scope = Scope.open()) {
            for (ParamGroup g : paramGroups) {
                update(g);
            }
        }
    }

    /**
     * Evaluates {@code closure} (which recomputes the loss and its gradients) with gradient recording on,
     * then steps; returns the closure's loss, as {@code optimizer.step(closure)}.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Objects.requireNonNull(closure, "closure");
        Tensor loss;
        try (Autograd.Mode grad = Autograd.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    // ---------------------------------------------------------------- state

    /** The state of parameter {@code p} (names to tensors or numbers), as {@code optimizer.state[p]}; empty if none. */
    public final Map<String, Object> state(Tensor p) {
        Map<String, Object> s = state.get(p);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    /** The state of {@code p} for a subclass to read and fill, created empty on first use. */
    protected final Map<String, Object> mutableState(Tensor p) {
        return state.computeIfAbsent(p, k -> new LinkedHashMap<>());
    }

    /** Makes {@code t} long-lived optimizer state: out of the step's scope. */
    protected static Tensor persistent(Tensor t) {
        return t.detachFromScope();
    }

    /** A state tensor that must be there once a parameter's state exists. */
    protected final Tensor stateTensor(Map<String, Object> st, String key) {
        Object v = st.get(key);
        if (!(v instanceof Tensor)) {
            throw new IllegalStateException(getClass().getSimpleName() + " state lacks the tensor '" + key
                    + "' (has " + st.keySet() + "); was it loaded from another optimizer's state dict?");
        }
        return (Tensor) v;
    }

    /**
     * Called for each parameter's state after {@link #loadStateDict}, for the conversions of PyTorch's
     * {@code __setstate__} (e.g. Adam turns a numeric {@code step} into a tensor). Does nothing by default.
     */
    protected void restoreState(Tensor param, Map<String, Object> st) {}

    /**
     * The optimizer's state as PyTorch's {@code optimizer.state_dict()}: {@code "state"} maps parameter
     * indices (counted across groups, in order) to their state, {@code "param_groups"} lists each group's
     * options with {@code "params"}: its indices. Tensors share the optimizer's storage (as in PyTorch) and
     * belong to no scope; load the dict with {@link #loadStateDict}, which copies them.
     */
    public Map<String, Object> stateDict() {
        List<Object> groups = new ArrayList<>();
        Map<Integer, Map<String, Object>> packedState = new LinkedHashMap<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : g.options().entrySet()) {
                packed.put(e.getKey(), ParamGroup.copyValue(e.getValue()));
            }
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                Map<String, Object> st = state.get(p);
                if (st != null) {
                    packedState.put(index, exportState(st));
                }
                ids.add(index++);
            }
            packed.put("params", ids);
            groups.add(packed);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    private static Map<String, Object> exportState(Map<String, Object> st) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : st.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Tensor ? ((Tensor) v).detach().detachFromScope() : ParamGroup.copyValue(v));
        }
        return out;
    }

    /**
     * Restores a state dict (from {@link #stateDict()}, or one in the same shape read from PyTorch) into this
     * optimizer, whose groups must have the saved groups' sizes: as {@code optimizer.load_state_dict}. State
     * tensors are copied, floating-point ones converted to their parameter's dtype (except {@code step}); each
     * group takes the saved options (missing ones from the defaults). Nothing changes if the dict is refused.
     *
     * @throws IllegalArgumentException for a dict of another shape, with PyTorch's messages
     */
    public void loadStateDict(Map<String, ?> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        List<?> saved = asList(stateDict.get("param_groups"), "param_groups");
        Object stateObj = stateDict.get("state");
        Map<?, ?> savedState = stateObj == null ? Map.of() : asMap(stateObj, "state");
        if (saved.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Integer, Tensor> idMap = new LinkedHashMap<>();
        List<Map<String, Object>> newOptions = new ArrayList<>();
        for (int gi = 0; gi < saved.size(); gi++) {
            Map<?, ?> sg = asMap(saved.get(gi), "param_groups[" + gi + "]");
            List<?> ids = asList(sg.get("params"), "param_groups[" + gi + "]['params']");
            List<Tensor> ours = paramGroups.get(gi).params();
            if (ids.size() != ours.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            for (int i = 0; i < ids.size(); i++) {
                idMap.put(asIndex(ids.get(i)), ours.get(i));
            }
            Map<String, Object> opts = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : sg.entrySet()) {
                if (!"params".equals(e.getKey())) {
                    opts.put(String.valueOf(e.getKey()), ParamGroup.copyValue(e.getValue()));
                }
            }
            for (Map.Entry<String, Object> e : defaults.entrySet()) {
                opts.putIfAbsent(e.getKey(), e.getValue());
            }
            validate(opts);
            newOptions.add(opts);
        }
        Map<Tensor, Map<String, Object>> newState = new IdentityHashMap<>();
        for (Map.Entry<?, ?> e : savedState.entrySet()) {
            Tensor p = idMap.get(asIndex(e.getKey()));
            if (p == null) {
                throw new IllegalArgumentException("loaded state dict has state for parameter " + e.getKey()
                        + ", which none of its parameter groups lists");
            }
            asMap(e.getValue(), "state[" + e.getKey() + "]");
        }
        try (Scope scope = Scope.open()) {
            for (Map.Entry<?, ?> e : savedState.entrySet()) {
                Tensor p = idMap.get(asIndex(e.getKey()));
                Map<String, Object> st = new LinkedHashMap<>();
                for (Map.Entry<?, ?> se : ((Map<?, ?>) e.getValue()).entrySet()) {
                    String key = String.valueOf(se.getKey());
                    st.put(key, cast(p, se.getValue(), key));
                }
                newState.put(p, st);
            }
        }
        for (Map<String, Object> old : state.values()) {
            for (Object v : old.values()) {
                if (v instanceof Tensor) {
                    ((Tensor) v).close();
                }
            }
        }
        state.clear();
        state.putAll(newState);
        for (int gi = 0; gi < paramGroups.size(); gi++) {
            Map<String, Object> opts = paramGroups.get(gi).optionsMutable();
            opts.clear();
            opts.putAll(newOptions.get(gi));
        }
        for (Map.Entry<Tensor, Map<String, Object>> e : state.entrySet()) {
            restoreState(e.getKey(), e.getValue());
        }
    }

    /** PyTorch's {@code cast}: a copy of {@code value}, tensors on the parameter's device and (but step) dtype. */
    private static Object cast(Tensor param, Object value, String key) {
        if (value instanceof Tensor) {
            Tensor t = ((Tensor) value).detach().clone();
            DType pd = param.dtype();
            if (!"step".equals(key) && pd.isFloatingPoint() && t.dtype() != pd) {
                t = t.to(pd);
            }
            if (!t.device().equals(param.device())) {
                t = t.to(param.device());
            }
            return t.detachFromScope();
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object v : (List<?>) value) {
                out.add(cast(param, v, null));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    private static List<?> asList(Object o, String what) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("state dict entry " + what + " must be a list, got "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return (List<?>) o;
    }

    private static Map<?, ?> asMap(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("state dict entry " + what + " must be a map, got "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return (Map<?, ?>) o;
    }

    private static int asIndex(Object o) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short) {
            return ((Number) o).intValue();
        }
        if (o instanceof String) {
            try {
                return Integer.parseInt((String) o);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("a parameter index in a state dict must be an integer, got " + PyRepr.ofValue(o));
    }

    // ---------------------------------------------------------------- helpers for option checks

    /** {@code options.get(key)} as a double, refusing non-numbers. */
    protected static double num(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("option '" + key + "' must be a number, got " + PyRepr.ofValue(v));
        }
        return ((Number) v).doubleValue();
    }

    /** Throws {@code Invalid <what>: <value>} (PyTorch's wording) unless {@code ok}. */
    protected static void check(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + what + ": " + PyRepr.ofValue(value));
        }
    }

    /** PyTorch's checks shared by its optimizers: {@code 0 <= lr}, {@code 0 <= eps}, {@code 0 <= weight_decay}. */
    protected static void checkLrEpsWeightDecay(Map<String, Object> o) {
        check(num(o, "lr") >= 0, "learning rate", o.get("lr"));
        if (o.containsKey("eps")) {
            check(num(o, "eps") >= 0, "epsilon value", o.get("eps"));
        }
        check(num(o, "weight_decay") >= 0, "weight_decay value", o.get("weight_decay"));
    }

    /** As PyTorch prints an optimizer: its class and each group's options, sorted by name. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            b.append("\nParameter Group ").append(i).append('\n').append(paramGroups.get(i));
        }
        return b.append(')').toString();
    }
}
