#!/usr/bin/env bash
# Pipeline benchmark on the embedded cluster: transport vs pass-through stage, stage rates, pipeline
# throughput, end-to-end latency and worker memory. Arguments go to `newsline bench` (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release >&2
exec .build/release/newsline bench "$@"
