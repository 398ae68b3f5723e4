"""Shared pieces of the Python side of the torch4j benchmark suite.

Twins of the Java classes in org.torch4j.examples.bench: `add` (Results), `weights`
(BenchWeights), `mnist`/`cifar` (TrainData), and the CLI's networks (LectureNet,
SmallResNet) with the same parameter names, so both sides start from the same values
and train on the same batches.
"""
import os
import sys

import numpy as np

BATCH = 100
IMAGES = 1000
LR = 0.1


def add(section, item, variant, value, unit=""):
    """Appends one measurement to $BENCH_RESULTS (stdout when unset), in Results.java's format."""
    line = "%s\t%s\t%s\t%.6g\t%s\n" % (section, item, variant, value, unit)
    path = os.environ.get("BENCH_RESULTS")
    if path:
        with open(path, "a") as f:
            f.write(line)
    else:
        sys.stdout.write(line)


def _java_hash(s):
    h = 0
    for c in s:
        h = (31 * h + ord(c)) & 0xFFFFFFFF
    return h


def _lowbias32(x):
    x = x ^ (x >> np.uint32(16))
    x = x * np.uint32(0x7FEB352D)
    x = x ^ (x >> np.uint32(15))
    x = x * np.uint32(0x846CA68B)
    x = x ^ (x >> np.uint32(16))
    return x


def weights(name, shape):
    """BenchWeights.values: None keeps the module default (batch norm), else float32 values."""
    numel = int(np.prod(shape))
    if len(shape) >= 2:
        bound = 1.0 / np.sqrt(numel / shape[0])
    elif "bn" in name.lower():
        return None
    else:
        bound = 0.05
    with np.errstate(over="ignore"):
        idx = np.arange(numel, dtype=np.uint32)
        x = np.full(numel, _java_hash(name), dtype=np.uint32) * np.uint32(0x9E3779B9) + idx
        u = (_lowbias32(x) >> np.uint32(8)).astype(np.float64) / 16777216.0
    return (bound * (2 * u - 1)).astype(np.float32).reshape(shape)


def mnist(raw_dir, n=IMAGES):
    img = np.fromfile(os.path.join(raw_dir, "train-images-idx3-ubyte"), dtype=np.uint8)
    lab = np.fromfile(os.path.join(raw_dir, "train-labels-idx1-ubyte"), dtype=np.uint8)
    x = img[16:16 + n * 784].astype(np.float64) / 255.0
    x = ((x - 0.1307) / 0.3081).astype(np.float32).reshape(n, 1, 28, 28)
    return x, lab[8:8 + n].astype(np.int64)


def cifar(batch_file, n=IMAGES):
    b = np.fromfile(batch_file, dtype=np.uint8).reshape(-1, 3073)[:n]
    x = b[:, 1:].astype(np.float64).reshape(n, 3, 32, 32) / 255.0
    mean = np.array([0.4914, 0.4822, 0.4465]).reshape(1, 3, 1, 1)
    std = np.array([0.2470, 0.2435, 0.2616]).reshape(1, 3, 1, 1)
    return ((x - mean) / std).astype(np.float32), b[:, 0].astype(np.int64)


def networks():
    """The CLI's networks in PyTorch, built lazily so that importing benchlib does not import torch."""
    import torch.nn as nn
    import torch.nn.functional as F

    class LectureNet(nn.Module):
        def __init__(self, channels=1):
            super().__init__()
            self.conv1 = nn.Conv2d(channels, 32, 5)
            self.conv2 = nn.Conv2d(32, 64, 5)
            self.fc1 = nn.Linear(256, 200)
            self.fc2 = nn.Linear(200, 10)

        def forward(self, x):
            x = F.relu(F.max_pool2d(self.conv1(x), 3))
            x = F.relu(F.max_pool2d(self.conv2(x), 2))
            x = x.reshape(x.size(0), -1)  # view fails on channels-last
            x = F.relu(self.fc1(x))
            return self.fc2(x)

    class BasicBlock(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            project = stride != 1 or cin != cout
            self.shortcutConv = nn.Conv2d(cin, cout, 1, stride=stride, bias=False) if project else None
            self.shortcutBn = nn.BatchNorm2d(cout) if project else None

        def forward(self, x):
            y = F.relu(self.bn1(self.conv1(x)))
            y = self.bn2(self.conv2(y))
            s = x if self.shortcutConv is None else self.shortcutBn(self.shortcutConv(x))
            return F.relu(y + s)

    class SmallResNet(nn.Module):
        def __init__(self, classes=10):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(16)
            self.layer1 = BasicBlock(16, 16, 1)
            self.layer2 = BasicBlock(16, 32, 2)
            self.layer3 = BasicBlock(32, 64, 2)
            self.fc = nn.Linear(64, classes)

        def forward(self, x):
            x = F.relu(self.bn1(self.conv1(x)))
            x = self.layer3(self.layer2(self.layer1(x)))
            x = F.adaptive_avg_pool2d(x, 1).flatten(1)
            return self.fc(x)

    return {
        "mnist-lecture": lambda: LectureNet(1),
        "cifar-lecture": lambda: LectureNet(3),
        "cifar-resnet": lambda: SmallResNet(10),
    }


def set_starting_weights(net):
    import torch
    with torch.no_grad():
        for name, p in net.named_parameters():
            v = weights(name, tuple(p.shape))
            if v is not None:
                p.copy_(torch.from_numpy(v))


def nhwc(t):
    """A copy with real NHWC strides (contiguous(channels_last) leaves C=1 tensors NCHW)."""
    import torch
    n, c, h, w = t.shape
    return torch.empty_strided((n, c, h, w), (h * w * c, 1, w * c, c), dtype=t.dtype).copy_(t)
