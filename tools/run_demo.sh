#!/usr/bin/env bash
# Set up the environment if needed, then run the main job end to end on a mini dataset:
# train a tiny config with tools/train.py, evaluate its last checkpoint with tools/test.py
# and print the metric.
#
#   bash tools/run_demo.sh                       # the default tiny config (below)
#   bash tools/run_demo.sh configs/cone/cone_resnet18-cifar_1xb32-10e_mini-digits.py
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh
PY="${MMCONTRAST_VENV:-$ROOT/.venv}/bin/python"

CONFIG="${1:-configs/icpc/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py}"
NAME="$(basename "${CONFIG%.py}")"
WORK_DIR="${WORK_DIR:-work_dirs/demo/$NAME}"

"$PY" tools/dataset_converters/make_mini_datasets.py
"$PY" tools/train.py "$CONFIG" --work-dir "$WORK_DIR"
CKPT="$WORK_DIR/$(cat "$WORK_DIR/last_checkpoint" | xargs basename)"
"$PY" tools/test.py "$CONFIG" "$CKPT" --work-dir "$WORK_DIR/test" --out "$WORK_DIR/test/metrics.json" --out-item metrics
echo "[run_demo] metrics of $NAME ($CKPT):"
cat "$WORK_DIR/test/metrics.json"; echo
