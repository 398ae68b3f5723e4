package org.torch4j.nn;

import java.math.BigDecimal;

/**
 * Python's {@code repr} of the values that modules print in {@code extraRepr} ({@code 1e-05},
 * {@code 0.1}, {@code (10,)}, {@code None}), so that module printing matches PyTorch's.
 *
 * <pre>{@code
 * PyRepr.floatRepr(1e-5);              // "1e-05"
 * PyRepr.tuple(new long[] {10});       // "(10,)"
 * }</pre>
 */
final class PyRepr {
    private PyRepr() {}

    /** Python's {@code repr(float)}: shortest digits, fixed notation for exponents -4..15, else {@code 1e-05} style. */
    static String floatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the first digit
        String sign = v < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = d.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int a = Math.abs(exp);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + a;
    }

    /** Python's repr of a tuple of ints: {@code (10,)}, {@code (2, 3)}, {@code ()}. */
    static String tuple(long[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(values[i]);
        }
        return b.append(values.length == 1 ? ",)" : ")").toString();
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }
}
