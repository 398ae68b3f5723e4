#!/usr/bin/python3
"""Writes the PyTorch reference fixtures that torch4j's fixture tests compare against.

Run from anywhere with Debian's interpreter (torch 1.13 and numpy, no network needed):

    /usr/bin/python3 java-api/src/test/python/gen_fixtures.py

It rewrites, deterministically (same bytes on every run):

    java-api/src/test/resources/fixtures/printing.txt   str(tensor) of PyTorch    -> PrintingFixtureTest
    java-api/src/test/resources/fixtures/ops.txt        inputs and PyTorch results -> OpsFixtureTest

File format (both files), read by org.torch4j.Fixtures without any JSON library:

    # comment lines (only before the first case)
    name: <case name>
    key: value                       one or more lines; a key may repeat (in:, out:)
    ---                              ends a case

A tensor is written on one line as  <dtype> <shape> <values...>  where shape is [2,3] ([] for a
0-d tensor, [0] for an empty vector) and values are the elements in row-major order: floats as
Python's repr of the float64 value (lossless: repr round-trips; nan, inf, -inf spelled so), integers
in decimal, bools as True/False. float16/bfloat16 values are rounded by torch first, so they are
exactly representable.

printing.txt keys: name, dtype, shape, values, requires_grad (true/false), op (what is applied to
the constructed leaf before printing, see PRINT_OPS) and expected: the last key, followed by the
expected string on the next lines (up to ---).

ops.txt keys: name, op (see OPS: one Python function per op; OpsFixtureTest maps each name to
torch4j calls), params (space separated k=v; lists as 1,2,3), in (one line per input tensor, in
order) and out (one line per output):  out: <dtype> <shape> <tolerance> <values...>  where
tolerance is `exact` or rtol=<r>,atol=<a> (|actual - expected| <= atol + rtol * |expected|; nan
must match nan, infinities exactly). Python results that are not tensors use the pseudo-dtypes
pybool, pyint and pyfloat, e.g.  out: pybool [] exact True.
"""

import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures"))

DTYPES = {
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
    "float32": torch.float32,
    "float64": torch.float64,
    "uint8": torch.uint8,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "bool": torch.bool,
}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}

# Default tolerances per result dtype: (rtol, atol). Integer and bool results are compared exactly.
TOLERANCE = {
    "float64": (1e-9, 1e-12),
    "float32": (1e-5, 1e-6),
    "float16": (1e-3, 1e-3),
    "bfloat16": (8e-3, 8e-3),
}


# ---------------------------------------------------------------------------- writing values

def fmt_value(v, dtype_name):
    if dtype_name == "bool":
        return "True" if v else "False"
    if DTYPES[dtype_name].is_floating_point:
        return repr(float(v))
    return str(int(v))


def fmt_shape(shape):
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def flat_values(t):
    """Row-major elements as Python numbers (float16/bfloat16 widened exactly to float64)."""
    t = t.detach()
    if t.dtype.is_floating_point:
        t = t.double()
    return t.reshape(-1).tolist()


def fmt_tensor(t):
    name = DTYPE_NAMES[t.dtype]
    parts = [name, fmt_shape(t.shape)] + [fmt_value(v, name) for v in flat_values(t)]
    return " ".join(parts)


