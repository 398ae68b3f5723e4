package org.torch4j.serialization;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Storage;
import org.torch4j.DType;
import org.torch4j.Fixtures;
import org.torch4j.Tensor;

/**
 * The Java side of the fixture format of {@code src/test/python/gen_serialization.py}: describes a loaded
 * (or to-be-saved) value as the lines {@code container:}, {@code tensor:}, {@code value:} and {@code share:},
 * in the order Python's {@code describe_file} writes them, and normalizes lines so that floats written by
 * Python ({@code 1e-08}, {@code nan}) and by Java ({@code 1.0E-8}, {@code NaN}) compare equal when they are
 * the same double. {@code check_serialization.py} does the same on the Python side.
 */
final class Describe {
    private Describe() {}

    /** How a map saved with {@code TorchFiles.save(map, path)} reads back: as an OrderedDict. */
    static List<String> describeStateDict(Map<String, ?> stateDict) {
        return describe(stateDict instanceof OrderedDict ? stateDict : new OrderedDict<>(stateDict));
    }

    static List<String> describe(Object value) {
        List<String> lines = new ArrayList<>();
        List<Object[]> tensors = new ArrayList<>();
        describe(value, "", lines, tensors);
        Map<Long, List<String>> groups = new LinkedHashMap<>();
        for (Object[] pt : tensors) {
            Tensor t = (Tensor) pt[1];
            try (Storage s = t.unwrap().storage()) {
                if (s.nbytes() == 0) {
                    continue;
                }
                groups.computeIfAbsent(s.data().address(), k -> new ArrayList<>()).add((String) pt[0]);
            }
        }
        for (List<String> g : groups.values()) {
            if (g.size() > 1) {
                lines.add("share: " + String.join(" ", g));
            }
        }
        return lines;
    }

    private static String p(String path) {
        return path.isEmpty() ? "/" : path;
    }

    @SuppressWarnings("unchecked")
    private static void describe(Object o, String path, List<String> lines, List<Object[]> tensors) {
        if (o instanceof Tensor) {
            Tensor t = (Tensor) o;
            StringBuilder b = new StringBuilder("tensor: ").append(p(path)).append(' ').append(t.dtype().pyName())
                    .append(' ').append(ints(t.shape().toArray())).append(' ').append(ints(t.stride())).append(' ')
                    .append(t.storageOffset()).append(' ').append(t.requiresGrad() ? "True" : "False").append(' ');
            b.append(String.join(" ", values(t)));
            lines.add(b.toString());
            tensors.add(new Object[] {p(path), t});
            return;
        }
        String prefix = path + "/";
        if (o instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) o;
            lines.add("container: " + p(path) + " " + (o instanceof OrderedDict ? "OrderedDict" : "dict") + " " + m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = e.getKey();
                String seg = k instanceof String ? (String) k : "#" + k;
                describe(e.getValue(), prefix + seg, lines, tensors);
            }
            if (o instanceof OrderedDict) {
                for (Map.Entry<String, Object> a : ((OrderedDict<?, ?>) o).attributes().entrySet()) {
                    describe(a.getValue(), prefix + "@" + a.getKey(), lines, tensors);
                }
            }
            return;
        }
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            lines.add("container: " + p(path) + " " + (o instanceof Tuple ? "tuple" : "list") + " " + l.size());
            for (int i = 0; i < l.size(); i++) {
                describe(l.get(i), prefix + i, lines, tensors);
            }
            return;
        }
        if (o instanceof java.util.Set) {
            List<Object> sorted = new ArrayList<>((java.util.Set<?>) o);
            sorted.sort((a, b) -> ((Comparable<Object>) a).compareTo(b));
            lines.add("container: " + p(path) + " set " + sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                describe(sorted.get(i), prefix + i, lines, tensors);
            }
            return;
        }
        if (o instanceof byte[]) {
            StringBuilder hex = new StringBuilder();
            for (byte x : (byte[]) o) {
                hex.append(String.format("%02x", x & 0xff));
            }
            lines.add("value: " + path + " bytes " + (hex.length() == 0 ? "-" : hex));
        } else if (o == null) {
            lines.add("value: " + path + " none None");
        } else if (o instanceof Boolean) {
            lines.add("value: " + path + " bool " + ((Boolean) o ? "True" : "False"));
        } else if (o instanceof Long || o instanceof Integer || o instanceof BigInteger) {
            lines.add("value: " + path + " int " + o);
        } else if (o instanceof Double) {
            lines.add("value: " + path + " float " + o);
        } else if (o instanceof String) {
            lines.add("value: " + path + " str " + o);
        } else {
            throw new IllegalArgumentException("cannot describe a " + o.getClass() + " at " + path);
        }
    }

    static String ints(long[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    static List<String> values(Tensor t) {
        List<String> out = new ArrayList<>();
        DType d = t.dtype();
        if (d.isFloatingPoint()) {
            for (double v : t.detach().toDoubleArray()) {
                out.add(Double.toString(v));
            }
        } else if (d == DType.BOOL) {
            for (boolean v : t.toBooleanArray()) {
                out.add(v ? "True" : "False");
            }
        } else {
            for (long v : t.toLongArray()) {
                out.add(Long.toString(v));
            }
        }
        return out;
    }

    /**
     * Lines as compared: only container/tensor/value/share lines, floats canonical (Java's form of the same
     * double), trailing blanks dropped.
     */
    static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] tok = line.trim().split(" ");
            switch (tok[0]) {
                case "tensor:": {
                    if (Fixtures.dtype(tok[2]).isFloatingPoint()) {
                        for (int i = 7; i < tok.length; i++) {
                            tok[i] = Double.toString(Fixtures.parseDouble(canonicalFloatToken(tok[i])));
                        }
                    }
                    out.add(String.join(" ", tok));
                    break;
                }
                case "value:":
                    if (tok[2].equals("float")) {
                        tok[3] = Double.toString(Fixtures.parseDouble(canonicalFloatToken(tok[3])));
                    }
                    out.add(String.join(" ", tok));
                    break;
                case "container:":
                case "share:":
                    out.add(String.join(" ", tok));
                    break;
                default:
                    break;
            }
        }
        return out;
    }

    private static String canonicalFloatToken(String s) {
        switch (s) {
            case "NaN":
                return "nan";
            case "Infinity":
                return "inf";
            case "-Infinity":
                return "-inf";
            default:
                return s;
        }
    }

    /** The cases of {@code fixtures/serialization/expected.txt}: file name to its lines, in file order. */
    static Map<String, List<String>> expected() {
        java.io.InputStream in = Describe.class.getClassLoader()
                .getResourceAsStream("fixtures/serialization/expected.txt");
        if (in == null) {
            throw new IllegalStateException("fixtures/serialization/expected.txt is not on the class path; "
                    + "run src/test/python/gen_serialization.py");
        }
        Map<String, List<String>> cases = new LinkedHashMap<>();
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            String name = null;
            List<String> lines = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") && name == null || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("name: ")) {
                    name = line.substring(6).trim();
                    lines = new ArrayList<>();
                } else if (line.equals("---")) {
                    cases.put(name, lines);
                    name = null;
                } else if (lines != null) {
                    lines.add(line);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cases;
    }
}
