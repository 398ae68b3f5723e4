package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.Reduction;

/**
 * Base class of the loss modules ({@code torch.nn.modules.loss._Loss}): a module computing
 * {@code forward(input, target)} with a {@link Reduction}. The single-input {@code forward(Tensor)} of
 * {@link Module} stays refused.
 *
 * <pre>{@code
 * Loss criterion = new CrossEntropyLoss();
 * Tensor loss = criterion.forward(model.forward(x), labels);
 * loss.backward();
 * }</pre>
 */
public abstract class Loss extends Module {
    public final Reduction reduction;

    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The loss of {@code input} against {@code target}, reduced by {@link #reduction}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Registers an optional tensor option (class weights) as a buffer, as PyTorch does, so it follows {@code to()}. */
    protected final Tensor optionalBuffer(String name, Tensor value) {
        return value == null ? null : registerBuffer(name, value);
    }
}
