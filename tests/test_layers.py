"""The architecture's rule that import-linter cannot see: the window and the command line
ask app/ for data and run no SQL of their own (design/architecture.md, layers). The one
exception is `posdesk bench`, whose raw-SQLite baseline is SQL by definition."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_CALL = re.compile(r"\.(execute|executemany|executescript)\(")
ALLOWED = {Path("cli/bench.py")}


def test_ui_and_cli_run_no_sql() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for folder in ("ui", "cli") for path in sorted((ROOT / folder).rglob("*.py"))
             if path.relative_to(ROOT) not in ALLOWED
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SQL_CALL.search(line)]
    assert found == [], "SQL belongs in app/:\n" + "\n".join(found)
