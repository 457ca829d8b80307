from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def posdesk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the installed `posdesk` command the way a user does; returns CompletedProcess."""
    exe = Path(sys.executable).parent / "posdesk"

    def run(*args: str, check: bool = False,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        result = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                                cwd=tmp_path, timeout=300, input=stdin)
        if check and result.returncode != 0:
            raise AssertionError(f"posdesk {' '.join(args)} failed:\n{result.stderr}")
        return result

    return run
