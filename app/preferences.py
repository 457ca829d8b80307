"""Per-user preferences that apply before any profile is open (language, last profile).

Kept as a small JSON file in the user config dir, written atomically (temp file + rename).
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.paths import config_dir

LANGUAGES = ("system", "en", "zh_CN")


@dataclass
class Preferences:
    language: str = "system"
    last_profile: str = ""          # "demo" or "own"
    device_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def preferences_path() -> Path:
    return config_dir() / "preferences.json"


def load_preferences(path: Path | None = None) -> Preferences:
    path = path or preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        prefs = Preferences()
        save_preferences(prefs, path)
        return prefs
    known = {k: v for k, v in data.items() if k in Preferences.__dataclass_fields__}
    prefs = Preferences(**known)
    if prefs.language not in LANGUAGES:
        prefs.language = "system"
    return prefs


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    path = path or preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".preferences-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(prefs), handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
