"""Independent reference computations for gantrack's metric maths, with numpy, scipy and scikit-learn.

Usage: metrics_reference.py INPUT.json OUTPUT.json
INPUT holds {"op": ..., arrays as nested lists}; OUTPUT gets {"value": ...}.

- fid: pytorch-fid's calculate_frechet_distance (scipy.linalg.sqrtm of sigma1 @ sigma2, real part)
  on mu1, sigma1, mu2, sigma2.
- mmd: the unbiased MMD^2 of x and y under sklearn's polynomial_kernel(degree=3, gamma=1/d, coef0=1),
  as torch-fidelity / Binkowski et al. define it.
- prc: improved precision/recall (Kynkaanniemi et al. 2019) with sklearn's NearestNeighbors: radii are
  the distances to the k-th neighbour (the point itself excluded), a point is covered when it lies
  within some radius of the other set.
"""
import json
import sys

import numpy as np
from scipy import linalg
from sklearn.metrics.pairwise import euclidean_distances, polynomial_kernel
from sklearn.neighbors import NearestNeighbors


def fid(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))


def mmd(x, y):
    d = x.shape[1]
    m = x.shape[0]
    kxx = polynomial_kernel(x, x, degree=3, gamma=1.0 / d, coef0=1)
    kyy = polynomial_kernel(y, y, degree=3, gamma=1.0 / d, coef0=1)
    kxy = polynomial_kernel(x, y, degree=3, gamma=1.0 / d, coef0=1)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1))
                 - 2 * kxy.mean())


def radii(x, k):
    nn = NearestNeighbors(n_neighbors=k + 1).fit(x)
    dist, _ = nn.kneighbors(x)
    return dist[:, k]


def covered(query, reference, k):
    r = radii(reference, k)
    d = euclidean_distances(query, reference)
    return float(np.mean((d <= r[None, :]).any(axis=1)))


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    op = job["op"]
    if op == "fid":
        value = fid(np.array(job["mu1"]), np.array(job["sigma1"]), np.array(job["mu2"]), np.array(job["sigma2"]))
    elif op == "mmd":
        value = mmd(np.array(job["x"], dtype=np.float64), np.array(job["y"], dtype=np.float64))
    elif op == "prc":
        real = np.array(job["real"], dtype=np.float64)
        fake = np.array(job["fake"], dtype=np.float64)
        value = [covered(fake, real, job["k"]), covered(real, fake, job["k"])]
    else:
        raise SystemExit("unknown op " + op)
    with open(sys.argv[2], "w") as f:
        json.dump({"value": value}, f)


if __name__ == "__main__":
    main()
