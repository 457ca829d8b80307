"""Two profiles on one computer share one keyring but never an entry: each has its own
password and authenticator seeds, and an entry from before scoping is claimed once."""

from __future__ import annotations

from pathlib import Path

from app.factors import FactorRegistry
from app.oplog import Actor
from app.password_factor import PASSWORD_PURPOSE, verify_password
from app.profile import open_profile
from app.secrets import ProfileSecrets, SecretStore
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
