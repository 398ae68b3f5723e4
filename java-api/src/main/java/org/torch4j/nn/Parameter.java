package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A tensor that is a module's learnable state, as {@code torch.nn.Parameter}: a leaf that requires grad,
 * owned by no scope. Declaring a {@code Parameter} field in a {@link Module} registers it under the field's name.
 *
 * <pre>{@code
 * class Affine extends Module {
 *     final Parameter scale = new Parameter(Torch.ones(3));
 *     @Override public Tensor forward(Tensor x) { return x.mul(scale); }
 * }
 * }</pre>
 */
public class Parameter extends Tensor {
    /** A parameter sharing {@code data}'s storage, requiring grad. */
    public Parameter(Tensor data) {
        this(data, true);
    }

    public Parameter(Tensor data, boolean requiresGrad) {
        super(data, requiresGrad);
    }

    /** Prints as PyTorch does: {@code Parameter containing:} and the tensor. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
