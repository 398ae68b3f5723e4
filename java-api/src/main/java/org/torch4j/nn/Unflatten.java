package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * Expands dimension {@code dim} into {@code unflattenedSize}, as {@code torch.nn.Unflatten} (one entry may be -1).
 *
 * <pre>{@code
 * Tensor maps = new Unflatten(1, 32, 4, 4).forward(flat);   // N x 512 -> N x 32 x 4 x 4
 * }</pre>
 */
public class Unflatten extends Module {
    public final int dim;
    private final long[] unflattenedSize;

    public Unflatten(int dim, long... unflattenedSize) {
        if (unflattenedSize == null || unflattenedSize.length == 0) {
            throw new IllegalArgumentException("Unflatten needs a non-empty unflattened size");
        }
        this.dim = dim;
        this.unflattenedSize = unflattenedSize.clone();
    }

    public long[] unflattenedSize() {
        return unflattenedSize.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return op(() -> torch.unflatten(n(input), dim, unflattenedSize));
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + PyRepr.tuple(unflattenedSize);
    }
}
