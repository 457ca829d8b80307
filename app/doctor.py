"""The facts a technician asks for first (`posdesk doctor`, Settings page).

Gathering never raises: each fact carries its own ok flag and a readable value.
"""

from __future__ import annotations

import locale
import os
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app import __version__
from app.errors import PosDeskError
from app.logfile import LOG_FILE
from app.paths import database_path, log_dir
from app.profile import open_for_reading
from app.secrets import SecretStore
from app.storage import integrity_check, schema_version
from devices.bluetooth_probe import probe as probe_bluetooth
from devices.usb_backend import find_backend


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    value: str
    ok: bool | None   # None: neither good nor bad, just information
    data: dict[str, object] = field(default_factory=dict)  # structured, for translated display


def gather(data_dir: Path, secrets: SecretStore | None = None) -> list[Fact]:
    return [
        Fact("version", "PosDesk version", f"{__version__} (Python {platform.python_version()}, "
             f"{platform.system()} {platform.release()})", None),
        Fact("data_dir", "Data folder", str(data_dir), None),
        _database_fact(data_dir),
        Fact("log_file", "Log file", str(log_dir() / LOG_FILE), None),
        _keyring_fact(secrets or SecretStore()),
        usb_fact(),
        bluetooth_fact(),
        Fact("locale", "Locale", current_locale(), None),
    ]


def current_locale() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return os.environ[name]
    found = locale.getlocale()[0]
    return found or "C"


def _database_fact(data_dir: Path) -> Fact:
    path = database_path(data_dir)
    if not path.exists():
        return Fact("database", "Database", f"not created yet ({path})", None,
                    {"state": "missing", "path": str(path)})
    try:
        db = open_for_reading(data_dir)
    except PosDeskError as exc:
        return Fact("database", "Database", exc.message, False,
                    {"state": "unreadable", "problem": exc.message})
    try:
        problems = integrity_check(db)
        version = schema_version(db.conn)
        rows = db.execute("SELECT count(*) FROM txn").fetchone()[0]
    finally:
        db.close()
    if problems:
        return Fact("database", "Database", "integrity check FAILED: " + "; ".join(problems[:3]),
                    False, {"state": "damaged", "problem": "; ".join(problems[:3])})
    return Fact("database", "Database",
                f"integrity ok, schema {version}, {rows:,} transactions", True,
                {"state": "ok", "schema": version, "transactions": rows})


def _keyring_fact(secrets: SecretStore) -> Fact:
    status = secrets.status()
    data: dict[str, object] = {"backend": status.backend, "reason": status.reason}
    if status.usable:
        return Fact("keyring", "Keyring", f"{status.backend} (usable)", True, data)
    return Fact("keyring", "Keyring", f"{status.backend}: {status.problem}", False, data)


def usb_fact() -> Fact:
    """Can USB terminals be reached (libusb)? Also asked by the Add-terminal wizard."""
    _, status = find_backend()
    return Fact("usb", "USB backend", status.detail, status.available, {"source": status.source})


def bluetooth_fact() -> Fact:
    """Is there a Bluetooth adapter? Also asked by the Add-terminal wizard."""
    status = probe_bluetooth()
    return Fact("bluetooth", "Bluetooth", status.detail, status.available,
                {"available": status.available})


def as_json_dict(facts: list[Fact]) -> dict[str, dict[str, object]]:
    return {f.key: asdict(f) for f in facts}


def all_ok(facts: list[Fact]) -> bool:
    """False when a fact that must hold is broken (the database); absent hardware is fine."""
    return all(f.ok is not False for f in facts if f.key == "database")


