#!/usr/bin/env bash
# The main job on one machine: builds Newsline, starts the embedded Kafka-protocol cluster and the three
# workers, pushes the sample article (or the paths given) and prints each finished article.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "demo: building (the first build takes a few minutes)..." >&2
swift build -c release >&2
exec .build/release/newsline demo "$@"
