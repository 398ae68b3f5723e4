package org.torch4j.nn.functional;

/**
 * How a loss reduces its per-element losses, PyTorch's {@code reduction=} argument.
 *
 * <pre>{@code
 * Tensor perSample = F.crossEntropy(logits, target, Reduction.NONE);   // shape [N]
 * Tensor total = F.mseLoss(y, target, Reduction.of("sum"));
 * }</pre>
 *
 * {@link #BATCHMEAN} (the sum divided by the batch size) exists for {@link F#klDiv} only, as in PyTorch;
 * the other losses refuse it.
 */
public enum Reduction {
    /** Per-element (or per-sample) losses, unreduced. */
    NONE("none", 0),
    /** The mean (the weighted mean for class-weighted losses); PyTorch's default. */
    MEAN("mean", 1),
    /** The sum. */
    SUM("sum", 2),
    /** The sum divided by the size of the first dimension: {@code klDiv} only. */
    BATCHMEAN("batchmean", -1);

    private final String pyName;
    private final long nativeCode;

    Reduction(String pyName, long nativeCode) {
        this.pyName = pyName;
        this.nativeCode = nativeCode;
    }

    /** PyTorch's spelling: "none", "mean", "sum" or "batchmean". */
    public String pyName() {
        return pyName;
    }

    /** The reduction named as in PyTorch ("mean", "sum", "none", "batchmean"). */
    public static Reduction of(String name) {
        for (Reduction r : values()) {
            if (r.pyName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a valid value for reduction: expected 'mean', 'sum' or 'none'"
                + " ('batchmean' for klDiv)");
    }

    /** LibTorch's enum value ({@code at::Reduction}), refusing BATCHMEAN for the losses that do not know it. */
    long nativeCode(String loss) {
        if (this == BATCHMEAN) {
            throw new IllegalArgumentException(loss + " does not support reduction 'batchmean' (only klDiv does): "
                    + "use 'mean', 'sum' or 'none'");
        }
        return nativeCode;
    }

    @Override
    public String toString() {
        return pyName;
    }
}
