package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * Layer normalisation over the last dimensions ({@code normalizedShape}), as {@code torch.nn.LayerNorm}, with
 * an elementwise affine transform ({@code weight} ones, {@code bias} zeros) by default.
 *
 * <pre>{@code
 * LayerNorm ln = new LayerNorm(10);
 * Tensor y = ln.forward(x);      // x: ... x 10, each row normalised to mean 0, variance 1
 * }</pre>
 */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    public final double eps;
    public final boolean elementwiseAffine;
    public final Parameter weight;
    public final Parameter bias;

    /** eps 1e-5, elementwise affine. */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm needs a normalized shape of at least one dimension");
        }
        for (long d : normalizedShape) {
            if (d < 1) {
                throw new IllegalArgumentException("LayerNorm needs positive dimensions, got " + java.util.Arrays.toString(normalizedShape));
            }
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = elementwiseAffine ? new Parameter(Torch.empty(normalizedShape)) : null;
        this.bias = elementwiseAffine ? new Parameter(Torch.empty(normalizedShape)) : null;
        resetParameters();
    }

    /** The normalized shape (a copy). */
    public long[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** Weight ones, bias zeros. */
    public void resetParameters() {
        if (elementwiseAffine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return PyRepr.tuple(normalizedShape) + ", eps=" + PyRepr.of(eps) + ", elementwise_affine=" + PyRepr.bool(elementwiseAffine);
    }
}
