#!/usr/bin/python3
"""Writes the PyTorch reference fixtures of torch4j's optimizers, learning-rate schedulers and gradient
clipping (torch.optim, torch.optim.lr_scheduler, torch.nn.utils.clip_grad_*).

Run from anywhere with Debian's interpreter (torch 1.13, no network needed):

    /usr/bin/python3 java-api/src/test/python/gen_optim_fixtures.py

It rewrites, deterministically (same bytes on every run):

    java-api/src/test/resources/fixtures/optim.txt          -> org.torch4j.optim.OptimFixtureTest
    java-api/src/test/resources/fixtures/lr_scheduler.txt   -> org.torch4j.optim.lr.LRSchedulerFixtureTest
    java-api/src/test/resources/fixtures/clip_grad.txt      -> org.torch4j.nn.utils.ClipGradFixtureTest

The file format is gen_fixtures.py's (read by org.torch4j.Fixtures): `key: value` lines, a key may
repeat, `---` ends a case. A tensor is `<dtype> <shape> <values...>` with floats as Python's repr of
the float64 value (lossless). A typed value (state-dict entries, options) is `<type> <value...>` with
type one of: float, int, bool (True/False), none, str, list (space-separated floats, or `none`
items), tensor (a tensor spec follows), dict (space-separated k:v ints).

optim.txt -- every optimizer is run with the for-loop (foreach=False) algorithm of torch 1.13:

    name, optimizer (SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta), dtype
    defaults: k=v ...            constructor options (PyTorch's names; tuples as a,b)
    group: <param indices a,b> k=v ...   one line per parameter group, with its own options
    param: <tensor>              initial value of each parameter, in index order
    grad: <step> <index> <tensor>|none   the gradient each parameter has before step() (none: p.grad is None)
    after: <step> <index> <tensor>       each parameter after that step
    state: <index> <key> <typed value>   optimizer.state_dict()['state'] after the last step
    param_group: <group> <key> <typed value>   optimizer.state_dict()['param_groups'] after the last step
    tolerance: rtol=<r>,atol=<a>
    state_tolerance: rtol=<r>,atol=<a>   (e2e_* cases) for the state tensors, if not `tolerance`

    Gradients come from a fixed problem (x @ w + b * s against fixed targets, plus a quartic term) at
    PyTorch's own parameters; torch4j gets the same gradients from the file, so the comparison checks
    the optimizer arithmetic alone. Cases named e2e_* instead give the data (x:, y:) of a Linear model
    whose gradients torch4j computes itself with autograd (loss ((x W^T + b - y)^2).mean()).

lr_scheduler.txt -- an SGD (or Adam) optimizer with one parameter per group and the groups' initial lrs:

    name, scheduler, optimizer (SGD momentum=0.9, or Adam), lrs: initial lr of each group
    args: k=v ...                scheduler arguments (lists as a,b,c; lambdas by name, see LAMBDAS)
    sub: <scheduler> k=v ...     SequentialLR's schedulers, in order (args: has its milestones)
    metric: <float>              ReduceLROnPlateau: the metric passed at each step
    lr: <epoch> <lr of each group>   get_last_lr() after construction (epoch 0) and after each step
    momentum: <epoch> <momentum (or beta1) of each group>   (OneCycleLR)
    state_keys: <keys of scheduler.state_dict(), space-separated>
    state: <key> <typed value>   its simple entries (numbers, strings, lists of numbers)

clip_grad.txt:

    name, fn (norm or value), max_norm, norm_type (2.0, 1.0, inf) or clip_value
    grad: <index> <tensor>|none  each parameter's gradient before clipping
    total_norm: <tensor>         clip_grad_norm_'s result
    clipped: <index> <tensor>|none   the gradients afterwards
"""

import math
import os
from collections import Counter

import torch
import torch.nn.functional as F
from torch.optim import lr_scheduler as S

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures"))

DTYPE_NAMES = {torch.float32: "float32", torch.float64: "float64", torch.float16: "float16"}
DTYPES = {v: k for k, v in DTYPE_NAMES.items()}
TOL = {"float32": "rtol=1e-06,atol=1e-09", "float64": "rtol=1e-12,atol=1e-15"}
STEPS = 10


# ---------------------------------------------------------------------------- writing values

