#!/usr/bin/env bash
# Set up the environment if needed, then run the test suite.
#
#   bash tools/run_tests.sh            # default suite (excludes @pytest.mark.slow), ~10 min on 2 cores
#   bash tools/run_tests.sh --all      # everything, slow end-to-end runs included
#   bash tools/run_tests.sh tests/test_contrastive -k supcon   # extra args go to pytest
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash tools/setup_env.sh
PY="${MMCONTRAST_VENV:-$ROOT/.venv}/bin/python"

MARK=(-m "not slow")
if [ "${1:-}" = "--all" ]; then
    MARK=()
    shift
fi
# Generate the mini datasets once, before pytest, so that tests only read them.
"$PY" tools/dataset_converters/make_mini_datasets.py >/dev/null
set +e
"$PY" -m pytest "${MARK[@]}" -q -rfE --durations=15 "$@"
rc=$?
set -e
# pytest exits 5 when nothing was collected: report it as a failure, not a silent pass.
if [ $rc -eq 5 ]; then
    echo "[run_tests] no test was collected" >&2
    exit 1
fi
exit $rc
