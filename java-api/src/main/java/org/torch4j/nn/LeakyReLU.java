package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * {@code max(0, x) + negativeSlope * min(0, x)}, as {@code torch.nn.LeakyReLU} (slope 0.01 by default).
 *
 * <pre>{@code
 * Tensor h = new LeakyReLU(0.2).forward(x);
 * }</pre>
 */
public class LeakyReLU extends Module {
    public final double negativeSlope;
    public final boolean inplace;

    public LeakyReLU() {
        this(0.01, false);
    }

    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, false);
    }

    public LeakyReLU(double negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? F.leakyRelu_(input, negativeSlope) : F.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + PyRepr.of(negativeSlope) + (inplace ? ", inplace=True" : "");
    }
}
