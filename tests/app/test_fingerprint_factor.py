"""The OS fingerprint (fprintd) as an app-held INHERENCE factor: enrolled only after a
matching touch, tested by touch, logged either way, never counted for payment limits (VF-4),
and nothing of the print in PosDesk. Against a fake fprintd on a private system bus."""

from __future__ import annotations

import pytest

from app import factors as fx
from app.factors import FactorError, FactorRegistry
from app.profile import Profile
from app.secrets import SecretStore
from tests.conftest import MemoryKeyring

PASSWORD = "Kettle-Orchid-73"


@pytest.fixture
def registry(profile: Profile, memory_keyring: MemoryKeyring, fprintd) -> FactorRegistry:
    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger", "left-thumb"])
    return FactorRegistry(profile.db, profile.oplog, SecretStore())


def _ops(profile: Profile) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in profile.db.execute(
        "SELECT op_type, result FROM oplog WHERE target_type = 'factor' ORDER BY id")]


def test_enrolled_after_a_matching_touch_and_never_counted_for_limits(
        registry: FactorRegistry, profile: Profile, fprintd) -> None:
    status = fx.platform_status()
    assert status.usable and status.reader == "Simulated Validity Sensor"
    heard: list[str] = []
    fprintd.Touch(["verify-retry-scan", "verify-match"])
    found = registry.add_platform_fingerprint("Shop PC finger", on_status=heard.append,
                                              timeout_s=5)
    assert heard == ["verify-retry-scan", "verify-match"]
    assert (found.type, found.held_by, found.device, found.category, found.secret_ref) == (
        "FINGERPRINT", fx.APP, fx.THIS_COMPUTER, "INHERENCE", None)
    assert found.facts == {"authenticator": "fprintd", "reader": "Simulated Validity Sensor",
                           "fingers": "right-index-finger, left-thumb"}
    assert found.testable
    registry.set_password(PASSWORD)
    summary = registry.summary()
    assert summary.tier == "T3" and summary.counted == ("STATIC_PASSWORD",)
    assert any("anti-replay attestation" in n and "VF-4" in n for n in summary.notes)
    assert ("FACTOR_ENROLLED", "SUCCESS") in _ops(profile)
    with pytest.raises(FactorError, match="already a factor"):
        registry.platform_ready()
    assert not fprintd.Claimed()


def test_a_wrong_finger_enrols_nothing_and_is_logged(registry: FactorRegistry,
                                                      profile: Profile, fprintd) -> None:
    fprintd.Touch(["verify-no-match"])
    with pytest.raises(FactorError, match="does not match"):
        registry.add_platform_fingerprint("x", timeout_s=5)
    assert registry.active() == []
    assert _ops(profile) == [("FACTOR_TESTED", "FAIL")]
    with pytest.raises(FactorError, match="No finger touched the reader within 1 s"):
        registry.add_platform_fingerprint("x", timeout_s=1)
    assert registry.active() == [] and len(_ops(profile)) == 1     # no touch: no attempt


def test_tested_by_touch_and_removed_without_a_keyring_secret(
        registry: FactorRegistry, profile: Profile, fprintd,
        memory_keyring: MemoryKeyring) -> None:
    fprintd.Touch(["verify-match"])
    found = registry.add_platform_fingerprint("Finger", timeout_s=5)
    fprintd.Touch(["verify-match"])
    assert registry.test(found.id) is True
    fprintd.Touch(["verify-no-match"])
    assert registry.test(found.id) is False
    assert registry.get(found.id).test_result == "FAIL"
    assert _ops(profile)[-2:] == [("FACTOR_TESTED", "SUCCESS"), ("FACTOR_TESTED", "FAIL")]
    keys_before = dict(memory_keyring.entries)
    registry.remove(found.id)
    assert registry.active() == [] and dict(memory_keyring.entries) == keys_before


