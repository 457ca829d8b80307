"""Card data rules (spec 10.2, SD-1, SD-2; vectors D01-D03): truncation, guard, scrubber, log."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.carddata import guard_record, luhn_valid, mask_display, truncate_pan
from app.errors import SensitiveDataError
from app.logfile import configure_logging
from app.scrubber import _mask_digit_runs, scrub_mapping, scrub_text

PAN_D01 = "6222021234567890128"
PAN_D02 = "4111111111111111"
MASKED_D02 = "411111******1111"
PAN_MC = "5555555555554444"
MASKED_MC = "555555******4444"
TRACK2_D03 = ";4111111111111111=26121011234567890?"
TRACK1 = "%B4111111111111111^DOE/JOHN^2612101?"


def luhn_check_digit(body: str) -> str:
    """The digit that makes body + digit pass Luhn (independent of the code under test)."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:  # these get doubled once the check digit is appended
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str((10 - total % 10) % 10)


def with_check_digit(body: str) -> str:
    return body + luhn_check_digit(body)


# --- luhn_valid --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        (PAN_D02, True),
        (PAN_D01, True),
        (PAN_MC, True),
        ("79927398713", True),
        ("4111111111111112", False),
        ("6222021234567890129", False),
        ("79927398710", False),
        ("", False),
        ("0", False),
        ("4111 1111 1111 1111", False),
        ("4111-1111-1111-1111", False),
        ("abcd", False),
    ],
)
def test_luhn_valid(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


def test_helper_check_digit_agrees_with_known_pans() -> None:
    assert with_check_digit(PAN_D02[:-1]) == PAN_D02
    assert with_check_digit(PAN_D01[:-1]) == PAN_D01


# --- truncate_pan and display (D01, D02) -----------------------------------------------------


def test_truncate_d01() -> None:
    kept = truncate_pan(PAN_D01)
    assert (kept.first6, kept.last4, kept.length) == ("622202", "0128", 19)
    assert kept.display() == "622202*********0128"


def test_truncate_d02() -> None:
    kept = truncate_pan(PAN_D02)
    assert (kept.first6, kept.last4, kept.length) == ("411111", "1111", 16)
    assert kept.display() == MASKED_D02


def test_truncate_accepts_grouped_digits() -> None:
    assert truncate_pan("4111 1111 1111 1111").display() == MASKED_D02
    assert truncate_pan("4111-1111-1111-1111").display() == MASKED_D02


def test_truncated_pan_keeps_no_middle_digits() -> None:
    kept = truncate_pan(PAN_D01)
    assert "1234567" not in repr(kept)
    assert PAN_D01 not in kept.display()


@pytest.mark.parametrize("bad", ["12345678901", "1" * 20, "4111x11111111111", ""])
def test_truncate_rejects_non_card_numbers(bad: str) -> None:
    with pytest.raises(ValueError):
        truncate_pan(bad)


def test_mask_display_with_partial_knowledge() -> None:
    assert mask_display("622202", "0128", None) == "622202…0128"
    assert mask_display(None, "0128", 19) == "****0128"
    assert mask_display("622202", None, 19) == ""


# --- guard_record (SD-1, D03) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("track2", TRACK2_D03),
        ("cvv", "739"),
        ("pin_block", "9F1A2B3C4D5E6F70"),
        ("expiry", "2612"),
        ("Track2", "4111111111111111=2612"),
        ("CVV2", "739"),
        ("pinblock", "9F1A2B3C4D5E6F70"),
        ("expiry_date", "12/26"),
    ],
)
def test_guard_refuses_sensitive_field_names(field: str, value: str) -> None:
    with pytest.raises(SensitiveDataError) as caught:
        guard_record({"amount_fen": 1250, field: value})
    message = str(caught.value)
    assert field in message
    assert value not in message
    assert caught.value.facts == {"field": field}
    assert value not in repr(caught.value.args)


def test_guard_refuses_pan_in_memo_without_echoing_it() -> None:
    with pytest.raises(SensitiveDataError) as caught:
        guard_record({"memo": f"customer card {PAN_D02} please refund"})
    assert "memo" in str(caught.value)
    assert PAN_D02 not in str(caught.value)
    assert caught.value.facts == {"field": "memo"}


@pytest.mark.parametrize(
    "memo",
    [
        f"customer card {PAN_D02}",
        f"D01 {PAN_D01}.",
        "card 4111 1111 1111 1111",
        "card 4111-1111-1111-1111",
        TRACK2_D03,  # D03
        f"payload={TRACK2_D03} end",
        TRACK1,
    ],
)
def test_guard_refuses_card_data_in_free_text(memo: str) -> None:
    with pytest.raises(SensitiveDataError):
        guard_record({"memo": memo})