def fmt_param(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ",".join(fmt_param(x) for x in v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def seeded(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def randn(shape, seed, dtype=torch.float32, scale=1.0, decimals=None):
    """Deterministic normal data; optionally rounded to a few decimals before the cast."""
    t = torch.randn(shape, generator=seeded(seed), dtype=torch.float64) * scale
    if decimals is not None:
        t = torch.round(t * 10 ** decimals) / 10 ** decimals
    return t.to(dtype)


def randint(low, high, shape, seed, dtype=torch.int64):
    return torch.randint(low, high, shape, generator=seeded(seed), dtype=torch.int64).to(dtype)


# ============================================================================ printing fixtures

# What PrintingFixtureTest applies to the constructed tensor (after requires_grad) before printing.
PRINT_OPS = {
    "none": lambda x: x,
    "add1": lambda x: x + 1,
    "sub1": lambda x: x - 1,
    "mul2": lambda x: x * 2,
    "mul2.5": lambda x: x * 2.5,
    "div2": lambda x: x / 2,
    "add_self": lambda x: x + x,
    "neg": lambda x: x.neg(),
    "sum": lambda x: x.sum(),
    "mean": lambda x: x.mean(),
    "pow2": lambda x: x.pow(2),
    "tanh": lambda x: x.tanh(),
    "exp": lambda x: x.exp(),
    "mm_self_t": lambda x: x.mm(x.t()),
    "addmm_self": lambda x: torch.addmm(x, x, x),
    "view_-1": lambda x: x.view(-1),
    "t": lambda x: x.t(),
    "sum_dim0": lambda x: x.sum(0),
    "clamp": lambda x: x.clamp(-0.5, 0.5),
    "relu": lambda x: x.relu(),
    "sigmoid": lambda x: x.sigmoid(),
    "index_0": lambda x: x[0],
    "index_col_slice": lambda x: x[:, 1:],
    "cat_self": lambda x: torch.cat([x, x]),
}


class PrintCases:
    def __init__(self):
        self.cases = []
        self.names = set()

    def add(self, name, t, requires_grad=False, op="none"):
        assert name not in self.names, name
        self.names.add(name)
        leaf = t.detach().clone()
        if requires_grad:
            leaf.requires_grad_()
        result = PRINT_OPS[op](leaf)
        self.cases.append(
            {
                "name": name,
                "dtype": DTYPE_NAMES[leaf.dtype],
                "shape": fmt_shape(leaf.shape),
                "values": " ".join(fmt_value(v, DTYPE_NAMES[leaf.dtype]) for v in flat_values(leaf)),
                "requires_grad": "true" if requires_grad else "false",
                "op": op,
                "expected": str(result),
            }
        )
        return self.cases[-1]["expected"]


def print_scalars(p):
    p.add("f32_0d", torch.tensor(3.14159265))
    p.add("f32_0d_int_mode", torch.tensor(2.0))
    p.add("f32_0d_sci", torch.tensor(1.5e-7))
    p.add("f32_0d_nan", torch.tensor(float("nan")))
    p.add("i64_0d", torch.tensor(-42))
    p.add("bool_0d", torch.tensor(True))
    p.add("f64_0d", torch.tensor(1 / 3, dtype=torch.float64))


def print_dtypes(p):
    p.add("f16_1d", randn([5], 1, torch.float16))
    p.add("f16_2d_int_mode", torch.tensor([[1.0, -2.0], [300.0, 4.0]], dtype=torch.float16))
    p.add("bf16_1d", randn([6], 2, torch.bfloat16))
    p.add("bf16_sci", torch.tensor([1e-6, 0.5, 3.0], dtype=torch.bfloat16))
    p.add("f32_1d", randn([5], 3))
    p.add("f64_1d", randn([4], 4, torch.float64))
    p.add("f64_2d_thirds", (torch.arange(6, dtype=torch.float64).reshape(2, 3) + 1) / 3)
    p.add("u8_1d", torch.tensor([0, 7, 128, 255], dtype=torch.uint8))
    p.add("i8_1d", torch.tensor([-128, -5, 0, 127], dtype=torch.int8))
    p.add("i16_1d", torch.tensor([-32768, 12, 32767], dtype=torch.int16))
    p.add("i32_2d", randint(-1000, 1000, [3, 4], 5, torch.int32))
    p.add("i64_big", torch.tensor([2 ** 40, -(2 ** 62), 7, 9223372036854775807]))
    p.add("bool_1d", torch.tensor([True, False, True]))
    p.add("bool_2d", torch.tensor([[False, False], [False, True]]))


def print_dims(p):
    p.add("f32_2d", randn([3, 4], 6))
    p.add("f32_3d", randn([2, 3, 4], 7))
    p.add("f32_4d", randn([2, 2, 2, 3], 8))
    p.add("i64_3d", randint(-50, 50, [2, 2, 3], 9))
    p.add("f32_3d_ones_dims", torch.tensor([[[1.5, -2.25, 3.0]]]))
    p.add("f32_1d_single", torch.tensor([0.1]))


def print_empty(p):
    p.add("empty_f32_0", torch.zeros(0))
    p.add("empty_f32_0x3", torch.zeros(0, 3))
    p.add("empty_i64_2x0x3", torch.zeros(2, 0, 3, dtype=torch.int64))
    p.add("empty_bool_0", torch.zeros(0, dtype=torch.bool))
    p.add("empty_f64_0", torch.zeros(0, dtype=torch.float64))


def print_special_values(p):
    p.add("f32_negative", torch.tensor([-1.5, 2.25, -3.125, 0.5]))
    p.add("f32_neg_zero_int_mode", torch.tensor([-0.0, 0.0, 1.0]))
    p.add("f32_neg_zero_fixed", torch.tensor([-0.0, 0.5]))
    p.add("f32_all_zero", torch.tensor([0.0, 0.0]))
    p.add("f32_nan_inf", torch.tensor([float("nan"), float("inf"), float("-inf"), 1.5]))
    p.add("f32_nan_inf_int_mode", torch.tensor([[float("nan"), 1.0], [2.0, float("inf")]]))
    p.add("f32_only_nonfinite", torch.tensor([float("nan"), float("-inf")]))
    p.add("f32_nan_inf_sci", torch.tensor([float("nan"), 1e-5, float("inf")]))
    p.add("f32_int_mode", torch.tensor([1.0, 2.0, 3.0]))
    p.add("f32_int_mode_neg", torch.tensor([-1.0, 20.0, 300.0]))
    p.add("f32_half_even_fixed", torch.tensor([0.03125, 1.03125, -2.15625]))
    p.add("f32_half_even_int", torch.tensor([2.5, 10.0]))


def print_sci(p):
    p.add("f32_sci_int_ratio", torch.tensor([1.0, 100000.0]))
    p.add("f32_sci_int_huge", torch.tensor([1e9, 2e9, -3e9]))
    p.add("f32_sci_tiny", torch.tensor([1e-5, 0.5]))
    p.add("f32_sci_tiny_only", torch.tensor([2e-5, 3e-5, -7.5e-5]))
    p.add("f32_sci_ratio", torch.tensor([0.01, 20.5]))
    p.add("f32_sci_huge_frac", torch.tensor([1.5e8, 2.5]))
    p.add("f32_sci_round_carry", torch.tensor([9.99996e-5, 1.0]))
    p.add("f64_sci_3digit_exp", torch.tensor([1e-300, 1.0, 1e300], dtype=torch.float64))
    p.add("f64_int_mode_1e15", torch.tensor([1e15, 1.0], dtype=torch.float64))
    p.add("f32_mixed", torch.tensor([[0.0, -1e-3, 12.5], [1e2, -0.0, 7.0]]))
    p.add("f32_mixed_sci_2d", randn([3, 3], 10, scale=1e-3))


def print_wrapping(p):
    p.add("f32_wrap_1d", randn([30], 11))
    p.add("i64_wrap_1d", randint(-10000, 10000, [50], 12))
    p.add("f32_wrap_2d", randn([3, 20], 13, scale=100))
    p.add("f64_wrap_sci", randn([15], 14, torch.float64, scale=1e-6))
    p.add("bool_wrap", torch.arange(25) % 3 == 0)


def print_summarized(p):
    p.add("f32_summary_1d", randn([2000], 15))
    p.add("i64_summary_1d", torch.arange(1500) * 7 - 5000)
    p.add("f32_summary_2d", randn([40, 30], 16))
    p.add("i64_summary_2d_rows", torch.arange(2000).reshape(100, 20))
    p.add("f32_summary_3d", randn([12, 10, 12], 17))
    p.add("i32_summary_3d", randint(-99, 99, [10, 11, 12], 18, torch.int32))
    p.add("f16_summary_2d", randn([50, 30], 19, torch.float16))
    p.add("bool_summary_1d", torch.arange(1200) % 5 == 1)
    p.add("f32_summary_4d", randn([2, 3, 20, 20], 20))
    p.add("f32_summary_sci", randn([1001], 21, scale=1e-6))


def print_autograd(p):
    p.add("grad_leaf_1d", randn([4], 22), requires_grad=True)
    p.add("grad_leaf_0d", torch.tensor(0.25), requires_grad=True)
    p.add("grad_leaf_2d", randn([2, 3], 23), requires_grad=True)
    p.add("grad_add1", randn([3], 24), requires_grad=True, op="add1")
    p.add("grad_mul2", randn([2, 2], 25), requires_grad=True, op="mul2")
    p.add("grad_neg", torch.tensor([1.0, -2.0]), requires_grad=True, op="neg")
    p.add("grad_sum", randn([3, 2], 26), requires_grad=True, op="sum")
    p.add("grad_mean", randn([5], 27), requires_grad=True, op="mean")
    p.add("grad_pow2", randn([4], 28), requires_grad=True, op="pow2")
    p.add("grad_tanh", randn([2, 3], 29), requires_grad=True, op="tanh")
    p.add("grad_exp", torch.tensor([0.0, 1.0, 2.0]), requires_grad=True, op="exp")
    p.add("grad_mm_self_t", randn([2, 3], 30), requires_grad=True, op="mm_self_t")
    p.add("grad_addmm", randn([3, 3], 31), requires_grad=True, op="addmm_self")
    p.add("grad_view", randn([2, 2], 32), requires_grad=True, op="view_-1")
    p.add("grad_t", randn([2, 3], 33), requires_grad=True, op="t")
    p.add("grad_sub1", randn([3], 41), requires_grad=True, op="sub1")
    p.add("grad_mul_float", randn([3], 42), requires_grad=True, op="mul2.5")
    p.add("grad_div2", randn([3], 43), requires_grad=True, op="div2")
    p.add("grad_add_self", randn([3], 44), requires_grad=True, op="add_self")
    p.add("grad_sum_dim0", randn([3, 2], 45), requires_grad=True, op="sum_dim0")
    p.add("grad_clamp", randn([4], 46), requires_grad=True, op="clamp")
    p.add("grad_relu", randn([4], 47), requires_grad=True, op="relu")
    p.add("grad_sigmoid", randn([4], 48), requires_grad=True, op="sigmoid")
    p.add("grad_index_0", randn([2, 3], 49), requires_grad=True, op="index_0")
    p.add("grad_index_col_slice", randn([2, 3], 50), requires_grad=True, op="index_col_slice")
    p.add("grad_cat", randn([2], 51), requires_grad=True, op="cat_self")
    p.add("grad_f64_mul2", randn([3], 34, torch.float64), requires_grad=True, op="mul2")
    p.add("nograd_f64_mul2", randn([3], 34, torch.float64), op="mul2")


def print_suffix_newline(p):
    """Long last lines where a suffix no longer fits in 80 columns and goes to its own line."""
    cases = [
        ("suffix_nl_requires_grad", randn([7], 35, scale=10), True, "none"),
        ("suffix_nl_grad_fn", randn([7], 36, scale=10), True, "mul2"),
        ("suffix_nl_dtype_i32", randint(-10 ** 8, 10 ** 8, [6], 37, torch.int32), False, "none"),
        ("suffix_nl_dtype_and_grad_fn", randn([6], 38, torch.float64, scale=10), True, "add1"),
        ("suffix_nl_2d_grad", randn([2, 7], 39, scale=10), True, "none"),
        ("suffix_nl_second_suffix_only", randn([5], 52, torch.float64), True, "mul2"),
        ("suffix_nl_summary_dtype", randint(-10 ** 6, 10 ** 6, [1200], 40, torch.int16), False, "none"),
    ]
    for name, t, rg, op in cases:
        s = p.add(name, t, requires_grad=rg, op=op)
        assert ",\n       " in s and s.rstrip(")").split(",\n")[-1].strip()[0].isalpha(), (name, s)


def printing_cases():
    p = PrintCases()
    print_scalars(p)
    print_dtypes(p)
    print_dims(p)
    print_empty(p)
    print_special_values(p)
    print_sci(p)
    print_wrapping(p)
    print_summarized(p)
    print_autograd(p)
    print_suffix_newline(p)
    return p.cases


def write_printing(path):
    lines = [
        "# Generated by java-api/src/test/python/gen_fixtures.py with torch " + torch.__version__ + "; do not edit.",
        "# Each case: construct dtype/shape/values, set requires_grad, apply op, compare str().",
    ]
    cases = printing_cases()
    for c in cases:
        for key in ("name", "dtype", "shape", "values", "requires_grad", "op"):
            lines.append(key + ": " + c[key])
        lines.append("expected:")
        lines.extend(c["expected"].split("\n"))
        lines.append("---")
    write(path, lines)
    return len(cases)


# ============================================================================ ops fixtures

def _grad_pow_sum(p, x):
    x.requires_grad_()
    y = x.pow(p["exponent"]).sum()
    y.backward()
    return y, x.grad


def _grad_unary_sum(fn):
    def run(p, x):
        x.requires_grad_()
        y = fn(x).sum()
        y.backward()
        return y, x.grad
    return run


def _grad_mm_sum(p, a, b):
    a.requires_grad_()
    b.requires_grad_()
    y = a.mm(b).sum()
    y.backward()
    return y, a.grad, b.grad


def _grad_linear_mse(p, x, w, b, target):
    w.requires_grad_()
    b.requires_grad_()
    loss = (x.mm(w).add(b).sub(target)).pow(2).mean()
    loss.backward()
    return loss, w.grad, b.grad


def _grad_api(p, x, y):
    x.requires_grad_()
    y.requires_grad_()
    a = x.pow(2).sum().add(y.log().sum())
    gx, gy = torch.autograd.grad(a, [x, y])
    return a, gx, gy


def _grad_accumulate(p, x):
    x.requires_grad_()
    x.mul(3).sum().backward()
    x.pow(2).sum().backward()
    return x.grad


def _grad_nonscalar(p, x, g):
    x.requires_grad_()
    y = x.mul(x)
    y.backward(g)
    return y, x.grad


def _grad_retain(p, x):
    x.requires_grad_()
    h = x.mul(2)
    h.retain_grad()
    y = h.sigmoid().sum()
    y.backward()
    return h.grad, x.grad


def _grad_div_sqrt(p, x, y):
    x.requires_grad_()
    y.requires_grad_()
    z = x.div(y.sqrt()).sum()
    z.backward()
    return z, x.grad, y.grad


def _grad_norm(p, x):
    x.requires_grad_()
    n = x.norm()
    n.backward()
    return n, x.grad


def _grad_mean_dim(p, x):
    x.requires_grad_()
    y = x.mean(1).pow(2).sum()
    y.backward()
    return y, x.grad


def _grad_view_transpose(p, x):
    x.requires_grad_()
    y = x.view(3, 2).t().mul(torch.arange(6.0).view(2, 3)).sum()
    y.backward()
    return y, x.grad


def _grad_relu_clamp(p, x):
    x.requires_grad_()
    y = x.relu().add(x.clamp(-0.5, 0.5)).sum()
    y.backward()
    return y, x.grad


def _grad_max_dim(p, x):
    x.requires_grad_()
    y = x.max(1)[0].sum()
    y.backward()
    return y, x.grad


def _idx_put_slice(p, x):
    x[0, 1:] = p["value"]
    return x


def _idx_put_mask(p, x, mask):
    x[mask] = p["value"]
    return x


def _idx_put_tensor(p, x, v):
    x[:, 1] = v
    return x


def _eigh(p, a):
    w, v = torch.linalg.eigh(a)
    return w, v.mul(w.unsqueeze(0)).mm(v.t()), v.t().mm(v)


def _svd(p, a):
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    return s, u.mul(s.unsqueeze(0)).mm(vh), u.t().mm(u), vh.mm(vh.t())


def _qr(p, a):
    q, r = torch.linalg.qr(a)
    return q.mm(r), q.t().mm(q), r.abs()


def _cholesky(p, a):
    l = torch.linalg.cholesky(a)
    return l, l.mm(l.t())


def _lstsq(p, a, b):
    x = torch.linalg.lstsq(a, b).solution
    return x, a.mm(x)


def _scatter_(p, x, index, src):
    return x.scatter_(p["dim"], index, src)


def _scatter_value(p, x, index):
    return x.scatter_(p["dim"], index, p["value"])


def _masked_fill_(p, x, mask):
    return x.masked_fill_(mask, p["value"])


def _copy_(p, x, src):
    return x.copy_(src)


def _inplace_chain(p, x):
    return x.add_(1.0).mul_(2.0).sub_(0.5).div_(4.0)


def _transpose_contiguous(p, x):
    return x.transpose(0, 1).contiguous()


# One entry per op name; OpsFixtureTest has the same names mapped to torch4j calls.
# Each function receives the params dict and the input tensors, and returns a tensor, a tuple of
# tensors (several outputs) or a Python bool.
OPS = {
    # creation
    "zeros": lambda p: torch.zeros(p["shape"]),
    "ones": lambda p: torch.ones(p["shape"], dtype=DTYPES[p["dtype"]]),
    "full": lambda p: torch.full(p["shape"], p["value"]),
    "eye": lambda p: torch.eye(p["n"]),
    "eye_nm": lambda p: torch.eye(p["n"], p["m"]),
    "arange": lambda p: torch.arange(p["end"]),
    "arange_step": lambda p: torch.arange(p["start"], p["end"], p["step"]),
    "arange_float": lambda p: torch.arange(p["start"], p["end"], p["step"]),
    "linspace": lambda p: torch.linspace(p["start"], p["end"], p["steps"]),
    "zeros_like": lambda p, x: torch.zeros_like(x),
    "ones_like": lambda p, x: torch.ones_like(x),
    "full_like": lambda p, x: torch.full_like(x, p["value"]),
    # pointwise unary
    "abs": lambda p, x: x.abs(),
    "neg": lambda p, x: x.neg(),
    "exp": lambda p, x: x.exp(),
    "log": lambda p, x: x.log(),
    "sqrt": lambda p, x: x.sqrt(),
    "sin": lambda p, x: x.sin(),
    "cos": lambda p, x: x.cos(),
    "tan": lambda p, x: x.tan(),
    "tanh": lambda p, x: x.tanh(),
    "sigmoid": lambda p, x: x.sigmoid(),
    "relu": lambda p, x: x.relu(),
    "floor": lambda p, x: x.floor(),
    "ceil": lambda p, x: x.ceil(),
    "round": lambda p, x: x.round(),
    "sign": lambda p, x: x.sign(),
    "reciprocal": lambda p, x: x.reciprocal(),
    "clamp": lambda p, x: x.clamp(p["min"], p["max"]),
    "clamp_min": lambda p, x: x.clamp_min(p["min"]),
    "clamp_max": lambda p, x: x.clamp_max(p["max"]),
    "pow_int": lambda p, x: x.pow(p["exponent"]),
    "pow_float": lambda p, x: x.pow(p["exponent"]),
    "pow_tensor": lambda p, x, y: x.pow(y),
    # pointwise binary
    "add": lambda p, x, y: x.add(y),
    "add_alpha": lambda p, x, y: x.add(y, alpha=p["alpha"]),
    "add_scalar": lambda p, x: x.add(p["value"]),
    "add_int": lambda p, x: x.add(p["value"]),
    "sub": lambda p, x, y: x.sub(y),
    "sub_scalar": lambda p, x: x.sub(p["value"]),
    "mul": lambda p, x, y: x.mul(y),
    "mul_scalar": lambda p, x: x.mul(p["value"]),
    "mul_int": lambda p, x: x.mul(p["value"]),
    "div": lambda p, x, y: x.div(y),
    "div_scalar": lambda p, x: x.div(p["value"]),
    "maximum": lambda p, x, y: x.maximum(y),
    "minimum": lambda p, x, y: x.minimum(y),
    "inplace_chain": _inplace_chain,
    "copy_": _copy_,
    # comparisons and logic
    "eq": lambda p, x, y: x.eq(y),
    "ne": lambda p, x, y: x.ne(y),
    "lt": lambda p, x, y: x.lt(y),
    "le": lambda p, x, y: x.le(y),
    "gt": lambda p, x, y: x.gt(y),
    "ge": lambda p, x, y: x.ge(y),
    "eq_scalar": lambda p, x: x.eq(p["value"]),
    "ne_scalar": lambda p, x: x.ne(p["value"]),
    "lt_scalar": lambda p, x: x.lt(p["value"]),
    "le_scalar": lambda p, x: x.le(p["value"]),
    "gt_scalar": lambda p, x: x.gt(p["value"]),
    "ge_scalar": lambda p, x: x.ge(p["value"]),
    "where": lambda p, c, x, y: torch.where(c, x, y),
    "where_method": lambda p, x, c, y: x.where(c, y),
    "logical_and": lambda p, x, y: x.logical_and(y),
    "logical_or": lambda p, x, y: x.logical_or(y),
    "logical_xor": lambda p, x, y: x.logical_xor(y),
    "logical_not": lambda p, x: x.logical_not(),
    "isnan": lambda p, x: x.isnan(),
    # reductions
    "sum": lambda p, x: x.sum(),
    "sum_dim": lambda p, x: x.sum(p["dim"], keepdim=p["keepdim"]),
    "sum_dims": lambda p, x: x.sum(p["dims"], keepdim=p["keepdim"]),
    "mean": lambda p, x: x.mean(),
    "mean_dim": lambda p, x: x.mean(p["dim"], keepdim=p["keepdim"]),
    "mean_dims": lambda p, x: x.mean(p["dims"], keepdim=p["keepdim"]),
    "std": lambda p, x: x.std(),
    "std_unbiased": lambda p, x: x.std(unbiased=p["unbiased"]),
    "std_dim": lambda p, x: x.std(p["dim"]),
    "std_dims": lambda p, x: x.std(p["dims"], unbiased=p["unbiased"], keepdim=p["keepdim"]),
    "var": lambda p, x: x.var(),
    "var_unbiased": lambda p, x: x.var(unbiased=p["unbiased"]),
    "var_dim": lambda p, x: x.var(p["dim"]),
    "var_dims": lambda p, x: x.var(p["dims"], unbiased=p["unbiased"], keepdim=p["keepdim"]),
    "norm": lambda p, x: x.norm(),
    "norm_p": lambda p, x: x.norm(p["p"]),
    "norm_dims": lambda p, x: x.norm(p["p"], p["dims"], p["keepdim"]),
    "prod": lambda p, x: x.prod(),
    "prod_dim": lambda p, x: x.prod(p["dim"]),
    "cumsum": lambda p, x: x.cumsum(p["dim"]),
    "max": lambda p, x: x.max(),
    "min": lambda p, x: x.min(),
    "max_dim": lambda p, x: tuple(x.max(p["dim"], keepdim=p["keepdim"])),
    "min_dim": lambda p, x: tuple(x.min(p["dim"], keepdim=p["keepdim"])),
    "argmax": lambda p, x: x.argmax(),
    "argmax_dim": lambda p, x: x.argmax(p["dim"], keepdim=p["keepdim"]),
    "argmin": lambda p, x: x.argmin(),
    "argmin_dim": lambda p, x: x.argmin(p["dim"]),
    "dist": lambda p, x, y: x.dist(y),
    "dist_p": lambda p, x, y: x.dist(y, p["p"]),
    "allclose": lambda p, x, y: x.allclose(y),
    "allclose_tol": lambda p, x, y: x.allclose(y, rtol=p["rtol"], atol=p["atol"]),
    "equal": lambda p, x, y: x.equal(y),
    "sum_item": lambda p, x: x.sum().item(),
    "any": lambda p, x: x.any(),
    "all": lambda p, x: x.all(),
    # views and joining
    "view": lambda p, x: x.view(p["shape"]),
    "reshape": lambda p, x: x.reshape(p["shape"]),
    "narrow": lambda p, x: x.narrow(p["dim"], p["start"], p["length"]),
    "t": lambda p, x: x.t(),
    "transpose": lambda p, x: x.transpose(p["dim0"], p["dim1"]),
    "transpose_contiguous": _transpose_contiguous,
    "permute": lambda p, x: x.permute(p["dims"]),
    "expand": lambda p, x: x.expand(p["sizes"]),
    "squeeze": lambda p, x: x.squeeze(),
    "squeeze_dim": lambda p, x: x.squeeze(p["dim"]),
    "unsqueeze": lambda p, x: x.unsqueeze(p["dim"]),
    "flatten": lambda p, x: x.flatten(),
    "flatten_range": lambda p, x: x.flatten(p["start"], p["end"]),
    "chunk": lambda p, x: tuple(x.chunk(p["chunks"], p["dim"])),
    "split": lambda p, x: tuple(x.split(p["size"], p["dim"])),
    "split_sizes": lambda p, x: tuple(x.split(p["sizes"], p["dim"])),
    "cat": lambda p, *xs: torch.cat(xs, p["dim"]),
    "stack": lambda p, *xs: torch.stack(xs, p["dim"]),
    "index_select": lambda p, x, i: x.index_select(p["dim"], i),
    "select": lambda p, x: x.select(p["dim"], p["index"]),
    "gather": lambda p, x, i: x.gather(p["dim"], i),
    "scatter_": _scatter_,
    "scatter_value": _scatter_value,
    "masked_select": lambda p, x, m: x.masked_select(m),
    "masked_fill_": _masked_fill_,
    "masked_fill": lambda p, x, m: x.masked_fill(m, p["value"]),
    # python indexing
    "idx_int_slice": lambda p, x: x[0, 1:],
    "idx_ellipsis_none": lambda p, x: x[..., None],
    "idx_none_front": lambda p, x: x[None],
    "idx_step": lambda p, x: x[::2],
    "idx_slice_step": lambda p, x: x[p["start"]:p["stop"]:p["step"]],
    "idx_neg": lambda p, x: x[-1],
    "idx_all_col": lambda p, x: x[:, p["col"]],
    "idx_mask": lambda p, x, m: x[m],
    "idx_long": lambda p, x, i: x[i],
    "idx_put_slice": _idx_put_slice,
    "idx_put_mask": _idx_put_mask,
    "idx_put_tensor": _idx_put_tensor,
    # linear algebra
    "mm": lambda p, a, b: a.mm(b),
    "mv": lambda p, a, v: a.mv(v),
    "matmul": lambda p, a, b: a.matmul(b),
    "bmm": lambda p, a, b: a.bmm(b),
    "dot": lambda p, a, b: a.dot(b),
    "outer": lambda p, a, b: a.outer(b),
    "addmm": lambda p, c, a, b: torch.addmm(c, a, b),
    "addmm_beta_alpha": lambda p, c, a, b: torch.addmm(c, a, b, beta=p["beta"], alpha=p["alpha"]),
    "inverse": lambda p, a: a.inverse(),
    "det": lambda p, a: a.det(),
    "linalg_inv": lambda p, a: torch.linalg.inv(a),
    "linalg_det": lambda p, a: torch.linalg.det(a),
    "linalg_solve": lambda p, a, b: torch.linalg.solve(a, b),
    "linalg_lstsq": _lstsq,
    "linalg_eigh": _eigh,
    "linalg_svd": _svd,
    "linalg_qr": _qr,
    "linalg_cholesky": _cholesky,
    # conversions
    "to_dtype": lambda p, x: x.to(DTYPES[p["dtype"]]),
    # autograd
    "grad_pow_sum": _grad_pow_sum,
    "grad_log_sum": _grad_unary_sum(lambda x: x.log()),
    "grad_tanh_sum": _grad_unary_sum(lambda x: x.tanh()),
    "grad_exp_sum": _grad_unary_sum(lambda x: x.exp()),
    "grad_sigmoid_sum": _grad_unary_sum(lambda x: x.sigmoid()),
    "grad_sin_sum": _grad_unary_sum(lambda x: x.sin()),
    "grad_mean_square": _grad_unary_sum(lambda x: x.mul(x).mean()),
    "grad_mm_sum": _grad_mm_sum,
    "grad_linear_mse": _grad_linear_mse,
    "grad_api": _grad_api,
    "grad_accumulate": _grad_accumulate,
    "grad_nonscalar": _grad_nonscalar,
    "grad_retain": _grad_retain,
    "grad_div_sqrt": _grad_div_sqrt,
    "grad_norm": _grad_norm,
    "grad_mean_dim": _grad_mean_dim,
    "grad_view_transpose": _grad_view_transpose,
    "grad_relu_clamp": _grad_relu_clamp,
    "grad_max_dim": _grad_max_dim,
}


class OpCases:
    def __init__(self):
        self.cases = []
        self.names = set()

    def add(self, name, op, inputs=(), tol=None, **params):
        """Runs OPS[op] on copies of the inputs and records inputs, params and outputs."""
        assert name not in self.names, name
        self.names.add(name)
        inputs = [t.detach().clone() for t in inputs]
        recorded = [fmt_tensor(t) for t in inputs]
        result = OPS[op](params, *[t.clone() for t in inputs])
        outs = list(result) if isinstance(result, (tuple, list)) else [result]
        out_lines = []
        for o in outs:
            if isinstance(o, bool):
                out_lines.append("pybool [] exact " + ("True" if o else "False"))
                continue
            if isinstance(o, int):
                out_lines.append("pyint [] exact " + str(o))
                continue
            if isinstance(o, float):
                rtol, atol = tol if tol is not None else TOLERANCE["float32"]
                out_lines.append("pyfloat [] rtol=%r,atol=%r %r" % (rtol, atol, o))
                continue
            assert isinstance(o, torch.Tensor), (name, type(o))
            o = o.detach()
            dname = DTYPE_NAMES[o.dtype]
            if o.dtype.is_floating_point:
                rtol, atol = tol if tol is not None else TOLERANCE[dname]
                tol_str = "rtol=%r,atol=%r" % (rtol, atol)
            else:
                tol_str = "exact"
            values = " ".join(fmt_value(v, dname) for v in flat_values(o))
            out_lines.append(" ".join(x for x in (dname, fmt_shape(o.shape), tol_str, values) if x))
        self.cases.append(
            {
                "name": name,
                "op": op,
                "params": " ".join("%s=%s" % (k, fmt_param(v)) for k, v in sorted(params.items())),
                "in": recorded,
                "out": out_lines,
            }
        )


F32 = torch.float32
F64 = torch.float64


def t32(*rows):
    return torch.tensor(rows if len(rows) != 1 else rows[0], dtype=F32)


def t64(*rows):
    return torch.tensor(rows if len(rows) != 1 else rows[0], dtype=F64)


def ops_creation(c):
    c.add("zeros_2x3", "zeros", shape=[2, 3])
    c.add("zeros_0x3", "zeros", shape=[0, 3])
    c.add("ones_int32", "ones", shape=[3], dtype="int32")
    c.add("ones_f64_2x2", "ones", shape=[2, 2], dtype="float64")
    c.add("full_1.5", "full", shape=[2, 2], value=1.5)
    c.add("eye_3", "eye", n=3)
    c.add("eye_2x4", "eye_nm", n=2, m=4)
    c.add("arange_5", "arange", end=5)
    c.add("arange_2_11_3", "arange_step", start=2, end=11, step=3)
    c.add("arange_float_0_1_0.1", "arange_float", start=0.0, end=1.0, step=0.1)
    c.add("linspace_0_1_5", "linspace", start=0.0, end=1.0, steps=5)
    c.add("linspace_-1_1_7", "linspace", start=-1.0, end=1.0, steps=7)
    c.add("zeros_like_i32", "zeros_like", [randint(0, 9, [2, 2], 100, torch.int32)])
    c.add("ones_like_f64", "ones_like", [randn([3], 101, F64)])
    c.add("full_like_f32", "full_like", [randn([2, 3], 102)], value=-2.5)


def ops_pointwise(c):
    x = randn([2, 3], 110, scale=2)
    pos = randn([2, 3], 111).abs() + 0.1
    c.add("abs", "abs", [torch.tensor([-1.5, 0.0, 2.0, -0.0])])
    c.add("abs_int", "abs", [torch.tensor([-3, 0, 7], dtype=torch.int32)])
    c.add("neg", "neg", [x])
    c.add("neg_int64", "neg", [torch.tensor([5, -9223372036854775807])])
    c.add("exp", "exp", [x])
    c.add("exp_f64", "exp", [randn([4], 112, F64, scale=3)])
    c.add("log", "log", [pos])
    c.add("log_special", "log", [torch.tensor([0.0, -1.0, 1.0, float("inf")])])
    c.add("log_int_promotes", "log", [torch.tensor([1, 2, 10])])
    c.add("sqrt", "sqrt", [pos])
    c.add("sqrt_negative_nan", "sqrt", [torch.tensor([4.0, -1.0, 0.0])])
    c.add("sin", "sin", [x])
    c.add("cos", "cos", [x])
    c.add("tan", "tan", [randn([5], 113)])
    c.add("tanh", "tanh", [x])
    c.add("sigmoid", "sigmoid", [x])
    c.add("sigmoid_f64", "sigmoid", [randn([5], 114, F64, scale=5)])
    c.add("relu", "relu", [x])
    c.add("relu_int", "relu", [torch.tensor([-2, 0, 3])])
    c.add("floor", "floor", [x])
    c.add("ceil", "ceil", [x])
    c.add("round_half_even", "round", [torch.tensor([0.5, 1.5, 2.5, -0.5, -2.5, 3.7, -3.2])])
    c.add("round_f64", "round", [randn([6], 115, F64, scale=10)])
    c.add("sign", "sign", [torch.tensor([-2.5, 0.0, 3.0, -0.0])])
    c.add("sign_int", "sign", [torch.tensor([-7, 0, 4])])
    c.add("reciprocal", "reciprocal", [torch.tensor([2.0, -4.0, 0.0, 0.1])])
    c.add("clamp", "clamp", [x], min=-1.0, max=0.5)
    c.add("clamp_min", "clamp_min", [x], min=0.25)
    c.add("clamp_max", "clamp_max", [x], max=-0.25)
    c.add("pow_int_2", "pow_int", [x], exponent=2)
    c.add("pow_int_on_int", "pow_int", [torch.tensor([2, -3, 4])], exponent=3)
    c.add("pow_float_0.5", "pow_float", [pos], exponent=0.5)
    c.add("pow_float_-1", "pow_float", [pos], exponent=-1.0)
    c.add("pow_float_on_int", "pow_float", [torch.tensor([1, 4, 9])], exponent=0.5)
    c.add("pow_tensor", "pow_tensor", [pos, randn([2, 3], 116)])


def ops_binary(c):
    a = randn([2, 3], 120)
    b = randn([2, 3], 121)
    row = randn([3], 122)
    col = randn([2, 1], 123)
    c.add("add", "add", [a, b])
    c.add("add_broadcast_row", "add", [a, row])
    c.add("add_broadcast_outer", "add", [col, row])
    c.add("add_alpha", "add_alpha", [a, b], alpha=-2.5)
    c.add("add_scalar", "add_scalar", [a], value=0.75)
    c.add("sub", "sub", [a, b])
    c.add("sub_broadcast", "sub", [a, col])
    c.add("sub_scalar", "sub_scalar", [a], value=1.25)
    c.add("mul", "mul", [a, b])
    c.add("mul_broadcast", "mul", [a, row])
    c.add("mul_scalar", "mul_scalar", [a], value=-3.0)
    c.add("div", "div", [a, b.abs() + 0.5])
    c.add("div_by_zero", "div", [torch.tensor([1.0, -1.0, 0.0]), torch.zeros(3)])
    c.add("div_scalar", "div_scalar", [a], value=4.0)
    c.add("maximum", "maximum", [a, b])
    c.add("minimum_broadcast", "minimum", [a, row])
    c.add("inplace_chain", "inplace_chain", [a])
    c.add("copy_broadcast", "copy_", [torch.zeros(2, 3), row])
    c.add("copy_convert_int_to_float", "copy_", [torch.zeros(3), torch.tensor([1, 2, 3])])


def ops_promotion(c):
    i32 = torch.tensor([1, 2, 3], dtype=torch.int32)
    i64 = torch.tensor([4, 5, -6])
    c.add("promote_int32_plus_float32", "add", [i32, torch.tensor([0.5, 0.25, -1.0])])
    c.add("promote_int64_times_2.5", "mul_scalar", [i64], value=2.5)
    c.add("promote_int64_times_int", "mul_int", [i64], value=2)
    c.add("promote_int32_plus_int", "add_int", [i32], value=7)
    c.add("promote_int32_plus_float", "add_scalar", [i32], value=0.5)
    c.add("add_int_exact_beyond_2_53", "add_int", [torch.tensor([1, -1])], value=2 ** 60 + 1)
    c.add("promote_int64_div_scalar", "div_scalar", [i64], value=4.0)
    c.add("promote_uint8_plus_int8", "add", [torch.tensor([200, 1, 255], dtype=torch.uint8),
                                            torch.tensor([-100, -2, 1], dtype=torch.int8)])
    c.add("promote_uint8_wraps", "add", [torch.tensor([200, 100], dtype=torch.uint8),
                                        torch.tensor([100, 100], dtype=torch.uint8)])
    c.add("promote_bool_plus_bool", "add", [torch.tensor([True, False, False]), torch.tensor([True, True, False])])
    c.add("promote_int_div_int_true_division", "div", [torch.tensor([7, -7, 1]), torch.tensor([2, 2, 3])])
    c.add("promote_int32_div_int32", "div", [i32, torch.tensor([2, 4, 8], dtype=torch.int32)])
    c.add("promote_float32_plus_float64", "add", [torch.tensor([1.5, 2.5]), torch.tensor([0.1, 0.2], dtype=F64)])
    c.add("promote_int32_plus_int64", "add", [i32, i64])
    c.add("promote_int16_times_int8", "mul", [torch.tensor([300, -2], dtype=torch.int16),
                                             torch.tensor([3, 100], dtype=torch.int8)])
    c.add("promote_float16_plus_float32", "add", [torch.tensor([1.5, -2.0], dtype=torch.float16), torch.tensor([0.25, 0.5])])
    c.add("promote_bfloat16_times_float16", "mul", [torch.tensor([1.5, 3.0], dtype=torch.bfloat16),
                                                   torch.tensor([2.0, 0.5], dtype=torch.float16)])
    c.add("promote_float16_times_scalar", "mul_scalar", [torch.tensor([1.5, -2.0, 0.125], dtype=torch.float16)], value=3.0)
    c.add("promote_int32_plus_f64_0d", "add", [i32, torch.tensor(2.5, dtype=F64)])
    c.add("promote_f32_plus_f64_0d", "add", [torch.tensor([1.0, 2.0]), torch.tensor(0.5, dtype=F64)])
    c.add("promote_bool_times_int", "mul_int", [torch.tensor([True, False])], value=3)
    c.add("promote_sum_int32_is_int64", "sum", [i32])
    c.add("promote_sum_bool_is_int64", "sum", [torch.tensor([True, True, False])])
    c.add("promote_cumsum_uint8_is_int64", "cumsum", [torch.tensor([200, 100, 50], dtype=torch.uint8)], dim=0)
    c.add("to_int32_truncates", "to_dtype", [torch.tensor([1.7, -1.7, 2.5])], dtype="int32")
    c.add("to_float16_rounds", "to_dtype", [torch.tensor([0.1, 1000.3, 65504.0], dtype=F64)], dtype="float16")
    c.add("to_bool", "to_dtype", [torch.tensor([0.0, -0.5, 2.0])], dtype="bool")


def ops_comparison(c):
    a = torch.tensor([[1.0, 2.0, 3.0], [4.0, float("nan"), 6.0]])
    b = torch.tensor([[1.0, 5.0, 2.0], [4.0, float("nan"), 7.0]])
    for op in ("eq", "ne", "lt", "le", "gt", "ge"):
        c.add(op, op, [a, b])
        c.add(op + "_scalar", op + "_scalar", [a], value=3.0)
    c.add("lt_int_vs_float_scalar", "lt_scalar", [torch.tensor([1, 2, 3])], value=2.5)
    c.add("eq_broadcast_int", "eq", [torch.tensor([[1, 2], [3, 4]]), torch.tensor([1, 4])])
    cond = torch.tensor([[True, False, True], [False, False, True]])
    c.add("where", "where", [cond, a, b])
    c.add("where_broadcast", "where", [torch.tensor([True, False, True]), randn([2, 3], 130), torch.zeros(1)])
    c.add("where_method", "where_method", [a, cond, torch.full((2, 3), -1.0)])
    p = torch.tensor([True, True, False, False])
    q = torch.tensor([True, False, True, False])
    c.add("logical_and", "logical_and", [p, q])
    c.add("logical_or", "logical_or", [p, q])
    c.add("logical_xor", "logical_xor", [p, q])
    c.add("logical_not", "logical_not", [p])
    c.add("logical_and_float", "logical_and", [torch.tensor([0.0, 1.5, -2.0]), torch.tensor([3.0, 0.0, 1.0])])
    c.add("logical_not_int", "logical_not", [torch.tensor([0, 3, -1])])
    c.add("isnan", "isnan", [a])


def ops_reductions(c):
    x = randn([3, 4], 140)
    x64 = randn([3, 4], 141, F64)
    x3 = randn([2, 3, 4], 142)
    c.add("sum", "sum", [x])
    c.add("sum_dim0", "sum_dim", [x], dim=0, keepdim=False)
    c.add("sum_dim1_keepdim", "sum_dim", [x], dim=1, keepdim=True)
    c.add("sum_dim_neg", "sum_dim", [x3], dim=-1, keepdim=False)
    c.add("sum_dims_0_2", "sum_dims", [x3], dims=[0, 2], keepdim=False)
    c.add("sum_int_dim", "sum_dim", [torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)], dim=1, keepdim=False)
    c.add("mean", "mean", [x])
    c.add("mean_f64", "mean", [x64])
    c.add("mean_dim1", "mean_dim", [x], dim=1, keepdim=False)
    c.add("mean_dim0_keepdim", "mean_dim", [x], dim=0, keepdim=True)
    c.add("mean_dims_1_2_keepdim", "mean_dims", [x3], dims=[1, 2], keepdim=True)
    c.add("std_unbiased_default", "std", [x])
    c.add("std_f64", "std", [x64])
    c.add("std_biased", "std_unbiased", [x], unbiased=False)
    c.add("std_dim1", "std_dim", [x], dim=1)
    c.add("std_dims_keepdim", "std_dims", [x3], dims=[0, 2], unbiased=True, keepdim=True)
    c.add("var_unbiased_default", "var", [x])
    c.add("var_biased", "var_unbiased", [x64], unbiased=False)
    c.add("var_dim0", "var_dim", [x], dim=0)
    c.add("var_dims_biased", "var_dims", [x3], dims=[1], unbiased=False, keepdim=False)
    c.add("norm_2", "norm", [x])
    c.add("norm_p1", "norm_p", [x], p=1.0)
    c.add("norm_p3", "norm_p", [x64], p=3.0)
    c.add("norm_p2_dim1", "norm_dims", [x], p=2.0, dims=[1], keepdim=False)
    c.add("norm_p1_dim0_keepdim", "norm_dims", [x], p=1.0, dims=[0], keepdim=True)
    c.add("sum_empty", "sum", [torch.zeros(0)])
    c.add("sum_empty_dim", "sum_dim", [torch.zeros(2, 0)], dim=1, keepdim=False)
    c.add("prod", "prod", [randn([5], 143) + 1])
    c.add("prod_int", "prod", [torch.tensor([2, -3, 4, 5])])
    c.add("prod_dim1", "prod_dim", [x], dim=1)
    c.add("cumsum_dim1", "cumsum", [x], dim=1)
    c.add("cumsum_int", "cumsum", [torch.tensor([1, 2, 3, 4])], dim=0)
    c.add("max", "max", [x])
    c.add("min", "min", [x])
    c.add("max_int", "max", [torch.tensor([3, -9, 12, 5], dtype=torch.int16)])
    c.add("max_dim1", "max_dim", [x], dim=1, keepdim=False)
    c.add("max_dim0_keepdim", "max_dim", [x], dim=0, keepdim=True)
    c.add("min_dim1", "min_dim", [x], dim=1, keepdim=False)
    c.add("min_dim_int", "min_dim", [torch.tensor([[5, 2, 8], [1, 9, 3]])], dim=1, keepdim=False)
    c.add("argmax", "argmax", [x])
    c.add("argmax_dim1", "argmax_dim", [x], dim=1, keepdim=False)
    c.add("argmax_dim0_keepdim", "argmax_dim", [x], dim=0, keepdim=True)
    c.add("argmin", "argmin", [x])
    c.add("argmin_dim1", "argmin_dim", [x], dim=1)
    y = randn([3, 4], 144)
    c.add("dist", "dist", [x, y])
    c.add("dist_p1", "dist_p", [x, y], p=1.0)
    c.add("dist_broadcast", "dist", [x, y[0]])
    c.add("allclose_true", "allclose", [x, x + 1e-7])
    c.add("allclose_false", "allclose", [x, x + 1e-3])
    c.add("allclose_tol_true", "allclose_tol", [x, x + 1e-3], rtol=0.0, atol=2e-3)
    c.add("equal_true", "equal", [x, x.clone()])
    c.add("equal_false_value", "equal", [x, x + 1])
    c.add("equal_false_shape", "equal", [x, x.reshape(4, 3)])
    c.add("sum_item_float", "sum_item", [x])
    c.add("sum_item_f64", "sum_item", [x64], tol=TOLERANCE["float64"])
    c.add("sum_item_int", "sum_item", [torch.tensor([2 ** 40, 3, -5], dtype=torch.int64)])
    c.add("sum_item_bool_counts", "sum_item", [torch.tensor([True, False, True])])
    c.add("any", "any", [torch.tensor([False, True, False])])
    c.add("any_false", "any", [torch.tensor([0, 0])])
    c.add("all", "all", [torch.tensor([True, True, False])])
    c.add("all_float", "all", [torch.tensor([1.0, -2.0])])


def ops_views(c):
    x = randn([2, 3, 4], 150, decimals=3)
    m = randn([3, 4], 151, decimals=3)
    c.add("view_6x4", "view", [x], shape=[6, 4])
    c.add("view_infer", "view", [x], shape=[-1, 2])
    c.add("reshape_of_transposed", "reshape", [m.t()], shape=[2, 6])
    c.add("reshape_4x_1", "reshape", [x], shape=[4, -1])
    c.add("narrow", "narrow", [m], dim=1, start=1, length=2)
    c.add("t", "t", [m])
    c.add("t_1d", "t", [torch.tensor([1.0, 2.0])])
    c.add("transpose_0_2", "transpose", [x], dim0=0, dim1=2)
    c.add("transpose_contiguous", "transpose_contiguous", [m])
    c.add("permute_2_0_1", "permute", [x], dims=[2, 0, 1])
    c.add("expand", "expand", [torch.tensor([[1.0], [2.0], [3.0]])], sizes=[3, 4])
    c.add("expand_new_dim", "expand", [torch.tensor([1, 2])], sizes=[2, 3, -1])
    c.add("squeeze", "squeeze", [torch.zeros(1, 3, 1, 2) + 1.5])
    c.add("squeeze_dim", "squeeze_dim", [torch.arange(3.0).view(1, 3, 1)], dim=2)
    c.add("squeeze_dim_noop", "squeeze_dim", [torch.arange(3.0).view(1, 3, 1)], dim=1)
    c.add("unsqueeze_0", "unsqueeze", [m], dim=0)
    c.add("unsqueeze_neg", "unsqueeze", [m], dim=-1)
    c.add("flatten", "flatten", [x])
    c.add("flatten_range", "flatten_range", [x], start=1, end=2)
    c.add("chunk_3_dim1", "chunk", [m], chunks=3, dim=1)
    c.add("chunk_uneven", "chunk", [torch.arange(5)], chunks=2, dim=0)
    c.add("split_2_dim1", "split", [m], size=3, dim=1)
    c.add("split_sizes", "split_sizes", [torch.arange(10.0)], sizes=[2, 3, 5], dim=0)
    c.add("cat_dim0", "cat", [m, randn([1, 4], 152)], dim=0)
    c.add("cat_dim1_three", "cat", [m, m.neg(), randn([3, 1], 153)], dim=1)
    c.add("cat_promotes", "cat", [torch.tensor([1, 2]), torch.tensor([0.5])], dim=0)
    c.add("stack_dim0", "stack", [m, m.mul(2)], dim=0)
    c.add("stack_dim2", "stack", [m, m.mul(2), m.mul(3)], dim=2)
    c.add("index_select_dim0", "index_select", [m, torch.tensor([2, 0, 2])], dim=0)
    c.add("index_select_dim1", "index_select", [m, torch.tensor([3, 1])], dim=1)
    c.add("select_dim1", "select", [x], dim=1, index=2)
    c.add("select_neg", "select", [m], dim=0, index=-1)
    c.add("gather_dim1", "gather", [m, torch.tensor([[0, 0], [3, 1], [2, 2]])], dim=1)
    c.add("gather_dim0", "gather", [m, torch.tensor([[2, 1, 0, 0]])], dim=0)
    c.add("scatter_src_dim0", "scatter_", [torch.zeros(3, 5), torch.tensor([[0, 1, 2, 0, 0], [2, 0, 0, 1, 2]]),
                                           torch.arange(1.0, 11.0).view(2, 5)], dim=0)
    c.add("scatter_value_dim1", "scatter_value", [torch.zeros(2, 4), torch.tensor([[1, 3], [0, 2]])], dim=1, value=1.25)
    mask = m.gt(0)
    c.add("masked_select", "masked_select", [m, mask])
    c.add("masked_select_broadcast", "masked_select", [m, torch.tensor([True, False, False, True])])
    c.add("masked_select_none", "masked_select", [m, torch.zeros(3, 4, dtype=torch.bool)])
    c.add("cat_with_empty", "cat", [torch.zeros(0, 4), m], dim=0)
    c.add("masked_fill_", "masked_fill_", [m, mask], value=-9.5)
    c.add("masked_fill_int", "masked_fill", [torch.tensor([1, 2, 3]), torch.tensor([False, True, False])], value=7.0)


def ops_indexing(c):
    m = randn([3, 4], 160, decimals=3)
    x = randn([2, 3, 2], 161, decimals=3)
    c.add("idx_0_1colon", "idx_int_slice", [m])
    c.add("idx_ellipsis_none", "idx_ellipsis_none", [x])
    c.add("idx_none_front", "idx_none_front", [m])
    c.add("idx_step2", "idx_step", [torch.arange(7.0)])
    c.add("idx_step2_rows", "idx_step", [m])
    c.add("idx_1_6_2", "idx_slice_step", [torch.arange(10)], start=1, stop=6, step=2)
    c.add("idx_neg", "idx_neg", [m])
    c.add("idx_all_col", "idx_all_col", [m], col=2)
    c.add("idx_mask", "idx_mask", [m, m.lt(0)])
    c.add("idx_mask_rows", "idx_mask", [m, torch.tensor([True, False, True])])
    c.add("idx_long", "idx_long", [m, torch.tensor([2, 0, 2, 1])])
    c.add("idx_put_slice", "idx_put_slice", [m], value=5.0)
    c.add("idx_put_mask", "idx_put_mask", [m, m.gt(0.5)], value=0.0)
    c.add("idx_put_tensor", "idx_put_tensor", [m, torch.tensor([10.0, 20.0, 30.0])])
    c.add("idx_put_slice_int", "idx_put_slice", [torch.arange(6).view(2, 3)], value=-1.0)


def spd(n, seed, dtype=F64):
    a = randn([n, n], seed, F64)
    return (a.mm(a.t()) + n * torch.eye(n, dtype=F64)).to(dtype)


def ops_linalg(c):
    a = randn([3, 4], 170)
    b = randn([4, 2], 171)
    sq = randn([3, 3], 172, F64) + 3 * torch.eye(3, dtype=F64)
    c.add("mm", "mm", [a, b])
    c.add("mm_f64", "mm", [randn([2, 3], 173, F64), randn([3, 2], 174, F64)])
    c.add("mm_int", "mm", [torch.tensor([[1, 2], [3, 4]]), torch.tensor([[5, -6], [7, 8]])])
    c.add("mv", "mv", [a, randn([4], 175)])
    c.add("matmul_2d", "matmul", [a, b])
    c.add("matmul_1d_2d", "matmul", [randn([3], 176), a])
    c.add("matmul_2d_1d", "matmul", [a, randn([4], 177)])
    c.add("matmul_1d_1d", "matmul", [randn([4], 178), randn([4], 179)])
    c.add("matmul_batched_broadcast", "matmul", [randn([2, 3, 4], 180), b])
    c.add("bmm", "bmm", [randn([2, 3, 4], 181), randn([2, 4, 2], 182)])
    c.add("dot", "dot", [randn([5], 183), randn([5], 184)])
    c.add("dot_int", "dot", [torch.tensor([1, 2, 3]), torch.tensor([4, -5, 6])])
    c.add("outer", "outer", [randn([3], 185), randn([2], 186)])
    c.add("addmm", "addmm", [randn([3, 2], 187), a, b])
    c.add("addmm_broadcast_bias", "addmm", [randn([2], 188), a, b])
    c.add("addmm_beta_alpha", "addmm_beta_alpha", [randn([3, 2], 189), a, b], beta=0.5, alpha=-2.0)
    c.add("inverse", "inverse", [sq])
    c.add("inverse_f32", "inverse", [sq.float()], tol=(1e-4, 1e-5))
    c.add("det", "det", [sq])
    c.add("det_f32", "det", [sq.float()], tol=(1e-4, 1e-5))
    c.add("det_batched", "det", [randn([2, 2, 2], 190, F64)])
    c.add("linalg_inv", "linalg_inv", [spd(4, 191)])
    c.add("linalg_det", "linalg_det", [spd(4, 192)])
    c.add("linalg_solve", "linalg_solve", [sq, randn([3, 2], 193, F64)])
    c.add("linalg_solve_f32", "linalg_solve", [sq.float(), randn([3, 1], 194)], tol=(1e-4, 1e-5))
    c.add("linalg_lstsq_tall", "linalg_lstsq", [randn([6, 3], 195, F64), randn([6, 2], 196, F64)])
    c.add("linalg_eigh", "linalg_eigh", [spd(4, 197)])
    c.add("linalg_eigh_f32", "linalg_eigh", [spd(3, 198, F32)], tol=(1e-4, 1e-4))
    c.add("linalg_svd", "linalg_svd", [randn([4, 3], 199, F64)])
    c.add("linalg_svd_wide", "linalg_svd", [randn([2, 5], 200, F64)])
    c.add("linalg_qr", "linalg_qr", [randn([4, 3], 201, F64)])
    c.add("linalg_cholesky", "linalg_cholesky", [spd(4, 202)])
    c.add("linalg_cholesky_f32", "linalg_cholesky", [spd(3, 203, F32)], tol=(1e-4, 1e-5))


def ops_autograd(c):
    x = randn([2, 3], 210)
    pos = randn([4], 211).abs() + 0.5
    c.add("grad_pow3_sum", "grad_pow_sum", [x], exponent=3.0)
    c.add("grad_pow2_sum_f64", "grad_pow_sum", [randn([4], 212, F64)], exponent=2.0)
    c.add("grad_log_sum", "grad_log_sum", [pos])
    c.add("grad_tanh_sum", "grad_tanh_sum", [x])
    c.add("grad_exp_sum", "grad_exp_sum", [x])
    c.add("grad_sigmoid_sum", "grad_sigmoid_sum", [x])
    c.add("grad_sin_sum_f64", "grad_sin_sum", [randn([5], 213, F64)])
    c.add("grad_mean_square", "grad_mean_square", [x])
    c.add("grad_mm_sum", "grad_mm_sum", [randn([2, 3], 214), randn([3, 4], 215)])
    c.add("grad_linear_mse", "grad_linear_mse", [randn([5, 3], 216), randn([3, 2], 217), randn([2], 218),
                                                 randn([5, 2], 219)])
    c.add("grad_autograd_grad", "grad_api", [torch.tensor([1.0, 2.0, 4.0]), torch.tensor([10.0, 20.0])])
    c.add("grad_accumulate", "grad_accumulate", [x])
    c.add("grad_nonscalar_backward", "grad_nonscalar", [x, randn([2, 3], 220)])
    c.add("grad_retain_intermediate", "grad_retain", [x])
    c.add("grad_div_sqrt", "grad_div_sqrt", [x, pos[:3].reshape(3)])
    c.add("grad_norm", "grad_norm", [randn([4], 221, F64)])
    c.add("grad_mean_dim", "grad_mean_dim", [x])
    c.add("grad_view_transpose", "grad_view_transpose", [x])
    c.add("grad_relu_clamp", "grad_relu_clamp", [torch.tensor([-1.0, -0.25, 0.3, 0.75, 2.0])])
    c.add("grad_max_dim", "grad_max_dim", [x])


def ops_cases():
    c = OpCases()
    ops_creation(c)
    ops_pointwise(c)
    ops_binary(c)
    ops_promotion(c)
    ops_comparison(c)
    ops_reductions(c)
    ops_views(c)
    ops_indexing(c)
    ops_linalg(c)
    ops_autograd(c)
    return c.cases


def write_ops(path):
    cases = ops_cases()
    lines = [
        "# Generated by java-api/src/test/python/gen_fixtures.py with torch " + torch.__version__ + "; do not edit.",
        "# Each case: run op (see OPS in the generator) with params on the inputs, compare outputs.",
    ]
    for c in cases:
        lines.append("name: " + c["name"])
        lines.append("op: " + c["op"])
        lines.append("params: " + c["params"] if c["params"] else "params:")
        for t in c["in"]:
            lines.append("in: " + t)
        for o in c["out"]:
            lines.append("out: " + o)
        lines.append("---")
    write(path, lines)
    return len(cases), len({c["op"] for c in cases})


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    n_print = write_printing(os.path.join(OUT_DIR, "printing.txt"))
    n_ops, n_distinct = write_ops(os.path.join(OUT_DIR, "ops.txt"))
    print("printing.txt: %d cases; ops.txt: %d cases, %d distinct ops" % (n_print, n_ops, n_distinct))


if __name__ == "__main__":
    main()
