package org.torch4j.nn;

import java.math.BigDecimal;

/** Numbers written as Python writes them, for {@code extraRepr()} strings that equal PyTorch's. */
final class PyFormat {
    private PyFormat() {}

    /** Python's {@code repr(float)}: {@code 0.01}, {@code 1.0}, {@code 1e-05}, {@code 1e+16}, {@code inf}, {@code nan}. */
    static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        // Java's shortest round-trip digits, laid out by Python's rule: scientific below 1e-4 and from 1e16
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = d.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