def fmt_float(v):
    return repr(float(v))


def fmt_tensor(t):
    t = t.detach()
    name = DTYPE_NAMES[t.dtype]
    vals = t.double().reshape(-1).tolist()
    return " ".join([name, "[" + ",".join(str(int(d)) for d in t.shape) + "]"] + [fmt_float(v) for v in vals])


def fmt_typed(v):
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "bool " + ("True" if v else "False")
    if isinstance(v, int):
        return "int %d" % v
    if isinstance(v, float):
        return "float " + fmt_float(v)
    if isinstance(v, str):
        return "str " + v
    if isinstance(v, torch.Tensor):
        return "tensor " + fmt_tensor(v)
    if isinstance(v, (Counter, dict)):
        return "dict " + " ".join("%d:%d" % (k, c) for k, c in sorted(v.items()))
    if isinstance(v, (list, tuple)):
        assert all(x is None or isinstance(x, (int, float)) for x in v), v
        return "list " + " ".join("none" if x is None else fmt_float(x) for x in v)
    raise TypeError("no typed form for %r" % (v,))


def fmt_kv(d):
    out = []
    for k, v in d.items():
        if isinstance(v, bool):
            s = "True" if v else "False"
        elif isinstance(v, (list, tuple)):
            s = ",".join(fmt_kv_item(x) for x in v)
        else:
            s = fmt_kv_item(v)
        out.append("%s=%s" % (k, s))
    return " ".join(out)


def fmt_kv_item(v):
    if isinstance(v, float):
        return fmt_float(v)
    return str(v)


def write(path, cases):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by src/test/python/gen_optim_fixtures.py from torch %s; do not edit.\n"
                % torch.__version__.split("+")[0])
        for case in cases:
            for k, v in case:
                f.write("%s: %s\n" % (k, v))
            f.write("---\n")


