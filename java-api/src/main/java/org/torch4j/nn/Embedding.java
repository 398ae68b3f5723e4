package org.torch4j.nn;

import org.torch4j.Autograd;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.functional.F;
import org.torch4j.nn.init.Init;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as {@code torch.nn.Embedding}:
 * {@code weight} is initialised N(0, 1), with the row {@code paddingIdx} (if any) zero and receiving no gradient.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(10, 3);
 * Tensor v = emb.forward(tensor(new long[][] {{1, 2, 4, 5}, {4, 3, 2, 9}}));   // 2 x 4 x 3
 * }</pre>
 */
public class Embedding extends Module {
    public final long numEmbeddings;
    public final long embeddingDim;
    /** The padding row (non-negative), or null. */
    public final Long paddingIdx;
    public final Parameter weight;

    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** {@code paddingIdx} may be negative (counted from the end) or null. */
    public Embedding(long numEmbeddings, long embeddingDim, Long paddingIdx) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding needs positive sizes, got num_embeddings=" + numEmbeddings
                    + ", embedding_dim=" + embeddingDim);
        }
        if (paddingIdx != null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
            throw new IllegalArgumentException("Padding_idx must be within num_embeddings: got " + paddingIdx + " for "
                    + numEmbeddings + " embeddings");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? numEmbeddings + paddingIdx : paddingIdx;
        this.weight = new Parameter(Torch.empty(numEmbeddings, embeddingDim));
        resetParameters();
    }

    /** N(0, 1), then the padding row zeroed. */
    public void resetParameters() {
        Init.normal_(weight);
        if (paddingIdx != null) {
            try (Autograd.Mode g = Autograd.noGrad()) {
                weight.select(0, paddingIdx).fill_(0.0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor indices) {
        return F.embedding(indices, weight, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
