"""The keyring path users run: a real Secret Service (gnome-keyring in a private D-Bus
session, started by scripts/run-tests.sh). Required there; skipped only when a developer
runs pytest outside that script."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest

from app.secrets import SERVICE, SecretStore

pytestmark = pytest.mark.secret_service

if not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"):
    pytest.skip("run through scripts/run-tests.sh for the real Secret Service",
                allow_module_level=True)


def test_the_default_backend_is_secret_service() -> None:
    backend = keyring.get_keyring()
    assert type(backend).__module__ == "keyring.backends.SecretService"
    status = SecretStore().status()
    assert status.usable, status.problem


def test_secret_round_trip_through_gnome_keyring() -> None:
    store = SecretStore()
    name = f"test-secret:{uuid.uuid4().hex[:8]}"
    store.put(name, "correct horse battery staple")
    try:
        assert store.get(name) == "correct horse battery staple"
        assert keyring.get_password(SERVICE, name) == "correct horse battery staple"
    finally:
        assert store.delete(name)
    assert store.get(name) is None