def seeded(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def randn(shape, seed, dtype):
    return (torch.randn(shape, generator=seeded(seed), dtype=torch.float64)).to(dtype)


# ============================================================================ optimizers

OPTIMIZERS = {
    "SGD": torch.optim.SGD,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "RMSprop": torch.optim.RMSprop,
    "Adagrad": torch.optim.Adagrad,
    "Adadelta": torch.optim.Adadelta,
}


def problem(dtype):
    """The fixed problem: parameters w [3,2], b [2], s [] and a loss whose gradients change as they move."""
    x = randn([8, 3], 11, dtype)
    y = randn([8, 2], 12, dtype)
    params = [
        (randn([3, 2], 13, dtype) * 0.5).requires_grad_(),
        randn([2], 14, dtype).requires_grad_(),
        torch.tensor(0.75, dtype=dtype).requires_grad_(),
    ]

    def grads():
        w, b, s = params
        loss = ((x @ w + b * s - y) ** 2).mean() + 0.01 * (w ** 4).sum()
        return torch.autograd.grad(loss, params)

    return params, grads


def optim_case(name, opt_name, defaults, dtype=torch.float32, groups=None, skip=()):
    """groups: list of (indices, overrides); skip: (step, index) pairs whose gradient is None."""
    params, grads_fn = problem(dtype)
    if groups is None:
        groups = [([0, 1, 2], {})]
    spec = [dict(params=[params[i] for i in idx], **over) for idx, over in groups]
    opt = OPTIMIZERS[opt_name](spec, **defaults)
    case = [("name", name), ("optimizer", opt_name), ("dtype", DTYPE_NAMES[dtype]),
            ("defaults", fmt_kv(defaults))]
    for idx, over in groups:
        case.append(("group", ",".join(str(i) for i in idx) + (" " + fmt_kv(over) if over else "")))
    for p in params:
        case.append(("param", fmt_tensor(p)))
    for step in range(STEPS):
        gs = grads_fn()
        for i, (p, g) in enumerate(zip(params, gs)):
            if (step, i) in skip:
                p.grad = None
                case.append(("grad", "%d %d none" % (step, i)))
            else:
                p.grad = g.detach().clone()
                case.append(("grad", "%d %d %s" % (step, i, fmt_tensor(g))))
        opt.step()
        for i, p in enumerate(params):
            case.append(("after", "%d %d %s" % (step, i, fmt_tensor(p))))
    append_state_dict(case, opt)
    case.append(("tolerance", TOL[DTYPE_NAMES[dtype]]))
    return case


def append_state_dict(case, opt):
    sd = opt.state_dict()
    for idx in sorted(sd["state"]):
        for k, v in sd["state"][idx].items():
            case.append(("state", "%d %s %s" % (idx, k, fmt_typed(v))))
    for gi, g in enumerate(sd["param_groups"]):
        for k, v in g.items():
            if k == "params":
                v = [float(i) for i in v]
            case.append(("param_group", "%d %s %s" % (gi, k, fmt_typed(v))))


def e2e_case(name, opt_name, defaults, dtype=torch.float32):
    x = randn([6, 3], 21, dtype)
    y = randn([6, 2], 22, dtype)
    w = (randn([2, 3], 23, dtype) * 0.5).requires_grad_()
    b = (randn([2], 24, dtype) * 0.1).requires_grad_()
    opt = OPTIMIZERS[opt_name]([w, b], **defaults)
    case = [("name", name), ("optimizer", opt_name), ("dtype", DTYPE_NAMES[dtype]),
            ("defaults", fmt_kv(defaults)), ("group", "0,1"),
            ("param", fmt_tensor(w)), ("param", fmt_tensor(b)), ("x", fmt_tensor(x)), ("y", fmt_tensor(y))]
    for step in range(STEPS):
        opt.zero_grad(set_to_none=True)
        loss = ((F.linear(x, w, b) - y) ** 2).mean()
        loss.backward()
        opt.step()
        for i, p in enumerate([w, b]):
            case.append(("after", "%d %d %s" % (step, i, fmt_tensor(p))))
    append_state_dict(case, opt)
    case.append(("tolerance", TOL[DTYPE_NAMES[dtype]]))
    # The gradients come from two LibTorch versions (1.13 here, torch4j's own), whose reductions may round
    # differently; the state (running averages of gradients) shows that more than the parameters do.
    case.append(("state_tolerance", E2E_STATE_TOL[DTYPE_NAMES[dtype]]))
    return case


E2E_STATE_TOL = {"float32": "rtol=1e-05,atol=1e-08", "float64": "rtol=1e-11,atol=1e-14"}


def optim_cases():
    f64 = torch.float64
    two_groups = [([0], {"lr": 0.1}), ([1, 2], {"lr": 0.01})]
    skip = {(2, 1), (3, 1), (6, 0), (6, 2)}
    c = []
    # SGD
    c.append(optim_case("sgd_plain", "SGD", dict(lr=0.1)))
    c.append(optim_case("sgd_momentum", "SGD", dict(lr=0.05, momentum=0.9)))
    c.append(optim_case("sgd_dampening_wd", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.5, weight_decay=0.01)))
    c.append(optim_case("sgd_nesterov_wd", "SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.001)))
    c.append(optim_case("sgd_maximize", "SGD", dict(lr=0.01, momentum=0.5, maximize=True)))
    c.append(optim_case("sgd_groups", "SGD", dict(lr=0.1, momentum=0.9),
                        groups=[([0], {}), ([1, 2], {"lr": 0.01, "momentum": 0.5})]))
    c.append(optim_case("sgd_skip", "SGD", dict(lr=0.05, momentum=0.9), skip=skip))
    c.append(optim_case("sgd_momentum_f64", "SGD", dict(lr=0.05, momentum=0.9, weight_decay=0.01), dtype=f64))
    # Adam
    c.append(optim_case("adam_default", "Adam", dict(lr=0.01)))
    c.append(optim_case("adam_amsgrad_wd", "Adam",
                        dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True)))
    c.append(optim_case("adam_maximize", "Adam", dict(lr=0.01, maximize=True)))
    c.append(optim_case("adam_groups", "Adam", dict(lr=0.01), groups=two_groups))
    c.append(optim_case("adam_skip", "Adam", dict(lr=0.01, amsgrad=True), skip=skip))
    c.append(optim_case("adam_f64", "Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.01), dtype=f64))
    # AdamW
    c.append(optim_case("adamw_default", "AdamW", dict(lr=0.01)))
    c.append(optim_case("adamw_amsgrad", "AdamW", dict(lr=0.02, betas=(0.85, 0.995), weight_decay=0.1, amsgrad=True)))
    c.append(optim_case("adamw_maximize_groups", "AdamW", dict(lr=0.01, maximize=True), groups=two_groups))
    c.append(optim_case("adamw_f64", "AdamW", dict(lr=0.01, weight_decay=0.05), dtype=f64))
    # RMSprop
    c.append(optim_case("rmsprop_default", "RMSprop", dict(lr=0.01)))
    c.append(optim_case("rmsprop_centered_momentum_wd", "RMSprop",
                        dict(lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.01, momentum=0.9, centered=True)))
    c.append(optim_case("rmsprop_momentum", "RMSprop", dict(lr=0.005, momentum=0.5)))
    c.append(optim_case("rmsprop_skip_maximize", "RMSprop", dict(lr=0.01, centered=True, maximize=True), skip=skip))
    c.append(optim_case("rmsprop_f64", "RMSprop", dict(lr=0.01, centered=True, momentum=0.5), dtype=f64))
    # Adagrad
    c.append(optim_case("adagrad_default", "Adagrad", dict(lr=0.1)))
    c.append(optim_case("adagrad_decay_wd", "Adagrad",
                        dict(lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1, eps=1e-8)))
    c.append(optim_case("adagrad_skip_groups", "Adagrad", dict(lr=0.1), groups=two_groups, skip=skip))
    c.append(optim_case("adagrad_f64", "Adagrad", dict(lr=0.1, lr_decay=0.05), dtype=f64))
    # Adadelta
    c.append(optim_case("adadelta_default", "Adadelta", dict()))
    c.append(optim_case("adadelta_opts", "Adadelta", dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=0.01)))
    c.append(optim_case("adadelta_skip_maximize", "Adadelta", dict(maximize=True), skip=skip))
    c.append(optim_case("adadelta_f64", "Adadelta", dict(rho=0.95), dtype=f64))
    # Linear model, gradients from torch4j's own autograd
    c.append(e2e_case("e2e_sgd_momentum", "SGD", dict(lr=0.1, momentum=0.9)))
    c.append(e2e_case("e2e_adam", "Adam", dict(lr=0.05)))
    c.append(e2e_case("e2e_rmsprop_f64", "RMSprop", dict(lr=0.01, momentum=0.9), dtype=f64))
    return c


# ============================================================================ schedulers

# Lambdas of LambdaLR by name; LRSchedulerFixtureTest defines the same functions.
LAMBDAS = {
    "pow0.95": lambda epoch: 0.95 ** epoch,
    "inv": lambda epoch: 1.0 / (epoch + 1),
    "warmup5": lambda epoch: min(1.0, (epoch + 1) / 5),
}

SCHEDULERS = {
    "StepLR": S.StepLR,
    "MultiStepLR": S.MultiStepLR,
    "ExponentialLR": S.ExponentialLR,
    "CosineAnnealingLR": S.CosineAnnealingLR,
    "LambdaLR": S.LambdaLR,
    "OneCycleLR": S.OneCycleLR,
    "LinearLR": S.LinearLR,
    "ConstantLR": S.ConstantLR,
    "ReduceLROnPlateau": S.ReduceLROnPlateau,
}


def make_optimizer(kind, lrs):
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, lrs)]
    if kind == "SGD":
        return torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)
    return torch.optim.Adam(groups, lr=lrs[0])


