"""Writes the reproduction table from the sweeps experiments/reproduce/run made.

Usage: python3 table.py RUNS_DIR [ROW ...]

For every row (a file of this folder) and every step budget found under RUNS_DIR/ROW/sweeps/, the
final metrics of each seed's run (the last mode-coverage or mode-count row of its metrics.jsonl) as
mean ± standard deviation over seeds, next to the paper's numbers. One evaluation is noisy (G keeps
moving at a constant learning rate), so a further column gives the steadier figure: each seed's mean
over its last LAST evaluations (5), then mean ± standard deviation over seeds.
"""
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ablations"))
from summarise import ms  # noqa: E402  (mean ± standard deviation, NaN left out)

# PacGAN (Lin et al. 2018), Tables 1 and 2: mean ± standard error over 10 trials, quoted from the
# paper as the research notes recall it. Not checked against the PDF (the repository ships the
# tables as images); the issue quotes the same GAN and PacGAN4 values.
PAPER = {
    "ring-gan": ("6.3 ± 0.5", "98.2 ± 0.2", "0.45 ± 0.09"),
    "ring-pacgan2": ("7.9 ± 0.1", "95.6 ± 2.0", "0.07 ± 0.03"),
    "ring-pacgan3": ("7.8 ± 0.1", "97.7 ± 0.3", "0.10 ± 0.02"),
    "ring-pacgan4": ("7.8 ± 0.1", "95.9 ± 1.4", "0.07 ± 0.02"),
    "grid-gan": ("17.3 ± 0.8", "94.8 ± 0.7", "0.70 ± 0.07"),
    "grid-pacgan2": ("23.8 ± 0.7", "91.3 ± 0.8", "0.13 ± 0.04"),
    "grid-pacgan3": ("24.6 ± 0.4", "94.2 ± 0.4", "0.06 ± 0.02"),
    "grid-pacgan4": ("24.8 ± 0.2", "93.6 ± 0.6", "0.04 ± 0.01"),
    # PacGAN's own DCGAN; the "99 modes, KL 3.40" row of the same table is VEEGAN's DCGAN
    "stacked-mnist-dcgan": ("78.9 ± 6.46", "–", "4.50 ± 0.127"),
    "stacked-mnist-pacdcgan2": ("1000.0 ± 0.0", "–", "0.06 ± 0.003"),
}
MODES = {"ring": 8, "grid": 25, "stacked": 1000}
LAST = 5


def evaluations(row_dir):
    """{steps: [metric rows of each finished seed's run]} of every trial under a row's sweeps."""
    out = {}
    for path in sorted(glob.glob(os.path.join(row_dir, "sweeps", "*", "*", "metrics.jsonl"))):
        rows = [json.loads(l) for l in open(path) if '"modes_captured"' in l]
        prov_path = os.path.join(os.path.dirname(path), "provenance.json")
        if not rows or not os.path.exists(prov_path):
            continue
        steps = json.load(open(prov_path))["experiment"]["training"]["steps"]
        if rows[-1]["step"] == steps:  # only finished runs count
            out.setdefault(steps, []).append(rows)
    return out


runs = sys.argv[1]
rows = sys.argv[2:] or list(PAPER)
def last_mean(runs_, key):
    """Each run's mean of key over its last LAST evaluations."""
    return [statistics.mean(r[key] for r in rows[-LAST:]) if key in rows[-1] else None for rows in runs_]


print("| row | steps | seeds | modes (of K) | high-quality % | reverse KL "
      f"| mean of the last {LAST} evaluations: modes / high-quality % "
      "| paper: modes | paper: high-quality % | paper: reverse KL |")
print("|---|---|---|---|---|---|---|---|---|---|")
for row in rows:
    k = MODES[row.split("-")[0]]
    paper = PAPER.get(row, ("–", "–", "–"))
    found = evaluations(os.path.join(runs, row))
    if not found:
        print(f"| {row} (K={k}) | – | 0 | – | – | – | – | {' | '.join(paper)} |")
    for steps, runs_ in sorted(found.items()):
        finals_ = [rows[-1] for rows in runs_]
        kl = "mode_kl" if "mode_kl" in finals_[0] else "reverse_kl"
        cells = [f"{row} (K={k})", f"{steps:,}", str(len(finals_)),
                 ms([r["modes_captured"] for r in finals_], "%.1f"),
                 ms([r.get("high_quality_pct") for r in finals_], "%.1f"),
                 ms([r.get(kl) for r in finals_], "%.3f"),
                 ms(last_mean(runs_, "modes_captured"), "%.1f") + " / "
                 + ms(last_mean(runs_, "high_quality_pct"), "%.1f")]
        print("| " + " | ".join(cells + list(paper)) + " |")
