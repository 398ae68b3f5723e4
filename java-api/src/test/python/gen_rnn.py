#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for torch4j's recurrent layers (RNN, LSTM, GRU).

Run with Debian's interpreter (torch 1.13, no network):

    /usr/bin/python3 java-api/src/test/python/gen_rnn.py

It rewrites, deterministically, java-api/src/test/resources/fixtures/nn/rnn.txt, read by
org.torch4j.nn.RNNFixtureTest. The file format and the one-line tensor spelling are those of
gen_fixtures.py (blocks of `key: value` lines ended by `---`). Keys of a case:

    kind      RNN, LSTM or GRU
    options   space separated k=v: input_size hidden_size num_layers bias batch_first dropout
              bidirectional proj_size nonlinearity
    repr      str(module)
    param     <name> <tensor>, one line per parameter in named_parameters() order
    shape     (print cases only) <name> <shape>, one line per parameter in named_parameters() order
    seed      (init cases only) torch.manual_seed(seed) right before building the module; the params
              are then the module's default initialisation
    train     true/false: the module's mode during forward
    input, h0, c0               the forward's arguments (h0/c0 absent: no initial state given)
    wo, wh, wc                  weights of the scalar loss
                                sum(output * wo) + sum(h_n * wh) [+ sum(c_n * wc)]
    output, hn, cn              the forward's results
    grad_input, grad_h0, grad_c0, grad (<name> <tensor>)   gradients of the loss
