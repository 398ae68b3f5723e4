package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Mean squared error, {@code torch.nn.MSELoss}: {@code (input - target)^2}, reduced.
 *
 * <pre>{@code
 * Tensor loss = new MSELoss().forward(prediction, target);    // shapes must agree
 * }</pre>
 */
public class MSELoss extends Loss {
    public MSELoss() {
        this(Reduction.MEAN);
    }

    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction);
    }
}
