from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.profile import Profile, open_profile


@pytest.fixture
def demo_profile(demo_dir: Path) -> Iterator[Profile]:
    """The session's demo copy, opened as the app opens it."""
    profile = open_profile(demo_dir)
    yield profile
    profile.close()
