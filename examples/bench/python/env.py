"""Prints the Python side's versions and the BLAS its torch really loaded, as KEY=VALUE lines."""
import os
import re

import torch

torch.randn(64, 64).matmul(torch.randn(64, 64))  # make sure BLAS is loaded
print("python_torch=" + torch.__version__)
try:
    import torchvision
    print("torchvision=" + torchvision.__version__)
except ImportError:
    print("torchvision=not installed")
import numpy
print("numpy=" + numpy.__version__)
blas = set()
with open("/proc/self/maps") as f:
    for line in f:
        path = line.split()[-1] if len(line.split()) >= 6 else ""
        name = os.path.basename(path)
        if "blas" in name or "lapack" in name or "mkl" in name:
            blas.add(os.path.realpath(path))
print("python_blas_loaded=" + ", ".join(sorted(blas)))
config = torch.__config__.show()
m = re.search(r"BLAS_INFO=([^,\s]+)", config)
print("python_blas_info=" + (m.group(1) if m else "?"))
m = re.search(r"CPU capability usage: (\S+)", config)
print("python_cpu_capability=" + (m.group(1) if m else "?"))
m = re.search(r"(?:oneDNN|MKL-DNN) (v[\d.]+)", config)
print("python_onednn=" + (m.group(1) if m else "?"))
print("python_threads_default=%d" % torch.get_num_threads())
