package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Mean absolute error, {@code torch.nn.L1Loss}: {@code |input - target|}, reduced.
 *
 * <pre>{@code
 * Tensor loss = new L1Loss().forward(prediction, target);    // shapes must agree
 * }</pre>
 */
public class L1Loss extends Loss {
    public L1Loss() {
        this(Reduction.MEAN);
    }

    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction);
    }
}