@pytest.mark.parametrize(
    "memo",
    [
        "customer card 4111111111111112",  # 16 digits, not Luhn-valid
        "order 123456789012",  # 12 digits: too short to be a PAN
        "refund ¥12.50 to 411111******1111",  # the already-masked form is fine
        "",
    ],
)
def test_guard_accepts_ordinary_free_text(memo: str) -> None:
    guard_record({"memo": memo})


def test_guard_allows_the_acquirer_token_field() -> None:
    guard_record({"pan_token": PAN_D02, "pan_first6": "411111", "pan_last4": "1111"})


def test_guard_accepts_luhn_valid_merchant_code_starting_with_8() -> None:
    merchant_code = with_check_digit("80210000123456")
    assert len(merchant_code) == 15 and merchant_code.startswith("8")
    assert luhn_valid(merchant_code)  # the precondition that makes this test meaningful
    guard_record({"merchant_code": merchant_code, "terminal_id": "12345678"})
    # The same digits in free text are treated as a possible card number.
    with pytest.raises(SensitiveDataError):
        guard_record({"memo": merchant_code})


def test_guard_refuses_card_like_identifier() -> None:
    looks_like_card = with_check_digit("62220212345678")
    assert luhn_valid(looks_like_card)
    with pytest.raises(SensitiveDataError):
        guard_record({"merchant_code": looks_like_card})
    with pytest.raises(SensitiveDataError):
        guard_record({"rrn": PAN_D02})


def test_guard_accepts_28_digit_trace_id() -> None:
    trace_id = "2025031014223012345678901234"
    assert len(trace_id) == 28
    guard_record({"trace_id": trace_id})
    luhn_trace_id = with_check_digit("402503101422301234567890123")
    assert len(luhn_trace_id) == 28 and luhn_valid(luhn_trace_id)
    guard_record({"trace_id": luhn_trace_id})


_NO_DIGITS = st.text(st.characters(exclude_categories=["Nd", "Cs"]), max_size=30)


@given(
    body=st.text(alphabet="0123456789", min_size=14, max_size=14),
    prefix=_NO_DIGITS,
    suffix=_NO_DIGITS,
)
def test_any_luhn_valid_visa_number_in_a_memo_is_refused(
    body: str, prefix: str, suffix: str
) -> None:
    pan = with_check_digit("4" + body)
    assert len(pan) == 16 and luhn_valid(pan)
    with pytest.raises(SensitiveDataError):
        guard_record({"memo": f"{prefix}{pan}{suffix}"})


# --- scrub_text (SD-2) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"paid with {PAN_D02} today", f"paid with {MASKED_D02} today"),
        (f"card={PAN_D01}.", "card=622202*********0128."),
        (f"mc {PAN_MC}", f"mc {MASKED_MC}"),
        ("grouped 4111 1111 1111 1111 ok", f"grouped {MASKED_D02} ok"),
    ],
)
def test_scrub_masks_luhn_valid_pans(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 4111111111111112 shipped",  # not Luhn-valid
        "rrn 123456789012",
        "amount ¥1,234.56 at 2025-03-10 14:22:10",
        "trace 2025031014223012345678901234",
    ],
)
def test_scrub_leaves_other_numbers_alone(text: str) -> None:
    assert scrub_text(text) == text


@pytest.mark.parametrize("track", [TRACK1, TRACK2_D03, "4111111111111111=2612101"])
def test_scrub_removes_track_data(track: str) -> None:
    out = scrub_text(f"read {track} done")
    assert out.startswith("read ") and out.endswith(" done")
    assert PAN_D02 not in out
    assert MASKED_D02 not in out  # track data is removed, not merely masked
    assert "2612" not in out
    assert re.search(r"\d{12,}", out) is None
    assert "DOE/JOHN" not in out


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("cvv=123", "123"),
        ("PIN: 1234", "1234"),
        ('"password": "hunter2"', "hunter2"),
        ("otp=654321", "654321"),
        ("CVC2 = 987", "987"),
        ("pinblock=9F1A2B3C4D5E6F70", "9F1A2B3C4D5E6F70"),
        ("expiry: 12/26", "12/26"),
        ("exp=1226", "1226"),
        ("password='correct horse'", "correct horse"),
    ],
)
def test_scrub_removes_secret_values(text: str, secret: str) -> None:
    out = scrub_text(f"login user=alice {text} result=ok")
    assert secret not in out
    assert "user=alice" in out and "result=ok" in out


def test_scrub_removes_several_secrets_in_one_line() -> None:
    out = scrub_text('{"user": "alice", "password": "hunter2", "otp": "654321", "cvv": "123"}')
    for secret in ("hunter2", "654321", '"123"'):
        assert secret not in out
    assert '"alice"' in out


# --- scrub_mapping ---------------------------------------------------------------------------


