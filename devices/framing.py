"""Byte framing of the terminal link (docs/protocol.md, "Frames").

    STX(0x02) VER(0x01) FLAGS LEN_HI LEN_LO PAYLOAD[LEN] CRC_HI CRC_LO

CRC is CRC-16/CCITT-FALSE over VER..PAYLOAD. Bytes before a start byte are line noise and
are skipped; a frame with a bad version, an oversize length or a bad CRC raises FrameError
after dropping its start byte, so a decoder that is fed on resynchronises by itself. The
link layer treats a FrameError as a reason to reset the session.
"""

from __future__ import annotations

import binascii
import struct
from dataclasses import dataclass

STX = 0x02
VERSION = 1
MAX_PAYLOAD = 16384
FLAG_ENCRYPTED = 0x01
_HEADER = struct.Struct(">BBBH")          # STX, VER, FLAGS, LEN
HEADER_SIZE = _HEADER.size               # 5
CRC_SIZE = 2


class ProtocolError(Exception):
    """Anything a peer sent that breaks the protocol. Never a crash: the link resets."""


class FrameError(ProtocolError):
    pass


@dataclass(frozen=True)
class Frame:
    flags: int
    payload: bytes

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & FLAG_ENCRYPTED)


def crc16(data: bytes) -> int:
    return binascii.crc_hqx(data, 0xFFFF)


def encode(frame: Frame) -> bytes:
    if len(frame.payload) > MAX_PAYLOAD:
        raise FrameError(f"payload of {len(frame.payload)} bytes exceeds {MAX_PAYLOAD}")
    head = _HEADER.pack(STX, VERSION, frame.flags, len(frame.payload))
    body = head[1:] + frame.payload
    return head[:1] + body + struct.pack(">H", crc16(body))


class Decoder:
    """Incremental decoder: feed bytes as they arrive, collect whole frames."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.skipped = 0      # bytes of line noise dropped while looking for a start byte

    def feed(self, data: bytes) -> list[Frame]:
        """Frames completed by `data`; raises FrameError at the first broken frame."""
        self._buffer += data
        frames = []
        while True:
            frame = self._next()
            if frame is None:
                return frames
            frames.append(frame)

    def pending(self) -> int:
        return len(self._buffer)

    def reset(self) -> None:
        self._buffer.clear()

    def _next(self) -> Frame | None:
        start = self._buffer.find(STX)
        if start < 0:
            self.skipped += len(self._buffer)
            self._buffer.clear()
            return None
        if start:
            self.skipped += start
            del self._buffer[:start]
        if len(self._buffer) < HEADER_SIZE:
            return None
        _, version, flags, length = _HEADER.unpack_from(self._buffer)
        if version != VERSION:
            self._drop_start()
            raise FrameError(f"unknown protocol version {version}")
        if length > MAX_PAYLOAD:
            self._drop_start()
            raise FrameError(f"frame announces {length} bytes, more than {MAX_PAYLOAD}")
        total = HEADER_SIZE + length + CRC_SIZE
        if len(self._buffer) < total:
            return None
        body = bytes(self._buffer[1:HEADER_SIZE + length])
        (crc,) = struct.unpack_from(">H", self._buffer, HEADER_SIZE + length)
        if crc != crc16(body):
            self._drop_start()
            raise FrameError("bad CRC")
        del self._buffer[:total]
        return Frame(flags, body[HEADER_SIZE - 1:])

    def _drop_start(self) -> None:
        del self._buffer[:1]
        self.skipped += 1
