package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Returns its input, as {@code torch.nn.Identity}: a placeholder where a layer is optional.
 *
 * <pre>{@code
 * Module shortcut = sameShape ? new Identity() : new Linear(64, 128);
 * }</pre>
 */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
