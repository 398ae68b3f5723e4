package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Element-wise {@code sigmoid}, as {@code torch.nn.Sigmoid}.
 *
 * <pre>{@code
 * Tensor h = new Sigmoid().forward(x);
 * }</pre>
 */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.sigmoid(input);
    }
}
