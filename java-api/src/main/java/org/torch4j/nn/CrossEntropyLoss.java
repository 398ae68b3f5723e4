package org.torch4j.nn;

import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * {@code torch.nn.CrossEntropyLoss}: log-softmax of the logits and negative log likelihood, with
 * class-index or class-probability targets.
 *
 * <pre>{@code
 * var criterion = new CrossEntropyLoss();
 * Tensor loss = criterion.forward(logits, labels);           // logits [N, C], labels int64 [N]
 *
 * var smoothed = new CrossEntropyLoss(CrossEntropyLoss.options().labelSmoothing(0.1).ignoreIndex(0));
 * }</pre>
 */
public class CrossEntropyLoss extends Loss {
    /** Per-class weights ([C]) or null; a buffer, as in PyTorch. */
    public final Tensor weight;
    public final long ignoreIndex;
    public final double labelSmoothing;

    /** PyTorch's keyword arguments, with its defaults. */
    public static final class Options {
        private Tensor weight;
        private long ignoreIndex = F.DEFAULT_IGNORE_INDEX;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Options() {}

        public Options weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        public Options ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        public Options labelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }
    }

    public static Options options() {
        return new Options();
    }

    public CrossEntropyLoss() {
        this(options());
    }

    public CrossEntropyLoss(Reduction reduction) {
        this(options().reduction(reduction));
    }

    public CrossEntropyLoss(Options o) {
        super(o.reduction);
        if (!(o.labelSmoothing >= 0 && o.labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: labelSmoothing must be in [0, 1], got " + o.labelSmoothing);
        }
        this.weight = optionalBuffer("weight", o.weight);
        this.ignoreIndex = o.ignoreIndex;
        this.labelSmoothing = o.labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }
}
