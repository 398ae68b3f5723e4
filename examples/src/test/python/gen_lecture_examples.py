"""Expected output of the lecture's example programs (org.torch4j.examples.lecture), printed by PyTorch itself.

Run with Debian's python3-torch: /usr/bin/python3 gen_lecture_examples.py
Writes ../resources/fixtures/lecture/{views,conv1d_pool,basics}.txt; each program prints exactly its file.
"""
import io
import os
import contextlib
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "lecture")


def write(name, fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    with open(os.path.join(OUT, name), "w") as f:
        f.write(buf.getvalue())


def show(label, value):
    print(">>> " + label)
    print(value)


def views():
    x = torch.tensor([[1, 3, 0], [2, 4, 6]])
    show("x", x)
    show("x.view(-1)", x.view(-1))
    show("x.view(3, -1)", x.view(3, -1))
    show("x.narrow(1, 1, 2)", x.narrow(1, 1, 2))
    show("x.t()", x.t())
    show("x.view(1, 2, 3).expand(3, 2, 3)", x.view(1, 2, 3).expand(3, 2, 3))
    x = torch.tensor([[[1, 2, 1], [2, 1, 2]], [[3, 0, 3], [0, 3, 0]]])
    show("x", x)
    show("x.narrow(0, 0, 1)", x.narrow(0, 0, 1))
    show("x.narrow(2, 0, 2)", x.narrow(2, 0, 2))
    show("x.transpose(0, 1)", x.transpose(0, 1))
    show("x.transpose(0, 2)", x.transpose(0, 2))
    show("x.transpose(1, 2)", x.transpose(1, 2))


def conv1d_pool():
    show("F.conv1d(tensor([[[1., 2., 3., 4.]]]), tensor([[[3., 2.]]]))",
         F.conv1d(torch.tensor([[[1., 2., 3., 4.]]]), torch.tensor([[[3., 2.]]])))
    show("F.conv1d(tensor([[[0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 4.]]]), tensor([[[-1., 1.]]]))",
         F.conv1d(torch.tensor([[[0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 4.]]]), torch.tensor([[[-1., 1.]]])))
    x = torch.tensor([[[1., 2., 2., 1., 2., 1.], [2., 0., 0., 0., 1., 0.]],
                      [[2., 0., 2., 1., 1., 1.], [0., 0., 0., 1., 2., 1.]]])
    show("x", x)
    show("F.max_pool2d(x, (1, 2))", F.max_pool2d(x, (1, 2)))
    weight = torch.empty(5, 4, 2, 3).normal_()
    bias = torch.empty(5).normal_()
    inp = torch.empty(117, 4, 10, 3).normal_()
    show("F.conv2d(input, weight, bias).size()", F.conv2d(inp, weight, bias).size())


def basics():
    x = torch.empty(2, 5)
    show("x.size()", x.size())
    show("x.fill_(1.125)", x.fill_(1.125))
    show("x.mean()", x.mean())
    show("x.std()", x.std())
    show("x.sum()", x.sum())
    show("x.sum().item()", x.sum().item())
    torch.manual_seed(0)
    y = torch.empty(3).normal_()
    m = torch.empty(3, 3).normal_()
    show("y", y)
    q = torch.linalg.lstsq(m, y.view(3, 1)).solution
    show("torch.mm(m, q)", torch.mm(m, q))
    x = torch.zeros(1, 3)
    show("x.dtype, x.device", (x.dtype, x.device))
    x = x.long()
    show("x.dtype, x.device", (x.dtype, x.device))


write("views.txt", views)
write("conv1d_pool.txt", conv1d_pool)
write("basics.txt", basics)