def build(name, opt, args):
    kw = dict(args)
    if name == "LambdaLR":
        lam = kw["lr_lambda"]
        kw["lr_lambda"] = [LAMBDAS[n] for n in lam] if isinstance(lam, list) else LAMBDAS[lam]
    return SCHEDULERS[name](opt, **kw)


def sched_case(name, sched, args, lrs=(0.1, 0.05), optimizer="SGD", epochs=30, subs=None, metrics=None,
               momentum=False):
    opt = make_optimizer(optimizer, list(lrs))
    if sched == "SequentialLR":
        built = [build(n, opt, a) for n, a in subs]
        s = S.SequentialLR(opt, built, **args)
    else:
        s = build(sched, opt, args)
    case = [("name", name), ("scheduler", sched), ("optimizer", optimizer),
            ("lrs", " ".join(fmt_float(x) for x in lrs)), ("args", fmt_kv(args))]
    for n, a in subs or []:
        case.append(("sub", n + (" " + fmt_kv(a) if a else "")))

    def record(epoch):
        lr = [g["lr"] for g in opt.param_groups] if sched == "ReduceLROnPlateau" else s.get_last_lr()
        case.append(("lr", "%d %s" % (epoch, " ".join(fmt_float(x) for x in lr))))
        if momentum:
            m = [g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups]
            case.append(("momentum", "%d %s" % (epoch, " ".join(fmt_float(x) for x in m))))

    record(0)
    for epoch in range(1, epochs + 1):
        opt.step()
        if metrics is not None:
            case.append(("metric", fmt_float(metrics[epoch - 1])))
            s.step(metrics[epoch - 1])
        else:
            s.step()
        record(epoch)
    sd = s.state_dict()
    case.append(("state_keys", " ".join(sd.keys())))
    for k, v in sd.items():
        try:
            case.append(("state", "%s %s" % (k, fmt_typed(v))))
        except (TypeError, AssertionError):
            pass  # nested or callable entries (_schedulers, anneal_func, _schedule_phases): keys only
    return case


