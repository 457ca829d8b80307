"""A technician provisions simulated terminals with the `posdesk` command: codes as PNG, SVG
and a PDF sheet, a batch from a CSV, the terminal scanning in another process, and the
handover receipt arriving with the next sync — with the real Secret Service holding the
merchant's key."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from devices.sim_world import STATE_FILE
from tests.e2e.test_terminals_cli import pair, terminal_screen

pytestmark = [
    pytest.mark.secret_service,
    pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                       reason="the merchant key needs the real Secret Service of "
                              "scripts/run-tests.sh"),
]
SMART = "sim-usb:1209:0002:SIMB20260002"
MERCHANT = ["--merchant-id", "898310054110001", "--merchant-name", "示例便利店 Demo Store",
            "--mcc", "5411", "--acquirer", "银联商务", "--licence", "Z2000133000019",
            "--host", "tls://pos.example.cn:8443", "--technician", "T-0042"]


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "simulator"
    monkeypatch.setenv("POSDESK_SIMULATOR_DIR", str(directory))
    return directory


def oplog_rows(data: Path, op_type: str) -> list[tuple[str, str, dict[str, object]]]:
    db = sqlite3.connect(f"file:{data / 'posdesk.db'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT target_id, result, details_json FROM oplog WHERE op_type = ? "
                          "ORDER BY id", [op_type]).fetchall()
    finally:
        db.close()
    return [(r[0], r[1], json.loads(r[2])) for r in rows]


def test_provision_scan_and_handover_receipt(posdesk, world: Path, tmp_path: Path) -> None:
    data = tmp_path / "shop"
    shop = ["--data-dir", str(data)]
    posdesk("simulate", check=True)
    rc, out = pair(SMART, data, lambda: terminal_screen(world, "SIMB20260002"),
                   "--accept-unknown-model")
    assert rc == 0, out

    made = posdesk("provision", *shop, "--terminal-id", "SIM00002", *MERCHANT,
                   "--param", "receipt_header=小店", "--param", "heartbeat_s=30",
                   "--out", str(tmp_path / "code.png"), check=True)
    assert "Code for terminal SIM00002" in made.stdout
    assert (tmp_path / "code.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The merchant fields are remembered: only the terminal changes for the next codes.
    posdesk("provision", *shop, "--terminal-id", "SIM00001", "--out",
            str(tmp_path / "code.svg"), check=True)
    assert b"<svg" in (tmp_path / "code.svg").read_bytes()[:300]
    posdesk("provision", *shop, "--terminal-id", "SIM00003", "--out",
            str(tmp_path / "one.pdf"), check=True)
    assert (tmp_path / "one.pdf").read_bytes()[:5] == b"%PDF-"
    printed = posdesk("provision", *shop, "--terminal-id", "SIM00001", check=True).stdout
    assert "PDPROV1:" in printed and "█" in printed

    refused = posdesk("simulate", "--scan", str(tmp_path / "code.png"))
    assert refused.returncode == 1 and "no merchant key is installed" in refused.stderr
    posdesk("provision", *shop, "--export-key", str(tmp_path / "merchant.pem"), check=True)
    posdesk("simulate", "--merchant-key", str(tmp_path / "merchant.pem"), check=True)
    scanned = posdesk("simulate", "--scan", str(tmp_path / "code.png"), check=True)
    assert "SIM00002 applied the code" in scanned.stdout
    again = posdesk("simulate", "--scan", str(tmp_path / "code.png"))
    assert again.returncode == 1 and "already used" in again.stderr
    assert oplog_rows(data, "HANDOVER_RECEIPT") == []     # not before the terminal connects

    posdesk("terminals", "sync", *shop, check=True)
    [(target, result, details)] = oplog_rows(data, "HANDOVER_RECEIPT")
    assert (target, result, details["technician"]) == ("SIM00002", "SUCCESS", "T-0042")
    assert details["params"] == {"receipt_header": "小店", "heartbeat_s": 30}
    memory = json.loads((world / STATE_FILE).read_text(encoding="utf-8"))["SIMB20260002"]
    assert memory["provisioning"]["handovers"] == []      # acknowledged, not sent again
    assert memory["params"]["receipt_header"] == "小店"
    posdesk("terminals", "sync", *shop, check=True)
    assert len(oplog_rows(data, "HANDOVER_RECEIPT")) == 1
    assert "intact" in posdesk("oplog", "verify", *shop, check=True).stdout


def test_batch_sheet_is_all_or_nothing(posdesk, world: Path, tmp_path: Path) -> None:
    shop = ["--data-dir", str(tmp_path / "shop")]
    good = tmp_path / "terminals.csv"
    good.write_text("terminal_id,merchant_name,param:receipt_header\n"
                    "SIM00001,示例便利店,前台\nSIM00002,示例便利店,收银2\n"
                    "SIM00003,外卖档口,\nT0000004,示例便利店,\nT0000005,示例便利店,\n",
                    encoding="utf-8")
    made = posdesk("provision", *shop, "--batch", str(good), *MERCHANT[:2], *MERCHANT[4:],
                   "--out", str(tmp_path / "sheet.pdf"), check=True)
    assert "5 code(s) on 2 page(s)" in made.stdout
    sheet = (tmp_path / "sheet.pdf").read_bytes()
    assert sheet[:5] == b"%PDF-" and b"WenQuanYi" in sheet     # the Chinese names have glyphs
    issued = oplog_rows(tmp_path / "shop", "PROVISIONING_ISSUED")
    assert [t for t, _, _ in issued] == ["SIM00001", "SIM00002", "SIM00003", "T0000004",
                                         "T0000005"]

    bad = tmp_path / "bad.csv"
    bad.write_text("terminal_id,mcc\nSIM00001,5411\nSIM00002,54x1\n", encoding="utf-8")
    refused = posdesk("provision", *shop, "--batch", str(bad), *MERCHANT,
                      "--out", str(tmp_path / "bad.pdf"))
    assert refused.returncode == 1
    assert "bad.csv: no code was made" in refused.stderr
    assert "row 3, column mcc: must be 4 digits" in refused.stderr
    assert not (tmp_path / "bad.pdf").exists()
    assert len(oplog_rows(tmp_path / "shop", "PROVISIONING_ISSUED")) == 5
    wrong = posdesk("provision", *shop, "--batch", str(good), "--out", str(tmp_path / "x.png"))
    assert wrong.returncode == 2 and "SHEET.pdf" in wrong.stderr
