package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * {@code y = x W^T + b}, as {@code torch.nn.Linear}, initialised as PyTorch does:
 * W and b uniform in {@code [-1/sqrt(in), 1/sqrt(in)]}.
 *
 * <pre>{@code
 * Linear fc = new Linear(256, 200);
 * Tensor y = fc.forward(x);        // x: N x 256 -> N x 200
 * }</pre>
 */
public class Linear extends Module {
    public final long inFeatures;
    public final long outFeatures;
    public final Parameter weight;
    public final Parameter bias;

    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    public Linear(long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear needs positive feature counts, got in=" + inFeatures + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = new Parameter(Torch.empty(outFeatures, inFeatures));
        this.bias = bias ? new Parameter(Torch.empty(outFeatures)) : null;
        resetParameters();
    }

    /** PyTorch's initialisation: kaiming_uniform_(a=sqrt(5)) for W, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for b. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            double bound = 1 / Math.sqrt(Init.fanInAndFanOut(weight)[0]);
            Init.uniform_(bias, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
