package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.torch4j.Fixtures;
import org.torch4j.Tensor;

/** Test helper: the typed values and tolerances of gen_optim_fixtures.py's files against torch4j's. */
public final class FixtureValues {
    private FixtureValues() {}

    /** A typed value of the fixture against ours: numbers by value (int or float alike), tensors within tolerance. */
    public static void checkTyped(String label, String typed, Object actual, Tolerance tol) {
        String[] t = typed.split(" ", 2);
        switch (t[0]) {
            case "none":
                assertNull(actual, label);
                break;
            case "bool":
                assertEquals(Fixtures.parseBool(t[1]), actual, label);
                break;
            case "int":
            case "float":
                assertInstanceOf(Number.class, actual, label);
                assertEquals(Fixtures.parseDouble(t[1]), ((Number) actual).doubleValue(), 0.0, label);
                break;
            case "str":
                assertEquals(t[1], actual, label);
                break;
            case "list": {
                assertInstanceOf(List.class, actual, label);
                List<?> l = (List<?>) actual;
                String[] items = t.length > 1 && !t[1].isEmpty() ? t[1].split(" ") : new String[0];
                assertEquals(items.length, l.size(), label + ": length");
                for (int i = 0; i < items.length; i++) {
                    if (items[i].equals("none")) {
                        assertNull(l.get(i), label + "[" + i + "]");
                    } else {
                        assertInstanceOf(Number.class, l.get(i), label + "[" + i + "]");
                        assertEquals(Fixtures.parseDouble(items[i]), ((Number) l.get(i)).doubleValue(), 0.0, label + "[" + i + "]");
                    }
                }
                break;
            }
            case "dict": {
                assertInstanceOf(Map.class, actual, label);
                Map<Integer, Integer> expected = new TreeMap<>();
                for (String kv : t[1].split(" ")) {
                    String[] p = kv.split(":");
                    expected.put(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                }
                Map<Integer, Integer> got = new TreeMap<>();
                ((Map<?, ?>) actual).forEach((k, v) -> got.put(((Number) k).intValue(), ((Number) v).intValue()));
                assertEquals(expected, got, label);
                break;
            }
            case "tensor":
                assertInstanceOf(Tensor.class, actual, label);
                tol.check(label, t[1], (Tensor) actual);
                break;
            default:
                fail(label + ": unknown fixture type " + t[0]);
        }
    }

    /** {@code rtol=<r>,atol=<a>}: |actual - expected| <= atol + rtol * |expected|, dtype and shape exactly. */
    public static final class Tolerance {
        final double rtol;
        final double atol;

        public Tolerance(String spec) {
            Fixtures.Params p = new Fixtures.Params(spec.replace(',', ' '));
            rtol = p.d("rtol");
            atol = p.d("atol");
        }

        public void check(String label, String expectedSpec, Tensor actual) {
            String[] tok = expectedSpec.trim().split(" ");
            assertEquals(Fixtures.dtype(tok[0]), actual.dtype(), label + ": dtype");
            assertTrue(Arrays.equals(Fixtures.shape(tok[1]), actual.size().toArray()), label + ": shape " + actual.size());
            double[] a = actual.toDoubleArray();
            assertEquals(tok.length - 2, a.length, label + ": number of elements");
            for (int i = 0; i < a.length; i++) {
                double e = Fixtures.parseDouble(tok[i + 2]);
                double err = Math.abs(a[i] - e);
                if (!(err <= atol + rtol * Math.abs(e))) {
                    fail(label + ": element " + i + " is " + a[i] + ", PyTorch's " + e + " (difference " + err
                            + ", relative " + err / Math.abs(e) + ")");
                }
            }
        }
    }
}
