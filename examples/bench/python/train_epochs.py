"""The memory run's Python twin: the CLI's per-epoch work in PyTorch, for rss.py.

usage: train_epochs.py --data-dir DIR --out DIR [--epochs N] [--limit N] [--test-limit N]

Like `torch4j train mnist-lecture`: inputs minus the training set's mean over its std, the lecture's
network in channels-last (run with OPENBLAS_NUM_THREADS=1), SGD lr 0.1, shuffled batches of 100 from
PyTorch's DataLoader (num_workers=0: batches are made in the training loop, not prefetched); after
each epoch the test set at batch 500, then model and checkpoint saved, then one line
"epoch N/M  train loss X" that rss.py samples at.
"""
import argparse
import os

import numpy as np
import torch
import torch.nn.functional as F

import benchlib


def idx(path, header):
    return np.fromfile(path, dtype=np.uint8)[header:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--test-limit", type=int, default=0)
    a = ap.parse_args()
    raw = os.path.join(a.data_dir, "MNIST", "raw")
    x = torch.from_numpy(idx(os.path.join(raw, "train-images-idx3-ubyte"), 16).reshape(-1, 1, 28, 28).copy())
    y = torch.from_numpy(idx(os.path.join(raw, "train-labels-idx1-ubyte"), 8).astype(np.int64))
    tx = torch.from_numpy(idx(os.path.join(raw, "t10k-images-idx3-ubyte"), 16).reshape(-1, 1, 28, 28).copy())
    ty = torch.from_numpy(idx(os.path.join(raw, "t10k-labels-idx1-ubyte"), 8).astype(np.int64))
    if a.limit:
        x, y = x[:a.limit], y[:a.limit]
    if a.test_limit:
        tx, ty = tx[:a.test_limit], ty[:a.test_limit]
    xf = x.float() / 255
    mean, std = xf.mean().item(), xf.std().item()
    del xf

    def batch(images):
        return benchlib.nhwc((images.float() / 255 - mean) / std)

    torch.manual_seed(0)
    net = benchlib.networks()["mnist-lecture"]().to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(net.parameters(), lr=benchlib.LR)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=benchlib.BATCH, shuffle=True)
    os.makedirs(a.out, exist_ok=True)
    for epoch in range(a.epochs):
        net.train()
        total, n = 0.0, 0
        for xb, yb in loader:
            opt.zero_grad()
            loss = F.cross_entropy(net(batch(xb)), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(yb)
            n += len(yb)
        net.eval()
        with torch.no_grad():
            for i in range(0, len(ty), 500):
                F.cross_entropy(net(batch(tx[i:i + 500])), ty[i:i + 500], reduction="none")
        torch.save(net.state_dict(), os.path.join(a.out, "model.pt"))
        torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch + 1},
                   os.path.join(a.out, "checkpoint.pt"))
        print("epoch %d/%d  train loss %.4f" % (epoch + 1, a.epochs, total / n), flush=True)


if __name__ == "__main__":
    main()