"""

import os

import torch
import torch.nn as nn

from gen_fixtures import fmt_tensor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures", "nn", "rnn.txt"))


def gen(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def data(shape, g, dtype, scale=1.0):
    return (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)


def build(kind, o):
    kw = dict(num_layers=o["num_layers"], bias=o["bias"], batch_first=o["batch_first"],
              dropout=o["dropout"], bidirectional=o["bidirectional"])
    if kind == "RNN":
        return nn.RNN(o["input_size"], o["hidden_size"], nonlinearity=o["nonlinearity"], **kw)
    if kind == "LSTM":
        return nn.LSTM(o["input_size"], o["hidden_size"], proj_size=o["proj_size"], **kw)
    return nn.GRU(o["input_size"], o["hidden_size"], **kw)


def options(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
            bidirectional=False, proj_size=0, nonlinearity="tanh"):
    return dict(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers, bias=bias,
                batch_first=batch_first, dropout=dropout, bidirectional=bidirectional,
                proj_size=proj_size, nonlinearity=nonlinearity)


def fmt_options(o):
    def v(x):
        if isinstance(x, bool):
            return "true" if x else "false"
        return repr(x) if isinstance(x, float) else str(x)
    return " ".join("%s=%s" % (k, v(x)) for k, x in o.items())


def head(name, kind, o):
    return ["name: " + name, "kind: " + kind, "options: " + fmt_options(o)]


def forward_case(name, kind, o, seq=4, batch=3, dtype=torch.float64, state=False, unbatched=False,
                 train=False, seed=0):
    g = gen(seed)
    m = build(kind, o).to(dtype)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(data(p.shape, g, dtype, 0.5))
    m.train(train)
    d = 2 if o["bidirectional"] else 1
    hout = o["proj_size"] or o["hidden_size"]
    if unbatched:
        x = data((seq, o["input_size"]), g, dtype)
        hs, cs = (d * o["num_layers"], hout), (d * o["num_layers"], o["hidden_size"])
    else:
        x = data((batch, seq, o["input_size"]) if o["batch_first"] else (seq, batch, o["input_size"]), g, dtype)
        hs, cs = (d * o["num_layers"], batch, hout), (d * o["num_layers"], batch, o["hidden_size"])
    x.requires_grad_()
    h0 = data(hs, g, dtype).requires_grad_() if state else None
    c0 = data(cs, g, dtype).requires_grad_() if state and kind == "LSTM" else None
    if kind == "LSTM":
        out, (hn, cn) = m(x, (h0, c0)) if state else m(x)
    else:
        out, hn = m(x, h0)
        cn = None
    wo = data(out.shape, g, dtype)
    wh = data(hn.shape, g, dtype)
    loss = (out * wo).sum() + (hn * wh).sum()
    if cn is not None:
        wc = data(cn.shape, g, dtype)
        loss = loss + (cn * wc).sum()
    loss.backward()

    lines = head(name, kind, o)
    lines.append("repr: " + str(m))
    lines.append("train: " + ("true" if train else "false"))
    for n, p in m.named_parameters():
        lines.append("param: %s %s" % (n, fmt_tensor(p)))
    lines.append("input: " + fmt_tensor(x))
    if h0 is not None:
        lines.append("h0: " + fmt_tensor(h0))
    if c0 is not None:
        lines.append("c0: " + fmt_tensor(c0))
    lines.append("wo: " + fmt_tensor(wo))
    lines.append("wh: " + fmt_tensor(wh))
    if cn is not None:
        lines.append("wc: " + fmt_tensor(wc))
    lines.append("output: " + fmt_tensor(out))
    lines.append("hn: " + fmt_tensor(hn))
    if cn is not None:
        lines.append("cn: " + fmt_tensor(cn))
    lines.append("grad_input: " + fmt_tensor(x.grad))
    if h0 is not None:
        lines.append("grad_h0: " + fmt_tensor(h0.grad))
    if c0 is not None:
        lines.append("grad_c0: " + fmt_tensor(c0.grad))
    for n, p in m.named_parameters():
        lines.append("grad: %s %s" % (n, fmt_tensor(p.grad)))
    return lines


def init_case(name, kind, o, seed):
    torch.manual_seed(seed)
    m = build(kind, o)
    lines = head(name, kind, o)
    lines.append("repr: " + str(m))
    lines.append("seed: %d" % seed)
    for n, p in m.named_parameters():
        lines.append("param: %s %s" % (n, fmt_tensor(p)))
    return lines


def print_case(name, kind, o):
    """Printing and parameter names/shapes only: params are written as  <name> <shape>."""
    m = build(kind, o)
    lines = head(name, kind, o)
    lines.append("repr: " + str(m))
    for n, p in m.named_parameters():
        lines.append("shape: %s [%s]" % (n, ",".join(str(d) for d in p.shape)))
    return lines


def main():
    cases = []
    # RNN
    cases.append(forward_case("rnn_tanh_1layer", "RNN", options(4, 3), seed=1))
    cases.append(forward_case("rnn_tanh_2layers_h0", "RNN", options(4, 3, num_layers=2), state=True, seed=2))
    cases.append(forward_case("rnn_relu_bidirectional_batch_first_h0", "RNN",
                              options(4, 3, bidirectional=True, batch_first=True, nonlinearity="relu"),
                              state=True, seed=3))
    cases.append(forward_case("rnn_no_bias_2layers_bidirectional", "RNN",
                              options(4, 3, num_layers=2, bias=False, bidirectional=True), seed=4))
    cases.append(forward_case("rnn_unbatched_h0", "RNN", options(4, 3, num_layers=2), state=True,
                              unbatched=True, seed=5))
    cases.append(forward_case("rnn_float32_2layers_bidirectional_h0", "RNN",
                              options(5, 4, num_layers=2, bidirectional=True), state=True,
                              dtype=torch.float32, seed=6))
    # LSTM
    cases.append(forward_case("lstm_1layer", "LSTM", options(4, 3), seed=11))
    cases.append(forward_case("lstm_2layers_bidirectional_h0", "LSTM",
                              options(4, 3, num_layers=2, bidirectional=True), state=True, seed=12))
    cases.append(forward_case("lstm_batch_first_no_bias_h0", "LSTM",
                              options(4, 3, batch_first=True, bias=False), state=True, seed=13))
    cases.append(forward_case("lstm_proj_2layers_bidirectional_h0", "LSTM",
                              options(4, 5, num_layers=2, bidirectional=True, proj_size=2), state=True, seed=14))
    cases.append(forward_case("lstm_unbatched_batch_first", "LSTM", options(4, 3, batch_first=True),
                              unbatched=True, seed=15))
    cases.append(forward_case("lstm_float32_2layers_h0", "LSTM", options(5, 4, num_layers=2),
                              state=True, dtype=torch.float32, seed=16))
    # GRU
    cases.append(forward_case("gru_1layer", "GRU", options(4, 3), seed=21))
    cases.append(forward_case("gru_2layers_bidirectional_batch_first_h0", "GRU",
                              options(4, 3, num_layers=2, bidirectional=True, batch_first=True),
                              state=True, seed=22))
    cases.append(forward_case("gru_no_bias_2layers", "GRU", options(4, 3, num_layers=2, bias=False), seed=23))
    cases.append(forward_case("gru_unbatched_h0", "GRU", options(4, 3, bidirectional=True), state=True,
                              unbatched=True, seed=24))
    cases.append(forward_case("gru_float32_bidirectional_h0", "GRU", options(5, 4, bidirectional=True),
                              state=True, dtype=torch.float32, seed=25))
    # dropout: in eval mode it does nothing; in training mode p=1 zeroes every layer's input but the
    # first one's, which is deterministic
    cases.append(forward_case("lstm_dropout_eval", "LSTM", options(4, 3, num_layers=2, dropout=0.5),
                              state=True, seed=31))
    cases.append(forward_case("rnn_dropout_1_train", "RNN", options(4, 3, num_layers=3, dropout=1.0),
                              state=True, train=True, seed=32))
    cases.append(forward_case("lstm_dropout_1_train_bidirectional", "LSTM",
                              options(4, 3, num_layers=2, dropout=1.0, bidirectional=True), state=True,
                              train=True, seed=33))
    cases.append(forward_case("gru_dropout_1_train", "GRU", options(4, 3, num_layers=2, dropout=1.0),
                              state=True, train=True, seed=34))
    # default initialisation with a seed
    cases.append(init_case("init_rnn", "RNN", options(6, 5, num_layers=2), 0))
    cases.append(init_case("init_lstm_bidirectional", "LSTM", options(6, 5, num_layers=2, bidirectional=True), 1))
    cases.append(init_case("init_gru_no_bias", "GRU", options(6, 5, bias=False), 2))
    cases.append(init_case("init_lstm_proj", "LSTM", options(6, 5, proj_size=3), 3))
    # printing only (dropout, every flag)
    cases.append(print_case("print_rnn_relu_dropout", "RNN",
                            options(10, 20, num_layers=3, dropout=0.25, nonlinearity="relu")))
    cases.append(print_case("print_lstm_everything", "LSTM",
                            options(10, 20, num_layers=2, bias=False, batch_first=True, dropout=0.1,
                                    bidirectional=True, proj_size=7)))
    cases.append(print_case("print_gru_small_dropout", "GRU", options(3, 2, num_layers=2, dropout=1e-05)))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("# PyTorch %s reference for RNN/LSTM/GRU; written by src/test/python/gen_rnn.py\n"
                % torch.__version__)
        for c in cases:
            f.write("\n".join(c) + "\n---\n")


if __name__ == "__main__":
    main()
