package org.torch4j.nn;

import org.torch4j.internal.PyRepr;
import static org.torch4j.internal.NativeOps.adoptCopy;
import static org.torch4j.internal.NativeOps.n;
import static org.torch4j.internal.NativeOps.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.LoggerFactory;
import org.torch4j.Shape;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.init.Init;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's {@code RNNBase}: the options, the
 * per-layer, per-direction weights registered under PyTorch's names ({@code weight_ih_l0},
 * {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, then {@code ..._reverse} for the backward
 * direction, then layer 1), the input and state checks, and the call into LibTorch's fused kernels.
 *
 * <pre>{@code
 * RNNBase layer = new GRU(10, 20);
 * layer.namedParameters().keySet();   // [weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0]
 * layer.flatWeights();                // the same tensors, in the order the kernels take them
 * }</pre>
 */
public abstract class RNNBase extends Module {
    /** The recurrence, as PyTorch's {@code mode}. */
    protected enum Mode {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        final int gates;

        Mode(int gates) {
            this.gates = gates;
        }
    }

    protected final Mode mode;
    public final long inputSize;
    public final long hiddenSize;
    public final long numLayers;
    public final boolean bias;
    public final boolean batchFirst;
    public final double dropout;
    public final boolean bidirectional;
    /** LSTM's projection size; 0 for none (always 0 for RNN and GRU). */
    public final long projSize;

    private final List<Parameter> flatWeights = new ArrayList<>();

    protected RNNBase(Mode mode, RNNOptions o) {
        String who = nameOf(mode);
        if (o.inputSize < 1) {
            throw new IllegalArgumentException(who + ": input_size must be positive, got " + o.inputSize);
        }
        if (o.hiddenSize < 1) {
            throw new IllegalArgumentException(who + ": hidden_size must be greater than zero, got " + o.hiddenSize);
        }
        if (o.numLayers < 1) {
            throw new IllegalArgumentException(who + ": num_layers must be greater than zero, got " + o.numLayers);
        }
        if (!(o.dropout >= 0 && o.dropout <= 1)) {
            throw new IllegalArgumentException(who + ": dropout should be a number in range [0, 1] representing the"
                    + " probability of an element being zeroed, got " + o.dropout);
        }
        if (o.projSize != 0 && mode != Mode.LSTM) {
            throw new IllegalArgumentException("proj_size argument is only supported for LSTM, not RNN or GRU");
        }
        if (o.projSize < 0) {
            throw new IllegalArgumentException(who + ": proj_size should be a positive integer or zero to disable projections, got "
                    + o.projSize);
        }
        if (o.projSize >= o.hiddenSize && o.projSize != 0) {
            throw new IllegalArgumentException(who + ": proj_size has to be smaller than hidden_size, got proj_size="
                    + o.projSize + ", hidden_size=" + o.hiddenSize);
        }
        if (o.dropout > 0 && o.numLayers == 1) {
            // PyTorch warns and goes on: dropout acts between layers only, so here it does nothing
            LoggerFactory.getLogger(RNNBase.class).warn("dropout option adds dropout after all but last recurrent layer,"
                    + " so non-zero dropout expects num_layers greater than 1, but got dropout={} and num_layers={}",
                    o.dropout, o.numLayers);
        }
        this.mode = mode;
        this.inputSize = o.inputSize;
        this.hiddenSize = o.hiddenSize;
        this.numLayers = o.numLayers;
        this.bias = o.bias;
        this.batchFirst = o.batchFirst;
        this.dropout = o.dropout;
        this.bidirectional = o.bidirectional;
        this.projSize = o.projSize;

        long gateSize = mode.gates * hiddenSize;
        long realHidden = outputHiddenSize();
        for (long layer = 0; layer < numLayers; layer++) {
            for (int direction = 0; direction < numDirections(); direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                long layerInput = layer == 0 ? inputSize : realHidden * numDirections();
                add("weight_ih" + suffix, gateSize, layerInput);
                add("weight_hh" + suffix, gateSize, realHidden);
                if (bias) {
                    add("bias_ih" + suffix, gateSize);
                    add("bias_hh" + suffix, gateSize);
                }
                if (projSize > 0) {
                    add("weight_hr" + suffix, projSize, hiddenSize);
                }
            }
        }
        resetParameters();
    }

    private void add(String name, long... shape) {
        flatWeights.add(registerParameter(name, new Parameter(Torch.empty(shape))));
    }

    private static String nameOf(Mode mode) {
        return mode == Mode.LSTM ? "LSTM" : mode == Mode.GRU ? "GRU" : "RNN";
    }

    /** 2 when bidirectional, else 1. */
    public final int numDirections() {
        return bidirectional ? 2 : 1;
    }

    /** The size of the hidden state h: {@code projSize} when projecting, else {@code hiddenSize}. */
    public final long outputHiddenSize() {
        return projSize > 0 ? projSize : hiddenSize;
    }

    /** The weights in the order LibTorch's kernels take them (PyTorch's {@code _flat_weights}). */
    public final List<Parameter> flatWeights() {
        return Collections.unmodifiableList(flatWeights);
    }

