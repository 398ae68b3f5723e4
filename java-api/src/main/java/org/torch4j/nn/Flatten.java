package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Flattens dimensions {@code startDim..endDim} into one, as {@code torch.nn.Flatten} (by default all but the batch).
 *
 * <pre>{@code
 * Tensor flat = new Flatten().forward(x);   // N x 32 x 4 x 4 -> N x 512
 * }</pre>
 */
public class Flatten extends Module {
    public final int startDim;
    public final int endDim;

    /** startDim 1, endDim -1. */
    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
