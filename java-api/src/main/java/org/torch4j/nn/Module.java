package org.torch4j.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;

/**
 * Base class of network components, as {@code torch.nn.Module}. Subclasses declare submodules and
 * {@link Parameter}s as fields (registered under the field's name, in declaration order, so that
 * {@code stateDict()} keys equal PyTorch's: {@code conv1.weight}), and write {@link #forward}.
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc1 = new Linear(784, 200);
 *     final Linear fc2 = new Linear(200, 10);
 *     @Override public Tensor forward(Tensor x) {
 *         return fc2.forward(F.relu(fc1.forward(x)));
 *     }
 * }
 * Net net = new Net();
 * net.namedParameters().keySet();   // [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
 * }</pre>
 *
 * Buffers (state that is not learned, such as BatchNorm's running mean) are registered with
 * {@link #registerBuffer}; containers register children by name with {@link #registerModule}.
 */
public abstract class Module {
    private final Map<String, Parameter> extraParameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> extraModules = new LinkedHashMap<>();
    private boolean training = true;

    protected Module() {}

    /**
     * The computation of this module for one input. Modules with other signatures (losses take input and
     * target) define their own {@code forward} and leave this one refusing.
     */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(name() + " has no single-input forward(Tensor)");
    }

    // ---------------------------------------------------------------- registration

    /** Registers a parameter by name (for names that are not fields, such as {@code weight_ih_l0}). */
    protected final <P extends Parameter> P registerParameter(String name, P parameter) {
        checkName(name);
        extraParameters.put(name, parameter);
        return parameter;
    }

    /** Registers a buffer: saved in the state dict and moved by {@code to()}, but not learned. */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        Objects.requireNonNull(buffer, "buffer");
        buffer.detachFromScope();
        buffers.put(name, buffer);
        return buffer;
    }

    /** Registers a child module by name (containers use "0", "1", ...). */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        extraModules.put(name, Objects.requireNonNull(module, "module"));
        return module;
    }

    /** Replaces a registered buffer's value (e.g. BatchNorm's running statistics). */
    protected final void setBuffer(String name, Tensor value) {
        if (!buffers.containsKey(name)) {
            throw new IllegalArgumentException(name() + " has no buffer '" + name + "'");
        }
        value.detachFromScope();
        buffers.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a module attribute name must be non-empty and contain no '.', got '" + name + "'");
        }
    }

    // ---------------------------------------------------------------- traversal

    /** This module's own parameters: fields first (declaration order, superclass first), then registered ones. */
    private Map<String, Parameter> ownParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Field f : fields()) {
            if (Parameter.class.isAssignableFrom(f.getType())) {
                Parameter p = (Parameter) read(f);
                if (p != null) {
                    out.put(f.getName(), p);
                }
            }
        }
        out.putAll(extraParameters);
        return out;
    }

    /** Direct children: module fields (declaration order), then registered ones. */
    public final Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (Field f : fields()) {
            if (Module.class.isAssignableFrom(f.getType())) {
                Module m = (Module) read(f);
                if (m != null) {
                    out.put(f.getName(), m);
                }
            }
        }
        out.putAll(extraModules);
        return out;
    }

    public final List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /** This module and all below it, depth first, with dotted names ("" for this one). */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    private static void collectModules(String prefix, Module m, Map<String, Module> out) {
        if (out.containsValue(m)) {
            return; // shared submodule: listed once, as PyTorch does
        }
        out.put(prefix, m);
        for (Map.Entry<String, Module> c : m.namedChildren().entrySet()) {
            collectModules(prefix.isEmpty() ? c.getKey() : prefix + "." + c.getKey(), c.getValue(), out);
        }
    }

    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** All parameters with dotted names ({@code fc1.weight}), each once. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Parameter> p : m.getValue().ownParameters().entrySet()) {
                if (!out.containsValue(p.getValue())) {
                    out.put(prefix + p.getKey(), p.getValue());
                }
            }
        }
        return out;
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** All buffers with dotted names. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> b : m.getValue().buffers.entrySet()) {
                out.put(prefix + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Total number of parameter elements. */
    public final long numParameters() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    private List<Field> fields() {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = getClass(); c != Module.class && c != null; c = c.getSuperclass()) {
            chain.push(c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()
                        && (Parameter.class.isAssignableFrom(f.getType()) || Module.class.isAssignableFrom(f.getType()))) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private Object read(Field f) {
        try {
            f.setAccessible(true);
            return f.get(this);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read field " + f.getName() + " of " + getClass().getName()
                    + " to register it: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- modes, devices, gradients

    /** Training mode (dropout active, batch norm updating its statistics) for this module and all below. */
    public Module train() {
        return train(true);
    }

    public Module train(boolean mode) {
        for (Module m : modules()) {
            m.training = mode;
        }
        return this;
    }

    /** Evaluation mode, {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Moves every parameter and buffer to {@code device}, in place (the same Parameter objects). */
    public Module to(Device device) {
        Objects.requireNonNull(device, "device");
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Tensor t : stateTensors()) {
                t.setData_(t.to(device));
                Tensor grad = t.grad();
                if (grad != null) {
                    grad.setData_(grad.to(device));
                }
            }
        }
        return this;
    }

    /** Converts every floating-point parameter and buffer to {@code dtype}, in place. */
    public Module to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("modules convert to floating-point dtypes only, got " + dtype);
        }
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Tensor t : stateTensors()) {
                if (t.dtype().isFloatingPoint()) {
                    t.setData_(t.to(dtype));
                }
            }
        }
        return this;
    }

    /**
     * Lays out every 4-D parameter and buffer (and its gradient) in {@code format}, in place: the same
     * Parameter objects, so optimizers made before or after keep working, as PyTorch's
     * {@code model.to(memory_format=...)}. Other ranks are left alone; {@link MemoryFormat#PRESERVE} changes
     * nothing. With {@link MemoryFormat#CHANNELS_LAST} convolutions on channels-last input run NHWC kernels
     * (much faster on the CPU); the weights get the exact NHWC strides also for one input channel.
     *
     * <pre>{@code
     * Module model = new Net().to(MemoryFormat.CHANNELS_LAST);
     * Tensor out = model.forward(images.to(MemoryFormat.CHANNELS_LAST));
     * }</pre>
     */
    public Module to(MemoryFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == MemoryFormat.PRESERVE) {
            return this;
        }
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Tensor t : stateTensors()) {
                relayout(t, format);
                Tensor grad = t.grad();
                if (grad != null) {
                    relayout(grad, format);
                    grad.close();
                }
            }
        }
        return this;
    }

    private static void relayout(Tensor t, MemoryFormat format) {
        if (t.dim() == 4 && !t.isContiguous(format)) {
            try (Tensor copy = t.to(format)) {
                t.setData_(copy);
            }
        }
    }

    private List<Tensor> stateTensors() {
        List<Tensor> all = new ArrayList<>(parameters());
        all.addAll(buffers());
        return all;
    }

    /** Drops every parameter's gradient ({@code set_to_none=True}, PyTorch 2's default). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code setToNone}: drop gradients; otherwise fill them with zeros in place. */
    public void zeroGrad(boolean setToNone) {
        for (Parameter p : parameters()) {
            if (setToNone) {
                p.clearGrad();
            } else {
                Tensor g = p.grad();
                if (g != null) {
                    g.detach_().zero_();
                }
            }
        }
    }

    /** Calls {@code fn} on every submodule (children first) and then on this one, as PyTorch's {@code apply}. */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children()) {
            c.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    // ---------------------------------------------------------------- state dicts

    /** Parameters and buffers by dotted name, in PyTorch's order; the tensors share the module's storage. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Parameter> p : ownParameters().entrySet()) {
            out.put(prefix + p.getKey(), p.getValue().detach().detachFromScope());
        }
        for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
            out.put(prefix + b.getKey(), b.getValue().detach().detachFromScope());
        }
        for (Map.Entry<String, Module> c : namedChildren().entrySet()) {
            c.getValue().collectState(prefix + c.getKey() + ".", out);
        }
    }

    /** Keys a {@link #loadStateDict} call did not match. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {}

    /** {@code loadStateDict(state, true)}. */
    public LoadResult loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    /**
     * Copies {@code state}'s tensors into this module's parameters and buffers. Everything is checked
     * before anything is copied: a size mismatch (always) or missing or unexpected keys (when
     * {@code strict}) throw {@link IllegalArgumentException} naming them and leave the module unchanged.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> own = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : namedParameters().entrySet()) {
            own.put(p.getKey(), p.getValue());
        }
        own.putAll(namedBuffers());
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!src.size().equals(e.getValue().size())) {
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + src.size()
                        + " from checkpoint, the shape in current model is " + e.getValue().size() + ".");
            }
        }
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (strict && !unexpected.isEmpty()) {
            errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
        }
        if (strict && !missing.isEmpty()) {
            errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ".");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + name() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null) {
                    e.getValue().copy_(src);
                }
            }
        }
        return new LoadResult(Collections.unmodifiableList(missing), Collections.unmodifiableList(unexpected));
    }

    private static String quoted(List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append('"').append(k).append('"');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- printing

    /** The class name PyTorch would print: the simple name (of the superclass for anonymous classes). */
    protected String name() {
        Class<?> c = getClass();
        while (c.isAnonymousClass()) {
            c = c.getSuperclass();
        }
        return c.getSimpleName();
    }

    /** Options shown inside the parentheses, as PyTorch's {@code extra_repr}; empty by default. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree as PyTorch prints it. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) {
            Collections.addAll(lines, extra.split("\n"));
        }
        for (Map.Entry<String, Module> c : namedChildren().entrySet()) {
            lines.add("(" + c.getKey() + "): " + indent(c.getValue().toString()));
        }
        StringBuilder b = new StringBuilder(name()).append('(');
        if (!lines.isEmpty()) {
            if (lines.size() == 1 && namedChildren().isEmpty()) {
                b.append(lines.get(0));
            } else {
                b.append('\n');
                for (String l : lines) {
                    b.append("  ").append(l).append('\n');
                }
            }
        }
        return b.append(')').toString();
    }

    private static String indent(String s) {
        return s.replace("\n", "\n  ");
    }
}
