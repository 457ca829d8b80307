"""The host side of the terminal protocol: identify, pair, log in, ask, pull the journal.

One client per connected terminal, used only from the device thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from devices.framing import ProtocolError
from devices.link import Link
from devices.secure_channel import PairingSide, SessionCipher, complete_pairing, new_nonce
from devices.transport import Transport


@dataclass(frozen=True)
class Identity:
    vendor: str
    model: str
    serial: str
    firmware: str
    terminal_type: str
    terminal_id: str
    capabilities: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PendingPairing:
    """A pairing waiting for the user to compare codes."""

    comparison_code: str
    long_term_key: bytes
    app_nonce: bytes
    terminal_nonce: bytes


@dataclass(frozen=True)
class JournalPage:
    entries: list[dict[str, Any]]
    next_cursor: str
    more: bool


class PairingDeclined(ProtocolError):
    pass


class TerminalClient:
    def __init__(self, transport: Transport, timeout_s: float = 3.0) -> None:
        self.link = Link(transport, timeout_s)
        self.identity: Identity | None = None

    def identify(self) -> Identity:
        body = self.link.request("Identify").body
        try:
            identity = Identity(
                vendor=str(body["vendor"]), model=str(body["model"]), serial=str(body["serial"]),
                firmware=str(body["firmware"]), terminal_type=str(body["terminal_type"]),
                terminal_id=str(body["terminal_id"]),
                capabilities=tuple(str(c) for c in body.get("capabilities", [])))
        except KeyError as missing:
            raise ProtocolError(f"identify response lacks {missing}") from None
        self.identity = identity
        return identity

    def start_pairing(self) -> PendingPairing:
        me = PairingSide.create()
        body = self.link.request("Pair", {"public_key": me.public_bytes.hex(),
                                          "nonce": me.nonce.hex()}).body
        try:
            peer = bytes.fromhex(str(body["public_key"]))
            peer_nonce = bytes.fromhex(str(body["nonce"]))
        except (KeyError, ValueError):
            raise ProtocolError("pairing response is malformed") from None
        result = complete_pairing(me, peer, me.public_bytes, peer, me.nonce, peer_nonce)
        return PendingPairing(result.comparison_code, result.long_term_key, me.nonce, peer_nonce)

    def finish_pairing(self, pending: PendingPairing) -> bytes:
        """Call after the user confirmed both screens show the same code; returns the key."""
        self.link.cipher = SessionCipher(pending.long_term_key, pending.app_nonce,
                                         pending.terminal_nonce, is_app=True)
        body = self.link.request("PairConfirm", {"codes_match": True}).body
        if body.get("paired") is not True:
            self.link.reset()
            raise PairingDeclined(str(body.get("reason") or "the terminal declined pairing"))
        return pending.long_term_key

    def login(self, long_term_key: bytes) -> None:
        """Start a fresh session (any current one ends: Login travels in the clear)."""
        self.link.reset()
        app_nonce = new_nonce()
        body = self.link.request("Login", {"nonce": app_nonce.hex()}).body
        try:
            terminal_nonce = bytes.fromhex(str(body["nonce"]))
        except (KeyError, ValueError):
            raise ProtocolError("login response is malformed") from None
        self.link.cipher = SessionCipher(long_term_key, app_nonce, terminal_nonce, is_app=True)
        self.diagnosis()   # the first encrypted exchange proves both hold the same key

    def diagnosis(self) -> dict[str, Any]:
        return dict(self.link.request("Diagnosis").body)

    def journal_page(self, after: str, max_entries: int = 50) -> JournalPage:
        body = self.link.request("Journal", {"after": after, "max": max_entries}).body
        entries = body.get("entries")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ProtocolError("journal page has no list of entries")
        return JournalPage(entries, str(body.get("next_cursor", after)), bool(body.get("more")))

    def configure(self, document: dict[str, Any]) -> dict[str, Any]:
        """Hand a signed parameter document to the terminal; its answer says if it applied."""
        return dict(self.link.request("Config", {"document": document}).body)

    def acknowledge_handover(self, nonce: str) -> bool:
        """Tell the terminal its provisioning report (Diagnosis "handovers") was recorded,
        so it stops repeating it; True when it knew the report."""
        return self.link.request("Handover", {"nonce": nonce}).body.get("acknowledged") is True

    def unpair(self) -> None:
        self.link.request("Unpair")
        self.link.reset()

    def logout(self) -> None:
        try:
            self.link.request("Logout")
        finally:
            self.link.reset()
