#!/usr/bin/python3
"""Reference values for the LocalSpec NN engine, computed with PyTorch (float32, CPU).

Writes tests/LocalSpec.Tests/fixtures/torch/{mlp_small,cnn_small}.json. Never run by the test
suite; the JSON files are committed. Command (from the repository root):

    /usr/bin/python3 tools/reference/make_engine_fixtures.py

The network is built from the same architecture spec (ENGINE-CONTRACT "localspec.arch/1") that is
written into the fixture, and every parameter and buffer is written too, so the C# side needs
neither PyTorch's RNG nor its initialiser. The whole computation is repeated in float64 as a
sanity check: the float32 results must agree with it to 1e-5 (relative to each tensor's largest
magnitude), and no ReLU input or max-pool window may sit within a rounding error of a kink, so a
correct float32 engine can meet the 1e-4 tolerance.
"""
import copy
import json
import os
import subprocess
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import fixture_json

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tests", "LocalSpec.Tests", "fixtures", "torch")
COMMAND = "/usr/bin/python3 tools/reference/make_engine_fixtures.py"

ADAM = {"lr": 1e-2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "steps": 5}
L2_LAMBDA = 1e-2
KINK_MARGIN = 1e-4  # smallest allowed |relu input| (unless exactly 0) and max-pool top-2 gap (unless a tie)

MLP_ARCH = {
    "format": "localspec.arch/1",
    "input": [1, 4, 4],
    "layers": [
        {"type": "flatten"},
        {"type": "dense", "units": 8},
        {"type": "relu"},
        {"type": "dense", "units": 6},
        {"type": "relu"},
        {"type": "dense", "units": 3},
    ],
}

# 9x9 rather than 6x6 so that the 2x2 pool drops a trailing row/column (floor mode) and the
# flatten sees a 3x2x2 map (channel-major order matters): 2x9x9 -> conv same 4x9x9 -> relu -> BN
# -> pool 4x4x4 -> conv valid 3x2x2 -> relu -> flatten 12 -> dense 3.
CNN_ARCH = {
    "format": "localspec.arch/1",
    "input": [2, 9, 9],
    "layers": [
        {"type": "conv2d", "filters": 4, "kernel": 3, "padding": "same"},
        {"type": "relu"},
        {"type": "batchnorm", "eps": 1e-5, "momentum": 0.1},
        {"type": "maxpool2d", "size": 2},
        {"type": "conv2d", "filters": 3, "kernel": 3, "padding": "valid"},
        {"type": "relu"},
        {"type": "flatten"},
        {"type": "dense", "units": 3},
    ],
}


class Checker:
    """Records how close activations come to the non-differentiable points of relu and max-pool."""

    def __init__(self):
        self.min_relu = float("inf")
        self.min_pool_gap = float("inf")
        self.pool_ties = 0

    def relu(self, x):
        a = x.detach().abs()
        nz = a[a != 0]
        if nz.numel():
            self.min_relu = min(self.min_relu, nz.min().item())

    def pool(self, x, size):
        n, c, h, w = x.shape
        hh, ww = h // size, w // size
        win = x.detach()[:, :, : hh * size, : ww * size].reshape(n, c, hh, size, ww, size)
        win = win.permute(0, 1, 2, 4, 3, 5).reshape(-1, size * size)
        top2 = win.topk(2, dim=1).values
        gap = top2[:, 0] - top2[:, 1]
        self.pool_ties += int((gap == 0).sum())
        nz = gap[gap != 0]
        if nz.numel():
            self.min_pool_gap = min(self.min_pool_gap, nz.min().item())


