package org.torch4j.nn.init;

import static org.torch4j.internal.NativeOps.inPlace;
import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.global.torch;
import org.torch4j.Autograd;
import org.torch4j.Linalg;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Parameter initialisation, as {@code torch.nn.init}: every function fills its tensor in place without
 * recording gradients, drawing from LibTorch's default generator (so {@code Torch.manualSeed} makes it
 * reproducible) and returns it.
 *
 * <pre>{@code
 * Init.kaimingUniform_(linear.weight, Math.sqrt(5));   // what Linear and Conv do by default
 * Init.zeros_(linear.bias);
 * }</pre>
 */
public final class Init {
    private Init() {}

    /** The pair {@code (fan_in, fan_out)} of a weight of at least 2 dimensions. */
    public static long[] fanInAndFanOut(Tensor t) {
        int dims = t.dim();
        if (dims < 2) {
            throw new IllegalArgumentException("fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got shape "
                    + t.size());
        }
        long receptiveField = 1;
        for (int d = 2; d < dims; d++) {
            receptiveField *= t.size(d);
        }
        return new long[] {t.size(1) * receptiveField, t.size(0) * receptiveField};
    }

    /** PyTorch's {@code calculate_gain(nonlinearity, param)}: {@code param} is leaky_relu's negative slope. */
    public static double calculateGain(String nonlinearity, double param) {
        switch (nonlinearity) {
            case "linear": case "conv1d": case "conv2d": case "conv3d": case "conv_transpose1d":
            case "conv_transpose2d": case "conv_transpose3d": case "sigmoid":
                return 1;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu":
                return Math.sqrt(2.0 / (1 + param * param));
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("unsupported nonlinearity " + nonlinearity);
        }
    }

    /** {@code calculateGain(nonlinearity, 0.01)} (leaky_relu's default slope). */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    public static Tensor uniform_(Tensor t, double a, double b) {
        try (Autograd.Mode g = Autograd.noGrad()) {
            return t.uniform_(a, b);
        }
    }

    /**
     * He uniform initialisation with fan-in and a leaky_relu gain of slope {@code a}:
     * U(-bound, bound), bound = gain * sqrt(3 / fan_in).
     */
    public static Tensor kaimingUniform_(Tensor t, double a) {
        long fanIn = fanInAndFanOut(t)[0];
        double bound = calculateGain("leaky_relu", a) * Math.sqrt(3.0 / fanIn);
        return uniform_(t, -bound, bound);
    }

    public static Tensor zeros_(Tensor t) {
        try (Autograd.Mode g = Autograd.noGrad()) {
            return t.zero_();
        }
    }

    /** Fills with ones. */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1.0);
    }

    /** Fills with {@code value}. */
    public static Tensor constant_(Tensor t, double value) {
        try (Autograd.Mode g = Autograd.noGrad()) {
            return t.fill_(value);
        }
    }

    /** U(0, 1). */
    public static Tensor uniform_(Tensor t) {
        return uniform_(t, 0, 1);
    }

    /** N(0, 1). */
    public static Tensor normal_(Tensor t) {
        return normal_(t, 0, 1);
    }

    /** N(mean, std^2). */
    public static Tensor normal_(Tensor t, double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal_ needs std >= 0, got " + std);
        }
        try (Autograd.Mode g = Autograd.noGrad()) {
            return t.normal_(mean, std);
        }
    }

    /** The identity matrix in a 2-d tensor (ones on the main diagonal of a non-square one). */
    public static Tensor eye_(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("eye_ needs a 2-dimensional tensor, got shape " + t.size());
        }
        try (Autograd.Mode g = Autograd.noGrad()) {
            return inPlace(t, () -> torch.eye_out(n(t), t.size(0), t.size(1)));
        }
    }

    /** Glorot uniform with gain 1. */
    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1.0);
    }

    /** Glorot uniform: U(-a, a), a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        long[] fans = fanInAndFanOut(t);
        double std = gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    /** Glorot normal with gain 1. */
    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1.0);
    }

    /** Glorot normal: N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        long[] fans = fanInAndFanOut(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])));
    }

    /** He uniform with PyTorch's defaults: a = 0, fan_in, leaky_relu. */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, "fan_in", "leaky_relu");
    }

    /**
     * He uniform: U(-bound, bound), bound = gain * sqrt(3 / fan), where {@code mode} ("fan_in" or "fan_out")
     * picks the fan and gain is {@code calculateGain(nonlinearity, a)}.
     */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            return t; // PyTorch warns and leaves an empty tensor alone
        }
        double bound = Math.sqrt(3.0) * kaimingStd(t, a, mode, nonlinearity);
        return uniform_(t, -bound, bound);
    }

    /** He normal with PyTorch's defaults: a = 0, fan_in, leaky_relu. */
    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, "fan_in", "leaky_relu");
    }

    /** He normal: N(0, std^2), std = gain / sqrt(fan), with {@code mode} and gain as in {@link #kaimingUniform_(Tensor, double, String, String)}. */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            return t;
        }
        return normal_(t, 0, kaimingStd(t, a, mode, nonlinearity));
    }

    private static double kaimingStd(Tensor t, double a, String mode, String nonlinearity) {
        long[] fans = fanInAndFanOut(t);
        long fan;
        if ("fan_in".equals(mode)) {
            fan = fans[0];
        } else if ("fan_out".equals(mode)) {
            fan = fans[1];
        } else {
            throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        }
        return calculateGain(nonlinearity, a) / Math.sqrt(fan);
    }

    /** A (semi-)orthogonal matrix with gain 1. */
    public static Tensor orthogonal_(Tensor t) {
        return orthogonal_(t, 1.0);
    }

    /**
     * A (semi-)orthogonal matrix, as PyTorch computes it: the Q of the QR decomposition of a standard normal
     * {@code rows x (numel/rows)} matrix (transposed when wider than tall), its columns signed by R's diagonal,
     * times {@code gain}; tensors of more than 2 dimensions are filled through that flattened view.
     */
    public static Tensor orthogonal_(Tensor t, double gain) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported, got shape " + t.size());
        }
        if (t.numel() == 0) {
            return t;
        }
        long rows = t.size(0);
        long cols = t.numel() / rows;
        try (Autograd.Mode g = Autograd.noGrad(); Scope s = Scope.open()) {
            Tensor flat = Torch.empty(new long[] {rows, cols}, t.dtype(), t.device()).normal_(0, 1);
            if (rows < cols) {
                flat = flat.t();
            }
            Linalg.Qr qr = Linalg.qr(flat);
            Tensor d = op(() -> torch.diag(n(qr.r()), 0));
            Tensor q = qr.q().mul(d.sign());
            if (rows < cols) {
                q = q.t();
            }
            t.copy_(q.reshape(t.size().toArray()));
            t.mul_(gain);
        }
        return t;
    }
}
