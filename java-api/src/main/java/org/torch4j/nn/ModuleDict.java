package org.torch4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Submodules registered by name in insertion order, as {@code torch.nn.ModuleDict}.
 *
 * <pre>{@code
 * final ModuleDict heads = new ModuleDict();
 * heads.put("cls", new Linear(128, 10));
 * heads.put("box", new Linear(128, 4));
 * Tensor y = heads.get("cls").forward(features);
 * }</pre>
 */
public class ModuleDict extends Module {
    private final Map<String, Module> modules = new LinkedHashMap<>();

    public ModuleDict() {}

    /** Entries of {@code named} in its iteration order. */
    public ModuleDict(Map<String, ? extends Module> named) {
        for (Map.Entry<String, ? extends Module> e : named.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    /** Adds or replaces (keeping its position) the module under {@code key}. */
    public ModuleDict put(String key, Module module) {
        modules.put(key, registerModule(key, Objects.requireNonNull(module, "module")));
        return this;
    }

    /** The module under {@code key}; refuses an unknown key. */
    public Module get(String key) {
        Module m = modules.get(key);
        if (m == null) {
            throw new IllegalArgumentException("ModuleDict has no key '" + key + "'; keys are " + modules.keySet());
        }
        return m;
    }

    public boolean containsKey(String key) {
        return modules.containsKey(key);
    }

    public Set<String> keySet() {
        return Collections.unmodifiableSet(modules.keySet());
    }

    public int size() {
        return modules.size();
    }
}
