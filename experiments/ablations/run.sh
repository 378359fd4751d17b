#!/usr/bin/env bash
# Runs the mode-collapse ablation: every variant in this folder on `ring` and `grid`, 3 seeds each,
# and prints the table (mean ± standard deviation over seeds of the final mode-coverage metric) of
# every variant run so far into runs/ablations (summarise.py; also written to runs/ablations/table.md).
# VARIANTS="a b" and SEEDS="1 2" choose a subset; a later invocation with other variants or another
# step budget adds rows (the table names each row's steps).
#
# Usage: experiments/ablations/run.sh [steps] [parallel runs]     (defaults: 3000 steps, 2 at once)
# Each run uses one intra-op thread, so "2 at once" keeps a 2-core machine busy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=${1:-3000}
jobs=${2:-2}
runs=${ABLATION_RUNS:-$root/runs/ablations}
variants=${VARIANTS:-"base sn ttur instance-noise label-smoothing hinge wgan-gp pack2 pack4"}
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
begin=$(date +%s)
for v in $variants; do for d in ring grid; do for s in $seeds; do echo "$v $d $s"; done; done; done |
  xargs -P "$jobs" -L 1 bash -c 'one "$@"' _
total=$(( $(date +%s) - begin ))

python3 "$here/summarise.py" "$runs" | tee "$runs/table.md"
echo "whole invocation: $((total / 60)) min $((total % 60)) s for $(echo $variants | wc -w) variants x 2 datasets x $(echo $seeds | wc -w) seeds at $steps steps, $jobs at once" | tee -a "$runs/table.md"
