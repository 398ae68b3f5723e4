package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * {@code log(softmax(x))} along {@code dim}, as {@code torch.nn.LogSoftmax}.
 *
 * <pre>{@code
 * Tensor logProbs = new LogSoftmax(1).forward(logits);    // for NLLLoss
 * }</pre>
 */
public class LogSoftmax extends Module {
    public final int dim;

    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
