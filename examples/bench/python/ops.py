"""Per-op latency in PyTorch (twin of Torch4jOpsJmh / RawOpsJmh) and the 2048x2048 matmul peak.

usage: ops.py full|quick|tiny, or ops.py interleaved ROUNDS (only the short rounds below)
Each op is timed with timeit: a calibrated number of calls per round (autorange, at least
0.2 s), several rounds; every round's µs/op is recorded, the report takes medians and spreads.
Results are freed as Python frees them (reference counting: at once, like close-each).
"interleaved ROUNDS" times the small ops (the three of the issue and a tensor times a number) the way OpsInterleaved times torch4j and raw bytedeco
(section opsjvm): rounds of about 10 ms, interleaved op by op, every round recorded; run.sh alternates
such runs with OpsInterleaved's, so that Python and Java see the same minutes of a noisy machine.
"""
import os
import sys
import timeit

import torch
import torch.nn.functional as F

import benchlib

ITEMS = [
    ("add", "add, 1 element"),
    ("matmul", "matmul 64x64"),
    ("relu", "relu, 1,000 elements"),
    ("conv1Fwd", "conv1 forward [100,1,28,28] * [32,1,5,5]"),
    ("conv1FwdBwd", "conv1 forward+backward"),
    ("conv2Fwd", "conv2 forward [100,32,8,8] * [64,32,5,5]"),
    ("conv2FwdBwd", "conv2 forward+backward"),
]


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "full"
    if mode == "interleaved":
        torch.set_num_threads(os.cpu_count())
        short_rounds(small_ops(), int(sys.argv[2]))
        return
    rounds, min_time, peak_rounds = {"full": (10, 0.5, 7), "quick": (3, 0.2, 3), "tiny": (2, 0.01, 1)}[mode]
    torch.set_num_threads(os.cpu_count())
    a1, b1 = torch.ones(1), torch.ones(1)
    a64, b64 = torch.randn(64, 64), torch.randn(64, 64)
    r1000 = torch.randn(1000)
    x1, w1, c1, g1 = torch.randn(100, 1, 28, 28), torch.randn(32, 1, 5, 5), torch.randn(32), torch.ones(100, 32, 24, 24)
    x2, w2, c2, g2 = torch.randn(100, 32, 8, 8), torch.randn(64, 32, 5, 5), torch.randn(64), torch.ones(100, 64, 4, 4)
    w1g, c1g = w1.clone().requires_grad_(), c1.clone().requires_grad_()
    x2g, w2g, c2g = x2.clone().requires_grad_(), w2.clone().requires_grad_(), c2.clone().requires_grad_()

    def conv1_fwd_bwd():
        F.conv2d(x1, w1g, c1g).backward(g1)

    def conv2_fwd_bwd():
        F.conv2d(x2g, w2g, c2g).backward(g2)

    ops = {
        "add": lambda: a1.add(b1),
        "matmul": lambda: a64.matmul(b64),
        "relu": lambda: r1000.relu(),
        "conv1Fwd": lambda: F.conv2d(x1, w1, c1),
        "conv1FwdBwd": conv1_fwd_bwd,
        "conv2Fwd": lambda: F.conv2d(x2, w2, c2),
        "conv2FwdBwd": conv2_fwd_bwd,
    }
    for key, item in ITEMS:
        t = timeit.Timer(ops[key])
        n = 1
        while True:  # like Timer.autorange, with our minimum round time
            took = t.timeit(n)
            if took >= min_time:
                break
            n *= 2 if took < min_time / 4 else 1 + int(min_time / max(took, 1e-9) * n) // n
        for _ in range(rounds):
            benchlib.add("ops", item, "python", t.timeit(n) / n * 1e6, "us/op")

    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    a.matmul(b)
    for _ in range(peak_rounds):
        t = timeit.timeit(lambda: a.matmul(b), number=5) / 5
        benchlib.add("peak", "matmul 2048x2048", "python", 2 * 2048 ** 3 / t / 1e9, "GFLOP/s")


def small_ops():
    """The small ops of OpsInterleaved, on tensors made as Torch4jOpsJmh makes them."""
    a1, b1 = torch.ones(1), torch.ones(1)
    a64, b64 = torch.randn(64, 64), torch.randn(64, 64)
    r1000 = torch.randn(1000)
    return [("add, 1 element", lambda: a1.add(b1)), ("matmul 64x64", lambda: a64.matmul(b64)),
            ("relu, 1,000 elements", lambda: r1000.relu()), ("mul by a number, 1 element", lambda: a1.mul(0.37))]


def short_rounds(ops, rounds):
    """Rounds of about 10 ms per op, interleaved op by op (section opsjvm, as OpsInterleaved records)."""
    timers, calls = {}, {}
    for item, op in ops:
        timers[item] = timeit.Timer(op)
        timers[item].timeit(10000)
        per_call = timers[item].timeit(2000) / 2000
        calls[item] = max(1, round(0.01 / per_call / 1000)) * 1000
    for _ in range(rounds):
        for item, _ in ops:
            benchlib.add("opsjvm", item, "python", timers[item].timeit(calls[item]) / calls[item] * 1e6, "us/op")


if __name__ == "__main__":
    main()
