#!/usr/bin/env bash
# Runs the mode-collapse ablation: every variant in this folder on `ring` and `grid`, 3 seeds each,
# and writes the table (mean ± standard deviation over seeds of the final mode-coverage metric)
# to RESULTS.md's generated section and to stdout.
#
# Usage: experiments/ablations/run.sh [steps] [parallel runs]     (defaults: 3000 steps, 2 at once)
# Each run uses one intra-op thread, so "2 at once" keeps a 2-core machine busy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=${1:-3000}
jobs=${2:-2}
runs=${ABLATION_RUNS:-$root/runs/ablations}
variants=${VARIANTS:-"base sn ttur instance-noise label-smoothing hinge wgan-gp pack2 pack4 pack4-ema-decay"}
seeds=${SEEDS:-"1 2 3"}
mkdir -p "$runs"
"$root/gantrack" validate "$here/base.yaml" >/dev/null    # builds once, before the parallel runs

one() { # variant dataset seed
  local v=$1 d=$2 s=$3 start end
  start=$(date +%s)
  GANTRACK_JAVA_OPTS="-Xmx2g -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1" \
    "$root/gantrack" run "$here/$v.yaml" --runs "$runs" --set name="$v-$d-seed$s" \
    --set dataset.type="$d" --set seed="$s" --set training.steps="$steps" \
    --set training.log-every=500 >"$runs/$v-$d-seed$s.log" 2>&1 || echo "FAILED: $v $d $s (see $runs/$v-$d-seed$s.log)" >&2
  end=$(date +%s)
  echo "$v $d $s $((end - start))" >>"$runs/times.txt"
  echo "done: $v $d seed $s in $((end - start)) s" >&2
}
export -f one
export here root runs steps
rm -f "$runs/times.txt"
begin=$(date +%s)
for v in $variants; do for d in ring grid; do for s in $seeds; do echo "$v $d $s"; done; done; done |
  xargs -P "$jobs" -L 1 bash -c 'one "$@"' _
total=$(( $(date +%s) - begin ))

python3 - "$runs" "$steps" "$total" "$variants" <<'PY' | tee "$runs/table.md"
import glob, json, math, os, statistics, sys
runs, steps, total, variants = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split()
times = {}
for line in open(os.path.join(runs, "times.txt")):
    v, d, s, t = line.split()
    times.setdefault((v, d), []).append(int(t))
def final(v, d, s):
    files = sorted(glob.glob(os.path.join(runs, f"{v}-{d}-seed{s}", "*", "metrics.jsonl")))
    if not files:
        return None
    rows = [json.loads(l) for l in open(files[-1]) if '"modes_captured"' in l]
    return rows[-1] if rows else None
def ms(xs, fmt):
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    if not xs:
        return "–"
    sd = statistics.stdev(xs) if len(xs) > 1 else 0.0
    return (fmt % statistics.mean(xs)) + " ± " + (fmt % sd)
print(f"{steps} G steps per run, batch 100; {total // 60} min {total % 60} s for the whole table.\n")
print("| variant | ring modes (of 8) | ring high-quality % | ring reverse KL | grid modes (of 25) | grid high-quality % | grid reverse KL | s per run |")
print("|---|---|---|---|---|---|---|---|")
for v in variants:
    cells = [v]
    for d in ("ring", "grid"):
        rs = [final(v, d, s) for s in (1, 2, 3)]
        rs = [r for r in rs if r]
        n = f" (n={len(rs)})" if len(rs) != 3 else ""
        cells += [ms([r["modes_captured"] for r in rs], "%.1f") + n,
                   ms([r["high_quality_pct"] for r in rs], "%.1f"),
                   ms([r["reverse_kl"] for r in rs], "%.3f")]
    t = times.get((v, "ring"), []) + times.get((v, "grid"), [])
    cells.append(str(round(statistics.median(t))) if t else "–")
    print("| " + " | ".join(cells) + " |")
PY
