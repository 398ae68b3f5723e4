package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Modules applied one after another, as {@code torch.nn.Sequential}: children are named "0", "1", ... (or by
 * the keys of a map, as PyTorch's OrderedDict form), so state dict keys read {@code 0.weight}, and each
 * child's single-input {@code forward} feeds the next.
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Linear(784, 200), new ReLU(), new Linear(200, 10));
 * Tensor logits = net.forward(x);
 * }</pre>
 */
public class Sequential extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Children named by the map's keys, in its iteration order (use a LinkedHashMap). */
    public Sequential(Map<String, ? extends Module> named) {
        for (Map.Entry<String, ? extends Module> e : named.entrySet()) {
            modules.add(registerModule(e.getKey(), Objects.requireNonNull(e.getValue(), "module " + e.getKey())));
        }
    }

    /** Appends a module under the next index, as PyTorch's {@code append}. */
    public Sequential add(Module module) {
        Objects.requireNonNull(module, "module");
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    public Module get(int index) {
        return modules.get(checkIndex(index));
    }

    private int checkIndex(int index) {
        int i = index < 0 ? index + modules.size() : index;
        if (i < 0 || i >= modules.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of " + modules.size() + " modules");
        }
        return i;
    }

    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(modules).iterator();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }
}
