#!/usr/bin/env bash
# The whole test suite: installs what it needs, validates deploy/, builds every target, runs every test and
# checks the micro-benchmarks' allocation counts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/validate-deploy.sh
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
bash scripts/check-allocations.sh
