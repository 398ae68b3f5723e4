#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for torch4j's activations and losses (F and their modules).

Run with Debian's interpreter (torch 1.13, no network):

    /usr/bin/python3 java-api/src/test/python/gen_act_loss.py

It rewrites, deterministically, java-api/src/test/resources/fixtures/nn/act_loss.txt, read by
org.torch4j.nn.ActivationLossFixtureTest. The format is gen_fixtures.py's (see its header), with:

  op cases      name, op (a key of OPS below, mapped to torch4j calls by the Java test), params
                (k=v, space separated), in (one line per input tensor), grad (indices of the inputs
                that are differentiated, comma separated, or empty), gout (the gradient of the
                output fed to backward), out (the forward result, then one line per differentiated
                input: its gradient). out lines carry a tolerance as in ops.txt.
  repr cases    name, module (a key the Java test maps to a constructor), then expected: and
                str(module) on the following lines.
"""

import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_fixtures import fmt_tensor, randn, randint, seeded, write  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures", "nn", "act_loss.txt"))

F32 = torch.float32
F64 = torch.float64
TOL = {F64: (1e-9, 1e-12), F32: (1e-5, 1e-6)}


def fmt_out(t, tol):
    name, shape, *values = fmt_tensor(t).split(" ")
    rtol, atol = tol if tol is not None else TOL[t.dtype]
    return " ".join([name, shape, "rtol=%r,atol=%r" % (rtol, atol)] + values)


def fmt_params(p):
    out = []
    for k, v in p.items():
        out.append("%s=%s" % (k, repr(v) if isinstance(v, float) else ("true" if v is True else "false" if v is False else str(v))))
    return " ".join(out)


def inplace(fn):
    # in-place variants run on a clone, so that the leaf itself is not modified
    return lambda p, x: fn(p, x.clone())


OPS = {
    "relu": lambda p, x: F.relu(x),
    "relu_": inplace(lambda p, x: F.relu_(x)),
    "leaky_relu": lambda p, x: F.leaky_relu(x) if "slope" not in p else F.leaky_relu(x, p["slope"]),
    "leaky_relu_": inplace(lambda p, x: F.leaky_relu_(x, p["slope"])),
    "elu": lambda p, x: F.elu(x) if "alpha" not in p else F.elu(x, p["alpha"]),
    "elu_": inplace(lambda p, x: F.elu_(x, p["alpha"])),
    "gelu": lambda p, x: F.gelu(x) if "approximate" not in p else F.gelu(x, approximate=p["approximate"]),
    "sigmoid": lambda p, x: torch.sigmoid(x),
    "sigmoid_": inplace(lambda p, x: torch.sigmoid_(x)),
    "tanh": lambda p, x: torch.tanh(x),
    "tanh_": inplace(lambda p, x: torch.tanh_(x)),
    "softmax": lambda p, x: F.softmax(x, p["dim"]),
    "log_softmax": lambda p, x: F.log_softmax(x, p["dim"]),
    "cross_entropy": lambda p, x, t, *w: F.cross_entropy(
        x, t, weight=w[0] if w else None, ignore_index=p.get("ignore_index", -100),
        reduction=p.get("reduction", "mean"), label_smoothing=p.get("label_smoothing", 0.0)),
    "nll_loss": lambda p, x, t, *w: F.nll_loss(
        x, t, weight=w[0] if w else None, ignore_index=p.get("ignore_index", -100),
        reduction=p.get("reduction", "mean")),
    "mse_loss": lambda p, x, t: F.mse_loss(x, t, reduction=p.get("reduction", "mean")),
    "l1_loss": lambda p, x, t: F.l1_loss(x, t, reduction=p.get("reduction", "mean")),
    "smooth_l1_loss": lambda p, x, t: F.smooth_l1_loss(
        x, t, reduction=p.get("reduction", "mean"), beta=p.get("beta", 1.0)),
    "binary_cross_entropy": lambda p, x, t, *w: F.binary_cross_entropy(
        x, t, weight=w[0] if w else None, reduction=p.get("reduction", "mean")),
    "binary_cross_entropy_with_logits": lambda p, x, t, *w: F.binary_cross_entropy_with_logits(
        x, t, weight=w[0] if len(w) > 0 and w[0].numel() > 0 else None,
        pos_weight=w[1] if len(w) > 1 else None, reduction=p.get("reduction", "mean")),
    "kl_div": lambda p, x, t: F.kl_div(
        x, t, reduction=p.get("reduction", "mean"), log_target=p.get("log_target", False)),
}


class Cases:
    def __init__(self):
        self.lines = []
        self.names = set()
        self.count = 0

    def op(self, name, op, inputs, grad=(0,), tol=None, **params):
        assert name not in self.names, name
        self.names.add(name)
        leaves = [t.detach().clone() for t in inputs]
        for i in grad:
            leaves[i].requires_grad_()
        y = OPS[op](params, *leaves)
        gout = randn(list(y.shape), 1000 + len(self.names), y.dtype)
        grads = torch.autograd.grad(y, [leaves[i] for i in grad], gout) if grad else []
        self.lines.append("name: " + name)
        self.lines.append("op: " + op)
        self.lines.append("params: " + fmt_params(params) if params else "params:")
        for t in inputs:
            self.lines.append("in: " + fmt_tensor(t.detach()))
        self.lines.append("grad: " + ",".join(str(i) for i in grad))
        self.lines.append("gout: " + fmt_tensor(gout))
        self.lines.append("out: " + fmt_out(y.detach(), tol))
        for g in grads:
            self.lines.append("out: " + fmt_out(g, tol))
        self.lines.append("---")
        self.count += 1

    def repr(self, name, module):
        assert name not in self.names, name
        self.names.add(name)
        self.lines.append("name: " + name)
        self.lines.append("module: " + name)
        self.lines.append("expected:")
        self.lines.extend(str(module).split("\n"))
        self.lines.append("---")
        self.count += 1


def activations(c):
    x = randn([3, 4], 1)
    x64 = randn([2, 5], 2, F64)
    mixed = torch.tensor([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0, 7.5])
    c.op("relu", "relu", [x])
    c.op("relu_f64", "relu", [x64])
    c.op("relu_inplace", "relu_", [mixed])
    c.op("leaky_relu_default", "leaky_relu", [x])
    c.op("leaky_relu_0.2", "leaky_relu", [x64], slope=0.2)
    c.op("leaky_relu_inplace", "leaky_relu_", [mixed], slope=0.1)
    c.op("elu_default", "elu", [x])
    c.op("elu_alpha", "elu", [x64], alpha=0.5)
    c.op("elu_inplace", "elu_", [mixed], alpha=1.5)
    c.op("gelu", "gelu", [x])
    c.op("gelu_f64", "gelu", [x64])
    c.op("gelu_tanh", "gelu", [x], approximate="tanh")
    c.op("gelu_tanh_f64", "gelu", [x64], approximate="tanh")
    c.op("sigmoid", "sigmoid", [x])
    c.op("sigmoid_inplace", "sigmoid_", [mixed])
    c.op("tanh", "tanh", [x64])
    c.op("tanh_inplace", "tanh_", [mixed])
    c.op("softmax_dim1", "softmax", [x], dim=1)
    c.op("softmax_dim0", "softmax", [x], dim=0)
    c.op("softmax_neg_dim_3d", "softmax", [randn([2, 3, 4], 3)], dim=-1)
    c.op("softmax_f64", "softmax", [x64], dim=1)
    c.op("log_softmax_dim1", "log_softmax", [x], dim=1)
    c.op("log_softmax_dim0", "log_softmax", [x], dim=0)
    c.op("log_softmax_3d_dim1", "log_softmax", [randn([2, 3, 4], 4, F64)], dim=1)


def losses(c):
    logits = randn([5, 4], 10)
    logits64 = randn([5, 4], 11, F64)
    tgt = torch.tensor([0, 3, 1, 1, 2])
    tgt_ign = torch.tensor([0, -100, 1, 3, -100])
    tgt_ign1 = torch.tensor([0, 1, 1, 3, 2])
    w = torch.tensor([0.5, 1.0, 2.0, 0.25])
    probs = torch.softmax(randn([5, 4], 12), 1)
    for r in ("mean", "sum", "none"):
        c.op("ce_" + r, "cross_entropy", [logits, tgt], reduction=r)
        c.op("ce_weight_" + r, "cross_entropy", [logits, tgt, w], reduction=r)
        c.op("ce_ignore_default_" + r, "cross_entropy", [logits, tgt_ign], reduction=r)
        c.op("ce_ignore_1_weight_" + r, "cross_entropy", [logits, tgt_ign1, w], reduction=r, ignore_index=1)
        c.op("ce_smoothing_" + r, "cross_entropy", [logits, tgt], reduction=r, label_smoothing=0.1)
        c.op("ce_smoothing_weight_ignore_" + r, "cross_entropy", [logits, tgt_ign, w], reduction=r,
             label_smoothing=0.2)
        c.op("ce_probs_" + r, "cross_entropy", [logits, probs], reduction=r)
        c.op("ce_probs_weight_smoothing_" + r, "cross_entropy", [logits, probs, w], reduction=r,
             label_smoothing=0.1)
    c.op("ce_probs_grad_target", "cross_entropy", [logits64, probs.double()], grad=(0, 1))
    c.op("ce_f64", "cross_entropy", [logits64, tgt])
    c.op("ce_unbatched", "cross_entropy", [randn([4], 13), torch.tensor(2)])
    c.op("ce_spatial", "cross_entropy", [randn([2, 3, 4], 14), randint(0, 3, [2, 4], 15)])
    c.op("ce_spatial_ignore_sum", "cross_entropy", [randn([2, 3, 2], 16),
                                                    torch.tensor([[0, 5], [2, 1]])], ignore_index=5,
         reduction="sum")

    logp = torch.log_softmax(logits, 1)
    for r in ("mean", "sum", "none"):
        c.op("nll_" + r, "nll_loss", [logp, tgt], reduction=r)
        c.op("nll_weight_" + r, "nll_loss", [logp, tgt, w], reduction=r)
        c.op("nll_ignore_weight_" + r, "nll_loss", [logp, tgt_ign, w], reduction=r)
        c.op("nll_ignore_3_" + r, "nll_loss", [logp, tgt_ign1], reduction=r, ignore_index=3)
    c.op("nll_spatial", "nll_loss", [torch.log_softmax(randn([2, 3, 4], 17), 1), randint(0, 3, [2, 4], 18)])

    a = randn([3, 4], 20)
    b = randn([3, 4], 21)
    a64 = randn([2, 3], 22, F64)
    b64 = randn([2, 3], 23, F64)
    for r in ("mean", "sum", "none"):
        c.op("mse_" + r, "mse_loss", [a, b], reduction=r)
        c.op("l1_" + r, "l1_loss", [a, b], reduction=r)
        c.op("smooth_l1_" + r, "smooth_l1_loss", [a, b], reduction=r)
        c.op("smooth_l1_beta0.5_" + r, "smooth_l1_loss", [a, b], reduction=r, beta=0.5)
    c.op("mse_f64_grad_both", "mse_loss", [a64, b64], grad=(0, 1))
    c.op("l1_f64", "l1_loss", [a64, b64])
    c.op("smooth_l1_beta2_f64", "smooth_l1_loss", [a64, b64], beta=2.0)
    c.op("smooth_l1_beta0", "smooth_l1_loss", [a, b], beta=0.0)

    p = torch.sigmoid(randn([4, 3], 30))
    y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.25, 0.5, 0.75]])
    bw = torch.tensor([1.0, 2.0, 0.5])
    z = randn([4, 3], 31, scale=2.0)
    pw = torch.tensor([3.0, 1.0, 0.5])
    empty = torch.zeros(0)
    for r in ("mean", "sum", "none"):
        c.op("bce_" + r, "binary_cross_entropy", [p, y], reduction=r)
        c.op("bce_weight_" + r, "binary_cross_entropy", [p, y, bw], reduction=r)
        c.op("bce_logits_" + r, "binary_cross_entropy_with_logits", [z, y], reduction=r)
        c.op("bce_logits_weight_" + r, "binary_cross_entropy_with_logits", [z, y, bw], reduction=r)
        c.op("bce_logits_pos_weight_" + r, "binary_cross_entropy_with_logits", [z, y, empty, pw], reduction=r)
        c.op("bce_logits_weight_pos_weight_" + r, "binary_cross_entropy_with_logits", [z, y, bw, pw],
             reduction=r)
    c.op("bce_f64", "binary_cross_entropy", [p.double(), y.double()])
    c.op("bce_logits_f64", "binary_cross_entropy_with_logits", [z.double(), y.double()], grad=(0, 1))

    lp = torch.log_softmax(randn([3, 5], 40), 1)
    q = torch.softmax(randn([3, 5], 41), 1)
    for r in ("mean", "sum", "none", "batchmean"):
        c.op("kl_" + r, "kl_div", [lp, q], reduction=r)
        c.op("kl_log_target_" + r, "kl_div", [lp, q.log()], reduction=r, log_target=True)
    c.op("kl_f64_grad_both", "kl_div", [lp.double(), q.double()], grad=(0, 1), reduction="batchmean")


def reprs(c):
    c.repr("ReLU", nn.ReLU())
    c.repr("ReLU_inplace", nn.ReLU(inplace=True))
    c.repr("LeakyReLU", nn.LeakyReLU())
    c.repr("LeakyReLU_0.2_inplace", nn.LeakyReLU(0.2, inplace=True))
    c.repr("LeakyReLU_1e-5", nn.LeakyReLU(1e-5))
    c.repr("ELU", nn.ELU())
    c.repr("ELU_0.5_inplace", nn.ELU(0.5, inplace=True))
    c.repr("GELU", nn.GELU())
    c.repr("GELU_tanh", nn.GELU(approximate="tanh"))
    c.repr("Sigmoid", nn.Sigmoid())
    c.repr("Tanh", nn.Tanh())
    c.repr("Softmax_1", nn.Softmax(dim=1))
    c.repr("Softmax_-1", nn.Softmax(dim=-1))
    c.repr("LogSoftmax_1", nn.LogSoftmax(dim=1))
    c.repr("CrossEntropyLoss", nn.CrossEntropyLoss())
    c.repr("CrossEntropyLoss_options", nn.CrossEntropyLoss(ignore_index=0, label_smoothing=0.1, reduction="sum"))
    c.repr("NLLLoss", nn.NLLLoss())
    c.repr("MSELoss", nn.MSELoss())
    c.repr("L1Loss", nn.L1Loss())
    c.repr("SmoothL1Loss", nn.SmoothL1Loss())
    c.repr("BCELoss", nn.BCELoss())
    c.repr("BCEWithLogitsLoss", nn.BCEWithLogitsLoss())
    c.repr("KLDivLoss", nn.KLDivLoss())


def main():
    warnings.simplefilter("ignore")  # kl_div's notice about reduction="mean"
    torch.set_default_dtype(torch.float32)
    c = Cases()
    activations(c)
    losses(c)
    reprs(c)
    lines = ["# Generated by java-api/src/test/python/gen_act_loss.py with torch " + torch.__version__ + "; do not edit."]
    write(OUT, lines + c.lines)
    print("act_loss.txt: %d cases" % c.count)


if __name__ == "__main__":
    main()
