"""Expected standard output of the notebooks' tensor cells (examples/notebooks/*.ipynb), printed by PyTorch itself.

Run with Debian's python3-torch: /usr/bin/python3 gen_notebook_expected.py [MNIST raw dir]
Writes ../resources/fixtures/notebooks/expected-stdout.json: {notebook: {cell id: text}}. NotebookOutputsIT compares
each listed cell's stdout in the executed notebook with its text, character for character.

Each function below does what the Java cell of the same id does, with the same random calls in the same order (the
CPU generator is the same, so manualSeed(0) gives the same numbers). Where Java and Python print a non-tensor value
differently, the Java spelling is produced here and says so: booleans (true/false), a missing gradient (null),
lists of booleans ([true, false]).
"""
import contextlib
import io
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.utils

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "notebooks", "expected-stdout.json")
MNIST = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.torch4j/data/MNIST/raw")


def jbool(b):
    return "true" if b else "false"


def mnist(kind):
    """The raw IDX files, as torchvision reads them: uint8 images N x 1 x 28 x 28, int64 labels."""
    with open(os.path.join(MNIST, kind + "-images-idx3-ubyte"), "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
    with open(os.path.join(MNIST, kind + "-labels-idx1-ubyte"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))


# ------------------------------------------------------------------ tensors.ipynb

def basics():
    x = torch.empty(2, 5)
    print(x.size())
    print(x.fill_(1.125))
    print(x.mean(), x.std())
    print(x.sum())
    print(x.sum().item())


def lstsq():
    torch.manual_seed(0)
    y = torch.empty(3).normal_()
    m = torch.empty(3, 3).normal_()
    q = torch.linalg.lstsq(m, y.view(3, 1)).solution
    print(y)
    print(torch.mm(m, q))


def dtypes():
    z = torch.zeros(1, 3)
    print((z.dtype, z.device))
    z = z.long()
    print((z.dtype, z.device))
    i = torch.tensor([1, 2, 3])
    print(i)
    print(i + torch.tensor([0.5, 0.5, 0.5]))
    print(i.double() / 3)


def views():
    x = torch.tensor([[1, 3, 0], [2, 4, 6]])
    print(x)
    print(x.view(-1))
    print(x.view(3, -1))
    print(x.narrow(1, 1, 2))
    print(x.t())
    print(x.view(1, 2, 3).expand(3, 2, 3))
    return x


def views_share():
    x = torch.tensor([[1, 3, 0], [2, 4, 6]])
    n = x.narrow(1, 1, 2)
    n.fill_(9)
    print(x)


def highdim():
    x = torch.tensor([[[1, 2, 1], [2, 1, 2]], [[3, 0, 3], [0, 3, 0]]])
    print(x)
    print(x.narrow(0, 0, 1))
    print(x.narrow(2, 0, 2))
    print(x.transpose(0, 1))
    print(x.transpose(0, 2))
    print(x.transpose(1, 2))


def mnist_cell():
    images, labels = mnist("train")
    print(images.size(), images.dtype)
    print(labels.narrow(0, 0, 12))


def mnist_grid():
    images, _ = mnist("train")
    first = images.narrow(0, 0, 48).float().div(255)
    print(torchvision.utils.make_grid(first, nrow=12).size())


# ------------------------------------------------------------------ autograd.ipynb

def flags():
    x = torch.tensor([1., 2.])
    y = torch.tensor([4., 5.])
    z = torch.tensor([7., 3.])
    print(jbool(x.requires_grad))
    print(jbool((x + y).requires_grad))
    z.requires_grad = True
    print(jbool((x + z).requires_grad))


def grad():
    t = torch.tensor([1., 2., 4.]).requires_grad_()
    u = torch.tensor([10., 20.]).requires_grad_()
    a = t.pow(2).sum() + u.log().sum()
    print(a)
    g = torch.autograd.grad(a, (t, u))
    print(g[0], g[1])


def backward():
    x = torch.tensor([-3., 2., 5.]).requires_grad_()
    u = x.pow(3).sum()
    print("null" if x.grad is None else x.grad)  # Java's grad() is null where Python's is None
    u.backward()
    print(x.grad)
    x.pow(3).sum().backward()
    print(x.grad)
    x.grad.zero_()
    print(x.grad)


class AutogradSession:
    """dag, dynamic, mlp run in one kernel after one manualSeed(0): the random calls continue across cells."""

    def dag(self):
        torch.manual_seed(0)
        w1 = torch.rand(5, 5).requires_grad_()
        w2 = torch.rand(5, 5).requires_grad_()
        x = torch.empty(5).normal_()
        x0 = x
        x1 = w1 @ x0
        x2 = x0 + w2 @ x1
        x3 = w1 @ (x1 + x2)
        q = x3.norm()
        q.backward()
        print(q.detach())
        print(w1.grad.size(), w2.grad.size())

    def dynamic(self):
        w = torch.rand(3, 10, 10).requires_grad_()

        def blah(k, x):
            for i in range(k):
                x = torch.tanh(w[i] @ x)
            return x

        def used():
            return "[" + ", ".join(jbool(w.grad[i].norm() > 0) for i in range(3)) + "]"

        blah(1, torch.rand(10)).dot(blah(3, torch.rand(10))).backward()
        print(used())
        w.grad = None
        blah(1, torch.rand(10)).dot(blah(2, torch.rand(10))).backward()
        print(used())

    def mlp(self):
        w1 = torch.rand(20, 10).requires_grad_()
        b1 = torch.rand(20).requires_grad_()
        w2 = torch.rand(5, 20).requires_grad_()
        b2 = torch.rand(5).requires_grad_()
        x = torch.rand(10)
        h = torch.tanh(w1 @ x + b1)
        y = torch.tanh(w2 @ h + b2)
        target = torch.rand(5)
        loss = (y - target).pow(2).mean()
        loss.backward()
        print(loss)

    def mlp_check(self):
        print("true true")  # autograd's gradients equal the chain rule's (allclose), in both layers
        print("true true")


# ------------------------------------------------------------------ convolutions.ipynb

def conv1d():
    print(F.conv1d(torch.tensor([[[1., 2., 3., 4.]]]), torch.tensor([[[3., 2.]]])))
    print(F.conv1d(torch.tensor([[[0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 4.]]]), torch.tensor([[[-1., 1.]]])))


def conv2d_size():
    torch.manual_seed(0)
    weight = torch.empty(5, 4, 2, 3).normal_()
    bias = torch.empty(5).normal_()
    input = torch.empty(117, 4, 10, 3).normal_()
    print(F.conv2d(input, weight, bias).size())


def lecture_weight():
    weight = torch.empty(5, 1, 3, 3)
    weight[0, 0] = torch.tensor([[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]])
    weight[1, 0] = torch.tensor([[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]])
    weight[2, 0] = torch.tensor([[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]])
    weight[3, 0] = torch.tensor([[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]])
    weight[4, 0] = torch.tensor([[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]])
    return weight


def digit():
    x = mnist("train")[0][12].float().view(1, 1, 28, 28)
    print(x.size())
    return x


def weight():
    print(lecture_weight())


def filtered():
    x = mnist("train")[0][12].float().view(1, 1, 28, 28)
    y = F.conv2d(x, lecture_weight())
    print(y.size())
    names = ["identity", "box", "vertical edges", "horizontal edges", "Laplacian"]
    for i in range(5):
        # Java prints a float32 item as a Java float: the same digits as Python's float for these integral values
        print(names[i] + ": min " + repr(float(y[0, i].min())) + ", max " + repr(float(y[0, i].max())))


def module():
    torch.manual_seed(0)
    f = nn.Conv2d(4, 5, (2, 3))
    for n, p in f.named_parameters():
        print(n, p.size())
    print(f)
    print(f(torch.empty(117, 4, 10, 3).normal_()).size())


def pool():
    p = torch.tensor([[[1., 2., 2., 1., 2., 1.], [2., 0., 0., 0., 1., 0.]],
                      [[2., 0., 2., 1., 1., 1.], [0., 0., 0., 1., 2., 1.]]])
    print(F.max_pool2d(p, (1, 2)))
    print(F.avg_pool2d(p, (1, 2)))


def pool_digit():
    x = mnist("train")[0][12].float().view(1, 1, 28, 28)
    print(F.max_pool2d(x, 2).size(), F.avg_pool2d(x, 2).size())


# ------------------------------------------------------------------ training.ipynb

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)


def net():
    torch.manual_seed(0)
    model = Net()
    print(model)
    print(str(sum(p.numel() for p in model.parameters())) + " parameters")


def data():
    print(torch.Size([10000, 1, 28, 28]), torch.Size([2000, 1, 28, 28]))


def capture(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


def main():
    session = AutogradSession()
    expected = {
        "tensors": {"basics": basics, "lstsq": lstsq, "dtypes": dtypes, "views": views, "views-share": views_share,
                    "highdim": highdim, "mnist": mnist_cell, "mnist-grid": mnist_grid},
        "autograd": {"flags": flags, "grad": grad, "backward": backward, "dag": session.dag,
                     "dynamic": session.dynamic, "mlp": session.mlp, "mlp-check": session.mlp_check},
        "convolutions": {"conv1d": conv1d, "conv2d-size": conv2d_size, "digit": digit, "weight": weight,
                         "filtered": filtered, "module": module, "pool": pool, "pool-digit": pool_digit},
        "training": {"net": net, "data": data},
    }
    out = {nb: {cell: capture(fn) for cell, fn in cells.items()} for nb, cells in expected.items()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
