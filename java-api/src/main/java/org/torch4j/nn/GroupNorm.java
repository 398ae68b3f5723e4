package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * Group normalisation, as {@code torch.nn.GroupNorm}: the channels split into {@code numGroups} groups, each
 * normalised over its channels and positions, then a per-channel affine transform (weight ones, bias zeros).
 *
 * <pre>{@code
 * GroupNorm gn = new GroupNorm(2, 6);
 * Tensor y = gn.forward(x);      // x: N x 6 x ...
 * }</pre>
 */
public class GroupNorm extends Module {
    public final long numGroups;
    public final long numChannels;
    public final double eps;
    public final boolean affine;
    public final Parameter weight;
    public final Parameter bias;

    /** eps 1e-5, affine. */
    public GroupNorm(long numGroups, long numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    public GroupNorm(long numGroups, long numChannels, double eps, boolean affine) {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: num_channels must be divisible by num_groups, got num_groups="
                    + numGroups + ", num_channels=" + numChannels);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        this.weight = affine ? new Parameter(Torch.empty(numChannels)) : null;
        this.bias = affine ? new Parameter(Torch.empty(numChannels)) : null;
        resetParameters();
    }

    public void resetParameters() {
        if (affine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2 || input.size(1) != numChannels) {
            throw new IllegalArgumentException("GroupNorm expected input with " + numChannels + " channels (dim 1), got shape " + input.size());
        }
        return F.groupNorm(input, numGroups, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + PyRepr.of(eps) + ", affine=" + PyRepr.bool(affine);
    }
}
