"""Where a finished 2-D run's off-mode samples come from: the latent's tails or its bulk.

Usage: python3 tails.py RUN_DIR [THRESHOLD ...]     (default thresholds: 3 2 1.5 1)

Scores the run's final generator (gantrack eval, mode-coverage on 2,500 fresh samples) once with its
own N(0, I) seeds and once per threshold a with seeds from N(0, I) truncated to |z_i| <= a, on a copy
of the run folder whose experiment.yaml names the truncated latent. A ReLU generator with batch norm
in inference mode is piecewise affine in z and its outer pieces are cones, so seeds far out map onto
rays; if the off-mode samples are those, the high-quality share rises as a falls. This is a
diagnostic, not the reproduction: PacGAN scores untruncated seeds.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
run = sys.argv[1]
thresholds = [float(a) for a in sys.argv[2:]] or [3.0, 2.0, 1.5, 1.0]


def score(latent):
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "run")
        shutil.copytree(run, copy, ignore=shutil.ignore_patterns("samples", "lock"))
        path = os.path.join(copy, "experiment.yaml")
        experiment = yaml.safe_load(open(path))
        experiment["latent"] = latent
        yaml.safe_dump(experiment, open(path, "w"), sort_keys=False)
        subprocess.run([os.path.join(root, "gantrack"), "eval", copy, "--metric", "mode-coverage"], check=True,
                       stdout=subprocess.DEVNULL)
        return json.load(open(os.path.join(copy, "eval.json")))["evaluations"][-1]["values"]


print("| seeds | modes captured | high-quality % | reverse KL |")
print("|---|---|---|---|")
rows = [("N(0, I)", {"type": "normal"})] + [
    (f"N(0, I) truncated at {a:g}", {"type": "truncated-normal", "threshold": a}) for a in thresholds]
for name, latent in rows:
    v = score(latent)
    print(f"| {name} | {v['modes_captured']:.0f} | {v['high_quality_pct']:.1f} | {v['reverse_kl']:.3f} |")
