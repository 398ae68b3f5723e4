package org.torch4j.serialization;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small pickle reader (protocols 0 to 5, as Python's {@code pickle} writes them) that builds Java values and
 * never constructs arbitrary objects: every global goes through {@link #findClass}, every call
 * ({@code REDUCE}, {@code NEWOBJ}, {@code INST}, {@code OBJ}) through {@link #call}, every {@code BUILD}
 * through {@link #build}, and persistent ids through {@link #persistentLoad}; the subclass decides.
 *
 * <p>Values: None is {@code null}, bool {@link Boolean}, int {@link Long} ({@link BigInteger} beyond 64 bits),
 * float {@link Double}, str {@link String}, bytes/bytearray {@code byte[]}, list {@link ArrayList}, tuple
 * {@link Tuple}, dict {@link LinkedHashMap}, set/frozenset {@link LinkedHashSet}.
 *
 * <p>Problems with the data throw {@link PickleException} with a message that says what and where
 * (the byte offset in the pickle).
 */
abstract class Unpickler {
    /** The pickle is damaged or uses something this reader refuses. */
    static final class PickleException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PickleException(String message) {
            super(message);
        }
    }

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final Source in;
    private final long start;
    private List<Object> stack = new ArrayList<>();
    private final Deque<List<Object>> metastack = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    Unpickler(Source in) {
        this.in = in;
        this.start = in.position();
    }

    /** The object a {@code GLOBAL module name} stands for; throw {@link PickleException} to refuse it. */
    protected abstract Object findClass(String module, String name);

    /** {@code callable(*args)} for REDUCE / NEWOBJ / INST / OBJ. */
    protected abstract Object call(Object callable, Tuple args);

    /** The object a persistent id stands for. */
    protected abstract Object persistentLoad(Object pid);

    /** {@code BUILD}: sets {@code state} on {@code obj}. */
    protected abstract void build(Object obj, Object state);

    /** Whether a value the subclass made may be a dict key or set element. */
    protected boolean hashable(Object k) {
        return true;
    }

    /** Reads one pickle, up to and including its STOP opcode, and returns its value. */
    Object load() throws IOException {
        try {
            return run();
        } catch (EOFException e) {
            throw corrupt("ends before its STOP opcode (" + e.getMessage() + ")");
        }
    }

    private long offset() {
        return in.position() - start;
    }

    PickleException corrupt(String what) {
        return new PickleException(what);
    }

    private PickleException corruptAt(long at, String what) {
        return new PickleException(what + " at byte " + at);
    }

    @SuppressWarnings("unchecked")
    private Object run() throws IOException {
        while (true) {
            long at = offset();
            int op = in.read();
            switch (op) {
                case 0x80: { // PROTO
                    int proto = in.read();
                    if (proto > 5) {
                        throw corruptAt(at, "uses pickle protocol " + proto + " (at most 5 is supported)");
                    }
                    break;
                }
                case 0x95: // FRAME: framing is transparent to the reader
                    in.readLE(8);
                    break;
                case '.': // STOP
                    return pop(at);
                case '(': // MARK
                    metastack.push(stack);
                    stack = new ArrayList<>();
                    break;
                case '0': // POP
                    if (!stack.isEmpty()) {
                        stack.remove(stack.size() - 1);
                    } else {
                        popMark(at);
                    }
                    break;
                case '1': // POP_MARK
                    popMark(at);
                    break;
                case '2': // DUP
                    push(peek(at));
                    break;

                // ---- constants and numbers
                case 'N':
                    push(null);
                    break;
                case 0x88:
                    push(Boolean.TRUE);
                    break;
                case 0x89:
                    push(Boolean.FALSE);
                    break;
                case 'I': { // INT (text)
                    String line = in.readLine().trim();
                    if (line.equals("00")) {
                        push(Boolean.FALSE);
                    } else if (line.equals("01")) {
                        push(Boolean.TRUE);
                    } else {
                        push(parseInt(line, at));
                    }
                    break;
                }
                case 'J': // BININT
                    push((long) (int) in.readLE(4));
                    break;
                case 'K': // BININT1
                    push((long) in.read());
                    break;
                case 'M': // BININT2
                    push(in.readLE(2));
                    break;
                case 'L': { // LONG (text)
                    String line = in.readLine().trim();
                    if (line.endsWith("L")) {
                        line = line.substring(0, line.length() - 1);
                    }
                    push(parseInt(line, at));
                    break;
                }
                case 0x8a: // LONG1
                    push(decodeLong(in.readBytes(in.read())));
                    break;
                case 0x8b: { // LONG4
                    long n = (int) in.readLE(4);
                    if (n < 0) {
                        throw corruptAt(at, "has a negative LONG4 length");
                    }
                    push(decodeLong(in.readBytes(n)));
                    break;
                }
                case 'F': { // FLOAT (text)
                    String line = in.readLine().trim();
                    push(parseFloat(line, at));
                    break;
                }
                case 'G': // BINFLOAT, big-endian
                    push(Double.longBitsToDouble(Long.reverseBytes(in.readLE(8))));
                    break;

                // ---- strings and bytes
                case 'S': // STRING (text, a Python repr)
                    push(parseQuoted(in.readLine().trim(), at));
                    break;
                case 'T': { // BINSTRING
                    long n = (int) in.readLE(4);
                    if (n < 0) {
                        throw corruptAt(at, "has a negative BINSTRING length");
                    }
                    push(utf8(in.readBytes(n), at));
                    break;
                }
                case 'U': // SHORT_BINSTRING
                    push(utf8(in.readBytes(in.read()), at));
                    break;
                case 'V': // UNICODE (raw-unicode-escape)
                    push(rawUnicodeEscape(in.readLine()));
                    break;
                case 'X': // BINUNICODE
                    push(utf8(in.readBytes(in.readLE(4)), at));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    push(utf8(in.readBytes(in.read()), at));
                    break;
                case 0x8d: // BINUNICODE8
                    push(utf8(in.readBytes(in.readLE(8)), at));
                    break;
                case 'B': // BINBYTES
                    push(in.readBytes(in.readLE(4)));
                    break;
                case 'C': // SHORT_BINBYTES
                    push(in.readBytes(in.read()));
                    break;
                case 0x8e: // BINBYTES8
                case 0x96: // BYTEARRAY8
                    push(in.readBytes(in.readLE(8)));
                    break;

                // ---- containers
                case ')':
                    push(Tuple.of());
                    break;
                case 't':
                    push(new Tuple(popMark(at).toArray()));
                    break;
                case 0x85: {
                    Object a = pop(at);
                    push(new Tuple(new Object[] {a}));
                    break;
                }
                case 0x86: {
                    Object b = pop(at);
                    Object a = pop(at);
                    push(new Tuple(new Object[] {a, b}));
                    break;
                }
                case 0x87: {
                    Object c = pop(at);
                    Object b = pop(at);
                    Object a = pop(at);
                    push(new Tuple(new Object[] {a, b, c}));
                    break;
                }
                case ']':
                    push(new ArrayList<>());
                    break;
                case 'l':
                    push(new ArrayList<>(popMark(at)));
                    break;
                case 'a': { // APPEND
                    Object v = pop(at);
                    list(peek(at), at).add(v);
                    break;
                }
                case 'e': { // APPENDS
                    List<Object> items = popMark(at);
                    list(peek(at), at).addAll(items);
                    break;
                }
                case '}':
                    push(new LinkedHashMap<>());
                    break;
                case 'd': {
                    List<Object> items = popMark(at);
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putAll(m, items, at);
                    push(m);
                    break;
                }
                case 's': { // SETITEM
                    Object v = pop(at);
                    Object k = pop(at);
                    Map<Object, Object> m = map(peek(at), at);
                    m.put(key(k, at), v);
                    break;
                }
                case 'u': { // SETITEMS
                    List<Object> items = popMark(at);
                    putAll(map(peek(at), at), items, at);
                    break;
                }
                case 0x8f: // EMPTY_SET
                    push(new LinkedHashSet<>());
                    break;
                case 0x90: { // ADDITEMS
                    List<Object> items = popMark(at);
                    Object target = peek(at);
                    if (!(target instanceof Set)) {
                        throw corruptAt(at, "adds set items to " + Unpickler.a(typeName(target)));
                    }
                    for (Object item : items) {
                        ((Set<Object>) target).add(key(item, at));
                    }
                    break;
                }
                case 0x91: { // FROZENSET
                    Set<Object> s = new LinkedHashSet<>();
                    for (Object item : popMark(at)) {
                        s.add(key(item, at));
                    }
                    push(Collections.unmodifiableSet(s));
                    break;
                }

                // ---- memo
                case 'g': // GET (text)
                    push(memoGet(parseIndex(in.readLine(), at), at));
                    break;
                case 'h': // BINGET
                    push(memoGet(in.read(), at));
                    break;
                case 'j': // LONG_BINGET
                    push(memoGet(in.readLE(4), at));
                    break;
                case 'p': // PUT (text)
                    memo.put(parseIndex(in.readLine(), at), peek(at));
                    break;
                case 'q': // BINPUT
                    memo.put((long) in.read(), peek(at));
                    break;
                case 'r': // LONG_BINPUT
                    memo.put(in.readLE(4), peek(at));
                    break;
                case 0x94: // MEMOIZE
                    memo.put((long) memo.size(), peek(at));
                    break;

                // ---- globals, calls, state
                case 'c': { // GLOBAL
                    String module = utf8(in.readLine().getBytes(StandardCharsets.ISO_8859_1), at);
                    String name = utf8(in.readLine().getBytes(StandardCharsets.ISO_8859_1), at);
                    push(findClass(module, name));
                    break;
                }
                case 0x93: { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw corruptAt(at, "has a STACK_GLOBAL whose module or name is not a string");
                    }
                    push(findClass((String) module, (String) name));
                    break;
                }
                case 'R': { // REDUCE
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(call(callable, tuple(args, "REDUCE", at)));
                    break;
                }
                case 0x81: { // NEWOBJ
                    Object args = pop(at);
                    Object cls = pop(at);
                    push(call(cls, tuple(args, "NEWOBJ", at)));
                    break;
                }
                case 0x92: { // NEWOBJ_EX
                    Object kwargs = pop(at);
                    Object args = pop(at);
                    Object cls = pop(at);
                    if (!(kwargs instanceof Map) || !((Map<?, ?>) kwargs).isEmpty()) {
                        throw corruptAt(at, "constructs an object with keyword arguments (NEWOBJ_EX), which torch4j does not support");
                    }
                    push(call(cls, tuple(args, "NEWOBJ_EX", at)));
                    break;
                }
                case 'i': { // INST
                    String module = in.readLine();
                    String name = in.readLine();
                    Object cls = findClass(module, name);
                    push(call(cls, new Tuple(popMark(at).toArray())));
                    break;
                }
                case 'o': { // OBJ
                    List<Object> items = popMark(at);
                    if (items.isEmpty()) {
                        throw corruptAt(at, "has an OBJ opcode without a class");
                    }
                    Object cls = items.get(0);
                    push(call(cls, new Tuple(items.subList(1, items.size()).toArray())));
                    break;
                }
                case 'b': { // BUILD
                    Object state = pop(at);
                    build(peek(at), state);
                    break;
                }
                case 'P': // PERSID (text)
                    push(persistentLoad(in.readLine()));
                    break;
                case 'Q': // BINPERSID
                    push(persistentLoad(pop(at)));
                    break;

                case 0x82:
                case 0x83:
                case 0x84:
                    throw corruptAt(at, "uses the copyreg extension registry (EXT opcodes), which torch4j does not support");
                case 0x97:
                case 0x98:
                    throw corruptAt(at, "uses out-of-band buffers (pickle protocol 5), which torch4j does not support");
                default:
                    throw corruptAt(at, String.format("has an unknown opcode 0x%02x", op));
            }
        }
    }

    // ---------------------------------------------------------------- stack

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop(long at) {
        if (stack.isEmpty()) {
            throw corruptAt(at, metastack.isEmpty() ? "pops from an empty stack" : "pops a MARK as a value");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(long at) {
        if (stack.isEmpty()) {
            throw corruptAt(at, "reads from an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark(long at) {
        if (metastack.isEmpty()) {
            throw corruptAt(at, "needs a MARK that is not there");
        }
        List<Object> items = stack;
        stack = metastack.pop();
        return items;
    }

    private Object memoGet(long index, long at) {
        if (!memo.containsKey(index)) {
            throw corruptAt(at, "refers to memo entry " + index + ", which was never stored");
        }
        return memo.get(index);
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private List<Object> list(Object target, long at) {
        if (target instanceof ArrayList) {
            return (List<Object>) target;
        }
        throw corruptAt(at, "appends to " + Unpickler.a(typeName(target)));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(Object target, long at) {
        if (target instanceof Map) {
            return (Map<Object, Object>) target;
        }
        throw corruptAt(at, "sets dict items on " + Unpickler.a(typeName(target)));
    }

    private void putAll(Map<Object, Object> m, List<Object> items, long at) {
        if (items.size() % 2 != 0) {
            throw corruptAt(at, "has an odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            m.put(key(items.get(i), at), items.get(i + 1));
        }
    }

    /** A dict key or set element must be hashable in Python: no lists, dicts or sets. */
    private Object key(Object k, long at) {
        if (k instanceof Collection && !(k instanceof Tuple) || k instanceof Map || !hashable(k)) {
            throw corruptAt(at, "uses an unhashable " + typeName(k) + " as a dict key or set element");
        }
        return k;
    }

    private Tuple tuple(Object args, String op, long at) {
        if (args instanceof Tuple) {
            return (Tuple) args;
        }
        throw corruptAt(at, "passes " + Unpickler.a(typeName(args)) + " instead of an argument tuple to " + op);
    }

    private static Object decodeLong(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private Object parseInt(String s, long at) {
        try {
            return normalize(new BigInteger(s));
        } catch (NumberFormatException e) {
            throw corruptAt(at, "has a malformed integer '" + s + "'");
        }
    }

    private double parseFloat(String s, long at) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw corruptAt(at, "has a malformed float '" + s + "'");
                }
        }
    }

    private String utf8(byte[] b, long at) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw corruptAt(at, "has a string that is not valid UTF-8");
        }
    }

    private static long parseIndex(String line, long at) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            throw new PickleException("has a malformed memo index '" + line + "' at byte " + at);
        }
    }

    /** A protocol-0 {@code STRING} argument: a quoted Python 2 str repr. */
    private String parseQuoted(String s, long at) {
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1) || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            throw corruptAt(at, "has a STRING argument that is not quoted");
        }
        String body = s.substring(1, s.length() - 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.write(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n': out.write('\n'); break;
                case 't': out.write('\t'); break;
                case 'r': out.write('\r'); break;
                case '0': out.write(0); break;
                case 'x':
                    if (i + 2 >= body.length()) {
                        throw corruptAt(at, "has a bad \\x escape in a STRING");
                    }
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                    break;
                default: out.write(e); break;
            }
        }
        return utf8(out.toByteArray(), at);
    }

    private static String rawUnicodeEscape(String latin1) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c == '\\' && i + 5 < latin1.length() && latin1.charAt(i + 1) == 'u') {
                b.append((char) Integer.parseInt(latin1.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 9 < latin1.length() && latin1.charAt(i + 1) == 'U') {
                b.appendCodePoint(Integer.parseInt(latin1.substring(i + 2, i + 10), 16));
                i += 9;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code noun} with its indefinite article: {@code an int}, {@code a list}. */
    static String a(String noun) {
        return ("aeiouAEIOU".indexOf(noun.isEmpty() ? 'x' : noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /** Python's name for a Java value's type, for messages. */
    static String typeName(Object o) {
        if (o == null) {
            return "None";
        } else if (o instanceof Boolean) {
            return "bool";
        } else if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        } else if (o instanceof Double) {
            return "float";
        } else if (o instanceof String) {
            return "str";
        } else if (o instanceof byte[]) {
            return "bytes";
        } else if (o instanceof Tuple) {
            return "tuple";
        } else if (o instanceof List) {
            return "list";
        } else if (o instanceof OrderedDict) {
            return "OrderedDict";
        } else if (o instanceof Map) {
            return "dict";
        } else if (o instanceof Set) {
            return "set";
        } else if (o instanceof org.torch4j.Tensor) {
            return "tensor";
        }
        return o instanceof Enum ? o.toString() : o.getClass().getName();
    }
}
