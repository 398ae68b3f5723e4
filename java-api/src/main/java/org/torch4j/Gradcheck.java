package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Checks autograd's gradients of a function against central finite differences, as
 * {@code torch.autograd.gradcheck}: for every input that requires grad and every one of its elements,
 * the column of the Jacobian that backward passes give (one unit output gradient per output element)
 * must equal {@code (f(x + eps) - f(x - eps)) / 2 eps} within {@code atol + rtol * |numerical|}.
 *
 * <pre>{@code
 * Tensor x = randn(new long[] {3, 4}, DType.FLOAT64).requiresGrad_();
 * Gradcheck.gradcheck(in -> F.logSoftmax(in[0], 1), x);   // true, or a Gradcheck.Failure
 * }</pre>
 *
 * Inputs that require grad must be float64 (float32's rounding swamps a 1e-6 step). Inputs that do not
 * require grad (targets, indices) are passed through unchanged. The function must be deterministic;
 * it is called once with gradients recorded and twice per checked element without.
 */
public final class Gradcheck {
    /** PyTorch's defaults. */
    public static final double EPS = 1e-6;
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    private Gradcheck() {}

    /** A Jacobian entry on which the analytic and the numerical gradient disagree. */
    public static final class Failure extends AssertionError {
        public final int input;
        public final long element;
        public final long outputElement;
        public final double analytic;
        public final double numerical;

        Failure(String message, int input, long element, long outputElement, double analytic, double numerical) {
            super(message);
            this.input = input;
            this.element = element;
            this.outputElement = outputElement;
            this.analytic = analytic;
            this.numerical = numerical;
        }
    }

    /** {@link #gradcheck(Function, double, double, double, Tensor...)} with PyTorch's eps, atol and rtol. */
    public static boolean gradcheck(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        return gradcheck(fn, EPS, ATOL, RTOL, inputs);
    }

    /**
     * Returns true when every checked Jacobian entry agrees; otherwise throws {@link Failure} naming the
     * input, its element (flat index and position) and the output element.
     */
    public static boolean gradcheck(Function<Tensor[], Tensor> fn, double eps, double atol, double rtol, Tensor... inputs) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(inputs, "inputs");
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("gradcheck needs eps > 0, atol >= 0, rtol >= 0, got eps=" + eps
                    + ", atol=" + atol + ", rtol=" + rtol);
        }
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = Objects.requireNonNull(inputs[i], "input " + i);
            if (x.requiresGrad()) {
                if (x.dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("gradcheck: input " + i + " requires grad but is " + x.dtype()
                            + ": use float64 inputs (toDouble()) for finite differences to be meaningful");
                }
                checked.add(i);
            }
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("gradcheck: no input requires grad: call requiresGrad_() on the inputs to check");
        }
        try (Scope scope = Scope.open()) {
            double[][][] analytic = analyticJacobians(fn, inputs, checked);
            int outNumel = analytic[0].length;
            for (int c = 0; c < checked.size(); c++) {
                int i = checked.get(c);
                Tensor data = inputs[i].detach();   // shares storage: perturbing it perturbs the input
                long[] shape = data.size().toArray();
                long numel = data.numel();
                for (long e = 0; e < numel; e++) {
                    Tensor cell = element(data, shape, e);
                    double orig = cell.itemDouble();
                    double[] plus;
                    double[] minus;
                    try {
                        cell.fill_(orig + eps);
                        plus = evaluate(fn, inputs);
                        cell.fill_(orig - eps);
                        minus = evaluate(fn, inputs);
                    } finally {
                        cell.fill_(orig);
                    }
                    if (plus.length != outNumel || minus.length != outNumel) {
                        throw new IllegalArgumentException("gradcheck: the function's output changed size under perturbation");
                    }
                    for (int o = 0; o < outNumel; o++) {
                        double numerical = (plus[o] - minus[o]) / (2 * eps);
                        double a = analytic[c][o][(int) e];
                        if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
                            throw new Failure("Jacobian mismatch for output element " + o + " with respect to input " + i
                                    + ", element " + e + " (position " + Arrays.toString(position(shape, e)) + "): numerical "
                                    + numerical + ", analytic " + a + " (atol " + atol + ", rtol " + rtol + ")",
                                    i, e, o, a, numerical);
                        }
                    }
                }
            }
        }
        return true;
    }

    /** For each checked input, the Jacobian [output element][input element], one backward pass per output element. */
    private static double[][][] analyticJacobians(Function<Tensor[], Tensor> fn, Tensor[] inputs, List<Integer> checked) {
        Tensor out = fn.apply(inputs);
        if (out == null) {
            throw new IllegalArgumentException("gradcheck: the function returned null");
        }
        int outNumel = Math.toIntExact(out.numel());
        double[][][] jac = new double[checked.size()][outNumel][];
        Tensor[] wrt = new Tensor[checked.size()];
        for (int c = 0; c < wrt.length; c++) {
            wrt[c] = inputs[checked.get(c)];
        }
        for (int o = 0; o < outNumel; o++) {
            try (Scope scope = Scope.open()) {
                double[][] rows = new double[wrt.length][];
                if (out.requiresGrad()) {
                    Tensor unit = Torch.zerosLike(out);
                    element(unit, out.size().toArray(), o).fill_(1.0);
                    Tensor[] grads = grads(out, wrt, unit);
                    for (int c = 0; c < wrt.length; c++) {
                        rows[c] = grads[c] == null ? new double[(int) wrt[c].numel()] : grads[c].toDouble().contiguous().toDoubleArray();
                    }
                } else {
                    // an output cut off from the graph has gradient zero everywhere, as PyTorch treats it
                    for (int c = 0; c < wrt.length; c++) {
                        rows[c] = new double[(int) wrt[c].numel()];
                    }
                }
                for (int c = 0; c < wrt.length; c++) {
                    jac[c][o] = rows[c];
                }
            }
        }
        return jac;
    }

    /** {@code torch.autograd.grad(out, wrt, gradOut, retain_graph=True, allow_unused=True)}; null for unused inputs. */
    private static Tensor[] grads(Tensor out, Tensor[] wrt, Tensor gradOut) {
        try (TensorVector o = Ops.pack(out); TensorVector in = Ops.pack(wrt); TensorVector g = Ops.pack(gradOut);
                BoolOptional retain = new BoolOptional(true)) {
            TensorVector r = Ops.value(() -> torch.grad(o, in, g, retain, false, true));
            try (r) {
                Tensor[] res = new Tensor[wrt.length];
                for (int i = 0; i < res.length; i++) {
                    org.bytedeco.pytorch.Tensor t = r.get(i);
                    if (t.defined()) {
                        res[i] = Ops.adoptCopy(t);
                    } else {
                        t.close();
                    }
                }
                return res;
            }
        }
    }

    private static double[] evaluate(Function<Tensor[], Tensor> fn, Tensor[] inputs) {
        try (Autograd.Mode g = Autograd.noGrad(); Scope scope = Scope.open()) {
            return fn.apply(inputs).toDouble().contiguous().toDoubleArray();
        }
    }

    /** The 0-d view of element {@code flat} (row-major), whatever the strides. */
    private static Tensor element(Tensor t, long[] shape, long flat) {
        Tensor v = t;
        for (long p : position(shape, flat)) {
            v = v.select(0, p);
        }
        return v;
    }

    private static long[] position(long[] shape, long flat) {
        long[] pos = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            pos[d] = flat % shape[d];
            flat /= shape[d];
        }
        return pos;
    }
}
