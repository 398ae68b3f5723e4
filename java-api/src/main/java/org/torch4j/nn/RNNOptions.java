package org.torch4j.nn;

/**
 * The keyword arguments of PyTorch's recurrent layers ({@link RNN}, {@link LSTM}, {@link GRU}), with
 * PyTorch's defaults: one layer, biases, {@code (seq, batch, feature)} layout, no dropout, one direction.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(LSTM.options(10, 20).numLayers(2).batchFirst(true).bidirectional(true));
 * RNN rnn = new RNN(RNN.options(10, 20).nonlinearity("relu").dropout(0.25).numLayers(3));
 * }</pre>
 */
public final class RNNOptions {
    final long inputSize;
    final long hiddenSize;
    long numLayers = 1;
    boolean bias = true;
    boolean batchFirst = false;
    double dropout = 0;
    boolean bidirectional = false;
    long projSize = 0;
    // null: not given (only RNN accepts one; tanh is its default)
    String nonlinearity;

    public RNNOptions(long inputSize, long hiddenSize) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    /** Number of stacked recurrent layers (default 1). */
    public RNNOptions numLayers(long numLayers) {
        this.numLayers = numLayers;
        return this;
    }

    /** Whether the layers have the biases {@code b_ih} and {@code b_hh} (default true). */
    public RNNOptions bias(boolean bias) {
        this.bias = bias;
        return this;
    }

    /** Input and output as {@code (batch, seq, feature)} instead of {@code (seq, batch, feature)}; states are unaffected. */
    public RNNOptions batchFirst(boolean batchFirst) {
        this.batchFirst = batchFirst;
        return this;
    }

    /** Dropout probability on the outputs of every layer but the last, applied in training mode only (default 0). */
    public RNNOptions dropout(double dropout) {
        this.dropout = dropout;
        return this;
    }

    /** Runs each layer forwards and backwards and concatenates both outputs (default false). */
    public RNNOptions bidirectional(boolean bidirectional) {
        this.bidirectional = bidirectional;
        return this;
    }

    /** LSTM only: projects the hidden state to this size with {@code weight_hr_l*} (default 0: no projection). */
    public RNNOptions projSize(long projSize) {
        this.projSize = projSize;
        return this;
    }

    /** RNN only: {@code "tanh"} (default) or {@code "relu"}. */
    public RNNOptions nonlinearity(String nonlinearity) {
        this.nonlinearity = nonlinearity;
        return this;
    }
}
