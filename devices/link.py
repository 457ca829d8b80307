"""A message link over any Transport: framing, the session cipher, timeouts.

Everything a peer can get wrong surfaces as ProtocolError (or TransportError for the link
itself); the caller resets the link. Nothing half-received is ever returned.
"""

from __future__ import annotations

import logging
import time

from devices import framing, messages
from devices.framing import FLAG_ENCRYPTED, Frame, ProtocolError
from devices.messages import Message
from devices.secure_channel import SessionCipher
from devices.transport import Transport

log = logging.getLogger(__name__)
READ_CHUNK = 512


class LinkTimeout(ProtocolError):
    pass


class RemoteError(ProtocolError):
    """The terminal answered with an error code."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code


class Link:
    def __init__(self, transport: Transport, timeout_s: float = 3.0) -> None:
        self.transport = transport
        self.timeout_s = timeout_s
        self.cipher: SessionCipher | None = None
        self._decoder = framing.Decoder()
        self._ready: list[Frame] = []
        self._next_sid = 1

    def new_service_id(self) -> str:
        sid = str(self._next_sid)
        self._next_sid += 1
        return sid

    def send(self, message: Message) -> None:
        payload = message.encode()
        flags = 0
        if self.cipher is not None:
            payload, flags = self.cipher.seal(payload), FLAG_ENCRYPTED
        self.transport.write(framing.encode(Frame(flags, payload)))

    def receive(self, timeout_s: float | None = None) -> Message:
        deadline = time.monotonic() + (self.timeout_s if timeout_s is None else timeout_s)
        while not self._ready:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LinkTimeout("the terminal did not answer in time")
            chunk = self.transport.read(READ_CHUNK, min(left, 0.25))
            if chunk:
                self._ready.extend(self._decoder.feed(chunk))
        frame = self._ready.pop(0)
        if frame.encrypted != (self.cipher is not None):
            raise ProtocolError("encrypted and plain frames mixed up")
        payload = self.cipher.open(frame.payload) if self.cipher else frame.payload
        return messages.decode(payload)

    def request(self, category: str, body: dict[str, object] | None = None,
                terminal_id: str = "") -> Message:
        """Send a request and return its response; RemoteError for an error answer."""
        request = Message(category, "Request", self.new_service_id(), terminal_id,
                          body=body or {})
        self.send(request)
        reply = self.receive()
        if reply.category != category or reply.service_id != request.service_id \
                or reply.type != "Response":
            raise ProtocolError(f"expected the response to {category} #{request.service_id}, "
                                f"got {reply.category} #{reply.service_id} {reply.type}")
        if "error" in reply.body:
            raise RemoteError(str(reply.body["error"]), str(reply.body.get("text", "")))
        return reply

    def reset(self) -> None:
        """Forget the session and any half-received bytes (after any ProtocolError)."""
        self.cipher = None
        self._decoder.reset()
        self._ready.clear()
