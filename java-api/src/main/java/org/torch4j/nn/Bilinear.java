package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.op;

import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.init.Init;

/**
 * {@code y = x1^T A x2 + b}, as {@code torch.nn.Bilinear}: weight {@code out x in1 x in2} and bias uniform in
 * {@code [-1/sqrt(in1), 1/sqrt(in1)]}, as PyTorch initialises them.
 *
 * <pre>{@code
 * Bilinear bl = new Bilinear(20, 30, 40);
 * Tensor y = bl.forward(x1, x2);   // N x 20, N x 30 -> N x 40
 * }</pre>
 */
public class Bilinear extends Module {
    public final long in1Features;
    public final long in2Features;
    public final long outFeatures;
    public final Parameter weight;
    public final Parameter bias;

    public Bilinear(long in1Features, long in2Features, long outFeatures) {
        this(in1Features, in2Features, outFeatures, true);
    }

    public Bilinear(long in1Features, long in2Features, long outFeatures, boolean bias) {
        if (in1Features < 1 || in2Features < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Bilinear needs positive feature counts, got in1=" + in1Features + ", in2="
                    + in2Features + ", out=" + outFeatures);
        }
        this.in1Features = in1Features;
        this.in2Features = in2Features;
        this.outFeatures = outFeatures;
        this.weight = new Parameter(Torch.empty(outFeatures, in1Features, in2Features));
        this.bias = bias ? new Parameter(Torch.empty(outFeatures)) : null;
        resetParameters();
    }

    /** PyTorch's initialisation: weight, then bias, U(-1/sqrt(in1), 1/sqrt(in1)). */
    public void resetParameters() {
        double bound = 1 / Math.sqrt(weight.size(1));
        Init.uniform_(weight, -bound, bound);
        if (bias != null) {
            Init.uniform_(bias, -bound, bound);
        }
    }

    /** The two inputs share their leading dimensions; their last are {@code in1Features} and {@code in2Features}. */
    public Tensor forward(Tensor input1, Tensor input2) {
        if (input1.dim() < 1 || input1.size(-1) != in1Features || input2.dim() < 1 || input2.size(-1) != in2Features) {
            throw new IllegalArgumentException("Bilinear expected inputs with last dimensions " + in1Features + " and "
                    + in2Features + ", got shapes " + input1.size() + " and " + input2.size());
        }
        try (TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(n(bias))) {
            return op(() -> torch.bilinear(n(input1), n(input2), n(weight), b));
        }
    }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures
                + ", bias=" + PyRepr.bool(bias != null);
    }
}
