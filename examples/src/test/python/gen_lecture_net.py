"""Reference run of the lecture's MNIST network, for LectureNetTest.

Run with Debian's python3-torch:  /usr/bin/python3 examples/src/test/python/gen_lecture_net.py
Writes (with torch.save, PyTorch's own zip format):
  fixtures/lecture/net_state.pt     model.state_dict() of the freshly seeded network (an OrderedDict)
  fixtures/lecture/net_expected.pt  a dict: input batch, targets, logits, loss, every parameter's
                                    gradient ("grad.<name>"), and the parameters after three SGD steps
                                    with momentum ("step3.<name>")
"""
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "lecture")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), kernel_size=3))
        x = F.relu(F.max_pool2d(self.conv2(x), kernel_size=2))
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def main():
    torch.manual_seed(1)
    model = Net()
    os.makedirs(OUT, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(OUT, "net_state.pt"))

    g = torch.Generator().manual_seed(2)
    x = torch.randn(8, 1, 28, 28, generator=g)
    target = torch.randint(0, 10, (8,), generator=g)

    logits = model(x)
    loss = F.cross_entropy(logits, target)
    loss.backward()
    expected = OrderedDict()
    expected["input"] = x
    expected["target"] = target
    expected["logits"] = logits.detach()
    expected["loss"] = loss.detach()
    for name, p in model.named_parameters():
        expected["grad." + name] = p.grad.detach().clone()

    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    opt.zero_grad()
    for _ in range(3):
        opt.zero_grad()
        F.cross_entropy(model(x), target).backward()
        opt.step()
    for name, p in model.named_parameters():
        expected["step3." + name] = p.detach().clone()
    torch.save(expected, os.path.join(OUT, "net_expected.pt"))
    print("loss", loss.item(), "files in", os.path.abspath(OUT))


if __name__ == "__main__":
    main()
