#!/usr/bin/env bash
# The scale benchmarks of issue 5, end to end (see benchmarks/run.py for the options).
# Usage: benchmarks/run.sh [--sizes 100k 1m 10m] [--skip polars tables app] [--app-csv]
set -euo pipefail
cd "$(dirname "$0")/.."
exec uv run python benchmarks/run.py "$@"
