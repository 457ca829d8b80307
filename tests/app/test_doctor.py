"""The doctor's facts, for a missing, a healthy and a broken database."""

from __future__ import annotations

from pathlib import Path

from app.doctor import all_ok, gather
from tests.conftest import MemoryKeyring


def _fact(facts: list, key: str):  # type: ignore[no-untyped-def]
    return next(f for f in facts if f.key == key)


def test_facts_for_a_demo_profile(demo_dir: Path, memory_keyring: MemoryKeyring) -> None:
    facts = gather(demo_dir)
    assert [f.key for f in facts] == ["version", "data_dir", "database", "log_file", "keyring",
                                      "usb", "bluetooth", "locale"]
    database = _fact(facts, "database")
    assert database.ok is True and "integrity ok" in database.value
    assert _fact(facts, "keyring").ok is True
    assert _fact(facts, "usb").ok is True          # libusb-package ships a libusb
    assert all_ok(facts)


def test_missing_database_is_not_an_error(tmp_path: Path) -> None:
    facts = gather(tmp_path / "nothing-here")
    assert _fact(facts, "database").ok is None
    assert all_ok(facts)
    assert not (tmp_path / "nothing-here").exists()   # looking does not create


def test_damaged_database_is_reported(demo_dir: Path) -> None:
    db_file = demo_dir / "posdesk.db"
    data = bytearray(db_file.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 7):
        data[offset + 100: offset + 400] = b"\xff" * 300
    db_file.write_bytes(bytes(data))
    for extra in ("posdesk.db-wal", "posdesk.db-shm"):
        (demo_dir / extra).unlink(missing_ok=True)
    facts = gather(demo_dir)
    assert _fact(facts, "database").ok is False
    assert not all_ok(facts)
