package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * {@code max(0, x)}, as {@code torch.nn.ReLU}; with {@code inplace} it overwrites its input.
 *
 * <pre>{@code
 * Tensor h = new ReLU().forward(x);
 * }</pre>
 */
public class ReLU extends Module {
    public final boolean inplace;

    public ReLU() {
        this(false);
    }

    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? F.relu_(input) : F.relu(input);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
