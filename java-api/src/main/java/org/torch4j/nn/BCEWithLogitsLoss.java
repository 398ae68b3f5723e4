package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Sigmoid and binary cross entropy in one stable step, {@code torch.nn.BCEWithLogitsLoss}.
 *
 * <pre>{@code
 * var criterion = new BCEWithLogitsLoss(null, tensor(3f, 1f, 0.5f), Reduction.MEAN);  // posWeight per class
 * Tensor loss = criterion.forward(logits, labels);
 * }</pre>
 */
public class BCEWithLogitsLoss extends Loss {
    /** Rescales each element's loss (broadcast), or null; a buffer, as in PyTorch. */
    public final Tensor weight;
    /** Weight of the positive term per class, or null; a buffer, as in PyTorch. */
    public final Tensor posWeight;

    public BCEWithLogitsLoss() {
        this(null, null, Reduction.MEAN);
    }

    public BCEWithLogitsLoss(Reduction reduction) {
        this(null, null, reduction);
    }

    public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
        super(reduction);
        this.weight = optionalBuffer("weight", weight);
        this.posWeight = optionalBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }
}
