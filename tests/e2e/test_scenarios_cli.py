"""`posdesk scenarios` through the installed command: a merchant sets opening hours and a
cap on a terminal, past transactions are judged by it, later imports are flagged as they
land, `history --flagged` lists them, every change is in the operation log, and bad values
are named."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from app.paths import database_path
from app.shanghai_time import SHANGHAI
from tests.statement_files import BANK_ROWS, bank_csv

MARCH = ("--from", "2026-03-01", "--to", "2026-03-31")


def _rows(*specs: tuple[str, str, str, str]) -> list[tuple[str, ...]]:
    """(time, amount, kind, trace) into bank-statement rows of terminal T001."""
    template = BANK_ROWS[1]
    return [(when, amount, *template[2:5], "", kind, "成功", f"9{trace}", "", "000001",
             f"0{trace}", trace, "") for when, amount, kind, trace in specs]


def _flagged(posdesk, data: Path) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    listed = json.loads(posdesk("history", "--data-dir", str(data), "--json", *MARCH,
                                check=True).stdout)
    return {row["trace_id"]: row["flagged"] for row in listed}


def test_a_policy_flags_the_past_and_what_arrives_later(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, where = tmp_path / "shop", ("--data-dir", str(tmp_path / "shop"))
    first = bank_csv(tmp_path / "march.csv", totals=False, rows=_rows(
        ("2026-03-05 10:00:00", "80.00", "消费", "000201"),
        ("2026-03-05 14:22:10", "1,234.50", "消费", "000202"),
        ("2026-03-06 23:00:00", "-12.00", "退货", "000203")))
    posdesk("import", *where, str(first), check=True)
    assert set(_flagged(posdesk, data).values()) == {False}

    added = posdesk("scenarios", "add", "Counter hours", *where, "--terminal", "T001",
                    "--window", "08:00-12:00 mon-sat", "--per-txn", "1,000",
                    "--from", "2026-03-01", check=True)
    assert "at most ¥1,000.00 per transaction" in added.stdout
    assert _flagged(posdesk, data) == {"000201": False, "000202": True, "000203": True}
    counts = json.loads(posdesk("scenarios", "flags", *where, *MARCH, "--json",
                                check=True).stdout)
    assert sorted((c["rule"], c["transactions"]) for c in counts["flags"]) == [
        ("OUTSIDE_WINDOW", 2), ("OVER_PER_TXN", 1)]

    later = bank_csv(tmp_path / "later.csv", totals=False, rows=_rows(
        ("2026-03-08 09:30:00", "20.00", "消费", "000204"),      # a Sunday: outside
        ("2026-03-09 09:30:00", "20.00", "消费", "000205")))     # a Monday: inside
    posdesk("import", *where, str(later), check=True)
    flagged = _flagged(posdesk, data)
    assert (flagged["000204"], flagged["000205"]) == (True, False)

    text = posdesk("history", *where, "--flagged", *MARCH, check=True).stdout
    assert text.count("[flagged]") == 3 and "3 transactions from 2026-03-01" in text
    usage = json.loads(posdesk("limits", *where, "--at", "2026-03-08", "--json",
                               check=True).stdout)
    assert (usage["scenario_flagged_today"], usage["scenario_flagged_30_days"]) == (1, 3)


def test_changes_are_versioned_and_logged(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    where = ("--data-dir", str(tmp_path / "shop"))
    posdesk("scenarios", "add", "QR cap", *where, "--channel", "qr", "--daily", "500",
            check=True)
    changed = posdesk("scenarios", "change", "QR cap", *where, "--daily", "none",
                      "--allow", "sale", "--rename", "QR sales only", check=True)
    assert "now version 2" in changed.stdout and "only SALE" in changed.stdout
    posdesk("scenarios", "off", "QR sales only", *where, check=True)
    listed = json.loads(posdesk("scenarios", *where, "--json", check=True).stdout)["policies"]
    assert [(p["name"], p["enabled"], p["version"], p["daily_max_fen"], p["allowed_types"])
            for p in listed] == [("QR sales only", False, 3, None, ["SALE"])]
    posdesk("scenarios", "remove", "QR sales only", *where, check=True)
    assert "No scenario policies" in posdesk("scenarios", *where, check=True).stdout
    with sqlite3.connect(database_path(tmp_path / "shop")) as conn:
        actions = [json.loads(d)["action"] for (d,) in conn.execute(
            "SELECT details_json FROM oplog WHERE op_type = 'SCENARIO_POLICY_CHANGED' "
            "ORDER BY id")]
    assert actions == ["created", "changed", "changed", "removed"]
    assert posdesk("oplog", "verify", *where).returncode == 0


def test_bad_values_are_named(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    where = ("--data-dir", str(tmp_path / "shop"))
    posdesk("scenarios", "add", "Base", *where, "--type", "refund", check=True)
    for args, code, named in (
            (("add", "A", "--terminal", "T1", "--window", "9-10"), 1, "'9' is not a time"),
            (("add", "A", "--terminal", "T1", "--per-txn", "lots"), 2, "--per-txn 'lots'"),
            (("add", "A", "--channel", "fax"), 2, "--channel 'fax' is not one of"),
            (("add", "A", "--terminal", "T1", "--allow", "sale,gift"), 2, "--allow 'gift'"),
            (("add", "A", "--terminal", "T1", "--per-txn", "50", "--daily", "20"), 1,
             "per_txn_max is more than the daily cap"),
            (("add", "Base", "--terminal", "T1"), 1, "'Base' already exists"),
            (("change", "Nobody", "--daily", "5"), 1, "No scenario policy named 'Nobody'"),
            (("add", "A", "--terminal", "T1", "--from", "soon"), 2, "--from 'soon'")):
        done = posdesk("scenarios", *args, *where)
        assert (done.returncode, named in done.stderr) == (code, True), (args, done.stderr)


def test_a_revoked_token_blocks_its_scenario_only(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two scenarios with their own tokens; revoking the counter's flags the counter's
    transactions that arrive afterwards and leaves the QR scenario alone."""
    data, where = tmp_path / "shop", ("--data-dir", str(tmp_path / "shop"))
    posdesk("scenarios", "add", "Counter", *where, "--terminal", "T001", check=True)
    posdesk("scenarios", "add", "QR", *where, "--channel", "qr", check=True)
    assert "has no payment token" in posdesk("scenarios", "token", "Counter", *where,
                                             check=True).stdout
    bound = posdesk("scenarios", "token", "Counter", *where, "--bind", "UPTK-8842-COUNTER",
                    check=True)
    assert "Bound token …NTER to 'Counter'" in bound.stdout
    posdesk("scenarios", "token", "QR", *where, "--bind", "QRTK-1234-QR01", "--issuer",
            "issuer", check=True)
    revoked = posdesk("scenarios", "token", "Counter", *where, "--revoke", "--reason",
                      "reader stolen", check=True)
    assert "other scenarios are not affected" in revoked.stdout

    soon = dt.datetime.now(SHANGHAI) + dt.timedelta(minutes=5)
    later = bank_csv(tmp_path / "later.csv", totals=False, rows=_rows(
        (soon.strftime("%Y-%m-%d %H:%M:%S"), "20.00", "消费", "000301")))
    posdesk("import", *where, str(later), check=True)
    day = ("--from", soon.date().isoformat(), "--to", soon.date().isoformat())
    counts = json.loads(posdesk("scenarios", "flags", *where, *day, "--json",
                                check=True).stdout)["flags"]
    assert [(c["policy"], c["rule"], c["transactions"]) for c in counts] == [
        ("Counter", "TOKEN_REVOKED", 1)]

    listed = {p["name"]: p["token"] for p in json.loads(
        posdesk("scenarios", *where, "--json", check=True).stdout)["policies"]}
    assert (listed["Counter"]["live"], listed["Counter"]["token"],
            listed["Counter"]["revoke_reason"]) == (False, "…NTER", "reader stolen")
    assert (listed["QR"]["live"], listed["QR"]["issuer"]) == (True, "ISSUER")
    text = posdesk("scenarios", *where, check=True).stdout
    assert "REVOKED" in text and "UPTK-8842" not in text

    assert "Revoked token …QR01 of 'QR'" in posdesk("scenarios", "token", "QR", *where,
                                                   "--revoke", check=True).stdout
    card = posdesk("scenarios", "token", "Counter", *where, "--bind", "6222021234567890128")
    assert card.returncode == 1 and "looks like a card number" in card.stderr
    again = posdesk("scenarios", "token", "Counter", *where, "--bind", "UPTK-8842-COUNTER")
    assert again.returncode == 1 and "never bound again" in again.stderr
    with sqlite3.connect(database_path(data)) as conn:
        dump = "\n".join(str(r) for r in conn.execute("SELECT * FROM oplog"))
        blocked = conn.execute("SELECT count(*) FROM oplog "
                               "WHERE op_type = 'SENSITIVE_DATA_BLOCKED'").fetchone()[0]
    assert "6222021234567890128" not in dump and "UPTK-8842" not in dump and blocked == 1


