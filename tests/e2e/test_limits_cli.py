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


STATEMENT = """流水号,交易时间,交易类型,金额,交易状态,验证方式,交易对方
P001,2024-06-15 09:10:00,消费,"4,000.00",成功,密码+短信验证码,某超市
P002,2024-06-15 10:00:00,消费,300.00,处理中,密码,便利店
P003,2024-06-14 12:00:00,转账到支付账户,800.00,成功,密码+数字证书,张三
P004,2024-03-01 12:00:00,提现,5000.00,成功,,
P005,2024-01-10 08:00:00,消费,"15,200.00",成功,T2,
"""


def test_stored_profile_and_ledger_drive_usage_and_checks(posdesk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """L03 again, this time from the merchant's own statement and stored profile."""
    data = ("--data-dir", str(tmp_path / "shop"))
    statement = tmp_path / "账户明细.csv"
    statement.write_text(STATEMENT, encoding="gb18030")
    posdesk("limits", "profile", "--class", "II", "--rating", "B", "--real-name-ratio", "89",
            *data, check=True)
    done = posdesk("limits", "import", str(statement), *data, check=True)
    assert "5 payments recorded" in done.stdout
    shown = json.loads(posdesk("limits", "--at", "2024-06-15T12:00", "--json", *data,
                               check=True).stdout)
    gauges = {g["name"]: g for g in shown["constraints"]}
    assert gauges["DAILY_T2"]["used_fen"] == 400_000 and gauges["DAILY_T2"]["level"] == "warn"
    assert gauges["DAILY_T3"]["used_fen"] == 30_000
    assert gauges["CLASS_II_ANNUAL"]["used_fen"] == 2_030_000      # the withdrawal is excluded
    assert gauges["DAILY_T1"]["limit_fen"] is None
    check = json.loads(posdesk("limits", "check", "--amount", "1000.01", "--kind", "consume",
                               "--factors", "password,sms_otp", "--at", "2024-06-15", "--json",
                               *data, check=True).stdout)
    assert (check["decision"], check["binding"], check["headroom_before_fen"]) == (
        "DENY", "DAILY_T2", 100_000)
    what_if = json.loads(posdesk("limits", "check", "--amount", "1000.01", "--kind", "consume",
                                 "--factors", "password,sms_otp", "--at", "2024-06-15",
                                 "--rating", "A", "--real-name-ratio", "96", "--json", *data,
                                 check=True).stdout)
    assert (what_if["decision"], what_if["multiplier"]) == ("ALLOW", 2)
    text = posdesk("limits", "--at", "2024-06-15T12:00", *data, check=True).stdout
    assert "DAILY_T2" in text and "¥4,000.00" in text and "over 80 %" in text


def test_a_bad_statement_names_the_row_and_records_nothing(posdesk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data-dir", str(tmp_path / "shop"))
    bad = tmp_path / "bad.csv"
    bad.write_text(STATEMENT.replace("300.00", "3OO.00").replace("密码+数字证书", "口令"),
                   encoding="utf-8")
    done = posdesk("limits", "import", str(bad), *data)
    assert done.returncode == 1
    assert "bad.csv, row 3, column '金额'" in done.stderr
    assert "bad.csv, row 4, column '验证方式'" in done.stderr
    assert "nothing was recorded" in done.stderr
    shown = json.loads(posdesk("limits", "--json", "--at", "2024-06-15", *data,
                               check=True).stdout)
    assert all(g["used_fen"] == 0 for g in shown["constraints"])


def test_profile_values_are_checked_and_changes_logged(posdesk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data-dir", str(tmp_path / "shop"))
    done = posdesk("limits", "profile", "--rating", "Q", *data)
    assert done.returncode == 2 and "--rating must be one of" in done.stderr
    posdesk("limits", "profile", "--class", "III", "--rating-from", "2026-01-01",
            "--rating-to", "2026-12-31", "--rating", "A", *data, check=True)
    shown = json.loads(posdesk("limits", "profile", "--json", *data, check=True).stdout)
    assert (shown["account_class"], shown["rating_valid_to"]) == ("III", "2026-12-31")
    again = posdesk("limits", "profile", "--class", "III", *data, check=True)
    assert "Nothing changed" in again.stderr
    log = posdesk("oplog", "verify", *data, check=True)
    assert log.returncode == 0
