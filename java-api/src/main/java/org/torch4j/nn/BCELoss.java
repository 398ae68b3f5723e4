package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Binary cross entropy of probabilities, {@code torch.nn.BCELoss}; inputs must lie in [0, 1] (use
 * {@link BCEWithLogitsLoss} on raw scores).
 *
 * <pre>{@code
 * Tensor loss = new BCELoss().forward(F.sigmoid(scores), labels);
 * }</pre>
 */
public class BCELoss extends Loss {
    /** Rescales each element's loss (broadcast to the input), or null; a buffer, as in PyTorch. */
    public final Tensor weight;

    public BCELoss() {
        this(null, Reduction.MEAN);
    }

    public BCELoss(Reduction reduction) {
        this(null, reduction);
    }

    public BCELoss(Tensor weight, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight, reduction);
    }
}
