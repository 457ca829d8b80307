"""Messages of the terminal protocol: a nexo-style header and a JSON body.

    {"hdr": {"cls": "Service", "cat": "Journal", "type": "Request", "sid": "7", "tid": "T1"},
     "body": {...}}

Decoding validates the shape; anything else is a ProtocolError.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from devices.framing import ProtocolError

CLASSES = ("Service", "Device", "Event")
CATEGORIES = ("Identify", "Pair", "PairConfirm", "Login", "Diagnosis", "Journal", "Config",
              "Handover", "Unpair", "Logout", "Error")
TYPES = ("Request", "Response", "Notification")


@dataclass(frozen=True)
class Message:
    category: str
    type: str
    service_id: str
    terminal_id: str = ""
    cls: str = "Service"
    body: dict[str, Any] = field(default_factory=dict)

    def reply(self, body: dict[str, Any], terminal_id: str | None = None) -> Message:
        return Message(self.category, "Response", self.service_id,
                       terminal_id if terminal_id is not None else self.terminal_id,
                       self.cls, body)

    def encode(self) -> bytes:
        doc = {"hdr": {"cls": self.cls, "cat": self.category, "type": self.type,
                       "sid": self.service_id, "tid": self.terminal_id}, "body": self.body}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(payload: bytes) -> Message:
    try:
        doc = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"message is not UTF-8 JSON: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("hdr"), dict):
        raise ProtocolError("message has no header")
    hdr, body = doc["hdr"], doc.get("body", {})
    if not isinstance(body, dict):
        raise ProtocolError("message body is not an object")
    _expect(hdr, "cls", CLASSES)
    _expect(hdr, "cat", CATEGORIES)
    _expect(hdr, "type", TYPES)
    for key in ("sid", "tid"):
        if not isinstance(hdr.get(key, ""), str):
            raise ProtocolError(f"header field {key} is not text")
    return Message(hdr["cat"], hdr["type"], hdr.get("sid", ""), hdr.get("tid", ""), hdr["cls"],
                   body)


def _expect(hdr: dict[str, Any], key: str, allowed: tuple[str, ...]) -> None:
    if hdr.get(key) not in allowed:
        raise ProtocolError(f"header field {key}={hdr.get(key)!r} is not one of {allowed}")
