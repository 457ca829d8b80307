"""The only door to the OS keyring (service name "posdesk"), entries named by purpose.

A keyring that cannot keep secrets safely (none at all, a locked collection, or a plaintext
file backend such as keyrings.alt) is refused with an explanation; nothing is ever written
anywhere else instead. Features that need secrets check `status()` and switch off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail

from app.errors import SecretsUnavailableError

SERVICE = "posdesk"
_PURPOSE = re.compile(r"^[a-z][a-z0-9-]*(:[A-Za-z0-9._-]+)?$")
_PROBE = "keyring-probe"
# Backends that store secrets in a plain or weakly protected file: never acceptable.
_UNSAFE_MODULES = ("keyrings.alt",)
_UNSAFE_NAMES = ("PlaintextKeyring", "EncryptedKeyring", "Windows.RegistryKeyring")


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    problem: str = ""
    reason: str = ""   # "", "missing", "unsafe", "locked" or "error": the UI translates by it


def purpose_name(purpose: str, ref: str | None = None) -> str:
    """Entry name for a purpose, e.g. purpose_name("terminal-key", "T0001")."""
    name = purpose if ref is None else f"{purpose}:{ref}"
    if not _PURPOSE.match(name):
        raise ValueError(f"not a keyring entry name: {name!r}")
    return name


class SecretStore:
    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend or keyring.get_keyring()

    def backend_name(self) -> str:
        return ", ".join(_name(b) for b in _chain(self.backend))

    def status(self) -> KeyringStatus:
        """Can secrets be kept safely right now? Probes the backend with a harmless read."""
        name = self.backend_name()
        reason, problem = self._unsafe_reason()
        if not problem:
            try:
                self.backend.get_password(SERVICE, _PROBE)
            except keyring.errors.KeyringLocked:
                reason = "locked"
                problem = ("the system keyring is locked. Unlock it (log in to your desktop "
                           "session, or unlock the 'Login' keyring) and restart PosDesk.")
            except keyring.errors.KeyringError as exc:
                reason, problem = "error", f"the system keyring did not answer ({exc})."
        return KeyringStatus(usable=not problem, backend=name, problem=problem, reason=reason)

    def put(self, purpose: str, secret: str) -> None:
        self._require()
        self._call(self.backend.set_password, SERVICE, purpose_name(purpose), secret)

    def get(self, purpose: str) -> str | None:
        self._require()
        return self._call(self.backend.get_password, SERVICE, purpose_name(purpose))

    def delete(self, purpose: str) -> bool:
        """Delete an entry; False when there was none."""
        self._require()
        try:
            self.backend.delete_password(SERVICE, purpose_name(purpose))
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise _unavailable(str(exc)) from exc
        return True

    def _unsafe_reason(self) -> tuple[str, str]:
        chain = _chain(self.backend)
        if not chain or all(isinstance(b, fail.Keyring) for b in chain):
            return "missing", ("no system keyring was found. On Linux install and start a Secret "
                               "Service (gnome-keyring or KWallet); on Windows and macOS the "
                               "system keyring is used automatically.")
        for backend in chain:
            module, cls = type(backend).__module__, type(backend).__name__
            if module.startswith(_UNSAFE_MODULES) or cls in _UNSAFE_NAMES:
                return "unsafe", (f"the keyring backend {_name(backend)} keeps secrets in a file "
                                  "that is not protected by the system; PosDesk refuses to use it.")
        return "", ""

    def _require(self) -> None:
        status = self.status()
        if not status.usable:
            raise _unavailable(status.problem)

    @staticmethod
    def _call(func, *args):  # type: ignore[no-untyped-def]
        try:
            return func(*args)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(str(exc)) from exc


def _chain(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    """The backends that really hold secrets (a ChainerBackend writes to any of them)."""
    if isinstance(backend, chainer.ChainerBackend):
        return list(backend.backends)
    return [backend]


def _name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _unavailable(problem: str) -> SecretsUnavailableError:
    return SecretsUnavailableError(
        f"Secrets cannot be stored: {problem} Features that need secrets (pairing, "
        "passwords, certificates) are switched off until this is fixed.",
        problem=problem,
    )


class SessionOnlySecrets(SecretStore):
    """Keys kept in this process's memory only, gone when it ends; nothing is written
    anywhere, so this is no plaintext fallback. Used for the demo's simulated terminals on
    a computer without a usable keyring (they are then listed as not paired)."""

    def __init__(self) -> None:
        super().__init__()
        self._values: dict[str, str] = {}

    def status(self) -> KeyringStatus:
        return KeyringStatus(usable=True, backend="memory (this session only)")

    def put(self, purpose: str, secret: str) -> None:
        self._values[purpose_name(purpose)] = secret

    def get(self, purpose: str) -> str | None:
        return self._values.get(purpose_name(purpose))

    def delete(self, purpose: str) -> bool:
        return self._values.pop(purpose_name(purpose), None) is not None


class ProfileSecrets(SecretStore):
    """A SecretStore seen through one profile, so two profiles on one computer (the demo
    and the merchant's own, or two shops) never share an entry: "totp:3" of the profile
    scoped "9f2c…" is the keyring entry "totp:9f2c….3".

    An entry written before scoping existed (under the bare name) is claimed by the first
    profile that reads it: copied under the scoped name, then the bare one deleted.
    """

    def __init__(self, store: SecretStore, scope: str) -> None:
        super().__init__()
        self.store = store
        self.scope = scope

    def scoped(self, purpose: str) -> str:
        base, _, ref = purpose.partition(":")
        return f"{base}:{self.scope}" + (f".{ref}" if ref else "")

    def status(self) -> KeyringStatus:
        return self.store.status()

    def put(self, purpose: str, secret: str) -> None:
        self.store.put(self.scoped(purpose), secret)

    def get(self, purpose: str) -> str | None:
        found = self.store.get(self.scoped(purpose))
        if found is None:
            found = self.store.get(purpose)
            if found is not None:
                self.store.put(self.scoped(purpose), found)
                self.store.delete(purpose)
        return found

    def delete(self, purpose: str) -> bool:
        scoped = self.store.delete(self.scoped(purpose))
        return self.store.delete(purpose) or scoped
