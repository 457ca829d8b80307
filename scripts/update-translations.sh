#!/usr/bin/env bash
# Refresh resources/translations/*.ts from the source strings in ui/ (keeps translations).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files 'ui/*.py' 'ui/**/*.py'; git ls-files --others --exclude-standard 'ui/*.py' 'ui/**/*.py')
.venv/bin/pyside6-lupdate -no-obsolete -locations none "${sources[@]}" -ts resources/translations/posdesk_zh_CN.ts