def test_no_enrolled_finger_says_how_to_enrol_one(registry: FactorRegistry, fprintd) -> None:
    fprintd.SetFingers([])
    status = fx.platform_status()
    assert status.reader == "Simulated Validity Sensor" and not status.usable
    with pytest.raises(FactorError, match="fprintd-enroll"):
        registry.platform_ready()
    fprintd.SetReader(False)
    assert "No fingerprint reader" in fx.platform_status().problem


def test_password_and_a_touch_confirm_an_operation(registry: FactorRegistry, profile: Profile,
                                                   fprintd) -> None:
    """Knowledge + inherence are two categories for the operator check (spec 8, 12.4)."""
    from app.operator_check import (
        WITH_FINGERPRINT,
        OperatorCheckFailed,
        step_up,
        verify_operator,
    )

    registry.set_password(PASSWORD)
    fprintd.Touch(["verify-match"])
    finger = registry.add_platform_fingerprint("Finger", timeout_s=5)
    assert step_up(registry).second == (finger,)
    fprintd.Touch(["verify-match"])
    proof = verify_operator(registry, "DATA_EXPORT", PASSWORD, finger.id,
                            touch=fx.touch_fingerprint(timeout_s=5))
    assert proof.verified and proof.categories == WITH_FINGERPRINT
    with pytest.raises(OperatorCheckFailed) as refused:
        verify_operator(registry, "DATA_EXPORT", PASSWORD, finger.id, touch="NO_MATCH")
    assert refused.value.facts["field"] == "factor" and refused.value.facts[
        "failures_left"] == 4
    with pytest.raises(OperatorCheckFailed) as untouched:
        verify_operator(registry, "DATA_EXPORT", PASSWORD, finger.id, touch="TIMED_OUT")
    assert untouched.value.facts["field"] == "no_touch"
    with pytest.raises(OperatorCheckFailed) as wrong:       # the touch does not excuse it
        verify_operator(registry, "DATA_EXPORT", "not it", finger.id, touch="MATCH")
    assert wrong.value.facts["field"] == "password" and wrong.value.facts[
        "failures_left"] == 3                              # the untouched try was not counted
    stamps = [(str(r[0]), r[1]) for r in profile.db.execute(
        "SELECT result, factor_categories_used FROM oplog WHERE op_type = "
        "'OPERATOR_VERIFIED' ORDER BY id")]
    assert stamps == [("SUCCESS", WITH_FINGERPRINT), ("FAIL", None), ("FAIL", None)]


def test_the_unlock_can_ask_for_a_touch(registry: FactorRegistry, profile: Profile,
                                        fprintd) -> None:
    from app.app_lock import AppLock

    registry.set_password(PASSWORD)
    fprintd.Touch(["verify-match"])
    finger = registry.add_platform_fingerprint("Finger", timeout_s=5)
    registry.set_lock_second_factor(finger.id)
    check_password, check_second = registry.unlock_checkers()
    lock = AppLock(profile.db, profile.oplog, check_password, check_second,
                   second_category="INHERENCE")
    assert lock.second_is_touch
    lock.lock("manual")
    assert not lock.attempt(PASSWORD, "NO_MATCH").ok
    assert not lock.attempt("wrong", "MATCH").ok
    assert lock.attempt(PASSWORD, "MATCH").ok
    (stamp,) = profile.db.execute("SELECT factor_categories_used FROM oplog WHERE op_type = "
                                  "'APP_UNLOCKED'").fetchall()
    assert stamp == ("KNOWLEDGE,INHERENCE",)
    institution = registry.add_institution_factor("FACE", "Bank face", fx.INSTITUTION)
    with pytest.raises(FactorError, match="fingerprint reader can be the unlock"):
        registry.set_lock_second_factor(institution.id)
    registry.remove(finger.id)                       # the unlock stops asking for it
    assert registry.unlock_checkers()[1] is None
    assert profile.db.execute("SELECT value FROM settings WHERE key = "
                              "'lock.second_factor'").fetchone() == ("",)
