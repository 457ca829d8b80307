"""`posdesk factors` with this computer's fingerprint reader (a fake fprintd on a private
system bus; the command is the real one): added after a matching touch, listed as not counted
for limits, tested by touch, and refused with the reason when no finger is enrolled, or
recorded as the institution's when the person did not ask for the reader by name."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def test_add_list_and_test_by_touch(posdesk, fprintd, tmp_path: Path) -> None:
    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger"])
    data = str(tmp_path / "shop")
    fprintd.Touch(["verify-retry-scan", "verify-match"])
    added = posdesk("factors", "add", "fingerprint", "--label", "店里电脑", "--data-dir", data)
    assert added.returncode == 0, added.stderr
    assert "Touch Simulated Validity Sensor with an enrolled finger" in added.stdout
    assert "The scan was not clear: touch the reader again." in added.stdout
    listed = json.loads(posdesk("factors", "list", "--json", "--data-dir", data,
                                check=True).stdout)
    (finger,) = listed["factors"]
    assert (finger["type"], finger["held_by"], finger["label"]) == (
        "FINGERPRINT", "APP", "店里电脑")
    assert finger["facts"]["reader"] == "Simulated Validity Sensor"
    assert listed["counted"] == [] and any("VF-4" in n for n in listed["notes"])
    fprintd.Touch(["verify-no-match"])
    tested = posdesk("factors", "test", str(finger["id"]), "--data-dir", data)
    assert tested.returncode == 1 and "FAILED" in tested.stdout
    fprintd.Touch(["verify-match"])
    tested = posdesk("factors", "test", str(finger["id"]), "--data-dir", data)
    assert tested.returncode == 0 and "passed" in tested.stdout
    assert not fprintd.Claimed()

    # With a password, an export asks for it and a touch (knowledge + inherence).
    posdesk("factors", "add", "password", "--data-dir", data,
            stdin="Lantern-Quince-48\nLantern-Quince-48\n", check=True)
    export = tmp_path / "export.csv"
    fprintd.Touch(["verify-no-match"])
    refused = posdesk("export", "-o", str(export), "--data-dir", data,
                      stdin="Lantern-Quince-48\n")
    assert refused.returncode != 0 and not export.exists()
    assert "Touch Simulated Validity Sensor" in refused.stderr
    fprintd.Touch(["verify-match"])
    posdesk("export", "-o", str(export), "--data-dir", data, stdin="Lantern-Quince-48\n",
            check=True)
    assert export.exists()
    with sqlite3.connect(Path(data) / "posdesk.db") as conn:
        stamps = conn.execute("SELECT result, factor_categories_used FROM oplog WHERE "
                              "op_type = 'DATA_EXPORT' ORDER BY id").fetchall()
    assert stamps == [("SUCCESS", "KNOWLEDGE+INHERENCE")]


def test_no_enrolled_finger(posdesk, fprintd, tmp_path: Path) -> None:
    fprintd.SetReader(True)
    fprintd.SetFingers([])
    data = str(tmp_path / "shop")
    asked = posdesk("factors", "add", "fingerprint", "--device", "this_computer",
                    "--data-dir", data)
    assert asked.returncode != 0 and "fprintd-enroll" in asked.stderr
    fallback = posdesk("factors", "add", "fingerprint", "--data-dir", data)
    assert fallback.returncode == 0, fallback.stderr
    assert "registered with your institution" in fallback.stderr
    (finger,) = json.loads(posdesk("factors", "list", "--json", "--data-dir", data,
                                   check=True).stdout)["factors"]
    assert (finger["type"], finger["held_by"]) == ("FINGERPRINT", "INSTITUTION")
