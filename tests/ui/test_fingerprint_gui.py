"""This computer's fingerprint reader on the Verification page, against a fake fprintd on a
private system bus (the D-Bus traffic and every widget are real): added after one matching
touch (a retry hint shown on the way), counted honestly (not for limits), tested by touch,
cancelled without a trace, and refused with the reason when no finger is enrolled."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app import factors as fx
from app.profile import Profile
from app.secrets import SecretStore
from tests.conftest import MemoryKeyring
from ui.fingerprint_dialog import FingerprintDialog
from ui.pages.verification_page import VerificationPage


@pytest.fixture
def page(qtbot: QtBot, profile: Profile, memory_keyring: MemoryKeyring,
         fprintd) -> VerificationPage:
    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger"])
    shown = VerificationPage(profile, SecretStore())
    qtbot.addWidget(shown)
    shown.resize(1080, 760)
    shown.show()
    return shown


def answer_with(page: VerificationPage, monkeypatch: pytest.MonkeyPatch,
                steps: Callable[[FingerprintDialog], None]) -> list[str]:
    """Show the page's next dialog instead of exec'ing it, drive it, close it; returns the
    prompts it showed."""
    seen: list[str] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, FingerprintDialog)
        dialog.show()
        steps(dialog)
        seen.append(dialog.prompt.text())
        result = dialog.result()
        dialog.close()
        return result

    monkeypatch.setattr(page, "run_dialog", run)
    return seen


def _factor_ops(profile: Profile) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in profile.db.execute(
        "SELECT op_type, result FROM oplog WHERE target_type = 'factor' ORDER BY id")]


def test_added_after_a_touch_then_tested(page: VerificationPage, profile: Profile, fprintd,
                                         qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    hints: list[str] = []

    def touch(dialog: FingerprintDialog) -> None:
        qtbot.waitUntil(lambda: dialog.waiting, timeout=5_000)       # started by itself
        assert dialog.prompt.text() == "Touch Simulated Validity Sensor now…"
        dialog.name.setText("Shop PC")
        fprintd.Touch(["verify-retry-scan"])
        qtbot.waitUntil(lambda: "not clear" in dialog.prompt.text(), timeout=5_000)
        hints.append(dialog.prompt.text())
        fprintd.Touch(["verify-match"])
        qtbot.waitUntil(lambda: dialog.factor is not None, timeout=5_000)

    answer_with(page, monkeypatch, touch)
    page.add_biometric()
    qtbot.waitUntil(lambda: bool(page.model.factors), timeout=10_000)
    assert hints == ["The scan was not clear: touch the reader again."]
    (finger,) = page.model.factors
    assert (finger.type, finger.label, finger.held_by) == ("FINGERPRINT", "Shop PC", fx.APP)
    assert "Shop PC" in page.activity.text()
    assert "anti-replay attestation" in page.notes.text()        # not counted for limits
    assert not fprintd.Claimed()

    def test_touch(dialog: FingerprintDialog) -> None:
        qtbot.waitUntil(lambda: dialog.waiting, timeout=5_000)
        fprintd.Touch(["verify-no-match"])
        qtbot.waitUntil(lambda: dialog.tested, timeout=5_000)
        assert dialog.passed is False and "does not match" in dialog.outcome.text()
        dialog.start()                                              # touch again
        fprintd.Touch(["verify-match"])
        qtbot.waitUntil(lambda: dialog.passed is True, timeout=5_000)
        assert "Passed" in dialog.outcome.text()

    answer_with(page, monkeypatch, test_touch)
    page.select(finger.id)
    page.test_selected()
    assert _factor_ops(profile) == [("FACTOR_ENROLLED", "SUCCESS"), ("FACTOR_TESTED", "FAIL"),
                                    ("FACTOR_TESTED", "SUCCESS")]
    assert page.model.factors[0].test_result == "PASS"


def test_cancel_leaves_nothing_and_releases_the_reader(
        page: VerificationPage, profile: Profile, fprintd, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def cancel(dialog: FingerprintDialog) -> None:
        qtbot.waitUntil(lambda: dialog.waiting, timeout=5_000)
        qtbot.waitUntil(lambda: bool(fprintd.Verifying()), timeout=5_000)
        dialog.reject()

    closed = answer_with(page, monkeypatch, cancel)
    page.add_biometric()
    qtbot.waitUntil(lambda: bool(closed), timeout=10_000)
    assert page.biometric_button.isEnabled()
    qtbot.waitUntil(lambda: not fprintd.Claimed(), timeout=5_000)   # stopped, released
    assert page.model.factors == [] and _factor_ops(profile) == []


def test_no_enrolled_finger_is_explained(page: VerificationPage, fprintd, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fprintd.SetFingers([])
    told: list[str] = []
    monkeypatch.setattr(page, "confirm_biometric", lambda problem: told.append(problem))
    page.add_biometric()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told[0].startswith("Simulated Validity Sensor has no finger enrolled for you")
    assert page.model.factors == []


def test_the_operator_check_asks_for_a_touch(profile: Profile, memory_keyring: MemoryKeyring,
                                             fprintd, qtbot: QtBot) -> None:
    from app.factors import FactorRegistry
    from app.operator_check import WITH_FINGERPRINT
    from ui.operator_check_dialog import OperatorCheckDialog

    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger"])
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    registry.set_password("Kettle-Orchid-73")
    fprintd.Touch(["verify-match"])
    registry.add_platform_fingerprint("Finger", timeout_s=5)
    dialog = OperatorCheckDialog(registry, "DATA_EXPORT")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.isHidden() and "touch Simulated Validity Sensor" in dialog.signs.text()
    dialog.password.setText("Kettle-Orchid-73")
    dialog.submit()
    assert dialog.touching and "Touch the fingerprint reader now" in dialog.message.text()
    fprintd.Touch(["verify-no-match"])
    qtbot.waitUntil(lambda: not dialog.touching, timeout=5_000)
    assert dialog.proof is None and "does not match" in dialog.message.text()
    dialog.submit()
    fprintd.Touch(["verify-match"])
    qtbot.waitUntil(lambda: dialog.proof is not None, timeout=5_000)
    assert dialog.proof.categories == WITH_FINGERPRINT
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_the_lock_screen_asks_for_a_touch(profile: Profile, memory_keyring: MemoryKeyring,
                                          fprintd, qtbot: QtBot) -> None:
    """The real LockControl wiring: the Verification page's choice makes the unlock ask for
    a touch; a wrong finger counts as a failed attempt, an untouched reader does not."""
    from app.factors import FactorRegistry
    from ui.lock_control import LockControl
    from ui.lock_dialog import LockDialog

    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger"])
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    registry.set_password("Kettle-Orchid-73")
    fprintd.Touch(["verify-match"])
    finger = registry.add_platform_fingerprint("Finger", timeout_s=5)
    page = VerificationPage(profile, SecretStore())
    qtbot.addWidget(page)
    choice = page.lock_second.findData(finger.id)
    assert page.lock_second.itemText(choice) == "A touch of the fingerprint reader (Finger)"
    page.lock_second.setCurrentIndex(choice)
    assert "touch of the fingerprint reader" in page.activity.text()

    from PySide6.QtWidgets import QApplication

    control = LockControl(QApplication.instance(), profile, SecretStore())
    assert control.app_lock is not None and control.app_lock.second_is_touch
    control.app_lock.lock("manual")
    dialog = LockDialog(control.app_lock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.isHidden()
    dialog.password.setText("Kettle-Orchid-73")
    dialog.submit()
    assert dialog.touching and not dialog.password.isEnabled()
    fprintd.Touch(["verify-no-match"])
    qtbot.waitUntil(lambda: not dialog.touching, timeout=5_000)
    assert "password or the fingerprint is not correct" in dialog.status.text()
    assert control.app_lock.failures == 1
    dialog.password.setText("Kettle-Orchid-73")
    dialog.submit()
    fprintd.Touch(["verify-match"])
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted.value,
                    timeout=5_000)
    assert not control.app_lock.locked and not fprintd.Claimed()


def test_a_reader_in_use_elsewhere_is_told_in_chinese(
        page: VerificationPage, fprintd, qtbot: QtBot, qapp,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal comes from fprintd through the device layer and is shown in the person's
    language, not in the device layer's English."""
    from jeepney import new_method_call
    from jeepney.io.blocking import open_dbus_connection

    from devices.fingerprint import find_reader
    from ui.i18n import Translations

    reader = find_reader()
    shown: list[str] = []

    def refused(dialog: FingerprintDialog) -> None:
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5_000)
        shown.append(dialog.message.text())
        dialog.reject()

    translations = Translations(qapp)
    translations.install("zh_CN")
    try:
        with open_dbus_connection(bus="SYSTEM") as other:
            other.send_and_get_reply(new_method_call(reader.address, "Claim", "s", ("",)),
                                     timeout=5)
            answer_with(page, monkeypatch, refused)
            page.add_biometric()
            qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
            other.send_and_get_reply(new_method_call(reader.address, "Release"), timeout=5)
    finally:
        translations.install("en")
    assert shown == ["另一个程序正在使用指纹识别器；请关闭它后重试。"]
    assert page.model.factors == []
