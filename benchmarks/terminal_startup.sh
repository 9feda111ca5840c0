#!/usr/bin/env bash
# Wall-clock start-up in a real terminal (tmux, 120x40): time from launching the
# command until the first frame (the title bar) and until the trade table's title shows.
# Usage: benchmarks/terminal_startup.sh [RUNS]   (needs tmux)
set -euo pipefail
runs="${1:-5}"
cd "$(dirname "$0")/.."
uv sync --quiet
for run in $(seq "$runs"); do
    session="tradetui-bench-$$-$run"
    start=$(date +%s.%N)
    tmux new-session -d -s "$session" -x 120 -y 40 ".venv/bin/tradetui"
    first="" data=""
    for _ in $(seq 1000); do
        screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
        now=$(date +%s.%N)
        [[ -z "$first" && "$screen" == *"tradetui"* ]] && first=$now
        if [[ "$screen" == *"[1] Trade 2025"* ]]; then data=$now; break; fi
        sleep 0.02
    done
    tmux kill-session -t "$session" 2>/dev/null || true
    printf 'run %s: first frame %.2f s, trade table with data %.2f s\n' \
        "$run" "$(echo "$first - $start" | bc)" "$(echo "$data - $start" | bc)"
done
