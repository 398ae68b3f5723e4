package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * In training mode zeroes whole channels (dim 1 of N x C x H x W) with probability {@code p} and scales the rest by {@code 1/(1-p)}; in evaluation mode passes the input
 * through, as {@code torch.nn.Dropout2d}.
 *
 * <pre>{@code
 * Dropout2d drop = new Dropout2d(0.5);
 * Tensor h = drop.forward(x);    // random in train(), x itself after eval()
 * }</pre>
 */
public class Dropout2d extends Module {
    public final double p;
    public final boolean inplace;

    /** p = 0.5. */
    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, false);
    }

    public Dropout2d(double p, boolean inplace) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, isTraining(), inplace);
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyRepr.of(p) + ", inplace=" + PyRepr.bool(inplace);
    }
}