def test_scrub_mapping_drops_sensitive_keys_and_scrubs_strings() -> None:
    details = {
        "cvv": "123",
        "password": "hunter2",
        "pin": "1234",
        "PIN_BLOCK": "9F1A2B3C4D5E6F70",
        "otp": "654321",
        "amount_fen": 1250,
        "memo": f"card {PAN_D02}",
        "nested": {"Password": "hunter2", "note": f"swipe {TRACK1}", "n": 3},
        "cards": [f"c {PAN_MC}", 7],
    }
    clean = scrub_mapping(details)
    assert set(clean) == {"amount_fen", "memo", "nested", "cards"}
    assert clean["amount_fen"] == 1250
    assert clean["memo"] == f"card {MASKED_D02}"
    nested = clean["nested"]
    assert isinstance(nested, dict)
    assert set(nested) == {"note", "n"}
    assert PAN_D02 not in nested["note"] and nested["n"] == 3
    assert clean["cards"] == [f"c {MASKED_MC}", 7]
    dumped = json.dumps(clean, ensure_ascii=False)
    for secret in ("hunter2", "654321", "9F1A2B3C4D5E6F70", PAN_D02, PAN_MC):
        assert secret not in dumped
    assert details["cvv"] == "123"  # the input is copied, not modified


def test_scrub_mapping_scrubs_mappings_inside_lists() -> None:
    clean = scrub_mapping({"items": [{"cvv": "123", "memo": f"card {PAN_D02}"}]})
    dumped = json.dumps(clean)
    assert "cvv" not in dumped
    assert PAN_D02 not in dumped


# --- the log file, end to end (SD-2) ---------------------------------------------------------


@pytest.fixture
def posdesk_log(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "posdesk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _flush_posdesk_handlers() -> None:
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "posdesk", False)]
    assert len(handlers) == 1
    for handler in handlers:
        handler.flush()


def test_log_file_never_holds_card_data(posdesk_log: Path) -> None:
    log = logging.getLogger("x")
    log.warning("card %s read with track %s", PAN_D02, TRACK2_D03)
    try:
        raise ValueError(f"acquirer declined card {PAN_MC}")
    except ValueError:
        log.exception("payment failed")
    _flush_posdesk_handlers()

    text = posdesk_log.read_text(encoding="utf-8")
    assert "WARNING x: card" in text
    assert "Traceback" in text and "ValueError: acquirer declined card" in text
    assert MASKED_D02 in text
    assert MASKED_MC in text
    assert PAN_D02 not in text
    assert PAN_MC not in text
    assert TRACK2_D03 not in text
    assert "=2612101" not in text
    assert re.search(r"\d{13,19}", text) is None


def test_configure_logging_replaces_its_own_handler(posdesk_log: Path) -> None:
    again = configure_logging(posdesk_log.parent)
    assert again == posdesk_log
    logging.getLogger("y").warning("secret otp=654321")
    _flush_posdesk_handlers()
    text = posdesk_log.read_text(encoding="utf-8")
    assert "WARNING y: secret otp=" in text
    assert "654321" not in text


@pytest.mark.parametrize(("field", "value"), [
    ("memo", "card 6222 0212 3456 7890 123"),
    ("memo", "refund to 4111-1111-1111-1111 please"),
    ("rrn", "4111111111111111D25121010000"),
    ("trace_id", "4111111111111111"),
    ("merchant_name", "%B4111111111111111^DOE/JOHN^2512101"),
    ("auth_ref", ";4111111111111111=25121010000?"),
    ("memo", "ok"),
    ("merchant_code", "898310054110001"),
    ("rrn", "000000012345"),
    ("memo", "订单 20260305142210 已完成"),
])
def test_the_fast_write_path_guard_agrees_with_the_general_one(field: str, value: str) -> None:
    """guard_values (the bulk write path) must refuse exactly what guard_record refuses."""
    from app.carddata import guard_values

    assert _refused(lambda: guard_values((field,), (value,))) == \
        _refused(lambda: guard_record({field: value}))


@given(st.sampled_from(["memo", "rrn", "merchant_name", "trace_id"]),
       st.text(alphabet="0123456789 -=D^%B;?店a", max_size=40))
def test_fast_guard_agrees_on_arbitrary_text(field: str, value: str) -> None:
    from app.carddata import guard_values

    assert _refused(lambda: guard_values((field,), (value,))) == \
        _refused(lambda: guard_record({field: value}))


def _refused(check) -> bool:  # type: ignore[no-untyped-def]
    try:
        check()
    except SensitiveDataError:
        return True
    return False


def test_a_hex_digest_is_not_taken_for_a_card_number() -> None:
    """A SHA-256 with a Luhn-valid run of digits inside (about 1 in 230) stays whole, so an
    export's logged hash can be compared; a card number beside it is still masked."""
    import hashlib

    digest = next(d for d in (hashlib.sha256(str(n).encode()).hexdigest()
                              for n in range(5000)) if _mask_digit_runs(d) != d)
    assert scrub_text(f"sha256: {digest}") == f"sha256: {digest}"
    assert scrub_text(f"{digest} 4111111111111111") == f"{digest} 411111******1111"
