#!/usr/bin/python3
"""Writes the torch.save fixture files that SerializationFixtureTest loads from Java.

Run from anywhere with Debian's interpreter (torch 1.13, no network needed):

    /usr/bin/python3 java-api/src/test/python/gen_serialization.py

It rewrites java-api/src/test/resources/fixtures/serialization/:

    model_state.pt   state_dict() of a Conv2d + BatchNorm2d + Linear model after two training-mode
                     forward passes: an OrderedDict with _metadata, parameters, buffers and an int64
                     num_batches_tracked
    dtypes.pt        a dict with a tensor of every dtype (extremes, nan, inf, -0.0, subnormals), views
                     that share one storage (transposed, sliced, strided, offset, expanded), a 0-d, an
                     empty tensor and a slice whose storage is much larger than the slice
    parameters.pt    {'w': linear.weight, ...}: nn.Parameter objects (requires_grad True and False)
                     next to a plain tensor that requires grad
    optimizer.pt     an Adam optimizer's state_dict(): int keys, tuples, floats, bools, None, lists
    protocol1.pt     containers, bytes, sets, tuples of every length, ints up to 2**70, floats, a bare
    protocol5.pt     storage and unicode text, pickled with protocol 1 (text opcodes such as I01 and
                     LONG) and protocol 5 (FRAME, STACK_GLOBAL, MEMOIZE, BINBYTES, EMPTY_SET, ...)
    legacy.pt        the legacy (non-zip) format, _use_new_zipfile_serialization=False: a nested
                     OrderedDict state dict, views sharing a storage and several dtypes. Its storage keys
                     are memory addresses, so this file (and the next) differs from run to run.
    legacy_protocol1.pt  protocol1.pt's value in the legacy format with pickle protocol 1 (the file
                     starts with a text LONG magic number instead of a PROTO opcode)
    expected.txt     what torch.load gives for each file, read by org.torch4j.Fixtures (format below)

expected.txt: one case per file, `name: <file>`, then lines describing every object reachable from the
loaded value, by path. A path starts with / (the root); its segments, separated by /, are dict keys
(a string key as is, an int key as #<int>), list or tuple indices, or @<name> for an attribute of an
OrderedDict (@_metadata). Lines:

    container: <path> <dict|OrderedDict|list|tuple|set> <len>   (set elements in sorted order)
    tensor: <path> <dtype> <shape> <stride> <storage_offset> <requires_grad> <values...>
    value: <path> <int|float|bool|str|none|bytes> <value>       (bytes in hex, - when empty)
    share: <path> <path>...    tensors whose storage is the same (one line per storage shared by
                               two or more tensors; tensors with an empty storage are left out)
    linear: <path-prefix> <in values> -> <out values>   the nn.Linear under that prefix applied to
                               a 1 x in input (compared with a tolerance: matmul order may differ)

A storage saved on its own is described as the 1-d tensor of its elements, which is how torch4j loads it.
Tensor values are in row-major order as in gen_fixtures.py: floats as repr of the float64 value (nan,
inf, -inf), integers in decimal, bools True/False; shapes and strides as [2,3] ([] for 0-d).
"""

import collections
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures", "serialization"))

DTYPE_NAMES = {
    torch.float16: "float16",
    torch.bfloat16: "bfloat16",
    torch.float32: "float32",
    torch.float64: "float64",
    torch.uint8: "uint8",
    torch.int8: "int8",
    torch.int16: "int16",
    torch.int32: "int32",
    torch.int64: "int64",
    torch.bool: "bool",
}


def fmt_list(xs):
    return "[" + ",".join(str(int(x)) for x in xs) + "]"


def fmt_value(v, dtype):
    if dtype == torch.bool:
        return "True" if v else "False"
    if dtype.is_floating_point:
        return repr(float(v))
    return str(int(v))


def fmt_values(t):
    flat = t.detach().reshape(-1)
    if t.dtype in (torch.float16, torch.bfloat16):
        flat = flat.double()
    return [fmt_value(v, t.dtype) for v in flat.tolist()]


# ---------------------------------------------------------------- the files

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn = nn.BatchNorm2d(2)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).flatten(1))


def trained_model():
    torch.manual_seed(0)
    model = Net()
    model.train()
    for _ in range(2):
        model(torch.randn(4, 1, 4, 4))
    return model


