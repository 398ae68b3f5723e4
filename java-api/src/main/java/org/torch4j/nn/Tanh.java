package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Element-wise {@code tanh}, as {@code torch.nn.Tanh}.
 *
 * <pre>{@code
 * Tensor h = new Tanh().forward(x);
 * }</pre>
 */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.tanh(input);
    }
}
