package org.torch4j.nn.functional;

import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.inPlace;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.DType;
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

    // (convolution: end)
}
