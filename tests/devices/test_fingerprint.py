"""The OS fingerprint authenticator (fprintd) through devices/fingerprint.py, against a fake
fprintd on a private system bus (tests/devices/fake_fprintd.py). The D-Bus traffic is real."""

from __future__ import annotations

import threading
import time

import pytest

from devices import fingerprint as fp


@pytest.fixture
def reader(fprintd) -> fp.Reader:
    fprintd.SetReader(True)
    fprintd.SetFingers(["right-index-finger"])
    return fp.find_reader()


def test_no_system_bus_is_said_plainly(monkeypatch) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    with pytest.raises(fp.FingerprintUnavailable, match="system D-Bus is not reachable"):
        fp.find_reader()


def test_the_reader_is_found_with_its_name(reader) -> None:
    assert reader.name == "Simulated Validity Sensor"
    assert reader.scan_type == "press"
    assert fp.enrolled_fingers(reader) == ("right-index-finger",)


def test_no_reader_and_no_prints_are_told_apart(fprintd, reader) -> None:
    fprintd.SetFingers([])
    assert fp.enrolled_fingers(reader) == ()
    with pytest.raises(fp.FingerprintError, match="No finger is enrolled"):
        fp.verify(reader, timeout_s=2)
    assert not fprintd.Claimed()                 # released after the refusal
    fprintd.SetReader(False)
    with pytest.raises(fp.FingerprintUnavailable, match="No fingerprint reader"):
        fp.find_reader()
    fprintd.SetReader(True)


def test_a_match_after_a_retry(fprintd, reader) -> None:
    heard: list[str] = []
    fprintd.Touch(["verify-retry-scan", "verify-match"])
    assert fp.verify(reader, on_status=heard.append, timeout_s=5) == fp.MATCH
    assert heard == ["verify-retry-scan", "verify-match"]
    assert not fprintd.Claimed() and not fprintd.Verifying()


def test_a_wrong_finger_is_no_match(fprintd, reader) -> None:
    fprintd.Touch(["verify-no-match"])
    assert fp.verify(reader, timeout_s=5) == fp.NO_MATCH
    assert not fprintd.Claimed()


def test_no_touch_times_out_and_cancel_stops_at_once(fprintd, reader) -> None:
    assert fp.verify(reader, timeout_s=0.5) == fp.TIMED_OUT
    assert not fprintd.Claimed() and not fprintd.Verifying()
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    assert fp.verify(reader, cancelled=stop.is_set, timeout_s=30) == fp.CANCELLED
    assert time.monotonic() - started < 5
    assert not fprintd.Claimed() and not fprintd.Verifying()


def test_a_reader_in_use_elsewhere_is_refused_by_name(fprintd, reader) -> None:
    """Another program (its own bus connection; libdbus would cache an old bus address)."""
    from jeepney import new_method_call
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus="SYSTEM") as other:
        other.send_and_get_reply(new_method_call(reader.address, "Claim", "s", ("",)),
                                 timeout=5)
        with pytest.raises(fp.FingerprintError, match="Another program is using"):
            fp.verify(reader, timeout_s=2)
        other.send_and_get_reply(new_method_call(reader.address, "Release"), timeout=5)


def test_an_unplugged_reader_mid_check_is_an_error(fprintd, reader) -> None:
    fprintd.Touch(["verify-disconnected"])
    with pytest.raises(fp.FingerprintError, match="disconnected"):
        fp.verify(reader, timeout_s=5)
    assert not fprintd.Claimed()
