#!/usr/bin/env bash
# Micro-benchmarks of the hot paths (ordo-one/benchmark, in Benchmarks/): time, throughput,
# allocation counts and, where the kernel allows perf, instruction counts. Arguments go to
# `swift package benchmark` (for example `--filter decode`, `--allocation-stacks`,
# `baseline update NAME`, `baseline compare NAME`). Needs Swift 6.3 or newer.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
bash ../scripts/setup.sh
exec swift package --allow-writing-to-package-directory benchmark --no-progress "$@"