def sched_cases():
    metrics = [1.0, 0.9, 0.85, 0.86, 0.84, 0.845, 0.85, 0.83, 0.8301, 0.83, 0.84, 0.85, 0.7, 0.71, 0.72,
               0.73, 0.69, 0.695, 0.7, 0.71, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.49, 0.5, 0.5, 0.5]
    acc = [0.1, 0.2, 0.25, 0.3, 0.31, 0.32, 0.45, 0.46, 0.5, 0.5, 0.5, 0.62, 0.6, 0.61, 0.7, 0.75, 0.8,
           0.8, 0.8, 0.85, 0.85, 0.85, 0.85, 0.86, 0.86, 0.86, 0.86, 0.9, 0.9, 0.9]
    c = []
    c.append(sched_case("steplr", "StepLR", dict(step_size=7, gamma=0.1)))
    c.append(sched_case("steplr_lecture", "StepLR", dict(step_size=25, gamma=0.1), lrs=(0.1,)))
    c.append(sched_case("steplr_default_gamma", "StepLR", dict(step_size=3), lrs=(1.0,)))
    c.append(sched_case("multisteplr", "MultiStepLR", dict(milestones=[5, 12, 12, 20], gamma=0.5)))
    c.append(sched_case("multisteplr_lecture", "MultiStepLR", dict(milestones=[10, 20], gamma=0.1), lrs=(0.1,)))
    c.append(sched_case("exponentiallr", "ExponentialLR", dict(gamma=0.9)))
    c.append(sched_case("cosine", "CosineAnnealingLR", dict(T_max=10, eta_min=0.001)))
    c.append(sched_case("cosine_full", "CosineAnnealingLR", dict(T_max=30), lrs=(0.1,)))
    c.append(sched_case("cosine_long", "CosineAnnealingLR", dict(T_max=7, eta_min=0.0), epochs=60))
    c.append(sched_case("lambdalr", "LambdaLR", dict(lr_lambda="pow0.95")))
    c.append(sched_case("lambdalr_per_group", "LambdaLR", dict(lr_lambda=["warmup5", "inv"])))
    c.append(sched_case("onecycle_cos", "OneCycleLR", dict(max_lr=0.1, total_steps=30), lrs=(0.1,), momentum=True))
    c.append(sched_case("onecycle_linear_adam", "OneCycleLR",
                        dict(max_lr=[0.1, 0.2], total_steps=40, pct_start=0.25, anneal_strategy="linear",
                             div_factor=10.0, final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9),
                        optimizer="Adam", epochs=40, momentum=True))
    c.append(sched_case("onecycle_epochs_no_momentum", "OneCycleLR",
                        dict(max_lr=0.05, epochs=3, steps_per_epoch=10, cycle_momentum=False), lrs=(0.1,)))
    c.append(sched_case("onecycle_three_phase", "OneCycleLR",
                        dict(max_lr=0.1, total_steps=30, three_phase=True), lrs=(0.1,), momentum=True))
    c.append(sched_case("linearlr", "LinearLR", dict(start_factor=0.25, total_iters=8)))
    c.append(sched_case("linearlr_default", "LinearLR", dict(), lrs=(0.1,)))
    c.append(sched_case("linearlr_decay", "LinearLR", dict(start_factor=1.0, end_factor=0.1, total_iters=20)))
    c.append(sched_case("constantlr", "ConstantLR", dict(factor=0.5, total_iters=4)))
    c.append(sched_case("sequential_warmup_cosine", "SequentialLR", dict(milestones=[5]),
                        subs=[("LinearLR", dict(start_factor=0.1, total_iters=5)),
                              ("CosineAnnealingLR", dict(T_max=25))]))
    c.append(sched_case("sequential_three", "SequentialLR", dict(milestones=[4, 12]),
                        subs=[("ConstantLR", dict(factor=0.5, total_iters=3)),
                              ("ExponentialLR", dict(gamma=0.9)),
                              ("StepLR", dict(step_size=5, gamma=0.5))]))
    c.append(sched_case("plateau_min", "ReduceLROnPlateau",
                        dict(mode="min", factor=0.5, patience=2, threshold=0.01, cooldown=1, min_lr=0.01),
                        metrics=metrics))
    c.append(sched_case("plateau_default", "ReduceLROnPlateau", dict(patience=3), lrs=(0.1,), metrics=metrics))
    c.append(sched_case("plateau_max_abs", "ReduceLROnPlateau",
                        dict(mode="max", factor=0.3, patience=1, threshold=0.02, threshold_mode="abs",
                             min_lr=[0.001, 0.004]), metrics=acc))
    return c


