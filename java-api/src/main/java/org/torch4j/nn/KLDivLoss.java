package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.functional.Reduction;

/**
 * Kullback-Leibler divergence, {@code torch.nn.KLDivLoss}: {@code input} holds log-probabilities,
 * {@code target} probabilities (or log-probabilities with {@code logTarget}). {@link Reduction#BATCHMEAN}
 * gives the mathematical KL divergence per sample.
 *
 * <pre>{@code
 * KLDivLoss kl = new KLDivLoss(Reduction.BATCHMEAN, false);
 * Tensor loss = kl.forward(F.logSoftmax(logits, 1), teacherProbs);
 * }</pre>
 */
public class KLDivLoss extends Loss {
    public final boolean logTarget;

    public KLDivLoss() {
        this(Reduction.MEAN, false);
    }

    public KLDivLoss(Reduction reduction) {
        this(reduction, false);
    }

    public KLDivLoss(Reduction reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.klDiv(input, target, reduction, logTarget);
    }
}
