#!/usr/bin/env bash
# Prints NewsNLP's quality and speed figures: NER P/R/F1 and tokens/s on CoNLL-2003 valid,
# ROUGE and documents/s on aeb-dev, and the peak RSS of a process that loads the model.
# Usage: scripts/bench-nlp.sh [DATA_DIR]   (default ../shared/data). Run from the repository root.
set -euo pipefail
data=${1:-../shared/data}
for f in "$data/ner/conll2003/valid.txt" "$data/summaries/aeb-dev.jsonl"; do
  [ -f "$f" ] || { echo "missing $f (pass the data directory as the first argument)" >&2; exit 1; }
done
swift build -c release --product newsline >&2
bin=$(swift build -c release --show-bin-path)/newsline
echo "== NER: CoNLL-2003 valid (tagging throughput on one core, model loaded once, best of 3 runs of 5 passes)"
for run in 1 2 3; do "$bin" eval ner "$data/ner/conll2003/valid.txt" --repeats 5; done | awk '/throughput/ {print; next} !seen[$0]++'
echo "== Summaries: aeb-dev (Newsline = 1 sentence)"
"$bin" eval summary "$data/summaries/aeb-dev.jsonl" --repeats 50
echo "== Memory: peak RSS of 'newsline analyze' on the sample article (model loaded)"
sample=$(dirname "$data")/articles/syria-ceasefire.txt
if [ -f "$sample" ] && [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak RSS: %M KB" "$bin" analyze "$sample" > /dev/null
else
  echo "skipped (needs $sample and /usr/bin/time)"
fi
