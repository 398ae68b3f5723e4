package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A multi-layer gated recurrent unit, as {@code torch.nn.GRU}, run by LibTorch's fused {@code gru} kernel.
 * Gates are stacked in PyTorch's order: reset, update, new ({@code weight_ih_l0} is {@code (W_ir|W_iz|W_in)}).
 *
 * <pre>{@code
 * GRU gru = new GRU(GRU.options(10, 20).numLayers(2).bidirectional(true));
 * GRU.Output r = gru.forward(randn(5, 3, 10), null);   // r.output(): 5 x 3 x 40, r.hN(): 4 x 3 x 20
 * }</pre>
 */
public class GRU extends RNNBase {
    /** What {@code forward} returns: the last layer's output at every step and the final hidden state of every layer. */
    public record Output(Tensor output, Tensor hN) {}

    public GRU(long inputSize, long hiddenSize) {
        this(options(inputSize, hiddenSize));
    }

    public GRU(long inputSize, long hiddenSize, long numLayers) {
        this(options(inputSize, hiddenSize).numLayers(numLayers));
    }

    public GRU(RNNOptions options) {
        super(Mode.GRU, refuseNonlinearity(options));
    }

    /** Options with PyTorch's defaults, to adjust fluently and pass to {@link #GRU(RNNOptions)}. */
    public static RNNOptions options(long inputSize, long hiddenSize) {
        return new RNNOptions(inputSize, hiddenSize);
    }

    static RNNOptions refuseNonlinearity(RNNOptions o) {
        if (o.nonlinearity != null) {
            throw new IllegalArgumentException("nonlinearity is an option of RNN only, not of LSTM or GRU; got '"
                    + o.nonlinearity + "'");
        }
        return o;
    }

    /** Runs {@code input} (as for {@link RNN#forward(Tensor, Tensor)}) from {@code h0} (null for zeros). */
    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = run(input, h0, null);
        return new Output(r[0], r[1]);
    }

    /** The output sequence only, from a zero initial state (PyTorch's {@code gru(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }
}