# ============================================================================ gradient clipping

def clip_case(name, fn, grads, dtype=torch.float32, **kw):
    params = []
    for g in grads:
        p = torch.zeros(g.shape if g is not None else [2], dtype=dtype, requires_grad=True)
        p.grad = None if g is None else g.to(dtype).clone()
        params.append(p)
    case = [("name", name), ("fn", fn), ("dtype", DTYPE_NAMES[dtype])]
    for k, v in kw.items():
        case.append((k, fmt_float(v)))
    for i, p in enumerate(params):
        case.append(("grad", "%d %s" % (i, "none" if p.grad is None else fmt_tensor(p.grad))))
    if fn == "norm":
        total = torch.nn.utils.clip_grad_norm_(params, kw["max_norm"], kw["norm_type"])
        case.append(("total_norm", fmt_tensor(total)))
    else:
        torch.nn.utils.clip_grad_value_(params, kw["clip_value"])
    for i, p in enumerate(params):
        case.append(("clipped", "%d %s" % (i, "none" if p.grad is None else fmt_tensor(p.grad))))
    case.append(("tolerance", TOL[DTYPE_NAMES[dtype]]))
    return case


def clip_cases():
    g = [randn([3, 4], 31, torch.float64), randn([4], 32, torch.float64) * 3, None, torch.tensor(-2.5, dtype=torch.float64)]
    inf = float("inf")
    c = []
    for p, pname in [(2.0, "l2"), (1.0, "l1"), (inf, "inf"), (3.0, "l3")]:
        c.append(clip_case("norm_%s_clipped" % pname, "norm", g, max_norm=1.0, norm_type=p))
        c.append(clip_case("norm_%s_unclipped" % pname, "norm", g, max_norm=100.0, norm_type=p))
    c.append(clip_case("norm_l2_f64", "norm", g, dtype=torch.float64, max_norm=0.5, norm_type=2.0))
    c.append(clip_case("norm_inf_single", "norm", [g[0]], max_norm=0.25, norm_type=inf))
    c.append(clip_case("norm_l2_single", "norm", [g[1]], max_norm=2.0, norm_type=2.0))
    c.append(clip_case("value", "value", g, clip_value=0.5))
    c.append(clip_case("value_f64", "value", g, dtype=torch.float64, clip_value=1.25))
    return c


def main():
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    optim = optim_cases()
    sched = sched_cases()
    clip = clip_cases()
    write(os.path.join(OUT_DIR, "optim.txt"), optim)
    write(os.path.join(OUT_DIR, "lr_scheduler.txt"), sched)
    write(os.path.join(OUT_DIR, "clip_grad.txt"), clip)
    print("optim.txt: %d cases; lr_scheduler.txt: %d cases; clip_grad.txt: %d cases"
          % (len(optim), len(sched), len(clip)))


if __name__ == "__main__":
    main()
