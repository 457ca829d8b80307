"""Shared fixtures. Every test gets its own config, log and demo folders, so nothing
touches the user's real data and tests do not see each other's files."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from jaraco.classes import properties

from app.demo import create_demo_profile
from app.oplog import Actor, OperationLog
from app.profile import Profile, open_profile
from app.storage import connect_memory
from devices.sim_journal import DEMO_PROFILES, journal_for
from devices.simulator import SimulatedTerminal
from devices.terminal_client import TerminalClient
from devices.usb_sim import SimulatedUsbBackend
from devices.usb_transport import UsbBulkTransport, discover

DEMO_END = dt.date(2026, 11, 20)
END = DEMO_END
# Tests never reach the host's system bus (its fprintd or BlueZ): fixtures that need one
# start their own (`bluez`, `fprintd`) and put it back afterwards.
os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = "unix:path=/nonexistent/posdesk-tests-no-system-bus"


@pytest.fixture(scope="session", autouse=True)
def _qt_cleanup_at_exit() -> Iterator[None]:
    """Qt objects must die before the QApplication does, or the interpreter's teardown
    crashes: wait for background jobs and delete every remaining window first."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
    from PySide6.QtWidgets import QApplication

    QThreadPool.globalInstance().waitForDone(10_000)
    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POSDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("POSDESK_DEMO_DIR", str(tmp_path / "demo-profile"))
    monkeypatch.setenv("POSDESK_DATA_DIR", str(tmp_path / "own-profile"))
    return tmp_path


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A dict-backed keyring for fast unit tests (the real one is tested separately).

    Not viable for keyring's own backend discovery, so defining it does not change which
    backend `keyring.get_keyring()` picks; tests install it explicitly.
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test double: installed explicitly only")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def actor() -> Actor:
    return Actor(actor_id="tester", role="merchant", device_id="test-device")


@pytest.fixture
def memory_log(actor: Actor) -> OperationLog:
    return OperationLog(connect_memory(), actor)


@pytest.fixture
def profile(tmp_path: Path, actor: Actor) -> Iterator[Profile]:
    opened = open_profile(tmp_path / "profile", actor)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60-day demo profile made once per run; copy it before changing anything."""
    target = tmp_path_factory.mktemp("demo-template") / "profile"
    create_demo_profile(target, end=DEMO_END, days=60)
    return target


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "demo-copy"
    shutil.copytree(demo_template, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


@pytest.fixture
def usb_rig():  # type: ignore[no-untyped-def]
    """Two simulated USB terminals behind pyusb; returns (backend, terminals, connect)."""
    backend = SimulatedUsbBackend()
    terminals = [SimulatedTerminal(p, journal_for(p.terminal_id, 5, END, 6))
                 for p in DEMO_PROFILES[:2]]
    for terminal in terminals:
        backend.add(terminal)

    def connect(index: int = 0, timeout_s: float = 0.4) -> TerminalClient:
        info = discover(backend, lambda vid, name: vid == 0x1209)[index]
        transport = UsbBulkTransport(backend, info.address)
        transport.open()
        return TerminalClient(transport, timeout_s)

    return backend, terminals, connect


@pytest.fixture(scope="module")
def fprintd() -> Iterator[object]:
    """A fake fprintd (tests/devices/fake_fprintd.py) on a private system bus; yields its
    control interface (SetFingers, Touch, SetReader, Claimed, Verifying)."""
    pytest.importorskip("dbusmock")
    import subprocess
    import sys

    import dbus
    from dbusmock import DBusTestCase

    saved = os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")
    DBusTestCase.start_system_bus()
    server = subprocess.Popen([sys.executable, "-m", "tests.devices.fake_fprintd"],
                              stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        bus = DBusTestCase.get_dbus(system_bus=True)
        DBusTestCase.wait_for_bus_object("net.reactivated.Fprint",
                                         "/net/reactivated/Fprint/Manager", system_bus=True)
        yield dbus.Interface(bus.get_object("net.reactivated.Fprint",
                                            "/net/reactivated/Fprint/Manager"),
                             "org.posdesk.FakeFprint")
    finally:
        server.terminate()
        server.wait(timeout=10)
        DBusTestCase.tearDownClass()
        os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = saved or ""


@pytest.fixture(scope="module")
def bluez() -> Iterator[object]:
    """A fake BlueZ on a private system bus (python-dbusmock's bluez5 template).
    QtBluetooth must use it from a fresh interpreter: libdbus caches bus addresses."""
    pytest.importorskip("dbusmock")
    from dbusmock import DBusTestCase

    saved = os.environ.get("DBUS_SYSTEM_BUS_ADDRESS")
    DBusTestCase.start_system_bus()
    server, _ = DBusTestCase.spawn_server_template("bluez5", {}, stdout=open(os.devnull, "w"))  # noqa: SIM115
    import dbus

    mock = dbus.Interface(DBusTestCase.get_dbus(system_bus=True).get_object("org.bluez", "/"),
                          "org.bluez.Mock")
    try:
        yield mock
    finally:
        server.terminate()
        server.wait(timeout=10)
        DBusTestCase.tearDownClass()
        if saved is None:
            os.environ.pop("DBUS_SYSTEM_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = saved