def dtype_tensors():
    f = float("inf")
    d = collections.OrderedDict()
    d["float32"] = torch.tensor([[0.5, -1.25, 3.4028234663852886e38, 1e-45],
                                 [float("nan"), f, -f, -0.0]], dtype=torch.float32)
    d["float64"] = torch.tensor([0.1, -1e308, 5e-324, float("nan"), -f, -0.0, 2.0 ** 60], dtype=torch.float64)
    d["float16"] = torch.tensor([0.5, -2.0, 65504.0, 6e-8, float("nan"), f, -0.0], dtype=torch.float16)
    d["bfloat16"] = torch.tensor([0.5, -2.0, 3.0e38, 1e-40, float("nan"), -f, 1.0078125], dtype=torch.bfloat16)
    d["uint8"] = torch.tensor([[0, 1, 127], [128, 254, 255]], dtype=torch.uint8)
    d["int8"] = torch.tensor([-128, -1, 0, 1, 127], dtype=torch.int8)
    d["int16"] = torch.tensor([-32768, -300, 0, 300, 32767], dtype=torch.int16)
    d["int32"] = torch.tensor([-2 ** 31, -70000, 0, 70000, 2 ** 31 - 1], dtype=torch.int32)
    d["int64"] = torch.tensor([-2 ** 63, -2 ** 40, -1, 0, 2 ** 40, 2 ** 63 - 1], dtype=torch.int64)
    d["bool"] = torch.tensor([[True, False], [False, True]], dtype=torch.bool)

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    d["view_base"] = base
    d["view_t"] = base.t()
    d["view_slice"] = base[1:3, 2:5]
    d["view_col"] = base[:, 3]
    d["view_step"] = base[::2, ::3]
    d["view_flat_offset"] = base.view(-1)[5:17]
    longs = torch.arange(10, dtype=torch.int64) * 1000 - 4000
    d["long_base"] = longs
    d["long_odd"] = longs[1::2]
    d["expanded"] = torch.tensor([1.5, -2.5]).expand(3, 2)
    d["scalar"] = torch.tensor(3.5, dtype=torch.float64)
    d["empty"] = torch.zeros(0, 3)
    d["small_slice_of_big_storage"] = torch.arange(100, dtype=torch.int16)[90:93]
    return dict(d)


def parameters():
    torch.manual_seed(1)
    lin = nn.Linear(3, 2)
    frozen = nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False)
    return {"w": lin.weight, "b": lin.bias, "frozen": frozen,
            "grad_tensor": torch.tensor([1.0, 2.0], requires_grad=True), "plain": torch.tensor([7, 8])}


def optimizer_state():
    torch.manual_seed(2)
    lin = nn.Linear(3, 2)
    opt = torch.optim.Adam(lin.parameters(), lr=1e-3)
    for _ in range(2):
        opt.zero_grad()
        lin(torch.randn(4, 3)).pow(2).sum().backward()
        opt.step()
    return opt.state_dict()


def protocols_value():
    base = torch.arange(6, dtype=torch.int32).reshape(2, 3)
    return {
        "base": base,
        "row": base[1],
        "storage": base.storage(),
        "bytes": b"\x00\xc8A",
        "no_bytes": b"",
        "set": {3, 1, 2},
        "frozenset": frozenset({5}),
        "tuples": [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)],
        "ints": [0, 255, 256, 65535, 65536, -1, -2 ** 31, 2 ** 31, -2 ** 63, 2 ** 63 - 1, 2 ** 70, -2 ** 70],
        "floats": [0.1, -0.0, float("inf"), 1e300],
        "flags": [True, False, None],
        "text": "\u00fcn\u00efc\u00f6d\u00e9\u2713",
        7: "int-key",
    }


def legacy_value(model):
    base = torch.arange(12, dtype=torch.float64).reshape(3, 4)
    return {
        "state": model.state_dict(),
        "view_base": base,
        "view_t": base.t(),
        "view_row": base[1],
        "half": torch.tensor([1.5, -0.25], dtype=torch.float16),
        "flags": torch.tensor([True, False, True]),
        "bytes_u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "step": 7,
        "name": "legacy",
    }


# ---------------------------------------------------------------- expectations

def key_segment(k):
    if isinstance(k, bool) or not isinstance(k, (str, int)):
        raise TypeError("unsupported key %r" % (k,))
    return "#%d" % k if isinstance(k, int) else k