def test_a_card_present_check_asks_the_terminals_policies(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Spec 12.4: the statutory engine governs no card-present payment, so the terminal's
    own policy decides; the stricter answer wins."""
    where = ("--data-dir", str(tmp_path / "shop"))
    first = bank_csv(tmp_path / "march.csv", totals=False, rows=_rows(
        ("2026-03-05 10:00:00", "800.00", "消费", "000401")))
    posdesk("import", *where, str(first), check=True)
    posdesk("scenarios", "add", "Counter", *where, "--terminal", "T001", "--window",
            "08:00-22:00", "--daily", "1,000", "--from", "2026-03-01", check=True)

    def check(amount: str, at: str, *more: str) -> dict[str, object]:
        return json.loads(posdesk("limits", "check", *where, "--amount", amount, "--kind",
                                  "card_present", "--at", at, "--json", *more,
                                  check=True).stdout)

    inside = check("150.00", "2026-03-05T12:00", "--terminal", "T001")
    assert (inside["decision"], inside["scenario_breaches"]) == ("ALLOW", [])
    over = check("250.00", "2026-03-05T12:00", "--terminal", "T001")
    assert (over["decision"], over["reason"], over["binding"]) == (
        "DENY", "SCENARIO_POLICY", "SCENARIO_POLICY")
    assert over["scenario_breaches"] == [{"policy": "Counter", "rule": "OVER_DAILY"}]
    night = check("10.00", "2026-03-05T23:00", "--terminal", "T001", "--channel", "qr")
    assert night["scenario_breaches"] == [{"policy": "Counter", "rule": "OUTSIDE_WINDOW"}]
    assert check("10.00", "2026-03-05T23:00")["decision"] == "ALLOW"    # no terminal named
    text = posdesk("limits", "check", *where, "--amount", "10", "--kind", "card_present",
                   "--at", "2026-03-05T23:00", "--terminal", "T001", check=True).stdout
    assert "✖ scenario policy 'Counter': OUTSIDE_WINDOW" in text
    wrong = posdesk("limits", "check", *where, "--amount", "10", "--kind", "consume",
                    "--terminal", "T001")
    assert wrong.returncode == 2 and "--kind card_present only" in wrong.stderr
    fax = posdesk("limits", "check", *where, "--amount", "10", "--kind", "card_present",
                  "--terminal", "T001", "--channel", "fax")
    assert fax.returncode == 2 and "--channel must be one of CARD, NFC, QR, not 'fax'" in fax.stderr
