package org.torch4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's tensor printing ({@code torch/_tensor_str.py}, default print options: precision 4,
 * threshold 1000, edge items 3, line width 80), so that output reads the same in both.
 *
 * <p>Numbers are formatted as Python formats a float: from the exact binary value, rounding half to
 * even, which Java's {@code String.format} does not do.
 */
final class TensorPrinter {
    private static final int PRECISION = 4;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    private TensorPrinter() {}

    static String print(Tensor t) {
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        Device device = t.device();
        if (!device.equals(Device.CPU)) {
            suffixes.add("device='" + device.spec() + "'");
        }
        DType dtype = t.dtype();
        boolean defaultDtype = dtype == DType.FLOAT32 || dtype == DType.INT64 || dtype == DType.BOOL;
        String body;
        long[] shape = t.size().toArray();
        if (t.numel() == 0) {
            if (shape.length != 1) {
                suffixes.add("size=" + pythonTuple(shape));
            }
            if (dtype != DType.FLOAT32) {
                suffixes.add("dtype=" + dtype);
            }
            body = "[]";
        } else {
            if (!defaultDtype) {
                suffixes.add("dtype=" + dtype);
            }
            body = body(t, shape, dtype, indent);
        }
        String gradFn = t.gradFn();
        if (gradFn != null) {
            suffixes.add("grad_fn=<" + gradFn + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes(prefix + body, suffixes, indent);
    }

    private static String pythonTuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        if (shape.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder out = new StringBuilder(tensorStr);
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > LINE_WIDTH) {
                out.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                out.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return out.append(')').toString();
    }

    private static String body(Tensor t, long[] shape, DType dtype, int indent) {
        boolean summarize = t.numel() > THRESHOLD;
        boolean[] cut = new boolean[shape.length];
        long[] kept = shape.clone();
        try (Scope scope = Scope.open()) {
            Tensor data = t.detach();
            if (summarize) {
                for (int d = 0; d < shape.length; d++) {
                    if (shape[d] > 2 * EDGE_ITEMS) {
                        long n = shape[d];
                        Tensor idx = Torch.tensor(new long[] {0, 1, 2, n - 3, n - 2, n - 1}).to(data.device());
                        data = data.indexSelect(d, idx);
                        cut[d] = true;
                        kept[d] = 2 * EDGE_ITEMS;
                    }
                }
            }
            Formatter f;
            if (dtype.isFloatingPoint()) {
                f = new FloatFormatter(data.cpu().toDoubleArray());
            } else if (dtype == DType.BOOL) {
                f = new BoolFormatter(data.cpu().toBooleanArray());
            } else {
                f = new IntFormatter(data.cpu().toLongArray());
            }
            StringBuilder b = new StringBuilder();
            render(b, f, kept, cut, 0, 0, indent);
            return b.toString();
        }
    }

    /** Renders dimension {@code d} starting at flat element {@code offset} of the (summarised) data. */
    private static void render(StringBuilder b, Formatter f, long[] kept, boolean[] cut, int d, long offset, int indent) {
        if (kept.length == 0) {
            b.append(f.format(0));
            return;
        }
        long stride = 1;
        for (int i = d + 1; i < kept.length; i++) {
            stride *= kept[i];
        }
        int dims = kept.length - d;
        if (dims == 1) {
            List<String> items = new ArrayList<>();
            for (long i = 0; i < kept[d]; i++) {
                if (cut[d] && i == EDGE_ITEMS) {
                    items.add(" ...");
                }
                items.add(f.format(offset + i));
            }
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (f.width() + 2));
            b.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                }
                b.append(items.get(i));
            }
            b.append(']');
            return;
        }
        String separator = "," + "\n".repeat(dims - 1) + " ".repeat(indent + 1);
        b.append('[');
        for (long i = 0; i < kept[d]; i++) {
            if (i > 0) {
                b.append(separator);
            }
            if (cut[d] && i == EDGE_ITEMS) {
                b.append("...").append(separator);
            }
            render(b, f, kept, cut, d + 1, offset + i * stride, indent + 1);
        }
        b.append(']');
    }

    private interface Formatter {
        int width();

        String format(long flatIndex);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static final class IntFormatter implements Formatter {
        private final long[] values;
        private final int width;

        IntFormatter(long[] values) {
            this.values = values;
            int w = 1;
            for (long v : values) {
                w = Math.max(w, Long.toString(v).length());
            }
            this.width = w;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public String format(long i) {
            return pad(Long.toString(values[(int) i]), width);
        }
    }

    private static final class BoolFormatter implements Formatter {
        private final boolean[] values;
        private final int width;

        BoolFormatter(boolean[] values) {
            this.values = values;
            int w = 1;
            for (boolean v : values) {
                w = Math.max(w, v ? 4 : 5);
            }
            this.width = w;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public String format(long i) {
            return pad(values[(int) i] ? "True" : "False", width);
        }
    }

    /** PyTorch's {@code _Formatter} for floating-point tensors: integer, fixed-point or scientific mode. */
    private static final class FloatFormatter implements Formatter {
        private final double[] values;
        private boolean intMode = true;
        private boolean sciMode;
        private int width = 1;

        FloatFormatter(double[] values) {
            this.values = values;
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            boolean any = false;
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    any = true;
                    min = Math.min(min, Math.abs(v));
                    max = Math.max(max, Math.abs(v));
                    if (v != Math.ceil(v)) {
                        intMode = false;
                    }
                }
            }
            if (!any) {
                return;
            }
            if (intMode) {
                if (max / min > 1000. || max > 1.e8) {
                    sciMode = true;
                    for (double v : values) {
                        if (Double.isFinite(v) && v != 0) {
                            width = Math.max(width, sci(v).length());
                        }
                    }
                } else {
                    for (double v : values) {
                        if (Double.isFinite(v) && v != 0) {
                            width = Math.max(width, fixed(v, 0).length() + 1);
                        }
                    }
                }
            } else if (max / min > 1000. || max > 1.e8 || min < 1.e-4) {
                sciMode = true;
                for (double v : values) {
                    if (Double.isFinite(v) && v != 0) {
                        width = Math.max(width, sci(v).length());
                    }
                }
            } else {
                for (double v : values) {
                    if (Double.isFinite(v) && v != 0) {
                        width = Math.max(width, fixed(v, PRECISION).length());
                    }
                }
            }
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public String format(long i) {
            double v = values[(int) i];
            String s;
            if (sciMode) {
                s = sci(v);
            } else if (intMode) {
                s = fixed(v, 0);
                if (Double.isFinite(v)) {
                    s += ".";
                }
            } else {
                s = fixed(v, PRECISION);
            }
            return pad(s, width);
        }
    }

    private static boolean negative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }

    /** Python's {@code '{:.Nf}'.format(v)}. */
    static String fixed(double v, int precision) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return negative(v) && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code '{:.4e}'.format(v)}. */
    static String sci(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String sign = negative(v) ? "-" : "";
        if (v == 0) {
            return sign + "0." + "0".repeat(PRECISION) + "e+00";
        }
        BigDecimal bd = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        String digits = bd.unscaledValue().toString();
        int exponent = digits.length() - 1 - bd.scale();
        StringBuilder d = new StringBuilder(digits);
        while (d.length() < PRECISION + 1) {
            d.append('0');
        }
        String mantissa = d.substring(0, PRECISION + 1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa.charAt(0) + "." + mantissa.substring(1) + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
