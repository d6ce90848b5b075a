"""Small scikit-learn reference values for LocalSpec's k-means and spectral embedding tests.

Writes tests/LocalSpec.Tests/fixtures/partitioning/sklearn_small.json. Run from the repository
root with the system interpreter (Debian 12: python3-sklearn 1.2.1, numpy 1.24):

    /usr/bin/python3 tools/reference/sklearn_fixtures.py

Deterministic: a re-run gives byte-identical output. Contents:
- "lloyd": k-means from given initial centres (KMeans(init=centres, n_init=1, algorithm='lloyd')),
  once on well-separated blobs and once with a centre far from every point, so that its cluster
  starts empty and scikit-learn relocates it to the point farthest from its centre.
- "embedding": spectral_embedding(A, norm_laplacian=True, drop_first=False, eigen_solver='arpack')
  of a small weighted graph (float32 weights), and the smallest eigenvalues of
  L_sym = I - D^-1/2 A D^-1/2 by numpy.linalg.eigh.
- "clustering": SpectralClustering(affinity='precomputed', eigen_solver='arpack',
  assign_labels='kmeans') labels of a noisy three-block graph, and their n-cut (paper A.1).
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.manifold import spectral_embedding

sys.path.insert(0, os.path.dirname(__file__))
from fixture_json import dumps  # noqa: E402

OUT = "tests/LocalSpec.Tests/fixtures/partitioning/sklearn_small.json"


def ncut(a, labels):
    """n-cut = 1/2 sum_c W(c, not c) / vol(c) over nodes with label >= 0."""
    keep = labels >= 0
    a = a[np.ix_(keep, keep)]
    labels = labels[keep]
    d = a.sum(axis=1)
    total = 0.0
    for c in np.unique(labels):
        m = labels == c
        vol = d[m].sum()
        total += (vol - a[np.ix_(m, m)].sum()) / vol
    return total / 2


def lloyd_case(x, init):
    km = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=300, tol=1e-4, algorithm="lloyd").fit(x)
    return {
        "x": x.reshape(-1).tolist(), "n": int(x.shape[0]), "d": int(x.shape[1]),
        "init": np.asarray(init).reshape(-1).tolist(), "k": len(init),
        "labels": km.labels_.tolist(), "centers": km.cluster_centers_.reshape(-1).tolist(),
        "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
    }


def block_graph(rng, sizes, inside, outside):
    n = sum(sizes)
    block = np.repeat(np.arange(len(sizes)), sizes)
    same = block[:, None] == block[None, :]
    w = np.where(same, rng.uniform(*inside, size=(n, n)), rng.uniform(*outside, size=(n, n)))
    w = np.triu(w, 1)
    w = (w + w.T).astype(np.float32)
    return w, block


def main():
    rng = np.random.RandomState(0)
    blobs = np.concatenate([rng.normal(c, 0.4, size=(12, 3)) for c in ([0, 0, 0], [3, 0, 1], [0, 4, -1])])
    lloyd = [
        lloyd_case(blobs, blobs[[0, 1, 2]]),  # all three starts in one blob
        lloyd_case(blobs, np.vstack([blobs[[0, 12, 24]], [[40.0, 40.0, 40.0]]])),  # the fourth starts empty
    ]

    a, _ = block_graph(rng, [7, 9, 8, 6], (0.5, 1.0), (0.0, 0.15))
    a64 = a.astype(np.float64)
    emb = spectral_embedding(a64, n_components=5, eigen_solver="arpack", random_state=0, norm_laplacian=True, drop_first=False)
    d = a64.sum(axis=1)
    lsym = np.eye(len(d)) - a64 / np.sqrt(np.outer(d, d))
    eig = np.linalg.eigh(lsym)[0][:5]

    c, blocks = block_graph(rng, [10, 12, 8], (0.4, 1.0), (0.0, 0.2))
    labels = SpectralClustering(n_clusters=3, affinity="precomputed", eigen_solver="arpack",
                                assign_labels="kmeans", random_state=0).fit(c.astype(np.float64)).labels_

    out = {
        "command": "/usr/bin/python3 tools/reference/sklearn_fixtures.py",
        "sklearn_version": sklearn.__version__, "numpy_version": np.__version__,
        "lloyd": lloyd,
        "embedding": {"n": int(a.shape[0]), "adjacency": a.reshape(-1).astype(np.float64).tolist(), "k": 5,
                      "rows": emb.reshape(-1).tolist(), "eigenvalues": eig.tolist()},
        "clustering": {"n": int(c.shape[0]), "adjacency": c.reshape(-1).astype(np.float64).tolist(), "k": 3,
                       "blocks": blocks.tolist(), "labels": labels.tolist(), "ncut": float(ncut(c.astype(np.float64), labels))},
    }
    with open(OUT, "w") as f:
        f.write(dumps(out))


if __name__ == "__main__":
    main()
