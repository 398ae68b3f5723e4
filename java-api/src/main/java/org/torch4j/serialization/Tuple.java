package org.torch4j.serialization;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A Python tuple: an unmodifiable list. {@link TorchFiles#load} returns tuples as this class (an Adam
 * optimizer's {@code betas}, for example) and {@link TorchFiles#save} writes it back as a tuple, where any
 * other {@link java.util.List} is written as a Python list.
 *
 * <pre>{@code
 * Map<String, Object> group = Map.of("lr", 1e-3, "betas", Tuple.of(0.9, 0.999));
 * }</pre>
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private static final Tuple EMPTY = new Tuple(new Object[0]);

    final Object[] items;

    Tuple(Object[] items) {
        this.items = items;
    }

    /** A tuple of these items (copied; {@code null} stands for Python's {@code None}). */
    public static Tuple of(Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    /** Python's repr-like form: {@code (1, 2)}, {@code (1,)}. */
    @Override
    public String toString() {
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        String s = Arrays.toString(items);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
