package org.torch4j.serialization;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code collections.OrderedDict}: a {@link LinkedHashMap} that also keeps the attributes the
 * Python object carried. A module's {@code state_dict()} is one, with a {@code _metadata} attribute (the
 * per-module versions that {@code load_state_dict} reads). {@link TorchFiles#load} returns OrderedDicts as this
 * class, attributes included, and {@link TorchFiles#save} writes them back the same way, so a Python
 * checkpoint loaded and saved again from Java keeps its {@code _metadata}.
 *
 * @param <K> key type (strings for state dicts)
 * @param <V> value type
 */
public class OrderedDict<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> attributes = new LinkedHashMap<>();

    public OrderedDict() {}

    public OrderedDict(Map<? extends K, ? extends V> entries) {
        super(entries);
    }

    /** The Python object's attributes ({@code vars(d)}), e.g. {@code _metadata}; modifiable, empty by default. */
    public Map<String, Object> attributes() {
        return attributes;
    }
}
