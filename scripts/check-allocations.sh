#!/usr/bin/env bash
# Checks the micro-benchmarks' allocation counts (steady, unlike times) against Benchmarks/Thresholds/,
# recorded with the Swift version below: another version's standard library allocates differently,
# so the check is skipped there. After a change that allocates less (or, deliberately, more):
#   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark thresholds update --metric mallocCountTotal
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
recorded="6.3.1"
current=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9.]*\).*/\1/p' | head -1)
if [ "$current" != "$recorded" ]; then
  echo "check-allocations: skipped, the thresholds were recorded with Swift $recorded and this is Swift ${current:-unknown}"
  exit 0
fi
mkdir -p .build
if ! swift package benchmark thresholds check --metric mallocCountTotal --no-progress > .build/allocations.log 2>&1; then
  grep -v '^\[' .build/allocations.log | tail -40 >&2
  echo "check-allocations: allocation counts differ from Benchmarks/Thresholds/ (full output: Benchmarks/.build/allocations.log)" >&2
  exit 1
fi
echo "check-allocations: every micro-benchmark allocates as Benchmarks/Thresholds/ records"
