"""Pairing codes, key agreement, and the session's refusal of replayed or forged frames."""

from __future__ import annotations

import pytest

from devices.secure_channel import (
    AuthenticationError,
    PairingSide,
    SessionCipher,
    complete_pairing,
    new_nonce,
)


def _pair(app: PairingSide, terminal: PairingSide, seen_by_app: bytes, seen_by_terminal: bytes):  # type: ignore[no-untyped-def]
    """Each side uses the public key it actually received (a MITM can swap them)."""
    on_app = complete_pairing(app, seen_by_app, app.public_bytes, seen_by_app, app.nonce,
                              terminal.nonce)
    on_terminal = complete_pairing(terminal, seen_by_terminal, seen_by_terminal,
                                   terminal.public_bytes, app.nonce, terminal.nonce)
    return on_app, on_terminal


def test_both_sides_agree_on_key_and_six_digit_code() -> None:
    app, terminal = PairingSide.create(), PairingSide.create()
    on_app, on_terminal = _pair(app, terminal, terminal.public_bytes, app.public_bytes)
    assert on_app == on_terminal
    assert len(on_app.comparison_code) == 6 and on_app.comparison_code.isdigit()


def test_a_man_in_the_middle_shows_different_codes() -> None:
    app, terminal, mallory = PairingSide.create(), PairingSide.create(), PairingSide.create()
    on_app, on_terminal = _pair(app, terminal, mallory.public_bytes, mallory.public_bytes)
    assert on_app.long_term_key != on_terminal.long_term_key
    assert on_app.comparison_code != on_terminal.comparison_code


def _session() -> tuple[SessionCipher, SessionCipher]:
    key, a, t = b"k" * 32, new_nonce(), new_nonce()
    return SessionCipher(key, a, t, is_app=True), SessionCipher(key, a, t, is_app=False)


def test_messages_flow_both_ways() -> None:
    app, terminal = _session()
    assert terminal.open(app.seal(b"hello")) == b"hello"
    assert app.open(terminal.seal(b"hi")) == b"hi"
    assert terminal.open(app.seal(b"again")) == b"again"


def test_replay_is_refused() -> None:
    app, terminal = _session()
    sealed = app.seal(b"pay")
    terminal.open(sealed)
    with pytest.raises(AuthenticationError, match="replayed"):
        terminal.open(sealed)


def test_reordering_is_refused() -> None:
    app, terminal = _session()
    first, second = app.seal(b"1"), app.seal(b"2")
    with pytest.raises(AuthenticationError, match="expected 0"):
        terminal.open(second)
    assert terminal.open(first) == b"1"


def test_forged_or_tampered_frames_are_refused() -> None:
    app, terminal = _session()
    sealed = bytearray(app.seal(b"amount=100"))
    sealed[-3] ^= 1
    with pytest.raises(AuthenticationError, match="authentication"):
        terminal.open(bytes(sealed))
    stranger, _ = SessionCipher(b"x" * 32, new_nonce(), new_nonce(), is_app=True), None
    with pytest.raises(AuthenticationError):
        _session()[1].open(stranger.seal(b"hello"))


def test_a_frame_sent_one_way_cannot_be_reflected_back() -> None:
    app, terminal = _session()
    sealed = app.seal(b"x")
    with pytest.raises(AuthenticationError):
        app.open(sealed)                 # direction keys differ
    assert terminal.open(sealed) == b"x"


def test_new_session_nonces_make_old_frames_useless() -> None:
    key = b"k" * 32
    old_app = SessionCipher(key, new_nonce(), new_nonce(), is_app=True)
    captured = old_app.seal(b"refund 100")
    a, t = new_nonce(), new_nonce()
    with pytest.raises(AuthenticationError):
        SessionCipher(key, a, t, is_app=False).open(captured)
