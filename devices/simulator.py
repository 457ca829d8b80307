"""A virtual payment terminal that speaks the real protocol (docs/protocol.md).

It consumes the bytes a host writes and produces the bytes a host reads, so any transport
can carry it: the simulated pyusb backend, a pseudo-terminal pair, a Bluetooth data path.
Faults can be injected to test the host: dropped, corrupted or stalled responses, bad CRCs,
oversize frames, replays, a disconnect in the middle of a journal page, leaked card data.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from devices import framing, messages
from devices.framing import FLAG_ENCRYPTED, Frame, ProtocolError
from devices.messages import Message
from devices.provisioning_code import (
    CodeRefused,
    ProvisioningPayload,
    check_code,
    load_public_key,
)
from devices.secure_channel import PairingSide, SessionCipher, complete_pairing, new_nonce
from devices.sim_journal import Entry, TerminalProfile

log = logging.getLogger(__name__)
MAX_PAGE = 50
MAX_HANDOVERS = 20      # handover reports in one Diagnosis answer: they fit in a frame


class Disconnected(OSError):
    """The simulated cable was pulled or the radio link dropped."""


@dataclass
class Faults:
    """Misbehaviour to inject; each one-shot fault clears itself when used."""

    drop_responses: int = 0                 # swallow the next N responses
    corrupt_next: bool = False              # flip a payload byte (the host sees a bad CRC)
    bad_crc_next: bool = False              # send a wrong CRC
    oversize_next: bool = False             # announce a frame longer than allowed
    replay_next: bool = False               # resend the previous encrypted frame instead
    garbage_before_next: bytes = b""        # line noise ahead of the next frame
    stall: bool = False                     # stop answering until cleared
    disconnect_after_entries: int | None = None   # drop the link inside the next journal page
    disconnect_on_page: int | None = None   # ...or inside the Nth journal page from now
    leak_track_data: str = ""               # put this as a track-2 field in the next page


@dataclass
class TerminalState:
    battery: int = 87
    signal_dbm: int = -61
    link: str = "USB"
    last_error: str = ""
    paired_key: bytes | None = None         # the terminal's memory of its pairing
    accepts_pairing: bool = True            # what its user answers when codes are shown
    shown_code: str = ""                    # the code on the terminal's screen
    param_version: int = 0                  # the signed parameters it runs (spec 12.3)
    params: dict[str, object] = field(default_factory=dict)
    acquirer_key: bytes | None = None       # raw Ed25519 key its parameters must be signed by
    # Field provisioning (docs/provisioning.md): the merchant key its codes must be signed
    # by, the nonces of codes it applied (nonce -> expiry, kept until then), what it was set
    # up for, and handover reports the host has not acknowledged yet.
    merchant_key_pem: bytes | None = None
    used_nonces: dict[str, int] = field(default_factory=dict)
    provisioning: dict[str, str] = field(default_factory=dict)
    handovers: list[dict[str, object]] = field(default_factory=list)


class SimulatedTerminal:
    def __init__(self, profile: TerminalProfile, journal: list[Entry],
                 state: TerminalState | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        self.profile = profile
        self._on_change = on_change or (lambda: None)
        self.journal = journal
        self.state = state or TerminalState()
        self.faults = Faults()
        self.connected = True
        self._decoder = framing.Decoder()
        self._output = bytearray()
        self._cipher: SessionCipher | None = None
        self._pending: tuple[bytes, bytes, bytes] | None = None   # ltk, app nonce, our nonce
        self._last_sealed: bytes | None = None
        self._hang_up_when_drained = False
        self._lock = threading.Lock()

    # -- the wire ------------------------------------------------------------------------
    def write(self, data: bytes) -> int:
        """Bytes from the host."""
        with self._lock:
            self._require_link()
            try:
                for frame in self._decoder.feed(bytes(data)):
                    self._handle(frame)
            except ProtocolError as exc:
                self._reset(f"protocol error: {exc}")
            return len(data)

    def read(self, max_bytes: int) -> bytes:
        """Bytes for the host (empty when there is nothing to say)."""
        with self._lock:
            self._require_link()
            if not self._output and self._hang_up_when_drained:
                self._hang_up_when_drained = False
                self.connected = False
                self._reset("link lost during a journal page")
                raise Disconnected("the terminal went away in the middle of a page")
            chunk = bytes(self._output[:max_bytes])
            del self._output[:max_bytes]
            return chunk

    def unplug(self) -> None:
        with self._lock:
            self.connected = False
            self._reset("link lost")

    def plug_in(self) -> None:
        with self._lock:
            self.connected = True

    def _require_link(self) -> None:
        if not self.connected:
            raise Disconnected("the terminal is disconnected")

    def _reset(self, reason: str) -> None:
        self.state.last_error = reason
        self._cipher = None
        self._pending = None
        self._decoder.reset()
        self._output.clear()

    # -- the camera ----------------------------------------------------------------------
    def scan_provisioning(self, text: str, trusted_public_key_pem: bytes | None = None,
                          now: float | None = None) -> ProvisioningPayload:
        """The technician holds a provisioning code to the camera: check it (signature by
        the merchant key, this terminal, expiry, single use), apply it, and keep a report
        for the host's next connection. A refused code raises CodeRefused and changes
        nothing. Without a key given, the one installed on the terminal is used."""
        with self._lock:
            state = self.state
            pem = trusted_public_key_pem or state.merchant_key_pem
            if pem is None:
                raise CodeRefused("no merchant key is installed on this terminal")
            now_s = int(time.time() if now is None else now)
            # A nonce past its expiry is refused by date anyway: forget it.
            state.used_nonces = {n: e for n, e in state.used_nonces.items() if e > now_s}
            payload = check_code(text, load_public_key(pem), self.profile.terminal_id, now_s,
                                 state.used_nonces)
            state.used_nonces[payload.nonce] = payload.expires_at
            state.params.update(payload.params)
            state.provisioning = {
                "merchant_id": payload.merchant_id, "merchant_name": payload.merchant_name,
                "mcc": payload.mcc, "acquirer": payload.acquirer, "licence": payload.licence,
                "host": payload.host}
            state.handovers.append({
                "nonce": payload.nonce, "terminal_id": payload.terminal_id,
                "technician": payload.technician, "merchant_id": payload.merchant_id,
                "scanned_at": now_s, "params": dict(payload.params)})
            self._on_change()
            return payload

    # -- messages ------------------------------------------------------------------------
    def _handle(self, frame: Frame) -> None:
        if frame.encrypted:
            cipher = self._cipher or self._pending_cipher()
            request = messages.decode(cipher.open(frame.payload))
            self._cipher = cipher
        else:
            request = messages.decode(frame.payload)
            if self._cipher is not None:
                # Identify, Pair or Login in the clear start over (a host that lost the
                # session reconnects this way); it can end a session, never join one.
                if request.category not in _PLAIN:
                    raise ProtocolError("plain frame inside an encrypted session")
                self._cipher = None
        handler = _PLAIN.get(request.category) if not frame.encrypted else \
            _SECURE.get(request.category)
        if handler is None:
            self._send(request.reply({"error": "NOT_ALLOWED",
                                      "text": f"{request.category} not allowed here"}))
            return
        handler(self, request)

    def _pending_cipher(self) -> SessionCipher:
        if self._pending is None:
            raise ProtocolError("encrypted frame before login or pairing")
        ltk, app_nonce, own_nonce = self._pending
        return SessionCipher(ltk, app_nonce, own_nonce, is_app=False)

    def _identify(self, request: Message) -> None:
        p = self.profile
        self._send(request.reply({
            "vendor": p.vendor, "model": p.model, "serial": p.serial, "firmware": p.firmware,
            "terminal_type": p.terminal_type, "capabilities": list(p.capabilities),
            "terminal_id": p.terminal_id, "paired": self.state.paired_key is not None,
            "param_version": self.state.param_version},
            terminal_id=p.terminal_id))

    def _pair(self, request: Message) -> None:
        app_public = bytes.fromhex(str(request.body.get("public_key", "")))
        app_nonce = bytes.fromhex(str(request.body.get("nonce", "")))
        me = PairingSide.create()
        result = complete_pairing(me, app_public, app_public, me.public_bytes, app_nonce,
                                  me.nonce)
        self.state.shown_code = result.comparison_code
        self._on_change()
        self._pending = (result.long_term_key, app_nonce, me.nonce)
        self._send(request.reply({"public_key": me.public_bytes.hex(), "nonce": me.nonce.hex()},
                                 terminal_id=self.profile.terminal_id))

    def _pair_confirm(self, request: Message) -> None:
        assert self._pending is not None
        if self.state.accepts_pairing and request.body.get("codes_match") is True:
            self.state.paired_key = self._pending[0]
            self._on_change()
            self._send(request.reply({"paired": True}))
        else:
            self._send(request.reply({"paired": False, "reason": "declined on the terminal"}))
        self._pending = None

    def _login(self, request: Message) -> None:
        if self.state.paired_key is None:
            self._send(request.reply({"error": "NOT_PAIRED", "text": "pair this terminal first"}))
            return
        app_nonce = bytes.fromhex(str(request.body.get("nonce", "")))
        own = new_nonce()
        self._send(request.reply({"nonce": own.hex()}, terminal_id=self.profile.terminal_id))
        self._pending = (self.state.paired_key, app_nonce, own)

    def _diagnosis(self, request: Message) -> None:
        s = self.state
        answer: dict[str, object] = {"battery": s.battery, "signal_dbm": s.signal_dbm,
                                     "link": s.link, "last_error": s.last_error,
                                     "param_version": s.param_version}
        if s.handovers:     # reported at every Diagnosis until the host acknowledges them
            answer["handovers"] = [dict(h) for h in s.handovers[:MAX_HANDOVERS]]
        self._send(request.reply(answer))

    def _handover(self, request: Message) -> None:
        nonce = request.body.get("nonce")
        kept = [h for h in self.state.handovers if h.get("nonce") != nonce]
        known = len(kept) < len(self.state.handovers)
        self.state.handovers = kept
        if known:
            self._on_change()
        self._send(request.reply({"acknowledged": known}))

    def _config(self, request: Message) -> None:
        document = request.body.get("document")
        refusal = _params_refusal(document, self.profile.terminal_id, self.state)
        if refusal:
            self._send(request.reply({"applied": False, "reason": refusal}))
            return
        assert isinstance(document, dict)
        self.state.param_version = int(document["version"])
        self.state.params = dict(document["params"])
        self._on_change()
        self._send(request.reply({"applied": True, "param_version": self.state.param_version}))

    def _journal(self, request: Message) -> None:
        after = int(str(request.body.get("after") or "0"))
        size = max(1, min(int(request.body.get("max", MAX_PAGE)), MAX_PAGE))
        page = _fitting_page(self.journal[after:after + size])
        if self.faults.leak_track_data and page:
            page[0]["track2"] = self.faults.leak_track_data
            self.faults.leak_track_data = ""
        end = after + len(page)
        self._send(request.reply({"entries": page, "next_cursor": str(end),
                                  "more": end < len(self.journal)}))
        faults = self.faults
        if faults.disconnect_on_page is not None:
            faults.disconnect_on_page -= 1
            if faults.disconnect_on_page == 0:
                faults.disconnect_on_page = None
                faults.disconnect_after_entries = max(1, len(page) // 2)
        cut = faults.disconnect_after_entries
        if cut is not None:    # the host gets the first part of the page, then silence
            self.faults.disconnect_after_entries = None
            share = min(cut, len(page)) / max(len(page), 1)
            del self._output[int(len(self._output) * share * 0.9):]
            self._hang_up_when_drained = True

    def _unpair(self, request: Message) -> None:
        self._send(request.reply({"unpaired": True}))
        self.state.paired_key = None
        self._on_change()
        self._cipher = None

    def _logout(self, request: Message) -> None:
        self._send(request.reply({"bye": True}))
        self._cipher = None

    # -- output with faults ------------------------------------------------------------
    def _send(self, message: Message) -> None:
        faults = self.faults
        if faults.stall:
            return
        if faults.drop_responses:
            faults.drop_responses -= 1
            return
        payload = message.encode()
        flags = 0
        if self._cipher is not None:
            payload = self._cipher.seal(payload)
            flags = FLAG_ENCRYPTED
            if faults.replay_next and self._last_sealed is not None:
                faults.replay_next = False
                payload = self._last_sealed
            self._last_sealed = payload
        self._output += faults.garbage_before_next + self._frame_bytes(flags, payload)
        faults.garbage_before_next = b""

    def _frame_bytes(self, flags: int, payload: bytes) -> bytes:
        faults = self.faults
        if faults.oversize_next:
            faults.oversize_next = False
            return bytes([framing.STX, framing.VERSION, flags, 0xFF, 0xFF]) + payload[:16]
        data = bytearray(framing.encode(Frame(flags, payload)))
        if faults.corrupt_next:
            faults.corrupt_next = False
            data[framing.HEADER_SIZE + len(payload) // 2] ^= 0x5A
        if faults.bad_crc_next:
            faults.bad_crc_next = False
            data[-1] ^= 0xFF
        return bytes(data)


def _fitting_page(candidates: list[Entry]) -> list[Entry]:
    """As many entries as fit in one frame with room for the header and the cipher."""
    page: list[Entry] = []
    used = 200
    for entry in candidates:
        size = len(json.dumps(entry, ensure_ascii=False).encode("utf-8")) + 1
        if page and used + size > framing.MAX_PAYLOAD - 64:
            break
        page.append(dict(entry))
        used += size
    return page


_PLAIN = {"Identify": SimulatedTerminal._identify, "Pair": SimulatedTerminal._pair,
          "Login": SimulatedTerminal._login}
_SECURE = {"PairConfirm": SimulatedTerminal._pair_confirm,
           "Diagnosis": SimulatedTerminal._diagnosis, "Journal": SimulatedTerminal._journal,
           "Unpair": SimulatedTerminal._unpair, "Logout": SimulatedTerminal._logout,
           "Config": SimulatedTerminal._config, "Handover": SimulatedTerminal._handover}


def _params_refusal(document: object, terminal_id: str, state: TerminalState) -> str:
    """What a terminal checks before taking parameters (docs/protocol.md, Config)."""
    if not isinstance(document, dict) or not isinstance(document.get("params"), dict):
        return "not a parameter document"
    if terminal_id not in (document.get("terminal_ids") or []):
        return "not addressed to this terminal"
    version = document.get("version")
    if not isinstance(version, int) or version <= state.param_version:
        return "not newer than the parameters in use"
    if state.acquirer_key is not None:
        signature = document.get("signature") or {}
        signed = {k: v for k, v in document.items() if k != "signature"}
        canonical = json.dumps(signed, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")).encode()
        try:
            Ed25519PublicKey.from_public_bytes(state.acquirer_key).verify(
                base64.b64decode(str(signature.get("value", ""))), canonical)
        except (InvalidSignature, ValueError, AttributeError):
            return "signature is not the acquirer's"
    return ""
