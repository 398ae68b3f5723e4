package org.torch4j.nn.utils;

import org.torch4j.internal.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.torch4j.Autograd;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: call between
 * {@code backward()} and the optimizer's {@code step()}.
 *
 * <pre>{@code
 * loss.backward();
 * Tensor norm = ClipGrad.clipGradNorm_(model.parameters(), 1.0);   // total 2-norm before clipping
 * ClipGrad.clipGradValue_(model.parameters(), 0.5);                // or: every element into [-0.5, 0.5]
 * opt.step();
 * }</pre>
 *
 * Parameters without a gradient are skipped. The arithmetic is PyTorch 1.13's, operation for operation.
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** {@link #clipGradNorm_(Iterable, double, double)} with the 2-norm. */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm_(Iterable, double, double, boolean)}, not refusing non-finite norms (PyTorch's default). */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm, double normType) {
        return clipGradNorm_(parameters, maxNorm, normType, false);
    }

    /** One tensor's gradient. */
    public static Tensor clipGradNorm_(Tensor parameter, double maxNorm, double normType) {
        return clipGradNorm_(List.of(parameter), maxNorm, normType, false);
    }

    /**
     * Scales all gradients together so that their total {@code normType}-norm (of all gradients viewed as one
     * vector; {@code Double.POSITIVE_INFINITY} for the max-norm) is at most {@code maxNorm}: each is multiplied
     * by {@code min(1, maxNorm / (total + 1e-6))}, in place.
     *
     * @return the total norm before clipping, a 0-d tensor (0. when no parameter has a gradient)
     * @throws ArithmeticException with {@code errorIfNonfinite}, when the total norm is nan or infinite
     *     (nothing is clipped then)
     */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        Objects.requireNonNull(parameters, "parameters");
        if (Double.isNaN(normType)) {
            throw new IllegalArgumentException("norm_type must be a number or inf, got nan");
        }
        try (Autograd.Mode noGrad = Autograd.noGrad(); Scope scope = Scope.open()) {
            List<Tensor> grads = grads(parameters);
            if (grads.isEmpty()) {
                return scope.keep(Torch.tensor(0f));
            }
            Tensor total;
            if (normType == Double.POSITIVE_INFINITY) {
                Tensor[] norms = new Tensor[grads.size()];
                for (int i = 0; i < norms.length; i++) {
                    norms[i] = grads.get(i).abs().max();
                }
                total = norms.length == 1 ? norms[0] : Torch.stack(norms).max();
            } else {
                Tensor[] norms = new Tensor[grads.size()];
                for (int i = 0; i < norms.length; i++) {
                    Tensor g = grads.get(i);
                    norms[i] = g.norm(normType, allDims(g), false);
                }
                total = Torch.stack(norms).norm(normType, new long[] {0}, false);
            }
            if (errorIfNonfinite) {
                double t = total.itemDouble();
                if (Double.isNaN(t) || Double.isInfinite(t)) {
                    throw new ArithmeticException("The total norm of order " + org.torch4j.internal.PyRepr.of(normType)
                            + " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this "
                            + "error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite=false");
                }
            }
            // PyTorch: clip_coef = max_norm / (total_norm + 1e-6), which Tensor.__rtruediv__ computes as
            // (total_norm + 1e-6).reciprocal() * max_norm; then clamp(max=1.0).
            Tensor coef = total.add(1e-6).reciprocal().mul(maxNorm).clampMax(1.0);
            for (Tensor g : grads) {
                g.mul_(coef);
            }
            return scope.keep(total);
        }
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]}, in place. */
    public static void clipGradValue_(Iterable<? extends Tensor> parameters, double clipValue) {
        Objects.requireNonNull(parameters, "parameters");
        try (Autograd.Mode noGrad = Autograd.noGrad(); Scope scope = Scope.open()) {
            for (Tensor g : grads(parameters)) {
                g.clamp_(-clipValue, clipValue);
            }
        }
    }

    /** One tensor's gradient. */
    public static void clipGradValue_(Tensor parameter, double clipValue) {
        clipGradValue_(List.of(parameter), clipValue);
    }

    /** The detached gradients (sharing the gradients' storage) of the parameters that have one. */
    private static List<Tensor> grads(Iterable<? extends Tensor> parameters) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters) {
            Tensor g = Objects.requireNonNull(p, "a parameter is null").grad();
            if (g != null) {
                out.add(g.detach());
            }
        }
        return out;
    }

    private static long[] allDims(Tensor t) {
        long[] d = new long[t.dim()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }
}
