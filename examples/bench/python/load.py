"""Data loading in PyTorch (twin of LoadBench): MNIST's training split from IDX into tensors, warm
page cache, and one DataLoader epoch (batch 100, shuffle, normalize, num_workers=0).

usage: load.py DATA_DIR LOADS EPOCHS [TORCHVISION_EPOCHS (default 1)]
"""
import os
import sys
import time

import numpy as np
import torch

import benchlib

MEAN, STD = 33.318421, 78.567490  # the training split's statistics on 0..255, as LoadBench and the CLI use


def numpy_read(images, labels):
    x = torch.from_numpy(np.fromfile(images, dtype=np.uint8, offset=16)).view(60000, 1, 28, 28)
    y = torch.from_numpy(np.fromfile(labels, dtype=np.uint8, offset=8).astype(np.int64))
    return x, y


def main():
    root, loads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    tv_epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    raw = os.path.join(root, "MNIST", "raw")
    images = os.path.join(raw, "train-images-idx3-ubyte")
    labels = os.path.join(raw, "train-labels-idx1-ubyte")
    for _ in range(2):
        with open(images, "rb") as f:
            f.read()
    try:
        from torchvision.datasets.mnist import read_image_file, read_label_file
    except ImportError:
        read_image_file = None
    item = "MNIST train, IDX -> uint8 tensor"
    for _ in range(loads):
        t0 = time.perf_counter()
        x, y = numpy_read(images, labels)
        benchlib.add("load", item, "python-numpy", (time.perf_counter() - t0) * 1e3, "ms")
        del x, y
        if read_image_file is not None:
            t0 = time.perf_counter()
            x, y = read_image_file(images), read_label_file(labels)
            benchlib.add("load", item, "python-torchvision", (time.perf_counter() - t0) * 1e3, "ms")
            del x, y

    torch.set_num_threads(os.cpu_count())
    x, y = numpy_read(images, labels)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=100, shuffle=True,
                                         num_workers=0, generator=torch.Generator().manual_seed(0))
    epoch_item = "MNIST epoch, batch 100, shuffle, normalize"
    for e in range(epochs + 1):
        t0 = time.perf_counter()
        seen = 0
        for xb, yb in loader:
            xb = xb.float().sub_(MEAN).div_(STD)
            seen += len(yb)
        assert seen == 60000, seen
        if e > 0:
            benchlib.add("loader", epoch_item, "python-tensordataset", (time.perf_counter() - t0) * 1e3, "ms")

    if read_image_file is not None and tv_epochs > 0:
        from torchvision import datasets, transforms
        ds = datasets.MNIST(root, train=True, download=False, transform=transforms.Compose(
            [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]))
        loader = torch.utils.data.DataLoader(ds, batch_size=100, shuffle=True, num_workers=0)
        for _ in range(tv_epochs):  # slow (PIL per image): no warm-up epoch
            t0 = time.perf_counter()
            seen = sum(len(yb) for _, yb in loader)
            assert seen == 60000, seen
            benchlib.add("loader", epoch_item, "python-torchvision", (time.perf_counter() - t0) * 1e3, "ms")


if __name__ == "__main__":
    main()
