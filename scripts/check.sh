#!/usr/bin/env bash
# The checks themselves: lint, layering, tests. Run by scripts/run-tests.sh.
set -uo pipefail
export QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE=1
bin=.venv/bin
status=0
echo "== ruff"; $bin/ruff check . || status=1
echo "== import contracts"; $bin/lint-imports || status=1
echo "== pytest"; $bin/python -m pytest "$@" || status=1
exit $status