def describe(obj, path, lines, tensors):
    if isinstance(obj, torch.storage.TypedStorage):
        # a storage saved on its own: torch4j loads it as a 1-d tensor of its elements
        obj = torch.empty(0, dtype=obj.dtype).set_(obj)
    if isinstance(obj, torch.Tensor):
        t = obj
        lines.append("tensor: %s %s %s %s %d %s %s" % (
            path or "/", DTYPE_NAMES[t.dtype], fmt_list(t.shape), fmt_list(t.stride()), t.storage_offset(),
            t.requires_grad, " ".join(fmt_values(t))))
        tensors.append((path or "/", t))
        return
    prefix = path + "/"
    if isinstance(obj, dict):
        kind = "OrderedDict" if isinstance(obj, collections.OrderedDict) else "dict"
        lines.append("container: %s %s %d" % (path or "/", kind, len(obj)))
        for k, v in obj.items():
            describe(v, prefix + key_segment(k), lines, tensors)
        meta = getattr(obj, "_metadata", None)
        if meta is not None:
            describe(meta, prefix + "@_metadata", lines, tensors)
        return
    if isinstance(obj, (list, tuple)):
        lines.append("container: %s %s %d" % (path or "/", "tuple" if isinstance(obj, tuple) else "list", len(obj)))
        for i, v in enumerate(obj):
            describe(v, prefix + str(i), lines, tensors)
        return
    if isinstance(obj, (set, frozenset)):
        lines.append("container: %s set %d" % (path or "/", len(obj)))
        for i, v in enumerate(sorted(obj)):
            describe(v, prefix + str(i), lines, tensors)
        return
    if isinstance(obj, bytes):
        lines.append("value: %s bytes %s" % (path, obj.hex() or "-"))
    elif obj is None:
        lines.append("value: %s none None" % path)
    elif isinstance(obj, bool):
        lines.append("value: %s bool %s" % (path, obj))
    elif isinstance(obj, int):
        lines.append("value: %s int %d" % (path, obj))
    elif isinstance(obj, float):
        lines.append("value: %s float %r" % (path, obj))
    elif isinstance(obj, str):
        if " " in obj or not obj:
            raise ValueError("strings in fixtures must be one word: %r" % obj)
        lines.append("value: %s str %s" % (path, obj))
    else:
        raise TypeError("cannot describe %r at %s" % (type(obj), path))


def describe_file(name, loaded, linears=()):
    lines = ["name: " + name]
    tensors = []
    describe(loaded, "", lines, tensors)
    groups = collections.OrderedDict()
    for path, t in tensors:
        storage = t.storage()
        if storage.nbytes() == 0:
            continue
        groups.setdefault(storage.data_ptr(), []).append(path)
    for paths in groups.values():
        if len(paths) > 1:
            lines.append("share: " + " ".join(paths))
    for prefix, lin in linears:
        x = torch.arange(lin.in_features, dtype=torch.float32).reshape(1, -1) / 8 - 0.25
        with torch.no_grad():
            y = lin(x)
        lines.append("linear: %s %s -> %s" % (prefix, " ".join(fmt_values(x)), " ".join(fmt_values(y))))
    lines.append("---")
    return lines


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    out = [
        "# Generated by java-api/src/test/python/gen_serialization.py with torch " + torch.__version__ + ";",
        "# do not edit. The format is described in that script.",
    ]

    model = trained_model()
    files = [
        ("model_state.pt", model.state_dict(), {}, [("/fc.", model.fc)]),
        ("dtypes.pt", dtype_tensors(), {}, []),
        ("parameters.pt", parameters(), {}, []),
        ("optimizer.pt", optimizer_state(), {}, []),
        ("legacy.pt", legacy_value(model), {"_use_new_zipfile_serialization": False}, []),
        ("protocol1.pt", protocols_value(), {"pickle_protocol": 1}, []),
        ("protocol5.pt", protocols_value(), {"pickle_protocol": 5}, []),
        ("legacy_protocol1.pt", protocols_value(), {"_use_new_zipfile_serialization": False, "pickle_protocol": 1}, []),
    ]
    for name, value, kwargs, linears in files:
        path = os.path.join(OUT_DIR, name)
        torch.save(value, path, **kwargs)
        loaded = torch.load(path)
        out.extend(describe_file(name, loaded, linears))

    with open(os.path.join(OUT_DIR, "expected.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", len(files), "files and expected.txt to", OUT_DIR)


if __name__ == "__main__":
    main()
