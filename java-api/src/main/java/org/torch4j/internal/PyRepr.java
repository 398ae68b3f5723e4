package org.torch4j.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Values written as Python's {@code repr} writes them, for messages and printouts that quote PyTorch's
 * ({@code Invalid learning rate: -0.1}, {@code 1e-08}, {@code True}, {@code None}). Internal.
 *
 * <pre>{@code
 * PyRepr.of(1e-8);                        // "1e-08"   (Java: "1.0E-8")
 * PyRepr.ofValue(List.of(0.9, 0.999));    // "(0.9, 0.999)"
 * }</pre>
 */
public final class PyRepr {
    private PyRepr() {}

    /** A float as Python's {@code repr}: {@code 0.1}, {@code 1.0}, {@code 1e-08}, {@code 1e+16}, {@code inf}, {@code nan}. */
    public static String of(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        if (exp < 0) {
            return sign + "0." + "0".repeat(-exp - 1) + digits;
        }
        if (digits.length() <= exp + 1) {
            return sign + digits + "0".repeat(exp + 1 - digits.length()) + ".0";
        }
        return sign + digits.substring(0, exp + 1) + "." + digits.substring(exp + 1);
    }

    /** Python's repr of a tuple of ints: {@code (10,)}, {@code (2, 3)}, {@code ()}. */
    public static String tuple(long[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(values[i]);
        }
        return b.append(values.length == 1 ? ",)" : ")").toString();
    }

    public static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** Any option value: floats as {@link #of(double)}, booleans True/False, null None, lists as tuples. */
    public static String ofValue(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return of(((Number) v).doubleValue());
        }
        if (v instanceof CharSequence) {
            return "'" + v + "'";
        }
        if (v instanceof Collection) {
            StringBuilder b = new StringBuilder("(");
            Iterator<?> it = ((Collection<?>) v).iterator();
            while (it.hasNext()) {
                b.append(ofValue(it.next()));
                if (it.hasNext()) {
                    b.append(", ");
                }
            }
            if (((Collection<?>) v).size() == 1) {
                b.append(',');
            }
            return b.append(')').toString();
        }
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(ofValue(e.getKey())).append(": ").append(ofValue(e.getValue()));
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }
}
