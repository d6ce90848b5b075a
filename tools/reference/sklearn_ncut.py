"""scikit-learn's normalized spectral clustering of a graph: n-cuts over seeds, and timings.

The reference of METHOD.md section 4: SpectralClustering(n_clusters=k, affinity='precomputed',
eigen_solver='arpack', assign_labels='kmeans', random_state=seed), run after dropping the
zero-degree nodes (as LocalSpec does), with the n-cut of its labels by the paper's A.1 formula,
n-cut = 1/2 sum_c W(c, not c) / vol(c). Run with the system interpreter (Debian 12:
python3-sklearn 1.2.1, scipy 1.10, numpy 1.24). The graph is one of

    --mlp-weights model.safetensors   the MLP weight graph (METHOD.md section 2): every unit a node,
                                      inputs and outputs included; edge = |W[j, i]| between unit i
                                      of one layer and unit j of the next (layers.0 ... layers.L)
    --adjacency graph.npy             a dense [N, N] array
    --adjacency graph.safetensors --tensor NAME

Reference mode (commits a deterministic JSON file; timings go to stdout only):

    /usr/bin/python3 tools/reference/sklearn_ncut.py \
        --mlp-weights tests/LocalSpec.Tests/fixtures/torch/mlp_mnist10k.safetensors --k 16 --seeds 10 \
        --out tests/LocalSpec.Tests/fixtures/partitioning/sklearn_mlp_mnist10k_k16.json

Benchmark mode (used by tests/LocalSpec.Benchmarks): --bench R runs seed 0 R times with the given
--n-init and prints one JSON line {"seconds": [...], "median_seconds", "ncut"}.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import scipy
import sklearn
from scipy.linalg import eigh
from sklearn.cluster import SpectralClustering
from sklearn.manifold import spectral_embedding

sys.path.insert(0, os.path.dirname(__file__))
import safetensors_io  # noqa: E402
from fixture_json import dumps  # noqa: E402

SAMPLE_NODES = [0, 1, 400, 783, 784, 900, 1040, 1300, 1600, 1807, 1817]


def mlp_weight_graph(path):
    tensors, _ = safetensors_io.read(path)
    weights, i = [], 0
    while f"layers.{i}.weight" in tensors:
        weights.append(np.abs(tensors[f"layers.{i}.weight"].astype(np.float64)))
        i += 1
    sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    offsets = np.cumsum([0] + sizes)
    a = np.zeros((offsets[-1], offsets[-1]))
    for l, w in enumerate(weights):
        rows, cols = slice(offsets[l + 1], offsets[l + 2]), slice(offsets[l], offsets[l + 1])
        a[rows, cols] = w
        a[cols, rows] = w.T
    return a


def load(args):
    if args.mlp_weights:
        return mlp_weight_graph(args.mlp_weights)
    if args.adjacency.endswith(".npy"):
        return np.load(args.adjacency).astype(np.float64)
    tensors, _ = safetensors_io.read(args.adjacency)
    return tensors[args.tensor].astype(np.float64)


def ncut(a, labels):
    d = a.sum(axis=1)
    total = 0.0
    for c in np.unique(labels):
        m = labels == c
        vol = d[m].sum()
        total += (vol - a[np.ix_(m, m)].sum()) / vol
    return total / 2


def cluster(a, k, seed, n_init):
    start = time.perf_counter()
    labels = SpectralClustering(n_clusters=k, affinity="precomputed", eigen_solver="arpack",
                                assign_labels="kmeans", random_state=seed, n_init=n_init).fit(a).labels_
    return labels, time.perf_counter() - start


def inertia(u, labels):
    """k-means inertia of labels on the embedding rows u: sum of squared distances to the cluster means."""
    return float(sum(((u[labels == c] - u[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels)))


def reference(a, kept, args):
    embedding = spectral_embedding(a, n_components=args.k, eigen_solver="arpack", random_state=0,
                                   eigen_tol=0.0, norm_laplacian=True, drop_first=False)
    runs = {}
    for n_init in (10, 25):
        values, inertias, seconds, labels0 = [], [], [], None
        for seed in range(args.seeds):
            labels, s = cluster(a, args.k, seed, n_init)
            values.append(float(ncut(a, labels)))
            inertias.append(inertia(embedding, labels))
            seconds.append(s)
            if seed == 0:
                labels0 = labels
        runs[f"n_init_{n_init}"] = {"ncut": values, "mean": float(np.mean(values)), "inertia": inertias,
                                    "labels_seed_0": labels0.tolist()}
        print(json.dumps({"n_init": n_init, "ncut": values, "seconds": [round(s, 3) for s in seconds],
                          "mean_seconds": round(float(np.mean(seconds)), 3)}))
    d = a.sum(axis=1)
    lsym = np.eye(len(d)) - a / np.sqrt(np.outer(d, d))
    eigenvalues = eigh(lsym, eigvals_only=True, subset_by_index=[0, args.k - 1])
    sample = [i for i in SAMPLE_NODES if i < len(d)]
    out = {
        "command": "/usr/bin/python3 tools/reference/sklearn_ncut.py " + " ".join(sys.argv[1:]),
        "sklearn_version": sklearn.__version__, "scipy_version": scipy.__version__, "numpy_version": np.__version__,
        "call": "SpectralClustering(n_clusters=k, affinity='precomputed', eigen_solver='arpack', assign_labels='kmeans', random_state=seed, n_init=n_init)",
        "k": args.k, "seeds": list(range(args.seeds)),
        "graph": {"nodes": int(len(kept)), "dropped_zero_degree": int(args.nodes - len(kept)),
                  "total_weight": float(a.sum()), "sum_squared_degrees": float((d * d).sum())},
        "eigenvalues": eigenvalues.tolist(),
        "embedding_sample": {"nodes": sample, "rows": embedding[sample].tolist(),
                             "note": "spectral_embedding(norm_laplacian=True, drop_first=False, eigen_solver='arpack', eigen_tol=0, random_state=0); inertia values are of each run's labels on this embedding"},
        **runs,
    }
    with open(args.out, "w") as f:
        f.write(dumps(out))


def bench(a, args):
    seconds, labels = [], None
    for _ in range(args.bench):
        labels, s = cluster(a, args.k, 0, args.n_init)
        seconds.append(s)
    print(json.dumps({"seconds": seconds, "median_seconds": float(np.median(seconds)), "ncut": float(ncut(a, labels)),
                      "nodes": int(a.shape[0]), "k": args.k, "n_init": args.n_init}))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--mlp-weights")
    p.add_argument("--adjacency")
    p.add_argument("--tensor", default="adjacency")
    p.add_argument("--k", type=int, default=16)
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--n-init", type=int, default=10)
    p.add_argument("--out")
    p.add_argument("--bench", type=int, default=0)
    args = p.parse_args()
    if bool(args.mlp_weights) == bool(args.adjacency):
        p.error("give exactly one of --mlp-weights and --adjacency")
    a = load(args)
    args.nodes = a.shape[0]
    kept = np.flatnonzero(a.sum(axis=1) > 0)
    a = a[np.ix_(kept, kept)]
    if args.bench:
        bench(a, args)
    elif args.out:
        reference(a, kept, args)
    else:
        p.error("give --out (reference mode) or --bench R")


if __name__ == "__main__":
    main()
