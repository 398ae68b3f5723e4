package org.torch4j.nn.functional;

import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.inPlace;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Scope;
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

    /** {@code relu} in place: {@code x} itself, changed. */
    public static Tensor relu_(Tensor x) {
        return x.relu_();
    }

    /** {@code max(0, x) + 0.01 * min(0, x)}, PyTorch's default slope. */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, 0.01);
    }

    /** {@code max(0, x) + negativeSlope * min(0, x)}. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        try (Scalar s = new Scalar(negativeSlope)) {
            return op(() -> torch.leaky_relu(n(x), s));
        }
    }

    public static Tensor leakyRelu_(Tensor x) {
        return leakyRelu_(x, 0.01);
    }

    public static Tensor leakyRelu_(Tensor x, double negativeSlope) {
        try (Scalar s = new Scalar(negativeSlope)) {
            return inPlace(x, () -> torch.leaky_relu_(n(x), s));
        }
    }

    /** {@code x} for {@code x > 0}, {@code exp(x) - 1} otherwise (alpha 1). */
    public static Tensor elu(Tensor x) {
        return elu(x, 1.0);
    }

    /** {@code x} for {@code x > 0}, {@code alpha * (exp(x) - 1)} otherwise. */
    public static Tensor elu(Tensor x, double alpha) {
        try (Scalar a = new Scalar(alpha); Scalar one = new Scalar(1.0); Scalar one2 = new Scalar(1.0)) {
            return op(() -> torch.elu(n(x), a, one, one2));
        }
    }

    public static Tensor elu_(Tensor x) {
        return elu_(x, 1.0);
    }

    public static Tensor elu_(Tensor x, double alpha) {
        try (Scalar a = new Scalar(alpha); Scalar one = new Scalar(1.0); Scalar one2 = new Scalar(1.0)) {
            return inPlace(x, () -> torch.elu_(n(x), a, one, one2));
        }
    }

    /** The exact GELU, {@code x * Phi(x)} ({@code approximate='none'}). */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /** GELU with {@code approximate} "none" (exact, via erf) or "tanh" (the tanh approximation). */
    public static Tensor gelu(Tensor x, String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("gelu: approximate must be 'none' or 'tanh', got '" + approximate + "'");
        }
        return op(() -> torch.gelu(n(x), approximate));
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor sigmoid_(Tensor x) {
        return inPlace(x, () -> torch.sigmoid_(n(x)));
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor tanh_(Tensor x) {
        return inPlace(x, () -> torch.tanh_(n(x)));
    }

    /** {@code exp(x) / sum(exp(x))} along {@code dim} (negative counts from the end). */
    public static Tensor softmax(Tensor x, int dim) {
        return op(() -> torch.softmax(n(x), dim));
    }

    /** {@code log(softmax(x, dim))}, computed stably. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return op(() -> torch.log_softmax(n(x), dim));
    }

    // (activations: end)

    // ================================================================ losses

    /** PyTorch's default {@code ignore_index}: targets equal to it contribute nothing. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    /** Cross entropy of logits {@code input} ([N, C], [C] or [N, C, d...]) with class indices or probabilities; mean. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, DEFAULT_IGNORE_INDEX, Reduction.MEAN, 0.0);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return crossEntropy(input, target, null, DEFAULT_IGNORE_INDEX, reduction, 0.0);
    }

    /**
     * PyTorch's {@code F.cross_entropy}. {@code target} holds class indices (an integer tensor shaped as
     * {@code input} without its class dimension) or class probabilities (a floating tensor shaped as
     * {@code input}).
     *
     * @param weight         per-class weights ([C]) or null
     * @param ignoreIndex    a class-index target equal to it is skipped (not counted in the mean either)
     * @param labelSmoothing in [0, 1]: the target mixes with the uniform distribution by this amount
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction,
            double labelSmoothing) {
        lossReduction(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        long classes = lossClassInput("crossEntropy", input);
        if (target.dtype().isFloatingPoint()) {
            if (!target.size().equals(input.size())) {
                throw new IllegalArgumentException("crossEntropy: class-probability targets must have the input's shape "
                        + input.size() + ", got " + target.size());
            }
        } else {
            lossClassTarget("crossEntropy", input, target, classes, ignoreIndex);
        }
        lossClassWeight("crossEntropy", weight, classes);
        long r = reduction.nativeCode("crossEntropy");
        try (TensorOptional w = lossOptional(weight)) {
            return op(() -> torch.cross_entropy_loss(n(input), n(target), w, r, ignoreIndex, labelSmoothing));
        }
    }

    /** Negative log likelihood of log-probabilities {@code input} at class indices {@code target}; mean. */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    public static Tensor nllLoss(Tensor input, Tensor target, Reduction reduction) {
        return nllLoss(input, target, null, DEFAULT_IGNORE_INDEX, reduction);
    }

    /** PyTorch's {@code F.nll_loss}: {@code -weight[t] * input[n, t]}, the mean weighted by the targets' weights. */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        lossReduction(reduction);
        long classes = lossClassInput("nllLoss", input);
        if (target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("nllLoss: target must hold class indices (an integer tensor), got "
                    + target.dtype());
        }
        lossClassTarget("nllLoss", input, target, classes, ignoreIndex);
        lossClassWeight("nllLoss", weight, classes);
        long r = reduction.nativeCode("nllLoss");
        try (TensorOptional w = lossOptional(weight)) {
            return op(() -> torch.nll_loss_nd(n(input), n(target), w, r, ignoreIndex));
        }
    }

    /** Mean squared error. Unlike PyTorch, which broadcasts with a warning, differing shapes are refused. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        lossSameShape("mseLoss", input, target);
        long r = lossReduction(reduction).nativeCode("mseLoss");
        return op(() -> torch.mse_loss(n(input), n(target), r));
    }

    /** Mean absolute error; shapes must agree (PyTorch only warns). */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        lossSameShape("l1Loss", input, target);
        long r = lossReduction(reduction).nativeCode("l1Loss");
        return op(() -> torch.l1_loss(n(input), n(target), r));
    }

    /** Huber-like loss with beta 1: quadratic below {@code |d| < 1}, linear above; mean. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /** {@code 0.5 d^2 / beta} for {@code |d| < beta}, {@code |d| - 0.5 beta} otherwise; beta 0 is the L1 loss. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        lossSameShape("smoothL1Loss", input, target);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smoothL1Loss: beta must be non-negative, got " + beta);
        }
        long r = lossReduction(reduction).nativeCode("smoothL1Loss");
        return op(() -> torch.smooth_l1_loss(n(input), n(target), r, beta));
    }

    /** Binary cross entropy of probabilities {@code input} (each in [0, 1]); mean. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Reduction reduction) {
        return binaryCrossEntropy(input, target, null, reduction);
    }

    /** @param weight rescales each element's loss; broadcast to the input's shape; null for none */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        lossSameShape("binaryCrossEntropy", input, target);
        long r = lossReduction(reduction).nativeCode("binaryCrossEntropy");
        // LibTorch checks the range only on the CPU (a device-side assert on CUDA): check it here for all devices
        try (Autograd.Mode g = Autograd.noGrad(); Scope s = Scope.open()) {
            if (input.numel() > 0 && input.lt(0.0).logicalOr(input.gt(1.0)).any().itemBoolean()) {
                throw new IllegalArgumentException("binaryCrossEntropy: all elements of input should be between 0 and 1"
                        + " (probabilities: apply sigmoid, or use binaryCrossEntropyWithLogits), got values from "
                        + input.min().itemDouble() + " to " + input.max().itemDouble());
            }
        }
        Tensor w = weight == null ? null : lossExpandWeight("binaryCrossEntropy", weight, input);
        try (TensorOptional wo = lossOptional(w)) {
            return op(() -> torch.binary_cross_entropy(n(input), n(target), wo, r));
        }
    }

    /** {@code binaryCrossEntropy(sigmoid(input), target)}, computed stably from logits; mean. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Reduction reduction) {
        return binaryCrossEntropyWithLogits(input, target, null, null, reduction);
    }

    /**
     * @param weight    rescales each element's loss (broadcast), or null
     * @param posWeight weight of the positive term per class (broadcast along the last dimension), or null
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
            Reduction reduction) {
        lossSameShape("binaryCrossEntropyWithLogits", input, target);
        long r = lossReduction(reduction).nativeCode("binaryCrossEntropyWithLogits");
        try (TensorOptional w = lossOptional(weight); TensorOptional pw = lossOptional(posWeight)) {
            return op(() -> torch.binary_cross_entropy_with_logits(n(input), n(target), w, pw, r));
        }
    }

    /** Kullback-Leibler divergence with log-probabilities {@code input} and probabilities {@code target}; mean. */
    public static Tensor klDiv(Tensor input, Tensor target) {
        return klDiv(input, target, Reduction.MEAN, false);
    }

    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction) {
        return klDiv(input, target, reduction, false);
    }

    /**
     * PyTorch's {@code F.kl_div}: pointwise {@code target * (log(target) - input)}. {@link Reduction#BATCHMEAN}
     * (the sum over the batch size) is the mathematical KL divergence; MEAN divides by every element.
     *
     * @param logTarget {@code target} holds log-probabilities
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        lossReduction(reduction);
        if (reduction == Reduction.BATCHMEAN) {
            Tensor sum = op(() -> torch.kl_div(n(input), n(target), Reduction.SUM.nativeCode("klDiv"), logTarget));
            return input.dim() == 0 ? sum : sum.div((double) input.size(0));
        }
        long r = reduction.nativeCode("klDiv");
        return op(() -> torch.kl_div(n(input), n(target), r, logTarget));
    }

    private static Reduction lossReduction(Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must not be null: use Reduction.MEAN, SUM or NONE");
        }
        return reduction;
    }

    private static void lossSameShape(String loss, Tensor input, Tensor target) {
        if (!input.size().equals(target.size())) {
            throw new IllegalArgumentException(loss + ": input and target must have the same shape, got input "
                    + input.size() + " and target " + target.size());
        }
    }

    /** The number of classes: dimension 1, or 0 for an unbatched [C] input. */
    private static long lossClassInput(String loss, Tensor input) {
        if (input.dim() < 1) {
            throw new IllegalArgumentException(loss + ": input must have a class dimension ([C], [N, C] or [N, C, d...]),"
                    + " got a 0-d tensor");
        }
        return input.size(input.dim() == 1 ? 0 : 1);
    }

    /** Shape and range of class-index targets, checked in Java so that CUDA never meets them in a device assert. */
    private static void lossClassTarget(String loss, Tensor input, Tensor target, long classes, long ignoreIndex) {
        long[] in = input.size().toArray();
        long[] expected = new long[Math.max(0, in.length - 1)];
        for (int i = 0, j = 0; i < in.length; i++) {
            if (i != (in.length == 1 ? 0 : 1)) {
                expected[j++] = in[i];
            }
        }
        if (!java.util.Arrays.equals(expected, target.size().toArray())) {
            throw new IllegalArgumentException(loss + ": class-index target of shape " + target.size()
                    + " does not match input of shape " + input.size() + " (expected target shape "
                    + org.torch4j.Shape.of(expected) + ")");
        }
        if (target.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(loss + ": target must hold class indices (int64), got bool");
        }
        try (Autograd.Mode g = Autograd.noGrad(); Scope s = Scope.open()) {
            Tensor bad = target.lt(0.0).logicalOr(target.ge((double) classes)).logicalAnd(target.ne((double) ignoreIndex));
            if (bad.any().itemBoolean()) {
                long first = target.maskedSelect(bad).toLongArray()[0];
                throw new IllegalArgumentException(loss + ": target class " + first + " is out of range for " + classes
                        + " classes (expected 0 to " + (classes - 1) + ", or ignoreIndex " + ignoreIndex + ")");
            }
        }
    }

    private static void lossClassWeight(String loss, Tensor weight, long classes) {
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes)) {
            throw new IllegalArgumentException(loss + ": weight must have one entry per class, shape [" + classes
                    + "], got " + weight.size());
        }
    }

    private static Tensor lossExpandWeight(String loss, Tensor weight, Tensor input) {
        try {
            return weight.expand(input.size().toArray());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(loss + ": weight of shape " + weight.size()
                    + " does not broadcast to the input's shape " + input.size(), e);
        }
    }

    private static TensorOptional lossOptional(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(n(t));
    }

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
