"""`posdesk limits check` as support staff use it: spec vectors through the command line,
JSON keys as the issue lists them, and bad values named with exit code 2."""

from __future__ import annotations

import json

VECTOR_L03 = ("--amount", "1,000.01", "--kind", "consume", "--factors", "password,sms_otp",
              "--rating", "B", "--real-name-ratio", "89", "--class", "II",
              "--used-day-t2", "4000", "--used-year", "20000", "--at", "2024-06-15")


def test_a_spec_vector_through_the_cli(posdesk) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(posdesk("limits", "check", *VECTOR_L03, "--json", check=True).stdout)
    assert {key: out[key] for key in (
        "decision", "reason", "tier", "multiplier", "binding", "headroom_before_fen",
        "remaining_after_fen", "max_from_balance_fen")} == {
        "decision": "DENY", "reason": "LIMIT_EXCEEDED", "tier": "T2", "multiplier": 1,
        "binding": "DAILY_T2", "headroom_before_fen": 100_000, "remaining_after_fen": 100_000,
        "max_from_balance_fen": 100_000}
    text = posdesk("limits", "check", *VECTOR_L03, check=True).stdout
    assert text.startswith("DENY (LIMIT_EXCEEDED): ¥1,000.01 on 2024-06-15, tier T2")
    assert "most payable from balance now ¥1,000.00" in text


def test_same_device_otp_and_multiplier_through_the_cli(posdesk) -> None:  # type: ignore[no-untyped-def]
    """L14 (the code arrived on the paying device: T3) and L05 (x1.5 from A/93 %)."""
    l14 = json.loads(posdesk("limits", "check", "--amount", "2000", "--kind", "consume",
                             "--factors", "password,sms_otp", "--otp-same-device", "--rating",
                             "C", "--real-name-ratio", "99", "--json", check=True).stdout)
    assert (l14["tier"], l14["binding"], l14["max_from_balance_fen"]) == ("T3", "DAILY_T3",
                                                                          100_000)
    l05 = json.loads(posdesk("limits", "check", "--amount", "1600", "--kind", "consume",
                             "--factors", "password,fingerprint", "--rating", "A",
                             "--real-name-ratio", "93", "--used-day-t2", "6000", "--json",
                             check=True).stdout)
    assert (l05["decision"], l05["multiplier"], l05["headroom_before_fen"]) == ("DENY", 1.5,
                                                                                150_000)


def test_bad_values_are_named(posdesk) -> None:  # type: ignore[no-untyped-def]
    for args, named in (
            (("--amount", "12.345", "--kind", "consume"), "--amount: '12.345'"),
            (("--amount", "5", "--kind", "gift"), "--kind must be one of consume"),
            (("--amount", "5", "--kind", "consume", "--factors", "pin"), "unknown factor 'pin'"),
            (("--amount", "5", "--kind", "consume", "--rating", "Z"), "--rating must be one of"),
            (("--amount", "5", "--kind", "consume", "--real-name-ratio", "120"),
             "--real-name-ratio must be 0-100"),
            (("--amount", "5", "--kind", "consume", "--at", "yesterday"), "--at: 'yesterday'")):
        done = posdesk("limits", "check", *args)
        assert done.returncode == 2 and named in done.stderr, (args, done.stderr)
