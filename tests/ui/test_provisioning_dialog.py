"""The provisioning dialog: fill it in, make a code, see it large with its countdown, save
it as PNG, SVG and a PDF sheet whose Chinese merchant name is real text; a batch from a
CSV; problems named by field; the code leaves the screen once used or expired."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app import provisioning as pv
from app import terminal_actions as actions
from app.profile import Profile
from app.provisioning_qr import matrix, text_from
from app.secrets import SecretStore
from app.terminal_pairing import PairingQuestions
from devices.registry import DeviceRegistry
from devices.sim_world import SimulatedWorld
from tests.conftest import MemoryKeyring
from ui import provisioning_dialog
from ui.provisioning_dialog import QR_SIDE, ProvisioningDialog

SHOP = {"merchant_id": "898310054110001", "merchant_name": "示例便利店 Demo Store",
        "mcc": "5411", "acquirer": "银联商务", "licence": "Z2000133000019",
        "host": "tls://pos.example.cn:8443", "technician": "T-0042"}


def _dialog(qtbot: QtBot, profile: Profile, terminal_id: str = "SIM00002",
            **changes: str) -> ProvisioningDialog:
    dialog = ProvisioningDialog(profile, SecretStore(), terminal_id)
    qtbot.addWidget(dialog)
    for name, value in {**SHOP, **changes}.items():
        dialog.inputs[name].setText(value)      # QTest cannot type Chinese
    dialog.params.setPlainText("receipt_header=小店\nheartbeat_s=30")
    return dialog


def _pdf_text(path: Path) -> str:
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(page).text() for page in range(document.pageCount()))
    document.close()
    return text


def test_make_show_and_save_a_code(profile: Profile, qtbot: QtBot, tmp_path: Path,
                                   memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, profile)
    assert not dialog.save_buttons["pdf"].isEnabled()
    dialog.make_button.click()
    code = dialog.code
    assert code is not None and code.payload.params == {"receipt_header": "小店",
                                                        "heartbeat_s": 30}
    assert dialog.qr.modules == len(matrix(code.text)) and dialog.qr.width() >= QR_SIDE
    assert "Valid for 29:" in dialog.countdown.text() or "Valid for 30:" in dialog.countdown.text()
    assert "示例便利店 Demo Store" in dialog.details.text()

    assert dialog.save_code("png", tmp_path / "code.png")
    assert text_from(str(tmp_path / "code.png")) == code.text
    assert dialog.save_code("svg", tmp_path / "code")           # the suffix is added
    assert (tmp_path / "code.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert dialog.save_code("pdf", tmp_path / "code.pdf")
    text = _pdf_text(tmp_path / "code.pdf")
    assert "SIM00002" in text and "示例便利店" in text and "小店" in text


def test_merchant_fields_are_remembered(profile: Profile, qtbot: QtBot,
                                        memory_keyring: MemoryKeyring) -> None:
    assert _dialog(qtbot, profile).make_code()
    again = ProvisioningDialog(profile, SecretStore())
    qtbot.addWidget(again)
    assert again.inputs["terminal_id"].text() == ""
    assert {name: again.inputs[name].text() for name in SHOP} == SHOP


def test_problems_are_named_and_nothing_is_made(profile: Profile, qtbot: QtBot,
                                                memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, profile, mcc="541", host="tls://me:pw@pos.example.cn:8443")
    dialog.params.setPlainText("api_key=abc")
    dialog.show()
    assert not dialog.make_code()
    said = dialog.status.text()
    assert "MCC: not in the expected form (4 digits)" in said
    assert "Host: give HOST:PORT" in said and "api_key names a secret" in said
    assert dialog.code is None and dialog.qr.modules == 0
    assert profile.db.execute("SELECT count(*) FROM provisioning_code").fetchone()[0] == 0
    dialog.params.setPlainText("no equals sign")
    assert not dialog.make_code() and "KEY=VALUE" in dialog.status.text()


def test_code_leaves_the_screen_when_handed_over_or_expired(
        profile: Profile, qtbot: QtBot, memory_keyring: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, profile)
    dialog.show()
    assert dialog.make_code() and dialog.code is not None and dialog.timer.isActive()
    payload = dialog.code.payload
    pv.record_handover(profile, "SIM00002", {"nonce": payload.nonce,
                                             "scanned_at": payload.issued_at + 5,
                                             "params": payload.params})
    dialog._tick()
    assert dialog.qr.modules == 0 and "Handed over" in dialog.countdown.text()
    assert "T-0042" in dialog.countdown.text() and not dialog.save_buttons["png"].isEnabled()
    assert not dialog.timer.isActive()

    assert dialog.make_code() and dialog.code is not None
    expires = dialog.code.payload.expires_at
    monkeypatch.setattr(provisioning_dialog.time, "time", lambda: expires)
    dialog._tick()
    assert dialog.qr.modules == 0 and "expired" in dialog.countdown.text()


def test_batch_sheet_from_csv(profile: Profile, qtbot: QtBot, tmp_path: Path,
                             memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, profile)
    terminals = tmp_path / "terminals.csv"
    terminals.write_text("terminal_id,merchant_name\nSIM00001,\nSIM00003,外卖档口\n",
                         encoding="utf-8")
    assert dialog.make_batch(terminals, tmp_path / "sheet.pdf") == 2
    text = _pdf_text(tmp_path / "sheet.pdf")
    assert "SIM00001" in text and "SIM00003" in text and "外卖档口" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("terminal_id,mcc\nSIM00001,5411\nSIM00002,54x1\n", encoding="utf-8")
    assert dialog.make_batch(bad, tmp_path / "bad.pdf") == 0
    assert "row 3, column mcc" in dialog.status.text() and not (tmp_path / "bad.pdf").exists()
    assert profile.db.execute("SELECT count(*) FROM provisioning_code").fetchone()[0] == 2



def test_receipt_reaches_the_open_dialog_after_a_scan_elsewhere(
        profile: Profile, qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """The GUI flow: the app's own simulated terminals (loaded at start), the code saved from
    the dialog, the scan in another process (`posdesk simulate --scan code.png`), then the
    Terminals page's heartbeat: the dialog shows the handover."""
    app_world = SimulatedWorld(tmp_path / "sim")
    registry = DeviceRegistry()
    registry.register(app_world.source())
    yes = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda i: True)
    actions.pair_at(profile, registry, "sim-usb:1209:0002:SIMB20260002", yes, SecretStore())
    dialog = _dialog(qtbot, profile)
    assert dialog.make_code() and dialog.save_code("png", tmp_path / "code.png")

    elsewhere = SimulatedWorld(tmp_path / "sim")
    elsewhere.install_merchant_key("SIM00002", pv.public_key_pem(profile, SecretStore()))
    elsewhere.scan("SIM00002", text_from(str(tmp_path / "code.png")))
    dialog._tick()
    assert dialog.qr.modules > 0                    # not before the terminal reports it
    actions.check_in(profile, registry, "SIM00002", SecretStore())
    dialog._tick()
    assert "Handed over" in dialog.countdown.text() and dialog.qr.modules == 0
