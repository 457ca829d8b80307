"""The Verification page as a merchant meets it, over the real factor registry, a real
profile and an in-memory keyring: set a password (weak refused), add an authenticator (a
wrong code keeps the dialog open), import a certificate (an expired one refused), see the
tier the factors give and why one does not count, test, rename and remove them (removal
asks first; the password needs the password), and no secret in any cell of the table."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import factors as fx
from app.profile import Profile
from app.secrets import SecretStore
from app.totp_factor import code_at
from tests.app.test_factors import certificate_file
from tests.conftest import MemoryKeyring
from ui.certificate_dialog import CertificateDialog
from ui.factor_test_dialog import FactorTestDialog
from ui.institution_factor_dialog import InstitutionFactorDialog
from ui.models.factors_model import DETAILS, LAST_TEST, NAME, WHERE
from ui.pages.verification_page import VerificationPage
from ui.password_dialog import PasswordDialog
from ui.qr_code_view import MIN_SIDE, QrCodeView
from ui.totp_dialog import TotpDialog

PASSWORD = "Kettle-Orchid-73"
NEW_PASSWORD = "Lantern-Quince-48"
ACCEPTED = QDialog.DialogCode.Accepted.value


@pytest.fixture
def page(qtbot: QtBot, profile: Profile, memory_keyring: MemoryKeyring) -> VerificationPage:
    shown = VerificationPage(profile, SecretStore())
    qtbot.addWidget(shown)
    shown.resize(1080, 760)
    return shown


def drive(page: VerificationPage, monkeypatch: pytest.MonkeyPatch,
          steps: Callable[[QDialog], None],
          after: Callable[[QDialog], None] | None = None) -> list[int]:
    """Answer the page's next dialogs with `steps` instead of a person: the dialog is shown
    (not exec'd), driven, closed, checked by `after`, and whatever it ended with is returned
    to the page (and listed). The page deletes its dialogs once used, so any check of a
    closed dialog goes in `after`."""
    results: list[int] = []

    def run(dialog: QDialog) -> int:
        dialog.show()
        steps(dialog)
        result = dialog.result()
        dialog.close()
        results.append(result)
        if after is not None:
            after(dialog)
        return result

    monkeypatch.setattr(page, "run_dialog", run)
    return results


def oplog(profile: Profile, op_type: str) -> list[tuple[str, dict[str, object]]]:
    rows = profile.db.execute("SELECT result, details_json FROM oplog WHERE op_type = ? "
                              "ORDER BY id", [op_type]).fetchall()
    return [(result, json.loads(details)) for result, details in rows]


def wrong_code(secret: str, now: float) -> str:
    near = {code_at(secret, now + step * 30) for step in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1, 1000)) if c not in near)


def enrol_totp(page: VerificationPage, device: str = fx.PHONE,
               label: str = "Phone authenticator") -> tuple[fx.EnrolledFactor, str]:
    enrolment = page.registry.start_totp("shop-pc")
    now = time.time()
    found = page.registry.finish_totp(enrolment, code_at(enrolment.secret, now), device, label,
                                      now=now)
    page.refresh()
    return found, enrolment.secret


def column(page: VerificationPage, col: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


# -- empty ----------------------------------------------------------------------------------

def test_an_empty_page_asks_for_the_password_first(page: VerificationPage) -> None:
    assert page.stack.currentWidget() is page.empty
    assert "add your password first" in page.empty.text()
    assert "T3" in page.tier_headline.text()
    assert "¥1,000" in page.tier_meaning.text()
    assert page.password_button.text().replace("&", "") == "Set password…"
    assert not page.lock_second.isEnabled()
    assert not any(b.isEnabled() for b in (page.test_button, page.rename_button,
                                           page.remove_button))


# -- password ---------------------------------------------------------------------------

def test_a_weak_password_is_refused_and_a_strong_one_set(
        page: VerificationPage, profile: Profile, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog) and not dialog.changing
        dialog.new.setText("password1")
        dialog.repeat.setText("password1")
        assert not dialog.ok_button.isEnabled()          # refused before it is even tried
        assert "commonly used" in dialog.problems.text()
        dialog.submit()                                  # and by the registry if forced
        assert dialog.isVisible() and dialog.factor is None
        assert "too easy to guess" in dialog.status.text()
        qtbot.keyClicks(dialog.new, "x")                 # no longer typed the same twice
        assert not dialog.ok_button.isEnabled()
        assert "not the same" in dialog.match.text()
        dialog.new.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        assert dialog.ok_button.isEnabled()
        assert dialog.rating.text() in ("Strong", "Very strong")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def after(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        assert dialog.new.text() == dialog.repeat.text() == ""     # cleared on close

    results = drive(page, monkeypatch, steps, after)
    with qtbot.waitSignal(page.factors_changed):
        page.set_password()
    assert results == [ACCEPTED]
    assert column(page, NAME) == ["Password"]
    assert page.password_button.text().replace("&", "") == "Change password…"
    assert [d["type"] for _, d in oplog(profile, fx.FACTOR_ENROLLED)] == ["STATIC_PASSWORD"]
    assert page.registry.test(page.model.factors[0].id, PASSWORD)


def test_changing_the_password_needs_the_current_one(
        page: VerificationPage, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    page.registry.set_password(PASSWORD)
    page.refresh()

    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog) and dialog.changing
        assert dialog.current.isVisible()
        dialog.new.setText(NEW_PASSWORD)
        dialog.repeat.setText(NEW_PASSWORD)
        assert not dialog.ok_button.isEnabled()          # the current one is missing
        dialog.current.setText("not-it-at-all")
        dialog.submit()
        assert dialog.isVisible() and "current password is wrong" in dialog.status.text()
        assert dialog.current.text() == ""
        dialog.current.setText(PASSWORD)
        dialog.submit()

    results = drive(page, monkeypatch, steps)
    page.set_password()
    assert results == [ACCEPTED]
    assert len(oplog(profile, fx.PASSWORD_CHANGED)) == 1
    assert page.registry.test(page.model.factors[0].id, NEW_PASSWORD)
    assert "changed" in page.activity.text()


# -- authenticator ----------------------------------------------------------------------

def test_an_authenticator_needs_its_current_code_and_the_seed_is_dropped(
        page: VerificationPage, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    kept: dict[str, str] = {}

    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, TotpDialog) and dialog.enrolment is not None
        secret = dialog.enrolment.secret
        kept["secret"] = secret
        assert dialog.key.text() == dialog.enrolment.grouped_secret
        assert dialog.qr.width() >= MIN_SIDE
        dialog.name.setText("Shop phone")
        dialog.device.setCurrentIndex(dialog.device.findData(fx.PHONE))
        assert dialog.device_note.isHidden()             # paying on this computer
        dialog.code.setText(wrong_code(secret, time.time()))
        dialog.activate()
        assert dialog.isVisible() and dialog.factor is None
        assert "does not match" in dialog.status.text()
        assert dialog.code.text() == ""
        dialog.code.setText(code_at(secret, time.time()))
        dialog.activate()

    def after(dialog: QDialog) -> None:
        assert isinstance(dialog, TotpDialog) and dialog.factor is not None
        kept["id"] = str(dialog.factor.id)
        assert dialog.enrolment is None and dialog.key.text() == "" and dialog.qr.modules == 0

    results = drive(page, monkeypatch, steps, after)
    page.add_authenticator()
    assert results == [ACCEPTED]
    assert column(page, NAME) == ["Shop phone"]
    assert column(page, WHERE) == ["Phone"]
    assert [r for r, _ in oplog(profile, fx.FACTOR_TESTED)] == ["FAIL"]   # the wrong code
    later = time.time() + 30
    assert page.registry.test(int(kept["id"]), code_at(kept["secret"], later), now=later)


def test_codes_on_the_paying_device_are_flagged_while_enrolling(
        page: VerificationPage, qtbot: QtBot) -> None:
    dialog = TotpDialog(page.registry, "shop-pc")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.device.setCurrentIndex(dialog.device.findData(fx.THIS_COMPUTER))
    assert dialog.device_note.isVisible() and "do not count" in dialog.device_note.text()
    dialog.reject()
    assert dialog.enrolment is None and dialog.key.text() == ""


def test_the_qr_code_is_crisp_with_a_white_quiet_zone(page: VerificationPage,
                                                      qtbot: QtBot) -> None:
    enrolment = page.registry.start_totp("shop-pc")
    matrix = enrolment.qr_matrix()
    view = QrCodeView()
    qtbot.addWidget(view)
    view.set_matrix(matrix)
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    count, module = len(matrix), view.module_size()
    assert image.width() == image.height() == count * module >= MIN_SIDE
    black, white = QColor("#000000").rgb(), QColor("#ffffff").rgb()
    for y in range(count):
        for x in range(count):
            want = black if matrix[y][x] else white
            for dy in (0, module - 1):                   # each module: one solid colour
                for dx in (0, module - 1):
                    assert image.pixel(x * module + dx, y * module + dy) == want
    border = 4 * module                                  # the quiet zone is white
    assert all(image.pixel(x, y) == white for y in range(border) for x in range(image.width()))
    assert not any(matrix[y][x] for y in range(4) for x in range(count))


# -- certificate ------------------------------------------------------------------------

def test_a_valid_certificate_is_imported_and_an_expired_one_refused(
        page: VerificationPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, _ = certificate_file(tmp_path)
    old, _ = certificate_file(tmp_path, days=(-30, -1), name="old.pem")

    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, CertificateDialog)
        dialog.path.setText(str(old))
        dialog.import_file()
        assert dialog.factor is None and dialog.isVisible()
        assert "expired" in dialog.status.text()
        dialog.path.setText(str(tmp_path / "missing.pem"))
        dialog.import_file()
        assert "cannot be read" in dialog.status.text()
        dialog.path.setText(str(good))
        dialog.name.setText("Bank U-key")
        dialog.import_file()
        assert dialog.factor is not None and dialog.status.isHidden()
        assert dialog.facts_box.isVisible()
        shown = " ".join(w.text() for w in dialog.facts_box.findChildren(type(dialog.status)))
        assert "CN=Shop 3 Signing" in shown and "5eed" in shown and "EC P-256" in shown
        dialog.close_button.click()

    results = drive(page, monkeypatch, steps)
    page.import_certificate()
    assert results == [ACCEPTED]
    assert column(page, NAME) == ["Bank U-key"]
    assert column(page, DETAILS)[0].startswith("Shop 3 Signing · valid until ")


# -- the tier -----------------------------------------------------------------------------

def test_password_and_certificate_give_t1(page: VerificationPage, tmp_path: Path) -> None:
    page.registry.set_password(PASSWORD)
    page.registry.add_certificate(certificate_file(tmp_path)[0], None, "Bank U-key")
    page.refresh()
    assert page.tier_headline.text() == (
        "Together these give tier T1: two categories (knowledge, possession)")
    assert "contract" in page.tier_meaning.text()
    assert page.tier_next.isHidden()


def test_password_and_phone_codes_give_t2_until_payments_move_to_the_phone(
        page: VerificationPage, profile: Profile, qtbot: QtBot) -> None:
    page.registry.set_password(PASSWORD)
    enrol_totp(page, fx.PHONE)
    assert page.tier_headline.text() == (
        "Together these give tier T2: two categories (knowledge, possession)")
    assert "¥5,000" in page.tier_meaning.text()
    assert page.notes.isHidden() and page.warnings.isHidden()

    with qtbot.waitSignal(page.factors_changed):
        page.paying.setCurrentIndex(page.paying.findData(fx.PHONE))
    assert page.registry.paying_device == fx.PHONE
    assert page.tier_headline.text() == "Together these give tier T3: one category (knowledge)"
    assert not page.notes.isHidden()
    assert "Authenticator app: not counted" in page.notes.text()
    assert "VF-2" in page.notes.text()
    assert oplog(profile, fx.FACTOR_CHANGED)[-1][1] == {"paying_device": fx.PHONE}


def test_two_possession_factors_on_one_device_are_warned_about(
        page: VerificationPage, tmp_path: Path) -> None:
    page.registry.set_password(PASSWORD)
    page.registry.add_certificate(certificate_file(tmp_path)[0], None, "Bank U-key")
    enrol_totp(page, fx.THIS_COMPUTER, "Desktop authenticator")
    assert not page.warnings.isHidden()
    assert "Bank U-key, Desktop authenticator are all on this computer" in (
        page.warnings.text())
    assert "not independent (Art. 22)" in page.warnings.text()


def test_an_expired_certificate_is_flagged(page: VerificationPage, tmp_path: Path) -> None:
    path, _ = certificate_file(tmp_path, days=(-30, -1))
    back_then = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    page.registry.add_certificate(path, None, "Old U-key", now=back_then)
    page.refresh()
    assert column(page, DETAILS)[0].startswith("Shop 3 Signing · expired on ")
    colour = page.model.data(page.model.index(0, DETAILS), Qt.ItemDataRole.ForegroundRole)
    assert colour == QColor("#cf222e")
    assert "“Old U-key” expired on" in page.warnings.text() and "VF-1" in page.warnings.text()


# -- test, rename, remove ---------------------------------------------------------------

def test_factors_are_tested_and_the_result_shown(
        page: VerificationPage, profile: Profile, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    password = page.registry.set_password(PASSWORD)
    certificate = page.registry.add_certificate(certificate_file(tmp_path)[0], None, "U-key")
    sms = page.registry.add_institution_factor("OTP_SMS", "Bank SMS", fx.PHONE)
    page.refresh()
    page.select(sms.id)
    assert not page.test_button.isEnabled()              # the institution tests that one

    answers = iter(["wrong-password", PASSWORD])

    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, FactorTestDialog)
        if dialog.needs_answer:
            dialog.answer.setText(next(answers))
            dialog.run_test()
            assert dialog.outcome.text().startswith("Failed")
            assert dialog.answer.text() == ""
            dialog.answer.setText(next(answers))
        else:
            assert dialog.answer.isHidden() and dialog.test_button.isEnabled()
        dialog.run_test()
        assert dialog.outcome.text().startswith("Passed")
        dialog.close_button.click()

    drive(page, monkeypatch, steps)
    page.select(password.id)
    page.test_selected()
    page.select(certificate.id)
    page.test_selected()
    assert [r for r, _ in oplog(profile, fx.FACTOR_TESTED)] == ["FAIL", "SUCCESS", "SUCCESS"]
    results = dict(zip(column(page, NAME), column(page, LAST_TEST), strict=True))
    assert results["Password"].endswith("Passed") and results["U-key"].endswith("Passed")
    assert results["Bank SMS"] == "—"


def test_a_factor_is_renamed(page: VerificationPage, profile: Profile,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    found, _ = enrol_totp(page)
    page.select(found.id)
    monkeypatch.setattr(page, "ask_new_name", lambda factor: "  Old phone ")
    page.rename_selected()
    assert column(page, NAME) == ["Old phone"]
    assert page.selected_id() == found.id
    assert oplog(profile, fx.FACTOR_CHANGED)[-1][1]["label"] == ["Phone authenticator",
                                                                 "Old phone"]


def test_removing_asks_first_and_the_password_needs_the_password(
        page: VerificationPage, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    password = page.registry.set_password(PASSWORD)
    authenticator, _ = enrol_totp(page)
    asked: list[str] = []
    answer = {"confirm": False, "password": "nope"}

    def confirm(factor: fx.EnrolledFactor) -> bool:
        asked.append(page.removal_question(factor))
        return answer["confirm"]

    monkeypatch.setattr(page, "confirm_remove", confirm)
    monkeypatch.setattr(page, "ask_current_password", lambda factor: answer["password"])

    page.select(authenticator.id)
    page.remove_selected()                               # declined: nothing goes
    assert "Phone authenticator" in asked[-1]
    assert len(page.model.factors) == 2

    answer["confirm"] = True
    page.remove_selected()
    assert column(page, NAME) == ["Password"]

    page.select(password.id)
    page.remove_selected()                               # the wrong current password
    assert "“Password”" in asked[-1] and "without asking for a password" in asked[-1]
    assert column(page, NAME) == ["Password"]
    assert "current password" in page.activity.text()
    answer["password"] = PASSWORD
    page.remove_selected()
    assert page.model.factors == [] and page.stack.currentWidget() is page.empty
    removed = [d["type"] for _, d in oplog(profile, fx.FACTOR_REMOVED)]
    assert removed == ["OTP_APP", "STATIC_PASSWORD"]
    assert SecretStore().get("app-password") is None


# -- unlock, biometrics -----------------------------------------------------------------

def test_the_unlock_code_needs_a_password_and_an_authenticator(
        page: VerificationPage, profile: Profile) -> None:
    found, _ = enrol_totp(page)
    assert not page.lock_second.isEnabled()              # no password yet
    page.registry.set_password(PASSWORD)
    page.refresh()
    assert page.lock_second.isEnabled()
    page.lock_second.setCurrentIndex(page.lock_second.findData(found.id))
    second = page.registry.lock_second_factor()
    assert second is not None and second.id == found.id
    page.lock_second.setCurrentIndex(0)
    assert page.registry.lock_second_factor() is None
    assert oplog(profile, fx.FACTOR_CHANGED)[-1][1] == {"second_factor": None}


def test_fingerprint_is_explained_and_recorded_only_when_confirmed(
        page: VerificationPage, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    """No system bus here (tests/conftest.py): the page says so and offers the institution's
    fingerprint instead. tests/ui/test_fingerprint_gui.py has a reader."""
    told: list[str] = []
    agree = {"yes": False}

    def confirm(problem: str) -> bool:
        told.append(problem)
        return agree["yes"]

    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, InstitutionFactorDialog)
        assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
            "FINGERPRINT", "FACE"]
        dialog.choose("FACE", fx.PHONE)
        assert dialog.name.text() == "Face"
        dialog.submit()

    monkeypatch.setattr(page, "confirm_biometric", confirm)
    drive(page, monkeypatch, steps)
    page.add_biometric()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told == ["PosDesk cannot reach the system's fingerprint service (no system "
                    "D-Bus)."]
    assert page.model.factors == []
    agree["yes"] = True
    page.add_biometric()
    qtbot.waitUntil(lambda: bool(page.model.factors), timeout=10_000)
    (face,) = page.model.factors
    assert (face.type, face.held_by, face.device) == ("FACE", fx.INSTITUTION, fx.PHONE)


def test_an_institution_factor_keeps_no_secret(page: VerificationPage,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def steps(dialog: QDialog) -> None:
        assert isinstance(dialog, InstitutionFactorDialog)
        dialog.choose("OTP_SMS", fx.THIS_COMPUTER)
        assert dialog.note.isVisible()                   # codes on the paying device
        dialog.choose("OTP_SMS", fx.PHONE)
        assert dialog.note.isHidden()
        dialog.name.setText("Bank SMS")
        dialog.submit()

    drive(page, monkeypatch, steps)
    page.add_institution_factor()
    (sms,) = page.model.factors
    assert (sms.type, sms.held_by, sms.secret_ref) == ("OTP_SMS", fx.INSTITUTION, None)


# -- no secret anywhere the page shows --------------------------------------------------

def test_no_secret_reaches_the_table_or_the_page(page: VerificationPage, tmp_path: Path,
                                                 memory_keyring: MemoryKeyring) -> None:
    page.registry.set_password(PASSWORD)
    _, seed = enrol_totp(page)
    path, key_der = certificate_file(tmp_path)
    page.registry.add_certificate(path, None, "Bank U-key")
    page.refresh()
    secrets = [PASSWORD, seed, " ".join(seed[i:i + 4] for i in range(0, len(seed), 4)),
               key_der.hex()[-40:]]
    secrets += list(memory_keyring.entries.values())     # the hash, the seed entry, the key
    model = page.model
    shown: list[str] = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            for role in range(0, int(Qt.ItemDataRole.UserRole) + 16):
                value = model.data(model.index(row, col), role)
                if value is not None:
                    shown.append(str(value))
    for col in range(model.columnCount()):
        for role in range(0, int(Qt.ItemDataRole.UserRole) + 16):
            shown.append(str(model.headerData(col, Qt.Orientation.Horizontal, role)))
    shown += [w.text() for w in page.findChildren(type(page.activity))]
    text = "\n".join(shown)
    assert "Bank U-key" in text                          # the check does see the cells
    for secret in secrets:
        assert secret not in text
    assert "PRIVATE KEY" not in text and "otpauth" not in text


def test_the_idle_lock_time_is_chosen_here_and_logged(qtbot, profile, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    """Without a password there is nothing to lock with; with one, the choice is saved (the
    shell's lock reads it on the factors_changed signal) and logged."""
    from app.app_lock import idle_lock_s
    from app.factors import FactorRegistry
    from app.secrets import SecretStore
    from ui.pages.verification_page import VerificationPage

    page = VerificationPage(profile, SecretStore())
    qtbot.addWidget(page)
    assert not page.idle.isEnabled() and page.idle.currentData() == 300
    FactorRegistry(profile.db, profile.oplog, SecretStore()).set_password("Kettle-Orchid-73")
    page.refresh()
    assert page.idle.isEnabled()
    with qtbot.waitSignal(page.factors_changed):
        page.idle.setCurrentIndex(page.idle.findData(15 * 60))
    assert idle_lock_s(profile.db) == 900
    logged = profile.db.execute("SELECT details_json FROM oplog WHERE op_type = "
                                "'SETTINGS_CHANGED' ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert '"idle_lock_s": 900' in logged
    page.idle.setCurrentIndex(page.idle.findData(0))
    assert idle_lock_s(profile.db) == 0
