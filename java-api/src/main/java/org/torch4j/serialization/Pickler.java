package org.torch4j.serialization;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes Java values as a pickle, protocol 2, with the opcodes Python's own pickler uses for the same values
 * (so that files read the same in every Python and PyTorch version): None, bool, int, float, str, bytes,
 * tuples ({@link Tuple}), lists, dicts, {@link OrderedDict}s (with their attributes), sets. Other values go to
 * {@link #saveOther}, which a subclass overrides (tensors); the base refuses them.
 *
 * <p>Containers and other objects are memoized by identity, as Python does, so an object that appears twice
 * (or inside itself) is written once and read back as one object.
 */
class Pickler {
    static final int BATCH = 1000;

    protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Object, Integer> memo = new IdentityHashMap<>();
    private final Map<String, Integer> globals = new java.util.HashMap<>();
    private int nextMemo;

    /** The whole pickle of {@code value}; {@code rootAsOrderedDict} writes a top-level Map as an OrderedDict. */
    byte[] dump(Object value, boolean rootAsOrderedDict) {
        out.write(0x80);
        out.write(2);
        if (rootAsOrderedDict && value instanceof Map && !(value instanceof OrderedDict)) {
            saveMap((Map<?, ?>) value, true, null, "value");
        } else {
            save(value, "value");
        }
        out.write('.');
        return out.toByteArray();
    }

    /** Writes {@code o}; {@code path} names it in messages, e.g. {@code value['state'][0]}. */
    void save(Object o, String path) {
        if (o == null) {
            out.write('N');
        } else if (o instanceof Boolean) {
            out.write((Boolean) o ? 0x88 : 0x89);
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            saveLong(((Number) o).longValue());
        } else if (o instanceof BigInteger) {
            saveBig((BigInteger) o);
        } else if (o instanceof Double || o instanceof Float) {
            out.write('G');
            writeBE8(Double.doubleToRawLongBits(((Number) o).doubleValue()));
        } else if (o instanceof String) {
            saveString((String) o);
        } else if (getMemo(o)) {
            return;
        } else if (o instanceof byte[]) {
            saveBytes((byte[]) o);
        } else if (o instanceof Tuple) {
            saveTuple((Tuple) o, path);
        } else if (o instanceof List) {
            saveList((List<?>) o, path);
        } else if (o instanceof OrderedDict) {
            OrderedDict<?, ?> d = (OrderedDict<?, ?>) o;
            saveMap(d, true, d.attributes(), path);
        } else if (o instanceof Map) {
            saveMap((Map<?, ?>) o, false, null, path);
        } else if (o instanceof Set) {
            saveSet((Set<?>) o, path);
        } else {
            saveOther(o, path);
        }
    }

    /** Values the base pickler does not know; the default refuses them. */
    protected void saveOther(Object o, String path) {
        throw new IllegalArgumentException(path + " is a " + o.getClass().getName() + ", which a torch.save file "
                + "cannot hold (supported: Tensor, Map, List, Tuple, Set, String, Long/Integer/Short/Byte, "
                + "BigInteger, Double/Float, Boolean, byte[] and null)");
    }

    // ---------------------------------------------------------------- memo

    /** Writes a BINGET and returns true if {@code o} was written before. */
    protected boolean getMemo(Object o) {
        Integer i = memo.get(o);
        if (i == null) {
            return false;
        }
        writeGet(i);
        return true;
    }

    /** Stores the object on top of the stack under the next memo index. */
    protected void putMemo(Object o) {
        int i = nextMemo++;
        memo.put(o, i);
        writePut(i);
    }

    private void writePut(int i) {
        if (i < 256) {
            out.write('q');
            out.write(i);
        } else {
            out.write('r');
            writeLE4(i);
        }
    }

    private void writeGet(int i) {
        if (i < 256) {
            out.write('h');
            out.write(i);
        } else {
            out.write('j');
            writeLE4(i);
        }
    }

    /** {@code GLOBAL module name}, memoized by name as Python does. */
    protected void saveGlobal(String module, String name) {
        String k = module + "\n" + name;
        Integer i = globals.get(k);
        if (i != null) {
            writeGet(i);
            return;
        }
        out.write('c');
        byte[] b = (k + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        int m = nextMemo++;
        globals.put(k, m);
        writePut(m);
    }

    // ---------------------------------------------------------------- scalars

    void saveLong(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) (v & 0xff));
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            writeLE4((int) v);
        } else {
            saveBig(BigInteger.valueOf(v));
        }
    }

    private void saveBig(BigInteger v) {
        if (v.bitLength() < 32) {
            saveLong(v.longValue());
            return;
        }
        byte[] be = v.toByteArray(); // minimal two's complement, as Python's encode_long
        int n = be.length;
        if (n < 256) {
            out.write(0x8a);
            out.write(n);
        } else {
            out.write(0x8b);
            writeLE4(n);
        }
        for (int i = n - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    void saveString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        writeLE4(b.length);
        out.write(b, 0, b.length);
    }

    /** Protocol 2 has no bytes opcode: Python writes {@code _codecs.encode(latin1 text, 'latin1')}. */
    private void saveBytes(byte[] b) {
        if (b.length == 0) {
            saveGlobal("__builtin__", "bytes");
            out.write(')');
        } else {
            saveGlobal("_codecs", "encode");
            saveString(new String(b, StandardCharsets.ISO_8859_1));
            saveString("latin1");
            out.write(0x86);
        }
        out.write('R');
        putMemo(b);
    }

    // ---------------------------------------------------------------- containers

    private void saveTuple(Tuple t, String path) {
        int n = t.size();
        if (n == 0) {
            out.write(')');
            return;
        }
        if (n > 3) {
            out.write('(');
        }
        for (int i = 0; i < n; i++) {
            save(t.get(i), path + "[" + i + "]");
        }
        out.write(n == 1 ? 0x85 : n == 2 ? 0x86 : n == 3 ? 0x87 : 't');
        putMemo(t);
    }

    private void saveList(List<?> l, String path) {
        out.write(']');
        putMemo(l);
        int i = 0;
        Iterator<?> it = l.iterator();
        while (it.hasNext()) {
            int start = i;
            out.write('(');
            while (it.hasNext() && i - start < BATCH) {
                save(it.next(), path + "[" + i + "]");
                i++;
            }
            out.write('e');
        }
    }

    private void saveMap(Map<?, ?> m, boolean ordered, Map<String, Object> attributes, String path) {
        if (ordered) {
            saveGlobal("collections", "OrderedDict");
            out.write(')');
            out.write('R');
        } else {
            out.write('}');
        }
        putMemo(m);
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            out.write('(');
            int k = 0;
            while (it.hasNext() && k < BATCH) {
                Map.Entry<?, ?> e = it.next();
                Object key = e.getKey();
                checkKey(key, path);
                save(key, path + " key");
                save(e.getValue(), path + "[" + repr(key) + "]");
                k++;
            }
            out.write('u');
        }
        if (attributes != null && !attributes.isEmpty()) {
            out.write('}');
            int mi = nextMemo++;
            writePut(mi);
            out.write('(');
            for (Map.Entry<String, Object> e : attributes.entrySet()) {
                saveString(e.getKey());
                save(e.getValue(), path + "." + e.getKey());
            }
            out.write('u');
            out.write('b');
        }
    }

    private void saveSet(Set<?> s, String path) {
        saveGlobal("__builtin__", "set");
        out.write(']');
        int mi = nextMemo++;
        writePut(mi);
        out.write('(');
        int i = 0;
        for (Object o : s) {
            checkKey(o, path);
            save(o, path + " element " + i++);
        }
        out.write('e');
        out.write(0x85);
        out.write('R');
        putMemo(s);
    }

    private static void checkKey(Object k, String path) {
        if (k == null || k instanceof String || k instanceof Long || k instanceof Integer || k instanceof Short
                || k instanceof Byte || k instanceof BigInteger || k instanceof Double || k instanceof Float
                || k instanceof Boolean || k instanceof Tuple) {
            return;
        }
        throw new IllegalArgumentException(path + " has a key or element of type " + k.getClass().getName()
                + ", which Python cannot hash or torch4j cannot write (use String, integer, float, Boolean, "
                + "Tuple or null)");
    }

    private static String repr(Object key) {
        return key instanceof String ? "'" + key + "'" : String.valueOf(key);
    }

    // ---------------------------------------------------------------- bytes

    protected void writeLE4(int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }

    private void writeBE8(long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
