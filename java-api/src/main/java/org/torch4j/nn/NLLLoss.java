package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Negative log likelihood of log-probabilities at class indices, {@code torch.nn.NLLLoss}; with
 * {@link LogSoftmax} before it, the same as {@link CrossEntropyLoss}.
 *
 * <pre>{@code
 * Tensor loss = new NLLLoss().forward(F.logSoftmax(logits, 1), labels);
 * }</pre>
 */
public class NLLLoss extends Loss {
    /** Per-class weights ([C]) or null; a buffer, as in PyTorch. */
    public final Tensor weight;
    public final long ignoreIndex;

    public NLLLoss() {
        this(null, F.DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    public NLLLoss(Reduction reduction) {
        this(null, F.DEFAULT_IGNORE_INDEX, reduction);
    }

    public NLLLoss(Tensor weight, long ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
