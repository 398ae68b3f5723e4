package org.torch4j.nn.functional;

import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.adoptCopy;
import static org.torch4j.internal.NativeOps.inPlace;
import static org.torch4j.internal.NativeOps.op;
import static org.torch4j.internal.NativeOps.value;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.ValuesIndices;

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
        DType targetType = target.dtype();
        boolean probabilities = targetType.isFloatingPoint();
        if (probabilities) {
            if (!target.size().equals(input.size())) {
                throw new IllegalArgumentException("crossEntropy: class-probability targets must have the input's shape "
                        + input.size() + ", got " + target.size());
            }
        } else {
            lossClassTarget("crossEntropy", input, target, targetType);
        }
        lossClassWeight("crossEntropy", weight, classes);
        long r = reduction.nativeCode("crossEntropy");
        try (TensorOptional w = lossOptional(weight)) {
            Supplier<org.bytedeco.pytorch.Tensor> call =
                    () -> torch.cross_entropy_loss(n(input), n(target), w, r, ignoreIndex, labelSmoothing);
            return probabilities ? op(call) : classIndexLoss("crossEntropy", target, classes, ignoreIndex, call);
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
        DType targetType = target.dtype();
        if (targetType.isFloatingPoint()) {
            throw new IllegalArgumentException("nllLoss: target must hold class indices (an integer tensor), got "
                    + targetType);
        }
        lossClassTarget("nllLoss", input, target, targetType);
        lossClassWeight("nllLoss", weight, classes);
        long r = reduction.nativeCode("nllLoss");
        try (TensorOptional w = lossOptional(weight)) {
            return classIndexLoss("nllLoss", target, classes, ignoreIndex,
                    () -> torch.nll_loss_nd(n(input), n(target), w, r, ignoreIndex));
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

    /** The shape of class-index targets (the input's shape without its class dimension) and their dtype. */
    private static void lossClassTarget(String loss, Tensor input, Tensor target, DType targetType) {
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
        if (targetType == DType.BOOL) {
            throw new IllegalArgumentException(loss + ": target must hold class indices (int64), got bool");
        }
    }

    /**
     * Runs a loss over class-index targets, refusing a class outside {@code [0, classes)} (other than
     * {@code ignoreIndex}) with an {@link IllegalArgumentException} that names it. LibTorch's CPU kernels check
     * every index before they compute, so on the CPU the targets are searched only after such a call failed:
     * searching every batch beforehand cost 160-240 µs of a 20 ms MNIST training step. On a GPU an index out
     * of range is a device-side assert that leaves the CUDA context unusable, so there they are searched first.
     */
    private static Tensor classIndexLoss(String loss, Tensor target, long classes, long ignoreIndex,
            Supplier<org.bytedeco.pytorch.Tensor> call) {
        if (!n(target).is_cpu()) {
            lossClassRange(loss, target, classes, ignoreIndex);
            return op(call);
        }
        try {
            return op(call);
        } catch (TorchException e) {
            try {
                lossClassRange(loss, target, classes, ignoreIndex);
            } catch (TorchException searchFailed) {
                e.addSuppressed(searchFailed);
            }
            throw e;
        }
    }

    private static void lossClassRange(String loss, Tensor target, long classes, long ignoreIndex) {
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

    /**
     * Batch normalisation over dim 1 (the channels), as {@code F.batch_norm}. In training the batch's
     * statistics are used and, when given, {@code runningMean}/{@code runningVar} are updated in place with
     * {@code momentum} (the unbiased variance goes into {@code runningVar}); otherwise the running statistics
     * are used. Any of the four tensors may be null ({@code runningMean}/{@code runningVar} only in training).
     *
     * <pre>{@code
     * Tensor y = F.batchNorm(x, runningMean, runningVar, gamma, beta, true, 0.1, 1e-5);
     * }</pre>
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("batch norm expects an input of at least 2 dimensions (N, C, ...), got shape " + input.size());
        }
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("batch norm outside training needs runningMean and runningVar");
        }
        long channels = input.size(1);
        checkPerChannel("runningMean", runningMean, channels, input);
        checkPerChannel("runningVar", runningVar, channels, input);
        checkPerChannel("weight", weight, channels, input);
        checkPerChannel("bias", bias, channels, input);
        if (training && input.numel() / channels == 1) {
            throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size " + input.size());
        }
        try (TensorOptional w = opt(weight); TensorOptional b = opt(bias); TensorOptional rm = opt(runningMean);
                TensorOptional rv = opt(runningVar)) {
            return op(() -> torch.batch_norm(n(input), w, b, rm, rv, training, momentum, eps, true));
        }
    }

    /** Evaluation-mode batch norm with the running statistics only: {@code F.batch_norm(x, mean, var)}. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar) {
        return batchNorm(input, runningMean, runningVar, null, null, false, 0.1, 1e-5);
    }

    private static void checkPerChannel(String what, Tensor t, long channels, Tensor input) {
        if (t != null && (t.dim() != 1 || t.size(0) != channels)) {
            throw new IllegalArgumentException("batch norm: " + what + " must hold one value per channel: expected shape torch.Size(["
                    + channels + "]) for input of shape " + input.size() + ", got " + t.size());
        }
    }

    /**
     * Layer normalisation over the last {@code normalizedShape.length} dimensions, as {@code F.layer_norm};
     * {@code weight} and {@code bias} (of shape {@code normalizedShape}) may be null.
     *
     * <pre>{@code
     * Tensor y = F.layerNorm(x, new long[] {10}, gamma, beta, 1e-5);   // x: N x 10
     * }</pre>
     */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        checkNormalizedShape(input, normalizedShape);
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !java.util.Arrays.equals(t.size().toArray(), normalizedShape)) {
                throw new IllegalArgumentException("layer norm: weight and bias must have the normalized shape "
                        + java.util.Arrays.toString(normalizedShape) + ", got " + t.size());
            }
        }
        try (TensorOptional w = opt(weight); TensorOptional b = opt(bias)) {
            return op(() -> torch.layer_norm(n(input), normalizedShape, w, b, eps, true));
        }
    }

    /** {@code F.layer_norm(x, normalized_shape)}: no affine transform, eps 1e-5. */
    public static Tensor layerNorm(Tensor input, long... normalizedShape) {
        return layerNorm(input, normalizedShape, null, null, 1e-5);
    }

    private static void checkNormalizedShape(Tensor input, long[] normalizedShape) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("layer norm needs a normalized shape of at least one dimension");
        }
        long[] shape = input.size().toArray();
        int k = normalizedShape.length;
        boolean ok = shape.length >= k;
        for (int i = 0; ok && i < k; i++) {
            ok = shape[shape.length - k + i] == normalizedShape[i];
        }
        if (!ok) {
            StringBuilder want = new StringBuilder("[*");
            for (long d : normalizedShape) {
                want.append(", ").append(d);
            }
            throw new IllegalArgumentException("Given normalized_shape=" + java.util.Arrays.toString(normalizedShape)
                    + ", expected input with shape " + want + "], but got input of size " + input.size());
        }
    }

    /**
     * Group normalisation: the channels (dim 1) split into {@code numGroups} groups, each normalised over its
     * channels and the spatial dimensions, as {@code F.group_norm}; {@code weight}/{@code bias} per channel, may be null.
     *
     * <pre>{@code
     * Tensor y = F.groupNorm(x, 2, gamma, beta, 1e-5);   // x: N x 6 x H x W
     * }</pre>
     */
    public static Tensor groupNorm(Tensor input, long numGroups, Tensor weight, Tensor bias, double eps) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("group norm expects an input of at least 2 dimensions (N, C, ...), got shape " + input.size());
        }
        long channels = input.size(1);
        if (numGroups < 1 || channels % numGroups != 0) {
            throw new IllegalArgumentException("group norm: the " + channels + " channels of input " + input.size()
                    + " must be divisible by num_groups=" + numGroups);
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && (t.dim() != 1 || t.size(0) != channels)) {
                throw new IllegalArgumentException("group norm: weight and bias must have shape torch.Size([" + channels + "]), got " + t.size());
            }
        }
        try (TensorOptional w = opt(weight); TensorOptional b = opt(bias)) {
            return op(() -> torch.group_norm(n(input), numGroups, w, b, eps, true));
        }
    }

    /** {@code F.group_norm(x, num_groups)}: no affine transform, eps 1e-5. */
    public static Tensor groupNorm(Tensor input, long numGroups) {
        return groupNorm(input, numGroups, null, null, 1e-5);
    }

    /**
     * Zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)} when
     * {@code training}; the input itself when not ({@code F.dropout}).
     *
     * <pre>{@code
     * Tensor h = F.dropout(x, 0.5, model.isTraining());
     * }</pre>
     */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        return dropout(input, p, training, false);
    }

    /** {@code F.dropout(x, p, training, inplace)}: with {@code inplace} the input is overwritten and returned. */
    public static Tensor dropout(Tensor input, double p, boolean training, boolean inplace) {
        checkP(p);
        if (inplace) {
            return inPlace(input, () -> torch.dropout_(n(input), p, training));
        }
        return training ? op(() -> torch.dropout(n(input), p, true)) : input;
    }

    /** {@code F.dropout(x, p)}: training is on by default, as in PyTorch. */
    public static Tensor dropout(Tensor input, double p) {
        return dropout(input, p, true);
    }

    /**
     * Zeroes whole channels (dim 1 of an N x C x H x W input) with probability {@code p}, scaling the rest
     * by {@code 1/(1-p)}, when {@code training} ({@code F.dropout2d}).
     *
     * <pre>{@code
     * Tensor h = F.dropout2d(featureMaps, 0.2, true);
     * }</pre>
     */
    public static Tensor dropout2d(Tensor input, double p, boolean training) {
        return dropout2d(input, p, training, false);
    }

    public static Tensor dropout2d(Tensor input, double p, boolean training, boolean inplace) {
        checkP(p);
        if (input.dim() < 2) {
            throw new IllegalArgumentException("dropout2d expects an input with a channel dimension (N, C, H, W), got shape " + input.size());
        }
        if (inplace) {
            return inPlace(input, () -> torch.feature_dropout_(n(input), p, training));
        }
        return training ? op(() -> torch.feature_dropout(n(input), p, true)) : input;
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
    }

    /**
     * Rows of {@code weight} picked by integer {@code indices}, as {@code F.embedding}: the result has
     * shape {@code indices.shape + [embedding_dim]}.
     *
     * <pre>{@code
     * Tensor vectors = F.embedding(tokenIds, table);   // tokenIds: int64 N x L, table: V x D -> N x L x D
     * }</pre>
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return embedding(indices, weight, null);
    }

    /**
     * {@code F.embedding(indices, weight, padding_idx)}: the row {@code paddingIdx} (negative counts from the
     * end; null for none) gets no gradient.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Long paddingIdx) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding weight must be 2-d (num_embeddings x embedding_dim), got shape " + weight.size());
        }
        if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException("embedding indices must be int64 or int32, got " + indices.dtype());
        }
        long rows = weight.size(0);
        long pad = -1;
        if (paddingIdx != null) {
            if (paddingIdx >= rows || paddingIdx < -rows) {
                throw new IllegalArgumentException("padding_idx must be within num_embeddings: got " + paddingIdx + " for " + rows + " embeddings");
            }
            pad = paddingIdx < 0 ? rows + paddingIdx : paddingIdx;
        }
        if (indices.numel() > 0) {
            // LibTorch's own failure names no index (and is a device-side assert on CUDA): check here.
            long lo = indices.min().itemLong();
            long hi = indices.max().itemLong();
            if (lo < 0 || hi >= rows) {
                throw new IndexOutOfBoundsException("embedding index " + (lo < 0 ? lo : hi) + " is out of range for "
                        + rows + " embeddings (valid indices 0.." + (rows - 1) + ")");
            }
        }
        long padIdx = pad;
        return op(() -> torch.embedding(n(weight), n(indices), padIdx, false, false));
    }

    /**
     * One-hot encoding of non-negative int64 {@code indices} as {@code F.one_hot}: an int64 tensor of shape
     * {@code indices.shape + [numClasses]}; {@code numClasses} -1 takes one more than the largest index.
     *
     * <pre>{@code
     * F.oneHot(tensor(0L, 2L), 3);   // tensor([[1, 0, 0], [0, 0, 1]])
     * }</pre>
     */
    public static Tensor oneHot(Tensor indices, long numClasses) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("one_hot is only applicable to index tensors (int64), got " + indices.dtype());
        }
        if (numClasses < -1 || numClasses == 0 && indices.numel() > 0) {
            throw new IllegalArgumentException("one_hot: numClasses must be positive or -1 (inferred), got " + numClasses);
        }
        return op(() -> torch.one_hot(n(indices), numClasses));
    }

    /** {@code oneHot(indices, -1)}: the number of classes is one more than the largest index. */
    public static Tensor oneHot(Tensor indices) {
        return oneHot(indices, -1);
    }

    private static TensorOptional opt(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(n(t));
    }

    // (normalisation: end)

    // ================================================================ linear, convolution, pooling, padding, resampling

    /** {@code x W^T + b} ({@code addmm} for 2-d input, as PyTorch); {@code bias} may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(n(bias))) {
            return op(() -> torch.linear(n(x), n(weight), b));
        }
    }

    // ---------------------------------------------------------------- convolution

    /** 1-d convolution of an {@code N x C x W} (or {@code C x W}) input with {@code D x C/groups x w} kernels. */
    public static Tensor conv1d(Tensor input, Tensor weight) {
        return conv1d(input, weight, null);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv1d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv1d", 1, input, weight, bias, stride, padding, null, dilation, groups);
    }

    /** {@code padding} is {@code "same"} (output as long as the input; stride 1 only) or {@code "valid"} (no padding). */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv1d", 1, input, weight, bias, stride, null, padding, dilation, groups);
    }

    /**
     * 2-d convolution, as {@code torch.nn.functional.conv2d}: input {@code N x C x H x W} (or {@code C x H x W}),
     * weight {@code D x C/groups x h x w}, optional bias of size D; without padding the output is
     * {@code N x D x (H - h + 1) x (W - w + 1)}.
     *
     * <pre>{@code
     * Tensor y = F.conv2d(empty(117, 4, 10, 3).normal_(), empty(5, 4, 2, 3).normal_());   // 117 x 5 x 9 x 1
     * }</pre>
     */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, 1, 0, 1, 1);
    }

    /** Equal stride, padding and dilation along both spatial dimensions. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    /** Per-dimension {@code (h, w)} stride, padding and dilation; a single value applies to both. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv2d", 2, input, weight, bias, stride, padding, null, dilation, groups);
    }

    /** {@code padding} is {@code "same"} (output as large as the input; stride 1 only) or {@code "valid"} (no padding). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv2d", 2, input, weight, bias, stride, null, padding, dilation, groups);
    }

    /** 3-d convolution of an {@code N x C x D x H x W} (or {@code C x D x H x W}) input. */
    public static Tensor conv3d(Tensor input, Tensor weight) {
        return conv3d(input, weight, null);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias) {
        return conv3d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation, long groups) {
        return conv3d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation, long groups) {
        return conv("conv3d", 3, input, weight, bias, stride, padding, null, dilation, groups);
    }

    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, String padding, long[] dilation, long groups) {
        return conv("conv3d", 3, input, weight, bias, stride, null, padding, dilation, groups);
    }

    private static Tensor conv(String name, int dims, Tensor input, Tensor weight, Tensor bias, long[] stride0,
            long[] padding0, String paddingMode, long[] dilation0, long groups) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(weight, "weight");
        long[] stride = spatial(name, "stride", stride0, dims, 1);
        long[] dilation = spatial(name, "dilation", dilation0, dims, 1);
        long[] padding = paddingMode == null ? spatial(name, "padding", padding0, dims, 0) : new long[dims];
        if (paddingMode != null && !paddingMode.equals("same") && !paddingMode.equals("valid")) {
            throw new IllegalArgumentException(name + ": padding must be \"same\" or \"valid\", got \"" + paddingMode + "\"");
        }
        if ("same".equals(paddingMode)) {
            for (long s : stride) {
                if (s != 1) {
                    throw new IllegalArgumentException(name + ": padding=\"same\" needs stride 1, got stride "
                            + Arrays.toString(stride));
                }
            }
        }
        if (groups < 1) {
            throw new IllegalArgumentException(name + ": groups must be positive, got " + groups);
        }
        if (weight.dim() != dims + 2) {
            throw new IllegalArgumentException(name + ": expected a " + (dims + 2) + "-d weight (out_channels x in_channels/groups x kernel), got shape "
                    + weight.size());
        }
        checkInputDims(name, input, dims);
        int channelDim = input.dim() - dims - 1;
        long expected = weight.size(1) * groups;
        if (input.size(channelDim) != expected) {
            throw new IllegalArgumentException(name + ": expected input with " + expected + " channels (weight of shape "
                    + weight.size() + ", groups=" + groups + "), got " + input.size(channelDim) + " channels in input of shape "
                    + input.size());
        }
        if (weight.size(0) % groups != 0) {
            throw new IllegalArgumentException(name + ": out_channels " + weight.size(0) + " is not divisible by groups " + groups);
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException(name + ": expected a bias of shape [" + weight.size(0) + "], got " + bias.size());
        }
        if (paddingMode == null) {
            checkKernelFits(name, input, dims, weight, padding, dilation);
        }
        try (TensorOptional b = optional(bias)) {
            switch (dims) {
                case 1:
                    return paddingMode == null ? op(() -> torch.conv1d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv1d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
                case 2:
                    return paddingMode == null ? op(() -> torch.conv2d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv2d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
                default:
                    return paddingMode == null ? op(() -> torch.conv3d(n(input), n(weight), b, stride, padding, dilation, groups))
                            : op(() -> torch.conv3d(n(input), n(weight), b, stride, paddingMode, dilation, groups));
            }
        }
    }

    /** The kernel, dilated, must fit into the padded input along every spatial dimension. */
    private static void checkKernelFits(String name, Tensor input, int dims, Tensor weight, long[] padding, long[] dilation) {
        int first = input.dim() - dims;
        for (int d = 0; d < dims; d++) {
            long in = input.size(first + d) + 2 * padding[d];
            long k = dilation[d] * (weight.size(2 + d) - 1) + 1;
            if (k > in) {
                throw new IllegalArgumentException(name + ": kernel size " + k + " (dilated) is larger than the padded input size "
                        + in + " in spatial dimension " + d + " (input of shape " + input.size() + ", weight of shape "
                        + weight.size() + ")");
            }
        }
    }

    /**
     * Transposed 2-d convolution (the gradient of conv2d with respect to its input), as
     * {@code torch.nn.functional.conv_transpose2d}: weight is {@code C_in x C_out/groups x h x w}.
     *
     * <pre>{@code
     * Tensor up = F.convTranspose2d(x, w, b, 2, 1, 1, 1, 1);   // stride 2, padding 1, output padding 1: doubles H and W
     * }</pre>
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight) {
        return convTranspose2d(input, weight, null);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias) {
        return convTranspose2d(input, weight, bias, 1, 0, 0, 1, 1);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long outputPadding,
            long groups, long dilation) {
        return convTranspose2d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {outputPadding}, groups,
                new long[] {dilation});
    }

    /** PyTorch's argument order: stride, padding, output_padding, groups, dilation. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride0, long[] padding0,
            long[] outputPadding0, long groups, long[] dilation0) {
        String name = "conv_transpose2d";
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(weight, "weight");
        long[] stride = spatial(name, "stride", stride0, 2, 1);
        long[] padding = spatial(name, "padding", padding0, 2, 0);
        long[] outputPadding = spatial(name, "output_padding", outputPadding0, 2, 0);
        long[] dilation = spatial(name, "dilation", dilation0, 2, 1);
        if (groups < 1) {
            throw new IllegalArgumentException(name + ": groups must be positive, got " + groups);
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException(name + ": expected a 4-d weight (in_channels x out_channels/groups x kh x kw), got shape "
                    + weight.size());
        }
        checkInputDims(name, input, 2);
        int channelDim = input.dim() - 3;
        if (input.size(channelDim) != weight.size(0)) {
            throw new IllegalArgumentException(name + ": expected input with " + weight.size(0) + " channels (weight of shape "
                    + weight.size() + "), got " + input.size(channelDim) + " channels in input of shape " + input.size());
        }
        for (int d = 0; d < 2; d++) {
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d]) {
                throw new IllegalArgumentException(name + ": output_padding must be smaller than stride or dilation, got output_padding "
                        + Arrays.toString(outputPadding) + ", stride " + Arrays.toString(stride) + ", dilation " + Arrays.toString(dilation));
            }
        }
        try (TensorOptional b = optional(bias)) {
            return op(() -> torch.conv_transpose2d(n(input), n(weight), b, stride, padding, outputPadding, groups, dilation));
        }
    }

    // ---------------------------------------------------------------- pooling

    /** Max over windows of {@code kernelSize} along the last dimension; the stride is the kernel size. */
    public static Tensor maxPool1d(Tensor input, long kernelSize) {
        return maxPool1d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool1d(Tensor input, long kernelSize, long stride) {
        return maxPool1d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    /** {@code stride} null means the kernel size, as PyTorch's {@code stride=None}. */
    public static Tensor maxPool1d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool1d", 1, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool1d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    /** Max pooling that also returns, for each output, the flat index of the maximum within its input plane. */
    public static ValuesIndices maxPool1dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool1d", 1, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool1d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    /**
     * 2-d max pooling, as {@code torch.nn.functional.max_pool2d}: the stride defaults to the kernel size, so
     * the windows do not overlap.
     *
     * <pre>{@code
     * Tensor y = F.maxPool2d(x, 3);                          // N x C x H x W -> N x C x H/3 x W/3
     * Tensor z = F.maxPool2d(x, new long[] {1, 2});          // kernel (1, 2)
     * }</pre>
     */
    public static Tensor maxPool2d(Tensor input, long kernelSize) {
        return maxPool2d(input, new long[] {kernelSize});
    }

    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride) {
        return maxPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool2d(Tensor input, long kernelSize, long stride, long padding, long dilation, boolean ceilMode) {
        return maxPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, new long[] {dilation}, ceilMode);
    }

    public static Tensor maxPool2d(Tensor input, long[] kernelSize) {
        return maxPool2d(input, kernelSize, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool2d", 2, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool2d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    public static ValuesIndices maxPool2dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool2d", 2, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool2d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    public static Tensor maxPool3d(Tensor input, long kernelSize) {
        return maxPool3d(input, new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool3d(Tensor input, long kernelSize, long stride) {
        return maxPool3d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    public static Tensor maxPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool3d", 3, input, kernelSize, stride, padding, dilation);
        return op(() -> torch.max_pool3d(n(input), a[0], a[1], a[2], a[3], ceilMode));
    }

    public static ValuesIndices maxPool3dWithIndices(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        long[][] a = maxPoolArgs("max_pool3d", 3, input, kernelSize, stride, padding, dilation);
        return pair(value(() -> torch.max_pool3d_with_indices(n(input), a[0], a[1], a[2], a[3], ceilMode)));
    }

    /** kernel, stride, padding, dilation, each expanded to {@code dims} values and checked. */
    private static long[][] maxPoolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding,
            long[] dilation) {
        long[][] a = poolArgs(name, dims, input, kernelSize, stride, padding);
        long[] d = spatial(name, "dilation", dilation, dims, 1);
        checkWindowFits(name, dims, input, a[0], a[2], d);
        return new long[][] {a[0], a[1], a[2], d};
    }

    private static long[][] poolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kernelSize, "kernelSize");
        long[] k = spatial(name, "kernel_size", kernelSize, dims, 1);
        long[] s = stride == null || stride.length == 0 ? k : spatial(name, "stride", stride, dims, 1);
        long[] p = spatial(name, "padding", padding, dims, 0);
        for (int i = 0; i < dims; i++) {
            if (p[i] * 2 > k[i]) {
                throw new IllegalArgumentException(name + ": padding should be at most half of the kernel size, got padding "
                        + Arrays.toString(p) + " for kernel size " + Arrays.toString(k));
            }
        }
        checkInputDims(name, input, dims);
        return new long[][] {k, s, p};
    }

    private static void checkWindowFits(String name, int dims, Tensor input, long[] k, long[] p, long[] d) {
        int first = input.dim() - dims;
        for (int i = 0; i < dims; i++) {
            long in = input.size(first + i) + 2 * p[i];
            long win = d[i] * (k[i] - 1) + 1;
            if (win > in) {
                throw new IllegalArgumentException(name + ": kernel size " + win + " (dilated) is larger than the padded input size "
                        + in + " in spatial dimension " + i + " (input of shape " + input.size() + ")");
            }
        }
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize) {
        return avgPool1d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool1d(Tensor input, long kernelSize, long stride) {
        return avgPool1d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    /** {@code countIncludePad}: whether the zero padding counts in each window's divisor. */
    public static Tensor avgPool1d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool1d", 1, input, kernelSize, stride, padding);
        return op(() -> torch.avg_pool1d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad));
    }

    /**
     * 2-d average pooling, as {@code torch.nn.functional.avg_pool2d}; the stride defaults to the kernel size.
     *
     * <pre>{@code
     * Tensor y = F.avgPool2d(x, 2);   // N x C x H x W -> N x C x H/2 x W/2
     * }</pre>
     */
    public static Tensor avgPool2d(Tensor input, long kernelSize) {
        return avgPool2d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    /** Average pooling with a {@code (kH, kW)} kernel, the stride equal to it, as {@code F.avg_pool2d(x, (1, 2))}. */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize) {
        return avgPool2d(input, kernelSize, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride) {
        return avgPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    public static Tensor avgPool2d(Tensor input, long kernelSize, long stride, long padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool2d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, ceilMode, countIncludePad);
    }

    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool2d", 2, input, kernelSize, stride, padding);
        try (LongOptional divisor = new LongOptional()) {
            return op(() -> torch.avg_pool2d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad, divisor));
        }
    }

    public static Tensor avgPool3d(Tensor input, long kernelSize) {
        return avgPool3d(input, new long[] {kernelSize}, null, new long[] {0}, false, true);
    }

    public static Tensor avgPool3d(Tensor input, long kernelSize, long stride) {
        return avgPool3d(input, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, false, true);
    }

    public static Tensor avgPool3d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        long[][] a = avgPoolArgs("avg_pool3d", 3, input, kernelSize, stride, padding);
        try (LongOptional divisor = new LongOptional()) {
            return op(() -> torch.avg_pool3d(n(input), a[0], a[1], a[2], ceilMode, countIncludePad, divisor));
        }
    }

    private static long[][] avgPoolArgs(String name, int dims, Tensor input, long[] kernelSize, long[] stride, long[] padding) {
        long[][] a = poolArgs(name, dims, input, kernelSize, stride, padding);
        checkWindowFits(name, dims, input, a[0], a[2], ones(dims));
        return a;
    }

    /**
     * Average pooling to a fixed output size whatever the input size, as
     * {@code torch.nn.functional.adaptive_avg_pool2d}; one value means a square output.
     *
     * <pre>{@code
     * Tensor v = F.adaptiveAvgPool2d(features, 1);   // N x C x H x W -> N x C x 1 x 1
     * }</pre>
     */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        Objects.requireNonNull(input, "input");
        long[] size = spatial("adaptive_avg_pool2d", "output_size", outputSize, 2, 1);
        checkInputDims("adaptive_avg_pool2d", input, 2);
        return op(() -> torch.adaptive_avg_pool2d(n(input), size));
    }

    // ---------------------------------------------------------------- padding, resampling, unfold

    /** Zero padding; see {@link #pad(Tensor, long[], String, double)}. */
    public static Tensor pad(Tensor input, long... pad) {
        return pad(input, pad, "constant", 0);
    }

    public static Tensor pad(Tensor input, long[] pad, String mode) {
        return pad(input, pad, mode, 0);
    }

    /**
     * Pads the last dimensions, as {@code torch.nn.functional.pad}: {@code pad} holds (before, after) pairs,
     * <em>last dimension first</em> ({@code {left, right, top, bottom}} for an image). {@code mode} is
     * {@code "constant"} (filled with {@code value}; negative amounts crop), {@code "reflect"},
     * {@code "replicate"} or {@code "circular"}.
     *
     * <pre>{@code
     * Tensor y = F.pad(x, new long[] {1, 1, 2, 0}, "reflect");   // W + 2, H + 2
     * }</pre>
     */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(pad, "pad");
        Objects.requireNonNull(mode, "mode");
        if (pad.length % 2 != 0) {
            throw new IllegalArgumentException("pad: the padding must hold (before, after) pairs, got " + pad.length + " values "
                    + Arrays.toString(pad));
        }
        if (pad.length / 2 > input.dim()) {
            throw new IllegalArgumentException("pad: " + pad.length / 2 + " padded dimensions for a " + input.dim() + "-d input");
        }
        switch (mode) {
            case "constant":
                try (DoubleOptional v = new DoubleOptional(value)) {
                    return op(() -> torch.pad(n(input), pad, mode, v));
                }
            case "reflect":
            case "replicate":
            case "circular":
                if (value != 0) {
                    throw new IllegalArgumentException("pad: a fill value applies to mode \"constant\" only, got mode \"" + mode + "\"");
                }
                try (DoubleOptional v = new DoubleOptional()) {
                    return op(() -> torch.pad(n(input), pad, mode, v));
                }
            default:
                throw new IllegalArgumentException("pad: mode must be constant, reflect, replicate or circular, got \"" + mode + "\"");
        }
    }

    /** Resizes to {@code size} (one value per spatial dimension); {@code mode} "nearest", "linear" (3-d) or "bilinear" (4-d). */
    public static Tensor interpolate(Tensor input, long[] size, String mode) {
        return interpolate(input, size, 0, mode, null);
    }

    /**
     * Resamples the spatial dimensions, as {@code torch.nn.functional.interpolate} with {@code size=};
     * {@code alignCorners} applies to the interpolating modes only.
     *
     * <pre>{@code
     * Tensor big = F.interpolate(img, new long[] {56, 56}, "bilinear", false);
     * }</pre>
     */
    public static Tensor interpolate(Tensor input, long[] size, String mode, boolean alignCorners) {
        return interpolate(input, size, 0, mode, alignCorners);
    }

    /** Resamples by {@code scaleFactor} along every spatial dimension (output size rounded down). */
    public static Tensor interpolate(Tensor input, double scaleFactor, String mode) {
        return interpolate(input, null, scaleFactor, mode, null);
    }

    public static Tensor interpolate(Tensor input, double scaleFactor, String mode, boolean alignCorners) {
        return interpolate(input, null, scaleFactor, mode, alignCorners);
    }

    private static Tensor interpolate(Tensor input, long[] size, double scale, String mode, Boolean alignCorners) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mode, "mode");
        int dims = input.dim() - 2;
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("interpolate: expected a 3-d, 4-d or 5-d input (N x C x spatial), got shape " + input.size());
        }
        boolean nearest = mode.equals("nearest");
        int modeDims = mode.equals("linear") ? 1 : mode.equals("bilinear") ? 2 : mode.equals("trilinear") ? 3 : nearest ? dims : -1;
        if (modeDims < 0) {
            throw new IllegalArgumentException("interpolate: mode must be nearest, linear, bilinear or trilinear, got \"" + mode + "\"");
        }
        if (modeDims != dims) {
            throw new IllegalArgumentException("interpolate: mode \"" + mode + "\" needs a " + (modeDims + 2) + "-d input, got shape "
                    + input.size());
        }
        if (nearest && alignCorners != null) {
            throw new IllegalArgumentException("interpolate: alignCorners applies to the interpolating modes (linear, bilinear, "
                    + "trilinear) only, not to \"nearest\"");
        }
        boolean align = alignCorners != null && alignCorners;
        long[] out;
        double[] scales = new double[dims];
        if (size != null) {
            out = spatial("interpolate", "size", size, dims, 1);
        } else {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("interpolate: scaleFactor must be positive and finite, got " + scale);
            }
            out = new long[dims];
            for (int d = 0; d < dims; d++) {
                out[d] = (long) Math.floor(input.size(2 + d) * scale);
                if (out[d] < 1) {
                    throw new IllegalArgumentException("interpolate: scaleFactor " + scale + " gives an empty output for input of shape "
                            + input.size());
                }
                scales[d] = scale;
            }
        }
        // Given scales (not sizes), LibTorch maps output to input coordinates with 1/scale, as PyTorch does.
        DoubleOptional[] s = new DoubleOptional[dims];
        for (int d = 0; d < dims; d++) {
            s[d] = size != null ? new DoubleOptional() : new DoubleOptional(scales[d]);
        }
        try {
            if (nearest) {
                switch (dims) {
                    case 1:
                        return op(() -> torch.upsample_nearest1d(n(input), out, s[0]));
                    case 2:
                        return op(() -> torch.upsample_nearest2d(n(input), out, s[0], s[1]));
                    default:
                        return op(() -> torch.upsample_nearest3d(n(input), out, s[0], s[1], s[2]));
                }
            }
            switch (dims) {
                case 1:
                    return op(() -> torch.upsample_linear1d(n(input), out, align, s[0]));
                case 2:
                    return op(() -> torch.upsample_bilinear2d(n(input), out, align, s[0], s[1]));
                default:
                    return op(() -> torch.upsample_trilinear3d(n(input), out, align, s[0], s[1], s[2]));
            }
        } finally {
            for (DoubleOptional o : s) {
                o.close();
            }
        }
    }

    /** {@code unfold(input, {k}, {1}, {0}, {1})}. */
    public static Tensor unfold(Tensor input, long kernelSize) {
        return unfold(input, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Extracts sliding blocks (im2col), as {@code torch.nn.functional.unfold}: an {@code N x C x H x W} input
     * becomes {@code N x (C * kh * kw) x L}, one column per block position.
     *
     * <pre>{@code
     * Tensor cols = F.unfold(x, new long[] {3, 3}, new long[] {1}, new long[] {1}, new long[] {1});
     * }</pre>
     */
    public static Tensor unfold(Tensor input, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Objects.requireNonNull(input, "input");
        long[] k = spatial("unfold", "kernel_size", kernelSize, 2, 1);
        long[] d = spatial("unfold", "dilation", dilation, 2, 1);
        long[] p = spatial("unfold", "padding", padding, 2, 0);
        long[] s = spatial("unfold", "stride", stride, 2, 1);
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("unfold: expected a 3-d or 4-d input (N x C x H x W), got shape " + input.size());
        }
        checkWindowFits("unfold", 2, input, k, p, d);
        return op(() -> torch.im2col(n(input), k, d, p, s));
    }

    /** {@code fold(input, outputSize, {k}, {1}, {0}, {1})}. */
    public static Tensor fold(Tensor input, long[] outputSize, long kernelSize) {
        return fold(input, outputSize, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Sums sliding blocks back into an image (col2im), the adjoint of {@link #unfold}: an
     * {@code N x (C * kh * kw) x L} input becomes {@code N x C x outputSize}.
     */
    public static Tensor fold(Tensor input, long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        Objects.requireNonNull(input, "input");
        long[] o = spatial("fold", "output_size", outputSize, 2, 1);
        long[] k = spatial("fold", "kernel_size", kernelSize, 2, 1);
        long[] d = spatial("fold", "dilation", dilation, 2, 1);
        long[] p = spatial("fold", "padding", padding, 2, 0);
        long[] s = spatial("fold", "stride", stride, 2, 1);
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("fold: expected a 2-d or 3-d input (N x C*kh*kw x L), got shape " + input.size());
        }
        return op(() -> torch.col2im(n(input), o, k, d, p, s));
    }

    // ---------------------------------------------------------------- argument helpers

    /** One value per spatial dimension: {@code values} of length 1 is repeated; each must be at least {@code min}. */
    private static long[] spatial(String fn, String what, long[] values, int dims, long min) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(fn + ": " + what + " needs 1 or " + dims + " values, got none");
        }
        long[] out;
        if (values.length == 1) {
            out = new long[dims];
            Arrays.fill(out, values[0]);
        } else if (values.length == dims) {
            out = values.clone();
        } else {
            throw new IllegalArgumentException(fn + ": " + what + " needs 1 or " + dims + " values, got " + values.length + " "
                    + Arrays.toString(values));
        }
        for (long v : out) {
            if (v < min) {
                throw new IllegalArgumentException(fn + ": " + what + " must be " + (min == 0 ? "non-negative" : "at least " + min)
                        + ", got " + Arrays.toString(values));
            }
        }
        return out;
    }

    /** Batched ({@code N x C x spatial}) or unbatched ({@code C x spatial}) input. */
    private static void checkInputDims(String fn, Tensor input, int dims) {
        if (input.dim() != dims + 1 && input.dim() != dims + 2) {
            throw new IllegalArgumentException(fn + ": expected a " + (dims + 1) + "-d (unbatched) or " + (dims + 2)
                    + "-d (batched) input, got shape " + input.size());
        }
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static TensorOptional optional(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(n(t));
    }

    private static ValuesIndices pair(T_TensorTensor_T t) {
        try (t) {
            return new ValuesIndices(adoptCopy(t.get0()), adoptCopy(t.get1()));
        }
    }

    // (convolution: end)
}