class ArchNet(nn.Module):
    """A network built from a localspec.arch/1 spec; parametrised layers live in self.layers."""

    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        self.layers = nn.ModuleList()
        self.plan = []  # (type, spec, index into self.layers or None)
        c, h, w = arch["input"]
        flat = None
        for spec in arch["layers"]:
            t = spec["type"]
            idx = None
            if t == "flatten":
                flat = c * h * w
            elif t == "dense":
                idx = len(self.layers)
                self.layers.append(nn.Linear(flat, spec["units"]))
                flat = spec["units"]
            elif t == "conv2d":
                k = spec["kernel"]
                pad = (k - 1) // 2 if spec["padding"] == "same" else 0
                idx = len(self.layers)
                self.layers.append(nn.Conv2d(c, spec["filters"], k, padding=pad))
                c, h, w = spec["filters"], h + 2 * pad - k + 1, w + 2 * pad - k + 1
            elif t == "batchnorm":
                idx = len(self.layers)
                feats = flat if flat is not None else c
                cls = nn.BatchNorm1d if flat is not None else nn.BatchNorm2d
                self.layers.append(cls(feats, eps=spec["eps"], momentum=spec["momentum"]))
            elif t == "maxpool2d":
                h, w = h // spec["size"], w // spec["size"]
            elif t != "relu":
                raise ValueError(t)
            self.plan.append((t, spec, idx))
        self.checker = None

    def forward(self, x):
        for t, spec, idx in self.plan:
            if t == "flatten":
                x = torch.flatten(x, 1)
            elif t == "relu":
                if self.checker:
                    self.checker.relu(x)
                x = F.relu(x)
            elif t == "maxpool2d":
                if self.checker:
                    self.checker.pool(x, spec["size"])
                x = F.max_pool2d(x, spec["size"])
            else:
                x = self.layers[idx](x)
        return x

    def weight_names(self):
        return [f"layers.{i}.weight" for i, m in enumerate(self.layers)
                if isinstance(m, (nn.Linear, nn.Conv2d))]


def f32(x):
    """Exact decimal of a float32 value (repr of the double it widens to): round-trips in any parser."""
    return float(torch.tensor(x, dtype=torch.float32).item())


def tensor_json(t):
    return fixture_json.tensor(t)


def params_json(model):
    return {k: tensor_json(v) for k, v in model.state_dict().items()
            if not k.endswith("num_batches_tracked")}


def loss_of(model, x, y, l2):
    logits = model(x)
    ce = F.cross_entropy(logits, y)
    loss = ce
    if l2:
        sd = dict(model.named_parameters())
        loss = ce + l2 * sum((sd[n] ** 2).sum() for n in model.weight_names())
    return logits, ce, loss


def run_case(model, x, y, l2, checker=None):
    """Forward/backward of step 1, then 5 Adam steps on the same batch (training mode throughout)."""
    model = copy.deepcopy(model)
    model.checker = checker
    model.train()
    x = x.clone().requires_grad_(True)
    opt = torch.optim.Adam(model.parameters(), lr=ADAM["lr"], betas=(ADAM["beta1"], ADAM["beta2"]),
                           eps=ADAM["eps"])
    out = {"losses": [], "ce_losses": []}
    for step in range(ADAM["steps"]):
        opt.zero_grad()
        logits, ce, loss = loss_of(model, x, y, l2)
        loss.backward()
        out["losses"].append(loss.item())
        out["ce_losses"].append(ce.item())
        if step == 0:
            out["logits"] = logits.detach().clone()
            out["loss"] = loss.item()
            out["grads"] = {n: p.grad.detach().clone() for n, p in model.named_parameters()}
            out["input_grad"] = x.grad.detach().clone()
            out["buffers_after_first_forward"] = {k: v.clone() for k, v in model.state_dict().items()
                                                  if "running" in k}
        opt.step()
    out["params_after"] = {k: v.clone() for k, v in model.state_dict().items()
                           if not k.endswith("num_batches_tracked")}
    model.eval()
    with torch.no_grad():
        out["eval_logits_after"] = model(x.detach())
    return out


