#!/usr/bin/env bash
# Set up the pinned environment for mmcontrast in a virtual environment (idempotent).
#
#   bash tools/setup_env.sh          # creates/updates .venv, prints its python
#
# Environment variables:
#   MMCONTRAST_VENV    where the venv lives (default: <repo>/.venv)
#   MMCONTRAST_WHEELS  folder with a prebuilt mmcv 2.1.0 wheel (default: <repo>/../shared/wheels);
#                      when it holds no mmcv wheel, mmcv is compiled from the PyPI sdist (~12-14 min on 2 cores)
#   PYTHON             interpreter used to create the venv (default: python3.11, else python3)
#
# A stamp file keyed on the requirement files makes a second run a no-op (a few seconds).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MMCONTRAST_VENV:-$ROOT/.venv}"
WHEELS="${MMCONTRAST_WHEELS:-$ROOT/../shared/wheels}"
REQ="$ROOT/requirements"
PY_BIN="${PYTHON:-$(command -v python3.11 || command -v python3)}"

hash_inputs() {
    cat "$REQ"/constraints.txt "$REQ"/mminstall.txt "$REQ"/runtime.txt "$REQ"/optional.txt \
        "$REQ"/tests.txt "$REQ"/nodeps.txt "$ROOT/setup.py" | sha256sum | cut -c1-16
}
STAMP="$VENV/.mmcontrast-env-$(hash_inputs)"

if [ -f "$STAMP" ]; then
    echo "[setup_env] environment up to date: $VENV"
    exit 0
fi

start=$(date +%s)
if [ ! -x "$VENV/bin/python" ]; then
    echo "[setup_env] creating virtual environment $VENV with $PY_BIN"
    "$PY_BIN" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip install --disable-pip-version-check -q)
# setuptools<70: mmcv's setup.py imports pkg_resources; wheel+ninja build mmcv from source.
"${PIP[@]}" "pip<25" "setuptools<70" wheel ninja

CONSTRAINTS=(-c "$REQ/constraints.txt")
if ls "$WHEELS"/mmcv-2.1.0-*.whl >/dev/null 2>&1; then
    echo "[setup_env] using the cached mmcv wheel in $WHEELS"
    FIND=(--find-links "$WHEELS")
    BUILD=()
else
    echo "[setup_env] no cached mmcv wheel: compiling mmcv 2.1.0 from source (MAX_JOBS=2, ~12-14 min)"
    # mmcv's setup.py imports torch: install torch first, then build without isolation.
    "${PIP[@]}" "${CONSTRAINTS[@]}" torch torchvision
    export MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-2}"
    FIND=()
    BUILD=(--no-build-isolation)
fi

"${PIP[@]}" "${CONSTRAINTS[@]}" "${FIND[@]}" "${BUILD[@]}" \
    -r "$REQ/mminstall.txt" -r "$REQ/runtime.txt" -r "$REQ/optional.txt" -r "$REQ/tests.txt"
"${PIP[@]}" "${CONSTRAINTS[@]}" --no-deps -r "$REQ/nodeps.txt"
"${PIP[@]}" "${CONSTRAINTS[@]}" --no-deps --no-build-isolation -e "$ROOT"

# Fail here, not in the middle of a test run, if the stack is broken.
"$VENV/bin/python" - <<'PY'
import torch, torchvision, mmcv, mmengine, mmseg, mmdet, mmpretrain, numpy  # noqa
import mmcv.ops  # noqa: compiled ops
import mmcontrast.seg, mmcontrast.pretrain, mmcontrast.det  # noqa
print(f'[setup_env] torch {torch.__version__}, torchvision {torchvision.__version__}, '
      f'mmcv {mmcv.__version__}, mmengine {mmengine.__version__}, mmseg {mmseg.__version__}, '
      f'mmdet {mmdet.__version__}, mmpretrain {mmpretrain.__version__}, numpy {numpy.__version__}')
PY
rm -f "$VENV"/.mmcontrast-env-*
touch "$STAMP"
echo "[setup_env] done in $(( $(date +%s) - start )) s: $VENV"
