"""The `posdesk` command end to end: demo, doctor, oplog verify, one instance per folder."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from app.profile import open_profile


@pytest.fixture
def demo(posdesk, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    result = posdesk("demo", "--data-dir", str(target), "--end", "2026-11-20", "--days", "20",
                     check=True)
    assert "3 simulated terminals" in result.stdout
    return target


def test_demo_then_doctor_reports_a_healthy_database(posdesk, demo: Path) -> None:
    result = posdesk("doctor", "--data-dir", str(demo), "--json", check=True)
    facts = json.loads(result.stdout)
    assert facts["database"]["ok"] is True
    assert "integrity ok" in facts["database"]["value"]
    assert facts["data_dir"]["value"] == str(demo)
    assert facts["usb"]["ok"] is True
    for key in ("version", "keyring", "bluetooth", "locale"):
        assert facts[key]["value"]


@pytest.mark.secret_service
@pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                    reason="run through scripts/run-tests.sh for the real Secret Service")
def test_doctor_inside_the_test_setup_reports_secret_service(posdesk, demo: Path) -> None:
    facts = json.loads(posdesk("doctor", "--data-dir", str(demo), "--json", check=True).stdout)
    assert "SecretService" in facts["keyring"]["value"]
    assert facts["keyring"]["ok"] is True


def test_oplog_verify_passes_then_names_the_edited_entry(posdesk, demo: Path) -> None:
    ok = posdesk("oplog", "verify", "--data-dir", str(demo))
    assert ok.returncode == 0 and "intact" in ok.stdout
    conn = sqlite3.connect(demo / "posdesk.db")
    conn.execute("DROP TRIGGER oplog_append_only")
    conn.execute("UPDATE oplog SET actor_id = 'mallory' WHERE id = 2")
    conn.commit()
    conn.close()
    broken = posdesk("oplog", "verify", "--data-dir", str(demo))
    assert broken.returncode == 1
    assert "entry 2 was changed" in broken.stderr


def test_a_second_instance_on_the_same_folder_is_refused(posdesk, demo: Path) -> None:
    holder = open_profile(demo)
    try:
        result = posdesk("demo", "--data-dir", str(demo), "--days", "3")
    finally:
        holder.close()
    assert result.returncode == 1
    assert "already open" in result.stderr and str(os.getpid()) in result.stderr
    assert "Traceback" not in result.stderr


def test_foreign_file_gives_a_clear_message_not_a_traceback(posdesk, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "posdesk.db").write_bytes(b"not a database at all" * 50)
    result = posdesk("oplog", "verify", "--data-dir", str(folder))
    assert result.returncode == 1
    assert "not a PosDesk database" in result.stderr and "Traceback" not in result.stderr


def test_commands_on_a_folder_without_data_say_what_to_do(posdesk, tmp_path: Path) -> None:
    result = posdesk("oplog", "verify", "--data-dir", str(tmp_path / "none"))
    assert result.returncode == 1 and "posdesk demo" in result.stderr
    doctor = posdesk("doctor", "--data-dir", str(tmp_path / "none"), check=True)
    assert "not created yet" in doctor.stdout


def test_bad_usage_exits_2(posdesk) -> None:
    result = posdesk("demo", "--end", "yesterday")
    assert result.returncode == 2 and "--end" in result.stderr
