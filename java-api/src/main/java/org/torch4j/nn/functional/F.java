package org.torch4j.nn.functional;

import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * Autograd-aware functions, PyTorch's {@code torch.nn.functional} (imported as {@code F}).
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, weight, bias));
 * }</pre>
 */
public final class F {
    private F() {}

    // ================================================================ activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    // (activations: end)

    // ================================================================ losses

    // (losses: end)

    // ================================================================ normalisation, dropout, embedding, one-hot

    // (normalisation: end)

    // ================================================================ linear, convolution, pooling, padding, resampling

    /** {@code x W^T + b} ({@code addmm} for 2-d input, as PyTorch); {@code bias} may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(n(bias))) {
            return op(() -> torch.linear(n(x), n(weight), b));
        }
    }

    // (convolution: end)
}
