"""The "confirm it is you" dialog before a high-risk operation: what it says for a wrong
password, for the last attempts before a pause, and during the pause (a right answer is
refused too), and that a right answer afterwards gives the two-category proof."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from app.attempt_throttle import AttemptThrottle
from app.factors import FactorRegistry
from app.profile import Profile
from app.totp_factor import code_at
from tests.app.test_factors import enrol_totp, registry  # noqa: F401
from ui.operator_check_dialog import OperatorCheckDialog

PASSWORD = "Lantern-Quince-48"


def _try(dialog: OperatorCheckDialog, password: str, code: str) -> str:
    dialog.password.setText(password)
    dialog.code.setText(code)
    dialog.confirm_button.click()
    return dialog.message.text()


def test_wrong_answers_then_a_pause_then_a_proof(qtbot: QtBot, profile: Profile,
                                                registry: FactorRegistry) -> None:  # noqa: F811
    registry.set_password(PASSWORD)
    _factor, seed = enrol_totp(registry)
    dialog = OperatorCheckDialog(registry, "DATA_EXPORT")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.isVisible()
    assert _try(dialog, "guess", "123456") == "The password is not right."
    assert dialog.password.selectedText() == "guess"            # ready to be typed over
    _try(dialog, "guess", "123456")
    assert "Wrong attempts left before a pause: 2." in _try(dialog, "guess", "1")
    assert "left before a pause: 1." in _try(dialog, PASSWORD, "000000")
    assert dialog.code.text() == ""
    assert "pause for a while" in _try(dialog, "guess", "123456")
    right = code_at(seed, time.time())
    assert "Try again in 30 s" in _try(dialog, PASSWORD, right)
    assert dialog.result() == 0 and dialog.proof is None
    throttle = AttemptThrottle(profile.db, "stepup")
    profile.db.execute("UPDATE settings SET value = '1' WHERE key = ?", [throttle.until_key])
    _try(dialog, PASSWORD, code_at(seed, time.time() + 30))
    assert dialog.proof is not None and dialog.proof.verified
    assert dialog.result() == 1
