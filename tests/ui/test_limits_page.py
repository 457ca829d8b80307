"""The Limits page on a real profile: gauges show what app.limit_status.report says, turn
amber at 80 % and red when used up; the what-if box answers spec vectors L02/L03; bad input
is named where it was typed; the account profile dialog saves and logs, or names the value
it refuses; a statement import runs in the background and records all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.account_ledger import AccountPayment, daily_usage, record_payments
from app.limit_profile import LIMIT_PROFILE_CHANGED, AccountProfile, load_profile, save_profile
from app.limit_status import report
from app.limits import (
    BAL_CONSUME,
    BAL_TO_OWN_BANK,
    CARD_PRESENT,
    FACTOR_TYPES,
    Customer,
    Factor,
    Institution,
    effective_factors,
    multiplier,
)
from app.money import format_fen
from app.profile import Profile
from app.shanghai_time import SHANGHAI, from_datetime
from ui import limit_labels
from ui.account_profile_dialog import AccountProfileDialog
from ui.limit_gauge import LEVEL_COLOURS
from ui.limit_usage_chart import nice_step
from ui.pages.limits_page import LimitsPage

NOW = dt.datetime(2024, 6, 15, 14, 0, tzinfo=SHANGHAI)      # spec 13.1's date
L_PROFILE = AccountProfile(institution_name="测试支付", rating="B", real_name_ratio_bp=8_900,
                           account_class="II")
HEADERS = "流水号,交易时间,交易类型,金额,交易状态,验证方式"


def _pay(profile: Profile, ref: str, when: dt.datetime, fen: int, tier: str = "T2",
         kind: str = BAL_CONSUME) -> None:
    record_payments(profile.db, profile.oplog,
                    [AccountPayment(ref, from_datetime(when), kind, fen, "SUCCEEDED", tier)],
                    source="test")


def _l_vector_ledger(profile: Profile) -> None:
    """Spec L02/L03: B/89 % (x1), D_T2 4,000.00 today, Y 20,000.00."""
    save_profile(profile.db, profile.oplog, L_PROFILE)
    _pay(profile, "EARLIER", dt.datetime(2024, 3, 1, 10, tzinfo=SHANGHAI), 1_600_000)
    _pay(profile, "TODAY", NOW.replace(hour=10), 400_000)


@pytest.fixture
def make_page(qtbot: QtBot) -> Callable[..., LimitsPage]:
    def make(profile: Profile, now: dt.datetime = NOW, **kwargs: object) -> LimitsPage:
        page = LimitsPage(profile, now=lambda: now, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(page)
        page.resize(1200, 900)
        page.show()
        return page
    return make


def _gauge(page: LimitsPage, name: str):  # type: ignore[no-untyped-def]
    return next(g for g in page.gauges if g.gauge is not None and g.gauge.name == name)


def _bar_colour(page: LimitsPage, name: str) -> QColor:
    bar = _gauge(page, name).bar
    return bar.grab().toImage().pixelColor(6, bar.height() // 2)


# -- gauges -----------------------------------------------------------------------------------

def test_gauges_show_the_report(make_page: Callable[..., LimitsPage],
                                profile: Profile) -> None:
    _l_vector_ledger(profile)
    _pay(profile, "SMALL", NOW.replace(hour=11), 30_000, "T3")
    page = make_page(profile)
    expected = report(profile.db, NOW)
    assert [g.gauge for g in page.gauges] == list(expected.gauges)
    assert [g.name for g in expected.gauges] == ["CLASS_II_ANNUAL", "DAILY_T1", "DAILY_T2",
                                                 "DAILY_T3"]
    for widget, gauge in zip(page.gauges, expected.gauges, strict=True):
        assert widget.title.text() == limit_labels.constraint(gauge.name)
        assert widget.article.text() == gauge.article
        assert widget.tag.text() == "estimate"
        if gauge.limit_fen is not None:
            assert widget.figures.text() == (
                f"used {format_fen(gauge.used_fen)} of {format_fen(gauge.limit_fen)}, "
                f"{format_fen(gauge.remaining_fen or 0)} left")
    annual = _gauge(page, "CLASS_II_ANNUAL")
    assert annual.title.text() == "Class II annual"
    assert annual.figures.text() == "used ¥20,300.00 of ¥100,000.00, ¥79,700.00 left"
    assert annual.resets.text() == "resets 2025-01-01 00:00 (Beijing time)"
    t2 = _gauge(page, "DAILY_T2")
    assert t2.title.text() == "Daily, two factors (T2)"
    assert t2.resets.text() == "resets 2024-06-16 00:00 (Beijing time)"
    assert t2.multiplier.text() == "×1 — rated B with real-name ratio 89.00%: no multiplier"
    t1 = _gauge(page, "DAILY_T1")
    assert t1.title.text() == "Daily, strongest verification (T1)"
    assert t1.figures.text().startswith("T1: by agreement (N/A)")
    assert _gauge(page, "DAILY_T3").figures.text() == "used ¥300.00 of ¥1,000.00, ¥700.00 left"
    assert page.banner.isHidden()
    assert "测试支付 · rated B · real-name ratio 89.00% · Class II account" in page.summary.text()


def test_class_i_and_the_multiplier_reason(make_page: Callable[..., LimitsPage],
                                           profile: Profile) -> None:
    save_profile(profile.db, profile.oplog, AccountProfile(account_class="I", rating="A",
                                                           real_name_ratio_bp=9_620))
    lifetime = _gauge(make_page(profile), "CLASS_I_LIFETIME")
    assert lifetime.title.text() == "Class I lifetime"
    assert lifetime.resets.text() == "never resets (lifetime)"
    save_profile(profile.db, profile.oplog, AccountProfile(account_class="II", rating="A",
                                                           real_name_ratio_bp=9_620))
    t2 = _gauge(make_page(profile), "DAILY_T2")
    assert t2.multiplier.text() == "×2 — rated A and real-name ratio 96.20% > 95% (Art. 36)"
    assert t2.figures.text() == "used ¥0.00 of ¥10,000.00, ¥10,000.00 left"


def test_warning_at_80_percent_then_used_up(make_page: Callable[..., LimitsPage],
                                            profile: Profile) -> None:
    _l_vector_ledger(profile)                            # T2: 4,000.00 of 5,000.00 = 80 %
    _pay(profile, "T3", NOW.replace(hour=9), 79_999, "T3")     # 79.999 %: still ok
    page = make_page(profile)
    t2, t3 = _gauge(page, "DAILY_T2"), _gauge(page, "DAILY_T3")
    assert (t2.level, t3.level) == ("warn", "ok")
    assert t2.bar.property("level") == "warn"
    assert t2.level_label.text() == "80 % used" and t3.level_label.text() == "79 % used"
    assert page.warning.isVisible()
    assert page.warning.text() == "⚠ Over 80 % used: Daily, two factors (T2) (80 %)."
    assert _bar_colour(page, "DAILY_T2") == QColor(LEVEL_COLOURS["warn"])
    assert _bar_colour(page, "DAILY_T3") == QColor(LEVEL_COLOURS["ok"])

    _pay(profile, "REST", NOW.replace(hour=12), 100_000)
    page.refresh()
    t2 = _gauge(page, "DAILY_T2")
    assert t2.level == "full" and t2.level_label.text() == "used up"
    assert t2.figures.text() == "used ¥5,000.00 of ¥5,000.00, ¥0.00 left"
    assert page.warning.text() == "⚠ Used up: Daily, two factors (T2)."
    assert _bar_colour(page, "DAILY_T2") == QColor(LEVEL_COLOURS["full"])


def test_no_profile_yet_says_what_to_do(make_page: Callable[..., LimitsPage],
                                        profile: Profile) -> None:
    page = make_page(profile)
    assert page.banner.isVisible()
    assert page.banner.text().startswith("Enter your account profile")
    assert "rating not known" in page.summary.text()
    assert page.chart.is_empty and len(page.chart.days) == 30
    assert not page.warning.isVisible()


def test_unit_customer_shows_the_note(make_page: Callable[..., LimitsPage],
                                      profile: Profile) -> None:
    save_profile(profile.db, profile.oplog, AccountProfile(customer_type="UNIT"))
    page = make_page(profile)
    assert page.gauges == []
    assert page.note.isVisible() and not page.gauge_area.isVisible()
    assert page.note.text().startswith("Unit customer: not subject to Art. 11/24.")
    assert not page.warning.isVisible()


def test_demo_profile_gauges_warning_and_chart(make_page: Callable[..., LimitsPage],
                                               demo_profile: Profile) -> None:
    now = dt.datetime(2026, 11, 20, 18, 0, tzinfo=SHANGHAI)
    page = make_page(demo_profile, now=now)
    assert [g.gauge for g in page.gauges] == list(report(demo_profile.db, now).gauges)
    assert page.warning.isVisible() and "Daily, two factors (T2)" in page.warning.text()
    first = dt.date(2026, 10, 22)
    assert page.chart.days[0] == first and page.chart.days[-1] == now.date()
    used = daily_usage(demo_profile.db, first, now.date())
    assert page.chart.daily == used and not page.chart.is_empty
    today = used[now.date()]
    assert page.chart.day_text(now.date()) == (
        f"2026-11-20: T1 {format_fen(today.get('T1', 0))}, T2 {format_fen(today['T2'])}, "
        f"T3 {format_fen(today['T3'])}; {format_fen(sum(today.values()))} in all")
    assert page.chart.day_at(page.chart.rect().center()) is not None


# -- what if ----------------------------------------------------------------------------------

def _tick(page: LimitsPage, *types: str) -> None:
    for code, box in page.factor_boxes.items():
        box.setChecked(code in types)


def test_what_if_spec_vectors_l03_and_l02(qtbot: QtBot, make_page: Callable[..., LimitsPage],
                                          profile: Profile) -> None:
    _l_vector_ledger(profile)
    page = make_page(profile)
    _tick(page, "STATIC_PASSWORD", "OTP_SMS")
    assert page.kind.currentData() == BAL_CONSUME
    page.amount.setText("1,000.01")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)       # Enter asks
    decision = page.decision
    assert decision is not None
    assert (decision.decision, decision.reason, decision.binding) == (
        "DENY", "LIMIT_EXCEEDED", "DAILY_T2")
    assert decision.max_from_balance_fen == 100_000
    assert page.decision_word.text() == "Deny"
    assert page.decision_word.property("decision") == "DENY"
    assert page.reason.text().startswith("Over the limit")
    assert page.answer_tier.text() == "T2: two categories"
    assert page.answer_binding.text() == "Daily, two factors (T2)"
    assert page.answer_remaining.text() == "¥1,000.00"
    assert page.answer_max.text() == "¥1,000.00"
    assert page.answer_split.isVisible() and "¥0.01 bank-funded" in page.answer_split.text()
    assert "rated B with real-name ratio 89.00%: no multiplier" in page.answer_notes.text()

    page.amount.setText("1,000.00")
    page.ask_button.click()
    decision = page.decision
    assert decision is not None and decision.decision == "ALLOW"
    assert page.decision_word.text() == "Allow"
    assert page.answer_remaining.text() == "¥0.00"
    assert page.answer_max.text() == "¥1,000.00"
    assert not page.answer_split.isVisible()


def test_what_if_other_kinds(make_page: Callable[..., LimitsPage], profile: Profile) -> None:
    _l_vector_ledger(profile)
    page = make_page(profile)
    page.amount.setText("50,000")
    page.kind.setCurrentIndex(page.kind.findData(BAL_TO_OWN_BANK))
    assert page.ask() is not None
    assert page.decision_word.text() == "Allow"
    assert page.answer_binding.text() == "none"
    page.kind.setCurrentIndex(page.kind.findData("BANK_FUNDED"))
    page.ask()
    assert page.decision_word.text() == "Bank must verify"
    assert page.decision_word.property("decision") == "REQUIRE_BANK_VERIFICATION"


def test_a_card_present_what_if_asks_the_terminals_policy(
        make_page: Callable[..., LimitsPage], profile: Profile) -> None:
    """Spec 12.4: the statutory rules govern no card-present payment; the terminal's own
    policy does, and the stricter answer wins. The terminal rows show for that kind only."""
    from app.scenario_controls import save_policy
    from app.scenario_policy import ScenarioPolicy, ScenarioRules, parse_window
    from app.transactions import Transaction, TransactionWriter

    TransactionWriter(profile.db, profile.oplog).write([Transaction(
        "t1", "SALE", "CARD", 80_000, from_datetime(NOW.replace(hour=10)), terminal_id="T3")],
        source_kind="IMPORT", source_ref="t.csv")
    save_policy(profile.db, profile.oplog, ScenarioPolicy(
        "Delivery", "TERMINAL", "T3", ScenarioRules(windows=(parse_window("07:00-22:00"),),
                                                    daily_max_fen=100_000)),
        effective_from_ms=from_datetime(NOW - dt.timedelta(days=30)))
    page = make_page(profile)
    assert not page.terminal.isVisibleTo(page)
    page.kind.setCurrentIndex(page.kind.findData(CARD_PRESENT))
    assert page.terminal.isVisibleTo(page) and page.channel.isVisibleTo(page)
    page.amount.setText("150")
    page.ask()
    assert page.decision_word.text() == "Allow"                 # no terminal named
    page.terminal.setCurrentIndex(page.terminal.findData("T3"))
    page.ask()
    assert page.decision_word.text() == "Allow" and page.breaches == []
    page.amount.setText("250")
    found = page.ask()
    assert found is not None and (found.decision, found.reason) == ("DENY", "SCENARIO_POLICY")
    assert page.decision_word.text() == "Deny"
    assert page.reason.text() == ("Your own scenario policy refuses it: “Delivery” over its "
                                  "daily cap.")
    assert page.answer_binding.text() == "Your scenario policy (spec 12.4)"
    page.kind.setCurrentIndex(page.kind.findData(BAL_CONSUME))
    assert not page.terminal.isVisibleTo(page)


def test_bad_amount_is_named_under_the_field(make_page: Callable[..., LimitsPage],
                                            profile: Profile) -> None:
    page = make_page(profile)
    for typed, said in (("12.345", "“12.345” is not an amount in yuan"),
                        ("", "Enter the amount in yuan"),
                        ("0", "The amount must be more than ¥0.00"),
                        ("abc", "“abc” is not an amount in yuan")):
        page.amount.setText(typed)
        assert page.ask() is None
        assert page.decision is None
        assert page.amount_error.isVisible() and said in page.amount_error.text()
        assert page.amount.property("invalid") is True
    page.amount.setText("12.34")
    assert page.ask() is not None
    assert not page.amount_error.isVisible() and page.amount.property("invalid") is False


def test_enrolled_factors_are_ticked_with_a_tier_hint(make_page: Callable[..., LimitsPage],
                                                      profile: Profile) -> None:
    page = make_page(profile, enrolled=("STATIC_PASSWORD", "OTP_APP"))
    ticked = {code for code, box in page.factor_boxes.items() if box.isChecked()}
    assert ticked == {"STATIC_PASSWORD", "OTP_APP"}
    assert page.tier_hint.isVisible()
    assert page.tier_hint.text().startswith("Your enrolled factors verify at T2. To raise it: "
                                            "add a digital certificate")
    page.set_enrolled(("STATIC_PASSWORD", "DIGITAL_CERTIFICATE"))
    assert page.factor_boxes["DIGITAL_CERTIFICATE"].isChecked()
    assert not page.factor_boxes["OTP_APP"].isChecked()
    assert not page.tier_hint.isVisible()                # T1: nothing to raise


def test_every_engine_explanation_reads_in_words() -> None:
    reasons = set()
    for rating in ("A", "B", "C", None):
        for ratio in (9_620, 9_300, 8_900, None):
            for account_class in ("I", "II"):
                reasons.add(multiplier(Institution(rating=rating, real_name_ratio_bp=ratio),
                                       Customer(account_class=account_class),
                                       NOW.date())[1])
    hints = {limit_labels.explain(h) for h in reasons}
    assert all(limit_labels.is_known(r) for r in reasons), reasons
    assert len(hints) == len(reasons)
    from app.limit_status import tier_hint
    for types in ((), ("STATIC_PASSWORD",), ("DIGITAL_CERTIFICATE",),
                  ("STATIC_PASSWORD", "OTP_APP")):
        hint = tier_hint(types)
        assert hint is not None and limit_labels.is_known(hint), hint
    notes = effective_factors((Factor("OTP_SMS", same_device=True),
                               Factor("STATIC_PASSWORD", released_by="FINGERPRINT"),
                               Factor("FACE", attested=False), Factor("TRUSTED_DEVICE"))).notes
    assert len(notes) == 4 and all(limit_labels.is_known(n) for n in notes), notes
    assert limit_labels.explain(notes[1]) == ("Password was released by Fingerprint, so only "
                                              "Fingerprint counts (VF-3)")
    assert all(limit_labels.factor(t) != t for t in FACTOR_TYPES)
    assert [nice_step(f) for f in (1, 890_000, 20_000_000)] == [1, 250_000, 5_000_000]


# -- the account profile dialog ---------------------------------------------------------------

def _logged(profile: Profile) -> list[dict[str, object]]:
    rows = profile.db.execute("SELECT details_json FROM oplog WHERE op_type = ? ORDER BY id",
                              [LIMIT_PROFILE_CHANGED]).fetchall()
    return [json.loads(row[0]) for row in rows]


def test_profile_dialog_saves_and_logs(qtbot: QtBot, profile: Profile) -> None:
    dialog = AccountProfileDialog(profile)
    qtbot.addWidget(dialog)
    assert dialog.account_class.currentData() == "II" and dialog.ratio.text() == ""
    dialog.institution.setText("示例支付")
    dialog.rating.setCurrentIndex(dialog.rating.findData("A"))
    dialog.valid_from.setText("2024-01-01")
    dialog.valid_to.setText("2024-12-31")
    dialog.ratio.setText("96.2")
    dialog.account_class.setCurrentIndex(dialog.account_class.findData("III"))
    dialog.contract_t1.setText("20,000")
    dialog.art37.setChecked(True)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_profile(profile.db)
    assert saved == AccountProfile(
        institution_name="示例支付", rating="A", rating_valid_from=dt.date(2024, 1, 1),
        rating_valid_to=dt.date(2024, 12, 31), real_name_ratio_bp=9_620,
        art37_bank_agreement=True, account_class="III", contract_daily_t1_fen=2_000_000)
    logged = _logged(profile)
    assert len(logged) == 1 and logged[0]["account_class"] == ["II", "III"]

    again = AccountProfileDialog(profile)        # shows what is stored; one change, one log
    qtbot.addWidget(again)
    assert (again.ratio.text(), again.contract_t1.text()) == ("96.20", "20,000.00")
    again.account_class.setCurrentIndex(again.account_class.findData("II"))
    again.save_button.click()
    assert again.changes == {"account_class": ("III", "II")}
    assert _logged(profile)[-1] == {"account_class": ["III", "II"]}


@pytest.mark.parametrize(("field", "typed", "named"), [
    ("ratio", "120", "Real-name ratio (%): must be between 0 and 100 %."),
    ("ratio", "96.123", "Real-name ratio (%): use at most two decimals"),
    ("valid_from", "2024-13-01", "Rating valid from: “2024-13-01” is not a date"),
    ("valid_to", "2023-12-31", "Rating valid until: is before the day the rating is valid from."),
    ("contract_t1", "-5", "Contract T1 daily limit: cannot be negative."),
    ("contract_t1", "lots", "Contract T1 daily limit: “lots” is not an amount in yuan"),
])
def test_profile_dialog_refuses_a_bad_value_naming_it(qtbot: QtBot, profile: Profile,
                                                      field: str, typed: str,
                                                      named: str) -> None:
    dialog = AccountProfileDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.valid_from.setText("2024-01-01")
    getattr(dialog, field).setText(typed)
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.error.isVisible() and dialog.error.text().startswith(named)
    widget = getattr(dialog, field)
    assert widget.property("invalid") is True and dialog.focusWidget() is widget
    assert load_profile(profile.db) is None and _logged(profile) == []
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)          # editing clears the mark
    assert not dialog.error.isVisible() and widget.property("invalid") is False


def test_profile_dialog_cancel_changes_nothing(qtbot: QtBot, profile: Profile) -> None:
    dialog = AccountProfileDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ratio.setText("99")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert load_profile(profile.db) is None and _logged(profile) == []


def test_edit_button_saves_refreshes_and_signals(qtbot: QtBot,
                                                 make_page: Callable[..., LimitsPage],
                                                 profile: Profile) -> None:
    page = make_page(profile)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AccountProfileDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.account_class.setCurrentIndex(dialog.account_class.findData("I"))
        dialog.save_button.click()

    QTimer.singleShot(20, fill)
    with qtbot.waitSignal(page.profile_changed, timeout=5_000):
        page.edit_button.click()
    assert "Class I account" in page.summary.text()
    assert page.banner.isHidden()
    assert [g.gauge.name for g in page.gauges if g.gauge] == ["CLASS_I_LIFETIME", "DAILY_T1",
                                                              "DAILY_T2", "DAILY_T3"]


# -- importing the account statement ----------------------------------------------------------

def _statement(path: Path, *rows: str) -> Path:
    path.write_text("\n".join((HEADERS, *rows)) + "\n", encoding="utf-8")
    return path


def _payments(profile: Profile) -> int:
    return int(profile.db.execute("SELECT count(*) FROM account_payment").fetchone()[0])


def test_importing_a_statement_updates_the_gauges(qtbot: QtBot,
                                                  make_page: Callable[..., LimitsPage],
                                                  profile: Profile, tmp_path: Path) -> None:
    save_profile(profile.db, profile.oplog, L_PROFILE)
    page = make_page(profile)
    assert _gauge(page, "DAILY_T2").gauge.used_fen == 0   # type: ignore[union-attr]
    path = _statement(tmp_path / "账户流水.csv",
                      "P-1,2024-06-15 09:12:00,消费,1200.00,成功,密码+短信验证码",
                      "P-2,2024-06-15 10:30:00,消费,50.00,成功,密码",
                      "P-3,2024-06-14 10:30:00,提现,800.00,成功,")
    with qtbot.waitSignal(page.profile_changed, timeout=10_000):
        page.import_statement(path)
        assert page.importing and not page.import_button.isEnabled()
    qtbot.waitUntil(lambda: page.import_result is not None, timeout=10_000)
    assert page.import_result is not None and page.import_result.added == 3
    assert page.notice.text() == ("账户流水.csv: 3 payments recorded, 0 updated, "
                                  "0 already known.")
    assert page.import_button.isEnabled() and page.error_box is None
    assert _gauge(page, "DAILY_T2").figures.text() == "used ¥1,200.00 of ¥5,000.00, " \
                                                      "¥3,800.00 left"
    assert _gauge(page, "DAILY_T3").gauge.used_fen == 5_000   # type: ignore[union-attr]
    assert [g.gauge for g in page.gauges] == list(report(profile.db, NOW).gauges)
    assert page.chart.daily[NOW.date()] == {"T2": 120_000, "T3": 5_000}


def test_a_bad_statement_names_the_problem_and_records_nothing(
        qtbot: QtBot, make_page: Callable[..., LimitsPage], profile: Profile,
        tmp_path: Path) -> None:
    save_profile(profile.db, profile.oplog, L_PROFILE)
    page = make_page(profile)
    path = _statement(tmp_path / "bad.csv",
                      "P-1,2024-06-15 09:12:00,消费,1200.00,成功,密码+短信验证码",
                      "P-2,2024-06-15 10:30:00,消费,lots,成功,密码")
    page.import_statement(path)
    qtbot.waitUntil(lambda: page.import_error is not None, timeout=10_000)
    box = page.error_box
    assert box is not None and box.isVisible()
    assert box.text() == "bad.csv could not be imported; nothing was recorded."
    assert "bad.csv, row 3, column “金额”: expected an amount in yuan" in box.informativeText()
    assert page.notice.text() == "Nothing was recorded from bad.csv."
    assert _payments(profile) == 0 and page.import_result is None
    assert _gauge(page, "DAILY_T2").gauge.used_fen == 0   # type: ignore[union-attr]
    assert page.import_button.isEnabled()
    box.close()
