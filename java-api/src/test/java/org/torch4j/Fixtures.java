package org.torch4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch reference fixtures under {@code src/test/resources/fixtures/}, written by
 * {@code src/test/python/gen_fixtures.py} (the format is described there), and rebuilds their tensors.
 */
public final class Fixtures {
    private Fixtures() {}

    /** One case: its {@code key: value} lines in order (keys may repeat) and, after {@code expected:}, a body. */
    public static final class Case {
        public final String name;
        private final List<String[]> entries;
        public final String body;

        Case(List<String[]> entries, String body) {
            this.entries = entries;
            this.body = body;
            this.name = get("name");
        }

        /** The single value of {@code key}. */
        public String get(String key) {
            List<String> all = all(key);
            if (all.size() != 1) {
                throw new IllegalStateException("case " + name + ": expected one '" + key + "' line, found " + all.size());
            }
            return all.get(0);
        }

        /** Every value of {@code key}, in file order. */
        public List<String> all(String key) {
            List<String> out = new ArrayList<>();
            for (String[] e : entries) {
                if (e[0].equals(key)) {
                    out.add(e[1]);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The cases of a fixture file on the test class path, e.g. {@code fixtures/ops.txt}. */
    public static List<Case> load(String resource) {
        InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("fixture " + resource + " is not on the class path; run gen_fixtures.py");
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> entries = new ArrayList<>();
            List<String> body = null;
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.equals("---")) {
                    cases.add(new Case(entries, body == null ? null : String.join("\n", body)));
                    entries = new ArrayList<>();
                    body = null;
                } else if (body != null) {
                    body.add(line);
                } else if (entries.isEmpty() && (line.startsWith("#") || line.isBlank())) {
                    continue;
                } else if (line.equals("expected:")) {
                    body = new ArrayList<>();
                } else {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalStateException(resource + ":" + lineNo + ": expected 'key: value', got " + line);
                    }
                    String value = line.substring(colon + 1);
                    entries.add(new String[] {line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value});
                }
            }
            if (!entries.isEmpty() || body != null) {
                throw new IllegalStateException(resource + ": the last case does not end with ---");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableList(cases);
    }

    // ---------------------------------------------------------------- values

    public static DType dtype(String pyName) {
        for (DType d : DType.values()) {
            if (d.pyName().equals(pyName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype " + pyName);
    }

    /** {@code [2,3]} to {2, 3}; {@code []} to a 0-d shape. */
    public static long[] shape(String s) {
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("bad shape " + s);
        }
        String inner = s.substring(1, s.length() - 1);
        return inner.isEmpty() ? new long[0] : Arrays.stream(inner.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** A float written by Python's repr: nan, inf and -inf included. */
    public static double parseDouble(String s) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    public static boolean parseBool(String s) {
        switch (s) {
            case "True":
                return true;
            case "False":
                return false;
            default:
                throw new IllegalArgumentException("bad bool " + s);
        }
    }

    /** The tensor of a one-line spec {@code <dtype> <shape> <values...>}. */
    public static Tensor tensor(String spec) {
        String[] tok = spec.trim().split(" ");
        return build(dtype(tok[0]), shape(tok[1]), Arrays.copyOfRange(tok, 2, tok.length));
    }

    /** A tensor of this dtype and shape holding these values (row-major), built without loss. */
    public static Tensor build(DType dtype, long[] shape, String[] values) {
        long numel = Shape.of(shape).numel();
        if (values.length == 1 && values[0].isEmpty()) {
            values = new String[0];
        }
        if (numel != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + numel
                    + " values, got " + values.length);
        }
        int n = values.length;
        switch (dtype) {
            case FLOAT16:
            case BFLOAT16:
            case FLOAT32:
            case FLOAT64: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = parseDouble(values[i]);
                }
                Tensor t = Torch.fromArray(d, shape);
                return dtype == DType.FLOAT64 ? t : t.to(dtype);
            }
            case UINT8:
            case INT8: {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) Integer.parseInt(values[i]);
                }
                return Torch.fromArray(b, dtype, shape);
            }
            case INT16: {
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = Short.parseShort(values[i]);
                }
                return Torch.fromArray(s, shape);
            }
            case INT32: {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Integer.parseInt(values[i]);
                }
                return Torch.fromArray(a, shape);
            }
            case INT64: {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Long.parseLong(values[i]);
                }
                return Torch.fromArray(a, shape);
            }
            case BOOL: {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = parseBool(values[i]);
                }
                return Torch.fromArray(a, shape);
            }
            default:
                throw new IllegalArgumentException("unsupported dtype " + dtype);
        }
    }

    /** {@code k=v k=v} parameters of an ops case; lists are written {@code 1,2,3}. */
    public static final class Params {
        private final Map<String, String> map = new LinkedHashMap<>();

        public Params(String line) {
            for (String kv : line.trim().split(" ")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                map.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }

        public String str(String key) {
            String v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException("missing parameter " + key + " in " + map);
            }
            return v;
        }

        public int i(String key) {
            return Integer.parseInt(str(key));
        }

        public long l(String key) {
            return Long.parseLong(str(key));
        }

        public double d(String key) {
            return parseDouble(str(key));
        }

        public boolean b(String key) {
            return Boolean.parseBoolean(str(key));
        }

        public long[] longs(String key) {
            return Arrays.stream(str(key).split(",")).mapToLong(Long::parseLong).toArray();
        }

        @Override
        public String toString() {
            return map.toString();
        }
    }
}