    /** PyTorch's initialisation: every weight and bias U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), in registration order. */
    public void resetParameters() {
        double stdv = 1.0 / Math.sqrt(hiddenSize);
        for (Parameter w : flatWeights) {
            Init.uniform_(w, -stdv, stdv);
        }
    }

    /**
     * Checks the arguments, fills in zero states, runs the fused kernel and undoes the unbatched
     * unsqueeze. {@code c0} is LSTM's cell state (ignored otherwise). Returns output, h_n (and c_n).
     */
    protected final Tensor[] run(Tensor input, Tensor h0, Tensor c0) {
        String who = name();
        if (input == null) {
            throw new NullPointerException(who + ": input is null");
        }
        int dims = input.dim();
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException(who + ": expected input to be 2-D (unbatched) or 3-D (batched), got "
                    + dims + "-D input of shape " + input.size());
        }
        if (input.size(-1 + dims) != inputSize) {
            throw new IllegalArgumentException(who + ": input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + input.size(dims - 1));
        }
        boolean lstm = mode == Mode.LSTM;
        if (lstm && (h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException(who + ": give both initial states h0 and c0, or neither; got "
                    + (h0 == null ? "c0 only" : "h0 only"));
        }
        boolean batched = dims == 3;
        int batchDim = batchFirst ? 0 : 1;
        if (h0 != null) {
            int want = batched ? 3 : 2;
            if (h0.dim() != want || (lstm && c0.dim() != want)) {
                String got = lstm ? "(" + h0.dim() + "-D, " + c0.dim() + "-D) tensors" : h0.dim() + "-D tensor";
                throw new IllegalArgumentException(who + ": for " + (batched ? "batched 3-D" : "unbatched 2-D")
                        + " input, hx" + (lstm ? " and cx" : "") + " should also be " + want + "-D but got " + got);
            }
        }
        Tensor x = batched ? input : input.unsqueeze(batchDim);
        Tensor h = h0 == null ? null : batched ? h0 : h0.unsqueeze(1);
        Tensor c = c0 == null ? null : batched ? c0 : c0.unsqueeze(1);
        long batch = x.size(batchDim);
        long[] hShape = {numLayers * numDirections(), batch, outputHiddenSize()};
        long[] cShape = {numLayers * numDirections(), batch, hiddenSize};
        if (h == null) {
            h = Torch.zeros(hShape, input.dtype(), input.device());
            if (lstm) {
                c = Torch.zeros(cShape, input.dtype(), input.device());
            }
        } else {
            checkState(h, hShape, lstm ? "hidden[0]" : "hidden", batched);
            if (lstm) {
                checkState(c, cShape, "hidden[1]", batched);
            }
        }
        Tensor[] out;
        try (TensorVector weights = pack(flatWeights)) {
            if (lstm) {
                try (TensorVector hx = pack(List.of(h, c))) {
                    Tensor xx = x;
                    T_TensorTensorTensor_T r = value(() -> torch.lstm(n(xx), hx, weights, bias, numLayers, dropout,
                            isTraining(), bidirectional, batchFirst));
                    try (r) {
                        out = new Tensor[] {adoptCopy(r.get0()), adoptCopy(r.get1()), adoptCopy(r.get2())};
                    }
                }
            } else {
                Tensor xx = x;
                Tensor hh = h;
                T_TensorTensor_T r = value(() -> {
                    switch (mode) {
                        case RNN_TANH:
                            return torch.rnn_tanh(n(xx), n(hh), weights, bias, numLayers, dropout, isTraining(),
                                    bidirectional, batchFirst);
                        case RNN_RELU:
                            return torch.rnn_relu(n(xx), n(hh), weights, bias, numLayers, dropout, isTraining(),
                                    bidirectional, batchFirst);
                        default:
                            return torch.gru(n(xx), n(hh), weights, bias, numLayers, dropout, isTraining(),
                                    bidirectional, batchFirst);
                    }
                });
                try (r) {
                    out = new Tensor[] {adoptCopy(r.get0()), adoptCopy(r.get1())};
                }
            }
        }
        if (!batched) {
            out[0] = out[0].squeeze(batchDim);
            for (int i = 1; i < out.length; i++) {
                out[i] = out[i].squeeze(1);
            }
        }
        return out;
    }

    private void checkState(Tensor state, long[] expected, String what, boolean batched) {
        Shape want = Shape.of(expected);
        Shape got = state.size();
        if (!got.equals(want)) {
            // PyTorch's wording; for unbatched input both shapes are shown with the batch dimension of 1 added
            throw new IllegalArgumentException(name() + ": Expected " + what + " size " + tuple(expected) + ", got "
                    + list(got) + (batched ? "" : " (unbatched input: a batch dimension of 1 added to both)"));
        }
    }

    private static String tuple(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.append(')').toString();
    }

    private static String list(Shape s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.dim(); i++) {
            b.append(i == 0 ? "" : ", ").append(s.get(i));
        }
        return b.append(']').toString();
    }

    private static TensorVector pack(List<? extends Tensor> ts) {
        org.bytedeco.pytorch.Tensor[] n = new org.bytedeco.pytorch.Tensor[ts.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = ts.get(i).unwrap();
        }
        return new TensorVector(n);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) {
            s.append(", proj_size=").append(projSize);
        }
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(PyRepr.of(dropout));
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
