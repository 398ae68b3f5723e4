#!/usr/bin/python3
"""Checks a file that torch4j wrote, from Python: SerializationPythonTest runs

    /usr/bin/python3 check_serialization.py FILE.pt EXPECTED.txt

EXPECTED.txt holds what Java saved, described in gen_serialization.py's format (container:, tensor:,
value:, share: lines). This script torch.load()s FILE.pt, describes what it got the same way and compares
the two exactly (floats as the same float64, whichever way each side spelled them). It also runs the
lines

    loadinto: <path> Linear <in> <out> <input values> -> <output values>

by loading the state dict at <path> into a fresh nn.Linear(in, out) with load_state_dict(strict=True) and
comparing its output for the 1 x in input with Java's (tolerance 1e-6: matmul order may differ).

Prints OK and exits 0, or prints the differences and exits 1.
"""

import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_serialization  # noqa: E402

FLOAT_DTYPES = {"float16", "bfloat16", "float32", "float64"}


def canonical(tok):
    return repr(float(tok))


def normalize(lines):
    out = []
    for line in lines:
        tok = line.strip().split(" ")
        kind = tok[0]
        if kind == "tensor:":
            if tok[2] in FLOAT_DTYPES:
                tok = tok[:7] + [canonical(t) for t in tok[7:]]
            out.append(" ".join(tok))
        elif kind == "value:":
            if tok[2] == "float":
                tok[3] = canonical(tok[3])
            out.append(" ".join(tok))
        elif kind in ("container:", "share:"):
            out.append(" ".join(tok))
    return out


def at(obj, path):
    if path == "/":
        return obj
    for seg in path[1:].split("/"):
        if seg.startswith("@"):
            obj = getattr(obj, seg[1:])
        elif isinstance(obj, dict):
            obj = obj[int(seg[1:])] if seg.startswith("#") else obj[seg]
        else:
            obj = obj[int(seg)]
    return obj


def main():
    path, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path) as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    loaded = torch.load(path)
    actual = gen_serialization.describe_file(os.path.basename(path), loaded)
    want, got = normalize(expected), normalize(actual)
    problems = []
    if want != got:
        for i in range(max(len(want), len(got))):
            w = want[i] if i < len(want) else "<nothing>"
            g = got[i] if i < len(got) else "<nothing>"
            if w != g:
                problems.append("line %d\n  java wrote:  %s\n  python read: %s" % (i + 1, w[:300], g[:300]))
                if len(problems) >= 5:
                    break
    for line in expected:
        if not line.startswith("loadinto: "):
            continue
        head, out_values = line[len("loadinto: "):].split(" -> ")
        tok = head.split(" ")
        sd_path, kind, n_in, n_out = tok[0], tok[1], int(tok[2]), int(tok[3])
        assert kind == "Linear", kind
        lin = torch.nn.Linear(n_in, n_out)
        result = lin.load_state_dict(at(loaded, sd_path), strict=True)
        x = torch.tensor([float(v) for v in tok[4:]], dtype=torch.float32).reshape(1, n_in)
        with torch.no_grad():
            y = lin(x).reshape(-1)
        want_y = torch.tensor([float(v) for v in out_values.split(" ")], dtype=torch.float32)
        if not torch.allclose(y, want_y, rtol=1e-5, atol=1e-6):
            problems.append("nn.Linear(%d, %d) loaded from %s gives %s, Java gave %s (%s)"
                            % (n_in, n_out, sd_path, y.tolist(), want_y.tolist(), result))
    if problems:
        print("MISMATCH between what Java wrote and what torch.load read from " + path)
        print("\n".join(problems))
        sys.exit(1)
    print("OK %d lines, torch %s" % (len(want), torch.__version__))


if __name__ == "__main__":
    main()
