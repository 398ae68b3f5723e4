package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A multi-layer Elman RNN, as {@code torch.nn.RNN}: {@code h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh)}
 * (or ReLU), run by LibTorch's fused {@code rnn_tanh}/{@code rnn_relu} kernels.
 *
 * <pre>{@code
 * RNN rnn = new RNN(10, 20, 2);
 * Tensor input = randn(5, 3, 10);              // (seq, batch, feature)
 * Tensor h0 = randn(2, 3, 20);                 // (numLayers * directions, batch, hidden)
 * RNN.Output r = rnn.forward(input, h0);       // r.output(): 5 x 3 x 20, r.hN(): 2 x 3 x 20
 * Tensor y = rnn.forward(input);               // output only, zero initial state
 * RNN relu = new RNN(RNN.options(10, 20).nonlinearity("relu").batchFirst(true));
 * }</pre>
 */
public class RNN extends RNNBase {
    /** What {@code forward} returns: the last layer's output at every step and the final hidden state of every layer. */
    public record Output(Tensor output, Tensor hN) {}

    /** {@code "tanh"} or {@code "relu"}. */
    public final String nonlinearity;

    public RNN(long inputSize, long hiddenSize) {
        this(options(inputSize, hiddenSize));
    }

    public RNN(long inputSize, long hiddenSize, long numLayers) {
        this(options(inputSize, hiddenSize).numLayers(numLayers));
    }

    public RNN(RNNOptions options) {
        super(mode(options.nonlinearity), options);
        this.nonlinearity = options.nonlinearity == null ? "tanh" : options.nonlinearity;
    }

    /** Options with PyTorch's defaults, to adjust fluently and pass to {@link #RNN(RNNOptions)}. */
    public static RNNOptions options(long inputSize, long hiddenSize) {
        return new RNNOptions(inputSize, hiddenSize);
    }

    private static Mode mode(String nonlinearity) {
        if (nonlinearity == null || nonlinearity.equals("tanh")) {
            return Mode.RNN_TANH;
        }
        if (nonlinearity.equals("relu")) {
            return Mode.RNN_RELU;
        }
        throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity + "': expected 'tanh' or 'relu'");
    }

    /**
     * Runs the sequence {@code input} ({@code (L, N, inputSize)}, {@code (N, L, inputSize)} when batch-first,
     * or unbatched {@code (L, inputSize)}) from the initial state {@code h0}
     * ({@code (numLayers * directions, N, hiddenSize)}; null for zeros).
     */
    public Output forward(Tensor input, Tensor h0) {
        Tensor[] r = run(input, h0, null);
        return new Output(r[0], r[1]);
    }

    /** The output sequence only, from a zero initial state (PyTorch's {@code rnn(input)[0]}). */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }
}
