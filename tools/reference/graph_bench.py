#!/usr/bin/python3
"""numpy/scipy's time for the graph benchmarks' work (tests/LocalSpec.Benchmarks/GraphBenchmarks.cs).

- mlp activation graph: the mlp preset (784 -> 256 x4 -> 10, Glorot-uniform weights) on 5,000
  examples of uniform random 1x28x28 pixels: float32 forward to the four hidden layers' pre-ReLU
  outputs, then scipy.stats.spearmanr over the 1,024 units, squared, NaN -> 0, zero diagonal.
- vgg-cifar weight graph: 13 conv kernels of the vgg-cifar shapes, BatchNorm statistics after each,
  edges sum_{kh,kw} |K[j, i]| scaled by |gamma_i| / sqrt(var_i + eps) into a 4,224 x 4,224 matrix.

One warm-up, then the median of 3 runs each. Prints one JSON line:
{"mlp_activation_graph_seconds", "vgg_weight_graph_seconds", "numpy", "scipy", "blas_libraries"}.
It sets no environment variable: the BLAS numpy loads (libblas.so.3) is whatever the caller gives.

    /usr/bin/python3 tools/reference/graph_bench.py
"""
import json
import statistics
import time

import numpy as np
import scipy
import scipy.stats

VGG = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512]


def glorot(rng, fan_in, fan_out, shape):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape).astype(np.float32)


def mlp_activation_graph(x, weights):
    h, outs = x, []
    for w in weights[:4]:
        z = h @ w.T
        outs.append(z)
        h = np.maximum(z, 0)
    r2 = scipy.stats.spearmanr(np.concatenate(outs, axis=1)).correlation ** 2
    r2 = np.nan_to_num(r2, nan=0.0)
    np.fill_diagonal(r2, 0.0)
    return r2


def vgg_weight_graph(kernels, gammas, variances, eps=1e-3):
    sizes = [k.shape[0] for k in kernels]
    edges = np.concatenate([[0], np.cumsum(sizes)])
    a = np.zeros((edges[-1], edges[-1]), dtype=np.float32)
    for l in range(len(kernels) - 1):
        block = np.abs(kernels[l + 1]).sum(axis=(2, 3)).T * (np.abs(gammas[l]) / np.sqrt(variances[l] + eps))[:, None]
        a[edges[l]:edges[l + 1], edges[l + 1]:edges[l + 2]] = block
        a[edges[l + 1]:edges[l + 2], edges[l]:edges[l + 1]] = block.T
    return a


def median_seconds(fn):
    fn()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def blas_libraries():
    with open("/proc/self/maps") as f:
        names = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    return sorted(names)


def main():
    rng = np.random.default_rng(0)
    x = rng.random((5000, 784), dtype=np.float32)
    sizes = [784, 256, 256, 256, 256, 10]
    weights = [glorot(rng, a, b, (b, a)) for a, b in zip(sizes, sizes[1:])]
    kernels, c = [], 3
    for f in VGG:
        kernels.append(glorot(rng, 9 * c, 9 * f, (f, c, 3, 3)))
        c = f
    gammas = [rng.uniform(0.5, 1.5, f).astype(np.float32) for f in VGG]
    variances = [rng.uniform(0.5, 1.5, f).astype(np.float32) for f in VGG]
    print(json.dumps({
        "mlp_activation_graph_seconds": median_seconds(lambda: mlp_activation_graph(x, weights)),
        "vgg_weight_graph_seconds": median_seconds(lambda: vgg_weight_graph(kernels, gammas, variances)),
        "numpy": np.__version__, "scipy": scipy.__version__, "blas_libraries": blas_libraries(),
    }))


if __name__ == "__main__":
    main()
