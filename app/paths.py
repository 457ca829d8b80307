"""Where PosDesk keeps things. Environment overrides exist so tests and technicians can point
the app at another folder without touching the user's real data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "posdesk"
DB_FILE = "posdesk.db"
LOCK_FILE = "posdesk.lock"


def default_data_dir() -> Path:
    """The merchant's own data: POSDESK_DATA_DIR, else the platform's user data dir."""
    env = os.environ.get("POSDESK_DATA_DIR")
    return Path(env) if env else platformdirs.user_data_path(APP_DIR_NAME)


def demo_data_dir() -> Path:
    """The demo profile lives in a folder of its own, so it never mixes with real data."""
    env = os.environ.get("POSDESK_DEMO_DIR")
    return Path(env) if env else platformdirs.user_data_path(APP_DIR_NAME + "-demo")


def resolve_data_dir(cli_value: str | os.PathLike[str] | None) -> Path:
    return Path(cli_value).expanduser().resolve() if cli_value else default_data_dir()


def log_dir() -> Path:
    env = os.environ.get("POSDESK_LOG_DIR")
    return Path(env) if env else platformdirs.user_log_path(APP_DIR_NAME)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_DIR_NAME)


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILE
