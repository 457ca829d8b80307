"""Secrets go to the OS keyring or nowhere: no plaintext fallback, clear explanations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

import keyring
import pytest
from keyring.backends import fail

from app.errors import SecretsUnavailableError
from app.secrets import SERVICE, SecretStore, purpose_name
from tests.conftest import MemoryKeyring


def test_round_trip_by_purpose(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.put(purpose_name("terminal-key", "SIM00001"), "k3y")
    assert store.get("terminal-key:SIM00001") == "k3y"
    assert memory_keyring.entries == {(SERVICE, "terminal-key:SIM00001"): "k3y"}
    assert store.delete("terminal-key:SIM00001") is True
    assert store.get("terminal-key:SIM00001") is None
    assert store.delete("terminal-key:SIM00001") is False


def test_entry_names_are_purposes_not_free_text() -> None:
    with pytest.raises(ValueError):
        purpose_name("My Password!")
    assert purpose_name("app-password") == "app-password"


def test_missing_backend_is_explained_and_nothing_is_written(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = SecretStore()
        status = store.status()
        assert not status.usable and status.reason == "missing"
        with pytest.raises(SecretsUnavailableError, match="no system keyring was found"):
            store.put("app-password", "s3cret-value-7781")
    finally:
        keyring.set_keyring(previous)
    roots = [tmp_path]   # config, cache and logs of this test live here
    if os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"):
        roots.append(Path(os.environ["HOME"]))   # the private, fresh HOME of the test run
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and path.stat().st_size < 5_000_000:
                assert b"s3cret-value-7781" not in path.read_bytes(), path


def test_plaintext_backends_are_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    backend = PlaintextKeyring()
    store = SecretStore(backend)
    status = store.status()
    assert not status.usable and status.reason == "unsafe"
    with pytest.raises(SecretsUnavailableError):
        store.put("app-password", "x")
    assert backend.entries == {}


def test_locked_keyring_is_explained() -> None:
    class LockedKeyring(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("collection is locked")

    status = SecretStore(LockedKeyring()).status()
    assert not status.usable and status.reason == "locked"
    assert "locked" in status.problem


def test_a_chain_with_a_plaintext_backend_is_refused(memory_keyring: MemoryKeyring) -> None:
    from keyring.backends import chainer

    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"

    class TwoChain(chainer.ChainerBackend):
        backends: ClassVar = [memory_keyring, PlaintextKeyring()]
        priority = MemoryKeyring.__dict__["priority"]    # never auto-selected

    store = SecretStore(TwoChain())
    assert "keyrings.alt.file.PlaintextKeyring" in store.backend_name()
    assert store.status().reason == "unsafe"