def case_json(r, l2):
    j = {
        "l2_lambda": l2,
        "logits": tensor_json(r["logits"]),
        "loss": f32(r["loss"]),
        "grads": {k: tensor_json(v) for k, v in r["grads"].items()},
        "input_grad": tensor_json(r["input_grad"]),
        "adam": dict(ADAM),
        "losses": [f32(v) for v in r["losses"]],
        "ce_losses": [f32(v) for v in r["ce_losses"]],
        "params_after": {k: tensor_json(v) for k, v in r["params_after"].items()},
        "eval_logits_after": tensor_json(r["eval_logits_after"]),
    }
    if r["buffers_after_first_forward"]:
        j["buffers_after_first_forward"] = {k: tensor_json(v)
                                            for k, v in r["buffers_after_first_forward"].items()}
    return j


def debian_torch_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def max_rel_dev(a, b):
    """max |a - b| / max |b| over matching tensors (or scalars / lists)."""
    if isinstance(a, dict):
        return max(max_rel_dev(a[k], b[k]) for k in b)
    if isinstance(a, list):
        return max_rel_dev(torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64))
    if isinstance(a, float):
        return abs(a - b) / max(abs(b), 1e-30)
    a, b = a.double(), b.double()
    scale = b.abs().max().item()
    return (a - b).abs().max().item() / scale if scale > 0 else (a - b).abs().max().item()


def build(name, arch, seed, batch):
    torch.manual_seed(seed)
    model = ArchNet(arch)
    for m in model.layers:
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            # Non-trivial affine parameters so their gradients and the affine path are exercised.
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
    x = torch.randn([batch] + arch["input"])
    y = torch.randint(0, arch["layers"][-1]["units"], (batch,))
    return model, x, y


def make(name, arch, seed, batch, description):
    model, x, y = build(name, arch, seed, batch)
    fixture = {
        "description": description,
        "command": COMMAND,
        "torch_version": torch.__version__,
        "debian_python3_torch": debian_torch_version(),
        "seed": seed,
        "arch": arch,
        "inputs": tensor_json(x),
        "labels": y.tolist(),
        "params": params_json(model),
        "cases": {},
    }
    checks = {}
    for case, l2 in (("plain", 0.0), ("l2", L2_LAMBDA)):
        chk = Checker()
        r32 = run_case(model, x, y, l2, chk)
        r64 = run_case(copy.deepcopy(model).double(), x.double(), y, l2)
        dev = max(max_rel_dev(r32[k], r64[k]) for k in
                  ("logits", "grads", "input_grad", "params_after", "eval_logits_after", "losses"))
        checks[case] = {"f32_vs_f64_max_rel_dev": dev, "min_abs_relu_input": chk.min_relu,
                        "min_pool_top2_gap": chk.min_pool_gap, "pool_exact_ties": chk.pool_ties}
        assert dev < 1e-5, (name, case, dev)
        assert chk.min_relu > KINK_MARGIN and chk.min_pool_gap > KINK_MARGIN, (name, case, checks[case])
        for k in ("min_abs_relu_input", "min_pool_top2_gap"):
            if checks[case][k] == float("inf"):
                checks[case][k] = None  # no such layer (JSON has no Infinity)
        fixture["cases"][case] = case_json(r32, l2)
    fixture["checks"] = checks
    path = os.path.join(OUT_DIR, name + ".json")
    with open(path, "w") as f:
        f.write(fixture_json.dumps(fixture))
    print(name, json.dumps(checks), file=sys.stderr)


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    make("mlp_small", MLP_ARCH, 1234, 5,
         "MLP 1x4x4 -> flatten -> dense 8 -> relu -> dense 6 -> relu -> dense 3, batch 5")
    make("cnn_small", CNN_ARCH, 4330, 4,
         "CNN 2x9x9 -> conv 4 k3 same -> relu -> batchnorm -> maxpool 2 -> conv 3 k3 valid -> relu "
         "-> flatten -> dense 3, batch 4, BN in training mode for all steps, eval-mode logits after")


if __name__ == "__main__":
    main()
