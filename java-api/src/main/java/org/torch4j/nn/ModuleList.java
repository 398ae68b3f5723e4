package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A list of submodules registered as "0", "1", ..., as {@code torch.nn.ModuleList}: their parameters belong
 * to the owning module; the owner decides how to call them.
 *
 * <pre>{@code
 * final ModuleList layers = new ModuleList();
 * for (int i = 0; i < 3; i++) layers.add(new Linear(10, 10));
 * for (Module l : layers) x = F.relu(l.forward(x));
 * }</pre>
 */
public class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    public ModuleList(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module under the next index ({@code append}). */
    public ModuleList add(Module module) {
        Objects.requireNonNull(module, "module");
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    /** Appends all of {@code more} ({@code extend}). */
    public ModuleList addAll(Iterable<? extends Module> more) {
        for (Module m : more) {
            add(m);
        }
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        return modules.get(checkIndex(index));
    }

    /** Replaces the module at {@code index}, keeping its name. */
    public void set(int index, Module module) {
        int i = checkIndex(index);
        modules.set(i, registerModule(Integer.toString(i), Objects.requireNonNull(module, "module")));
    }

    private int checkIndex(int index) {
        int i = index < 0 ? index + modules.size() : index;
        if (i < 0 || i >= modules.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a ModuleList of " + modules.size() + " modules");
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
}
