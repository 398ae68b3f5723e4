package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * {@code exp(x) / sum(exp(x))} along {@code dim}, as {@code torch.nn.Softmax}.
 *
 * <pre>{@code
 * Tensor probs = new Softmax(1).forward(logits);     // rows sum to 1
 * }</pre>
 */
public class Softmax extends Module {
    public final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
