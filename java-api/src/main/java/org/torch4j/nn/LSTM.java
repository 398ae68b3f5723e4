package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A multi-layer long short-term memory network, as {@code torch.nn.LSTM}, run by LibTorch's fused
 * {@code lstm} kernel. Gates are stacked in PyTorch's order: input, forget, cell, output
 * ({@code weight_ih_l0} is {@code (W_ii|W_if|W_ig|W_io)}); with {@code projSize > 0} the hidden state is
 * projected by {@code weight_hr_l*}.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(LSTM.options(10, 20).numLayers(2).batchFirst(true));
 * Tensor x = randn(3, 5, 10);                       // (batch, seq, feature)
 * LSTM.Output r = lstm.forward(x, null, null);      // zero initial states
 * r.output();                                       // 3 x 5 x 20
 * r.hN(); r.cN();                                   // 2 x 3 x 20 each
 * r = lstm.forward(x, r.hN(), r.cN());              // carry the state on
 * }</pre>
 */
public class LSTM extends RNNBase {
    /** What {@code forward} returns: the last layer's output at every step, and every layer's final hidden and cell states. */
    public record Output(Tensor output, Tensor hN, Tensor cN) {}

    public LSTM(long inputSize, long hiddenSize) {
        this(options(inputSize, hiddenSize));
    }

    public LSTM(long inputSize, long hiddenSize, long numLayers) {
        this(options(inputSize, hiddenSize).numLayers(numLayers));
    }

    public LSTM(RNNOptions options) {
        super(Mode.LSTM, GRU.refuseNonlinearity(options));
    }

    /** Options with PyTorch's defaults, to adjust fluently and pass to {@link #LSTM(RNNOptions)}. */
    public static RNNOptions options(long inputSize, long hiddenSize) {
        return new RNNOptions(inputSize, hiddenSize);
    }

    /**
     * Runs {@code input} ({@code (L, N, inputSize)}, {@code (N, L, inputSize)} when batch-first, or unbatched
     * {@code (L, inputSize)}) from the states {@code h0} ({@code (numLayers * directions, N, projSize or hiddenSize)})
     * and {@code c0} ({@code (numLayers * directions, N, hiddenSize)}): both given, or both null for zeros.
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        Tensor[] r = run(input, h0, c0);
        return new Output(r[0], r[1], r[2]);
    }

    /** The output sequence only, from zero initial states (PyTorch's {@code lstm(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).output();
    }
}
