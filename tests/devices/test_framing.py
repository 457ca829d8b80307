"""Frames: round trips, resynchronisation, and no input that crashes the decoder."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices import framing, messages
from devices.framing import MAX_PAYLOAD, Decoder, Frame, FrameError, ProtocolError

payloads = st.binary(min_size=0, max_size=600)


def _drain(decoder: Decoder, data: bytes) -> tuple[list[Frame], int]:
    """Feed everything, feeding on after each error as a reader that keeps going would."""
    frames: list[Frame] = []
    errors = 0
    chunk = data
    while True:
        try:
            frames += decoder.feed(chunk)
            return frames, errors
        except FrameError:
            errors += 1
            chunk = b""


@given(st.lists(st.tuples(st.integers(0, 1), payloads), max_size=5), st.data())
def test_frames_survive_any_chunking(items: list[tuple[int, bytes]], data: st.DataObject) -> None:
    stream = b"".join(framing.encode(Frame(flags, p)) for flags, p in items)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    decoder, got, start = Decoder(), [], 0
    for cut in [*cuts, len(stream)]:
        got += decoder.feed(stream[start:cut])
        start = cut
    assert got == [Frame(flags, p) for flags, p in items]
    assert decoder.pending() == 0


@given(st.binary(max_size=2000))
@settings(max_examples=300)
def test_arbitrary_bytes_only_ever_raise_frame_errors(noise: bytes) -> None:
    decoder = Decoder()
    with contextlib.suppress(FrameError):
        decoder.feed(noise)
    try:
        for frame in decoder.feed(b""):
            messages.decode(frame.payload)
    except ProtocolError:
        pass


@given(st.binary(max_size=300).filter(lambda b: framing.STX not in b), payloads)
def test_line_noise_before_a_frame_is_skipped(noise: bytes, payload: bytes) -> None:
    decoder = Decoder()
    frames = decoder.feed(noise + framing.encode(Frame(0, payload)))
    assert frames == [Frame(0, payload)]
    assert decoder.skipped == len(noise)


@given(payloads, st.integers(min_value=0), st.integers(1, 255))
def test_a_corrupted_frame_is_refused_and_the_next_one_still_arrives(payload: bytes,
                                                                     which: int,
                                                                     flip: int) -> None:
    bad = bytearray(framing.encode(Frame(0, payload)))
    position = framing.HEADER_SIZE + which % (len(bad) - framing.HEADER_SIZE)  # payload or CRC
    bad[position] ^= flip
    good = framing.encode(Frame(1, b"next"))
    decoder = Decoder()
    frames, errors = _drain(decoder, bytes(bad) + good)
    assert errors >= 1
    assert Frame(0, payload) not in frames
    if not frames:
        # A 0x02 inside the broken frame looked like a header whose length swallowed the
        # next frame: the decoder waits, as for a corrupted length, until the link's read
        # timeout resets it (docs/protocol.md, section 1). Then frames flow again.
        decoder.reset()
        frames = decoder.feed(good)
    assert frames[-1:] == [Frame(1, b"next")]


def test_a_false_start_byte_inside_a_broken_frame_is_recovered_by_a_reset() -> None:
    """The case hypothesis found: payload 00 00 with its first byte flipped."""
    bad = bytearray(framing.encode(Frame(0, b"\x00\x00")))
    bad[framing.HEADER_SIZE] ^= 1
    decoder = Decoder()
    with pytest.raises(FrameError, match="CRC"):
        decoder.feed(bytes(bad) + framing.encode(Frame(1, b"next")))
    decoder.reset()
    assert decoder.feed(framing.encode(Frame(1, b"next"))) == [Frame(1, b"next")]


def test_a_corrupted_length_waits_then_a_link_reset_recovers() -> None:
    bad = bytearray(framing.encode(Frame(0, b"hello")))
    bad[4] = 0x40                                # announces 64 bytes instead of 5
    decoder = Decoder()
    assert decoder.feed(bytes(bad) + framing.encode(Frame(0, b"next"))) == []
    decoder.reset()                              # what the link does after its read timeout
    assert decoder.feed(framing.encode(Frame(0, b"again"))) == [Frame(0, b"again")]


def test_oversize_and_wrong_version_are_refused() -> None:
    with pytest.raises(FrameError, match="exceeds"):
        framing.encode(Frame(0, b"x" * (MAX_PAYLOAD + 1)))
    with pytest.raises(FrameError, match="more than"):
        Decoder().feed(bytes([framing.STX, framing.VERSION, 0, 0xFF, 0xFF]))
    with pytest.raises(FrameError, match="version"):
        Decoder().feed(bytes([framing.STX, 9, 0, 0, 0, 0, 0]))


def test_bad_crc_is_refused() -> None:
    data = bytearray(framing.encode(Frame(0, b"hello")))
    data[-1] ^= 1
    with pytest.raises(FrameError, match="CRC"):
        Decoder().feed(bytes(data))


def test_frame_bytes_match_the_documented_example() -> None:
    """docs/protocol.md shows this exact frame; keep the two in step."""
    assert framing.crc16(b"123456789") == 0x29B1          # CRC-16/CCITT-FALSE check value
    encoded = framing.encode(Frame(0, b'{"a":1}')).hex(" ")
    assert encoded == "02 01 00 00 07 7b 22 61 22 3a 31 7d 48 09"


@given(st.binary(max_size=400))
def test_message_decoder_never_crashes(payload: bytes) -> None:
    with contextlib.suppress(ProtocolError):
        messages.decode(payload)


@given(st.sampled_from(messages.CATEGORIES), st.sampled_from(messages.TYPES),
       st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=20), max_size=4))
def test_messages_round_trip(category: str, kind: str, body: dict) -> None:  # type: ignore[type-arg]
    message = messages.Message(category, kind, "7", "T1", body=body)
    assert messages.decode(message.encode()) == message


def test_identify_request_frame_matches_the_documented_bytes() -> None:
    from pathlib import Path

    request = messages.Message("Identify", "Request", "1", "", body={})
    encoded = framing.encode(Frame(0, request.encode())).hex(" ")
    doc = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text("utf-8")
    documented = doc.split("The Identify request above as a whole frame")[1].split("```")[1]
    assert encoded == " ".join(documented.split())
