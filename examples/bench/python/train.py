"""Training throughput of the CLI's networks in PyTorch (twin of TrainBench / RawTrainBench).

usage: train.py MODEL plain|tuned|cli-env WARMUP TIMED DATA [MAX_TIMED_SECONDS]
  plain: the lecture's code as written; tuned: input and conv weights with explicit NHWC
  strides (run with OPENBLAS_NUM_THREADS=1, which run.sh sets); cli-env: the same code, run in the
  CLI's native environment instead (examples/cli-env.sh: malloc limits, OPENBLAS_THREAD_TIMEOUT=4 with
  OpenBLAS on every core; run.sh sources it). Intra-op threads = CPUs.
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

import benchlib


def main():
    model, variant, warmup, steps, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    max_seconds = float(sys.argv[6]) if len(sys.argv) > 6 else float("inf")
    if variant not in ("plain", "tuned", "cli-env"):
        raise SystemExit("variant must be plain, tuned or cli-env, got " + variant)
    torch.set_num_threads(os.cpu_count())
    x, y = benchlib.mnist(data) if model == "mnist-lecture" else benchlib.cifar(data)
    net = benchlib.networks()[model]()
    benchlib.set_starting_weights(net)
    tuned = variant != "plain"
    if tuned:
        with torch.no_grad():
            for m in net.modules():
                if isinstance(m, torch.nn.Conv2d):
                    m.weight.data = benchlib.nhwc(m.weight.data)
    batches = []
    for b in range(len(y) // benchlib.BATCH):
        xb = torch.from_numpy(x[b * benchlib.BATCH:(b + 1) * benchlib.BATCH].copy())
        yb = torch.from_numpy(y[b * benchlib.BATCH:(b + 1) * benchlib.BATCH].copy())
        batches.append((benchlib.nhwc(xb) if tuned else xb, yb))
    opt = torch.optim.SGD(net.parameters(), lr=benchlib.LR)
    first = float("nan")
    start = 0.0
    step = 0
    while step < warmup + steps:  # as TrainBench: timed steps capped at max_seconds, at least 3
        if step == warmup:
            start = time.perf_counter()
        elif step > warmup + 2 and time.perf_counter() - start > max_seconds:
            break
        xb, yb = batches[step % len(batches)]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(xb), yb)
        loss.backward()
        opt.step()
        if step == 0:
            first = loss.item()
        step += 1
    sps = (step - warmup) / (time.perf_counter() - start)
    benchlib.add("train", model, "python-" + variant, sps, "steps/s")
    benchlib.add("loss0", model, "python-" + variant, first)
    sys.stderr.write("%s python-%s: %.1f steps/s, first loss %.6f (threads %d, OPENBLAS_NUM_THREADS=%s, "
                     "OPENBLAS_THREAD_TIMEOUT=%s, MALLOC_MMAP_THRESHOLD_=%s)\n"
                     % (model, variant, sps, first, torch.get_num_threads(), os.environ.get("OPENBLAS_NUM_THREADS"),
                        os.environ.get("OPENBLAS_THREAD_TIMEOUT"), os.environ.get("MALLOC_MMAP_THRESHOLD_")))


if __name__ == "__main__":
    main()
