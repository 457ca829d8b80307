"""Operator verification before high-risk operations (spec 8 and 12.4): a password and a
possession factor, each attempt logged without what was typed, and the categories proved
stamped on the operation's own log entry."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.factors import FactorRegistry
from app.operator_check import (
    OPERATOR_VERIFIED,
    TWO_CATEGORIES,
    OperatorCheckFailed,
    step_up,
    verify_operator,
)
from app.profile import Profile
from app.scenario_controls import SCENARIO_POLICY_CHANGED, save_policy
from app.scenario_policy import ScenarioPolicy
from app.totp_factor import code_at
from tests.app.test_factors import certificate_file, enrol_totp, logged, registry  # noqa: F401

PASSWORD = "Lantern-Quince-48"


def test_without_two_categories_nothing_is_asked_and_nothing_is_stamped(
        registry: FactorRegistry, profile: Profile) -> None:  # noqa: F811
    assert not step_up(registry).possible
    registry.set_password(PASSWORD)
    assert not step_up(registry).possible              # a password alone is one category
    proof = verify_operator(registry, SCENARIO_POLICY_CHANGED, "")
    assert proof.categories is None and not proof.verified
    assert logged(profile, OPERATOR_VERIFIED) == []


def test_password_and_code(registry: FactorRegistry, profile: Profile) -> None:  # noqa: F811
    registry.set_password(PASSWORD)
    factor, seed = enrol_totp(registry)
    assert step_up(registry).second == (factor,)
    later = time.time() + 30
    with pytest.raises(OperatorCheckFailed) as wrong:
        verify_operator(registry, "DATA_EXPORT", "not-it", factor.id, code_at(seed, later))
    assert wrong.value.facts["field"] == "password"
    with pytest.raises(OperatorCheckFailed) as bad_code:
        verify_operator(registry, "DATA_EXPORT", PASSWORD, factor.id, "000000")
    assert bad_code.value.facts["field"] == "factor"
    proof = verify_operator(registry, "DATA_EXPORT", PASSWORD, factor.id, code_at(seed, later))
    assert proof.verified and proof.categories == TWO_CATEGORIES
    with pytest.raises(OperatorCheckFailed):             # a code confirms once
        verify_operator(registry, "DATA_EXPORT", PASSWORD, factor.id, code_at(seed, later))
    entries = logged(profile, OPERATOR_VERIFIED)
    assert [(r, c, d.get("failed")) for r, c, d in entries] == [
        ("FAIL", None, "password"), ("FAIL", None, "factor"),
        ("SUCCESS", TWO_CATEGORIES, None), ("FAIL", None, "factor")]
    text = str(profile.db.execute("SELECT group_concat(details_json) FROM oplog").fetchone())
    assert PASSWORD not in text and "not-it" not in text and "000000" not in text


def test_a_certificate_signs_and_comes_first(registry: FactorRegistry,  # noqa: F811
                                            profile: Profile, tmp_path: Path) -> None:
    registry.set_password(PASSWORD)
    enrol_totp(registry)
    path, _ = certificate_file(tmp_path)
    cert = registry.add_certificate(path, None, "U盾")
    assert step_up(registry).second[0] == cert
    assert verify_operator(registry, SCENARIO_POLICY_CHANGED, PASSWORD).verified


def test_the_proof_is_stamped_on_the_operation(registry: FactorRegistry,  # noqa: F811
                                              profile: Profile) -> None:
    registry.set_password(PASSWORD)
    factor, seed = enrol_totp(registry)
    proof = verify_operator(registry, SCENARIO_POLICY_CHANGED, PASSWORD, factor.id,
                            code_at(seed, time.time() + 30))
    with profile.oplog.verified_as(proof.categories):
        save_policy(profile.db, profile.oplog, ScenarioPolicy("QR", "CHANNEL", "QR"))
    save_policy(profile.db, profile.oplog, ScenarioPolicy("Card", "CHANNEL", "CARD"))
    assert [c for _, c, _ in logged(profile, SCENARIO_POLICY_CHANGED)] == [TWO_CATEGORIES,
                                                                           None]


def test_guessing_is_braked_like_the_unlock(registry: FactorRegistry,  # noqa: F811
                                           profile: Profile) -> None:
    """Five wrong attempts in a row refuse the sixth, even a right one, for 30 s; the count
    survives a new registry (a restart) and a success clears it."""
    from app.attempt_throttle import AttemptThrottle
    from app.operator_check import OPERATOR_LOCKOUT

    registry.set_password(PASSWORD)
    factor, seed = enrol_totp(registry)
    lefts = []
    for _ in range(5):
        with pytest.raises(OperatorCheckFailed) as wrong:
            verify_operator(registry, "DATA_EXPORT", "guess", factor.id, "123456")
        lefts.append(wrong.value.facts["failures_left"])
    assert lefts == [4, 3, 2, 1, 0]
    again = FactorRegistry(profile.db, profile.oplog, registry.store.store)
    with pytest.raises(OperatorCheckFailed) as refused:
        verify_operator(again, "DATA_EXPORT", PASSWORD, factor.id, code_at(seed, time.time()))
    assert refused.value.facts["field"] == "locked_out"
    assert 25 <= refused.value.facts["wait_s"] <= 30
    assert [d for r, _, d in logged(profile, OPERATOR_LOCKOUT)] == [
        {"delay_s": 30, "failures": 5}]
    assert logged(profile, OPERATOR_VERIFIED)[-1][2]["refused"] == "locked_out"
    # the unlock's own counters are untouched: one brake does not lock the other out
    assert profile.db.execute("SELECT value FROM settings WHERE key = 'lock.until_utc_ms'"
                              ).fetchone() is None
    throttle = AttemptThrottle(profile.db, "stepup")
    profile.db.execute("UPDATE settings SET value = '1' WHERE key = ?", [throttle.until_key])
    assert verify_operator(registry, "DATA_EXPORT", PASSWORD, factor.id,
                           code_at(seed, time.time() + 30)).verified
    assert (throttle.failures, throttle.lockouts, throttle.wait_s()) == (0, 0, 0)
