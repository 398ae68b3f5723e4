package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * {@code x} for positive {@code x}, {@code alpha * (exp(x) - 1)} otherwise, as {@code torch.nn.ELU}.
 *
 * <pre>{@code
 * Tensor h = new ELU().forward(x);       // alpha 1
 * }</pre>
 */
public class ELU extends Module {
    public final double alpha;
    public final boolean inplace;

    public ELU() {
        this(1.0, false);
    }

    public ELU(double alpha) {
        this(alpha, false);
    }

    public ELU(double alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? F.elu_(input, alpha) : F.elu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + PyRepr.of(alpha) + (inplace ? ", inplace=True" : "");
    }
}
