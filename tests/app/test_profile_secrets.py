"""Two profiles on one computer share one keyring but never an entry: each has its own
password and authenticator seeds, and an entry from before scoping is claimed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import NotPairedError
from app.factors import FactorRegistry
from app.oplog import Actor
from app.password_factor import PASSWORD_PURPOSE, verify_password
from app.profile import open_profile
from app.secrets import ProfileSecrets, SecretStore
from app.terminal_pairing import (
    PairingQuestions,
    key_ref,
    load_key,
    pair_terminal,
    terminal_keys,
    unpair_terminal,
)
from tests.app.test_factors import enrol_totp
from tests.conftest import MemoryKeyring


def test_two_profiles_keep_their_own_secrets(tmp_path: Path, actor: Actor,
                                             memory_keyring: MemoryKeyring) -> None:
    shop, demo = open_profile(tmp_path / "shop", actor), open_profile(tmp_path / "demo", actor)
    try:
        own = FactorRegistry(shop.db, shop.oplog, SecretStore())
        other = FactorRegistry(demo.db, demo.oplog, SecretStore())
        own.set_password("Lantern-Quince-48")
        other.set_password("Harbour-Violet-19")        # no "current password" asked: its own
        assert verify_password(own.store, "Lantern-Quince-48")
        assert not verify_password(other.store, "Lantern-Quince-48")
        mine, _ = enrol_totp(own)
        theirs, _ = enrol_totp(other)
        assert mine.id == theirs.id == 2                  # same row ids, different entries
        own.remove(mine.id)
        assert other.get(theirs.id).status == "ACTIVE"
        assert other.test(theirs.id, "000000") is False   # its seed is still there to check
        names = {name for (_service, name) in memory_keyring.entries}
        assert PASSWORD_PURPOSE not in names and len(
            [n for n in names if n.startswith(PASSWORD_PURPOSE)]) == 2
    finally:
        shop.close()
        demo.close()


def test_an_unscoped_entry_is_claimed_once(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.put(PASSWORD_PURPOSE, "old-hash")
    first, second = ProfileSecrets(store, "aaaa"), ProfileSecrets(store, "bbbb")
    assert first.get(PASSWORD_PURPOSE) == "old-hash"
    assert second.get(PASSWORD_PURPOSE) is None
    assert store.get(PASSWORD_PURPOSE) is None and store.get("app-password:aaaa") == "old-hash"


def test_terminal_keys_belong_to_one_profile(tmp_path: Path, actor: Actor, usb_rig,  # type: ignore[no-untyped-def]
                                             memory_keyring: MemoryKeyring) -> None:
    """The demo and the shop pair the same reader: unpairing it in the demo must not take
    the shop's key, and neither pairing overwrites the other's entry."""
    _, _, connect = usb_rig
    yes = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda i: True)
    shop, demo = open_profile(tmp_path / "shop", actor), open_profile(tmp_path / "demo", actor)
    try:
        ident = pair_terminal(shop, connect(), transport="usb", address="usb:0", questions=yes,
                              secrets=SecretStore())
        shop_key = load_key(shop, SecretStore(), key_ref(ident.serial))
        pair_terminal(demo, connect(), transport="usb", address="usb:0", questions=yes,
                      secrets=SecretStore())
        assert len(memory_keyring.entries) == 2
        unpair_terminal(demo, ident.terminal_id, SecretStore())
        assert load_key(shop, SecretStore(), key_ref(ident.serial)) == shop_key
        with pytest.raises(NotPairedError):
            load_key(demo, SecretStore(), key_ref(ident.serial))
    finally:
        shop.close()
        demo.close()


def test_a_terminal_key_from_before_scoping_is_claimed(tmp_path: Path, actor: Actor,
                                                       memory_keyring: MemoryKeyring) -> None:
    shop = open_profile(tmp_path / "shop", actor)
    try:
        SecretStore().put("terminal-key:SIM1", "a2V5")
        assert load_key(shop, SecretStore(), "terminal-key:SIM1") == b"key"
        assert [name for (_s, name) in memory_keyring.entries] == [
            terminal_keys(shop, SecretStore()).scoped("terminal-key:SIM1")]
    finally:
        shop.close()
