package org.torch4j.nn.init;

import org.torch4j.Autograd;
import org.torch4j.Tensor;

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
}
