"""Prints the mode-collapse ablation table from the runs run.sh wrote.

Usage: python3 summarise.py RUNS_DIR [VARIANT ...]   (default: every variant found in RUNS_DIR)

One row per variant: the final mode-coverage metric (modes captured, % high-quality samples, reverse
KL of the mode histogram) as mean ± standard deviation over the seeds found, for `ring` and `grid`,
with the G steps each run trained (read from the run's own provenance.json) and the median wall
seconds per run (from times.txt, the last time recorded for each run).
"""
import glob
import json
import math
import os
import re
import statistics
import sys

def final(path):
    """(last mode-coverage row, G steps) of the newest run in a run folder, or None."""
    files = sorted(glob.glob(os.path.join(path, "*", "metrics.jsonl")))
    if not files:
        return None
    rows = [json.loads(l) for l in open(files[-1]) if '"modes_captured"' in l]
    prov = json.load(open(os.path.join(os.path.dirname(files[-1]), "provenance.json")))
    steps = prov["experiment"]["training"]["steps"]
    return (rows[-1], steps) if rows else None


def ms(xs, fmt):
    xs = [float(x) for x in xs if x is not None]  # metrics.jsonl writes NaN as "NaN"
    xs = [x for x in xs if not math.isnan(x)]
    if not xs:
        return "–"
    if len(xs) == 1:
        return fmt % xs[0]  # one value has no spread to show: "± 0.0" would claim one
    return (fmt % statistics.mean(xs)) + " ± " + (fmt % statistics.stdev(xs))


def main():
    runs = sys.argv[1]
    times = {}
    if os.path.exists(os.path.join(runs, "times.txt")):
        for line in open(os.path.join(runs, "times.txt")):
            v, d, s, t = line.split()
            times[(v, d, s)] = int(t)

    found = {}
    for path in sorted(glob.glob(os.path.join(runs, "*-*-seed*"))):
        m = re.fullmatch(r"(.+)-(ring|grid)-seed(\d+)", os.path.basename(path))
        if m and os.path.isdir(path):
            found.setdefault(m.group(1), []).append((m.group(2), m.group(3), path))
    # the baseline, the one-change variants in run.sh's order, then any other (the precision configuration)
    ORDER = ["base", "sn", "ttur", "instance-noise", "label-smoothing", "hinge", "wgan-gp", "pack2", "pack4"]
    variants = sys.argv[2:] or sorted(found, key=lambda v: (ORDER.index(v) if v in ORDER else len(ORDER), v))

    print("| variant | G steps | ring modes (of 8) | ring high-quality % | ring reverse KL "
          "| grid modes (of 25) | grid high-quality % | grid reverse KL | s per run |")
    print("|---|---|---|---|---|---|---|---|---|")
    for v in variants:
        cells, steps, secs = [v], set(), []
        for d in ("ring", "grid"):
            rs = []
            for dd, s, path in found.get(v, []):
                if dd == d:
                    r = final(path)
                    if r:
                        rs.append(r[0])
                        steps.add(r[1])
                    if (v, d, s) in times:
                        secs.append(times[(v, d, s)])
            n = f" (n={len(rs)})" if len(rs) != 3 else ""
            cells += [ms([r["modes_captured"] for r in rs], "%.1f") + n,
                      ms([r["high_quality_pct"] for r in rs], "%.1f"),
                      ms([r["reverse_kl"] for r in rs], "%.3f")]
        cells.insert(1, "/".join(str(x) for x in sorted(steps)) or "–")
        cells.append(str(round(statistics.median(secs))) if secs else "–")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
