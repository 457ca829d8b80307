"""Opening a profile: one instance per data dir, LOGIN and LOGOUT recorded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app import oplog
from app.errors import ProfileInUseError
from app.oplog import Actor
from app.profile import open_profile


def test_open_and_close_record_login_and_logout(tmp_path: Path, actor: Actor) -> None:
    profile = open_profile(tmp_path / "p", actor)
    profile.close()
    profile.close()  # a second close is harmless and logs nothing
    again = open_profile(tmp_path / "p", actor)
    kinds = [e.op_type for e in reversed(oplog.entries(again.db))]
    again.close()
    assert kinds == [oplog.LOGIN, oplog.LOGOUT, oplog.LOGIN]


def test_second_instance_in_this_process_is_refused(tmp_path: Path, actor: Actor) -> None:
    first = open_profile(tmp_path / "p", actor)
    try:
        with pytest.raises(ProfileInUseError, match="already open"):
            open_profile(tmp_path / "p", actor)
    finally:
        first.close()
    open_profile(tmp_path / "p", actor).close()  # free again once closed


def test_instance_in_another_process_is_refused_with_its_pid(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from app.profile import open_profile
            p = open_profile(Path({str(tmp_path / 'p')!r}))
            print("ready", flush=True)
            sys.stdin.readline()
            p.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(ProfileInUseError) as caught:
            open_profile(tmp_path / "p")
        assert str(holder.pid) in caught.value.message
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def test_lock_is_released_when_the_holder_dies(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os
        from pathlib import Path
        from app.profile import open_profile
        open_profile(Path({str(tmp_path / 'p')!r}))
        os._exit(9)
    """)], check=False)
    open_profile(tmp_path / "p").close()
