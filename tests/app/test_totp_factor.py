"""Authenticator codes: RFC 6238 values through the module's own code path, the seed kept
only after a correct first code, every code single use across restarts."""

from __future__ import annotations

import base64
import io
import json
import os
import uuid
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from PIL import Image

from app import totp_factor
from app.secrets import SERVICE, SecretStore
from app.totp_factor import (
    TotpEnrolment,
    TotpEntryDamaged,
    TotpError,
    WrongCode,
    activate,
    code_at,
    is_enrolled,
    new_enrolment,
    remove,
    verify,
)
from tests.conftest import MemoryKeyring

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode("ascii")
NOW = 1_800_000_015.0          # 15 s into step 60_000_000
STEP = 60_000_000


def _entry(backend: MemoryKeyring, ref: str) -> dict[str, object]:
    return json.loads(backend.entries[(SERVICE, f"totp:{ref}")])


def _enrolment(secret: str = RFC_SECRET) -> TotpEnrolment:
    return TotpEnrolment(label="rfc", issuer="PosDesk", secret=secret,
                         provisioning_uri=f"otpauth://totp/rfc?secret={secret}")


@pytest.mark.parametrize(("t", "expected"), [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
])
def test_rfc_6238_appendix_b_sha1_vectors(t: int, expected: str) -> None:
    assert code_at(RFC_SECRET, t, digits=8) == expected
    assert code_at(RFC_SECRET, t) == expected[-6:]     # 6 digits: the same value mod 10^6


def test_verify_accepts_the_rfc_codes_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    activate(store, "rfc", _enrolment(), "287082", now=59)
    for t, code in ((1111111109, "081804"), (1234567890, "005924"), (2000000000, "279037")):
        assert verify(store, "rfc", code, now=t) is True
    assert verify(store, "rfc", "353131", now=20000000000) is False
    assert verify(store, "rfc", "353130", now=20000000000) is True


def test_a_new_enrolment_has_a_160_bit_seed_and_an_otpauth_uri() -> None:
    enrolment = new_enrolment("alice@shop-3")
    assert len(enrolment.secret) == 32
    assert len(base64.b32decode(enrolment.secret)) == 20
    assert new_enrolment("alice@shop-3").secret != enrolment.secret
    uri = urlsplit(enrolment.provisioning_uri)
    assert (uri.scheme, uri.netloc, uri.path) == ("otpauth", "totp", "/PosDesk:alice%40shop-3")
    query = parse_qs(uri.query)
    assert query["secret"] == [enrolment.secret]
    assert query["issuer"] == ["PosDesk"]
    assert (enrolment.label, enrolment.issuer) == ("alice@shop-3", "PosDesk")
    groups = enrolment.grouped_secret.split(" ")
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    assert "".join(groups) == enrolment.secret


def test_a_label_is_required() -> None:
    with pytest.raises(TotpError, match="needs a label"):
        new_enrolment("  ")


def test_the_enrolment_repr_hides_the_seed() -> None:
    enrolment = new_enrolment("bob", issuer="Shop 9")
    shown = repr(enrolment)
    assert enrolment.secret not in shown and enrolment.grouped_secret[:4] not in shown
    assert "otpauth" not in shown
    assert shown == "TotpEnrolment(label='bob', issuer='Shop 9')"


def test_the_qr_png_and_matrix_show_the_same_code() -> None:
    enrolment = new_enrolment("carol")
    matrix = enrolment.qr_matrix()
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert not any(matrix[0]) and not any(row[0] for row in matrix)       # quiet zone
    assert all(matrix[4][4:11]) and all(matrix[10][4:11])                  # finder pattern
    png = enrolment.qr_png(scale=3)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (size * 3, size * 3)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (image.getpixel((x * 3 + 1, y * 3 + 1)) < 128) == dark, (x, y)


def test_activation_needs_a_correct_current_code(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    enrolment = new_enrolment("dave")
    wrong = "000000" if code_at(enrolment.secret, NOW) != "000000" else "111111"
    with pytest.raises(WrongCode, match="does not match"):
        activate(store, "3", enrolment, wrong, now=NOW)
    with pytest.raises(WrongCode):
        activate(store, "3", enrolment, code_at(enrolment.secret, NOW - 60), now=NOW)
    assert memory_keyring.entries == {}
    assert not is_enrolled(store, "3")
    activate(store, "3", enrolment, code_at(enrolment.secret, NOW), now=NOW)
    assert _entry(memory_keyring, "3") == {"seed": enrolment.secret, "last_step": STEP}
    assert is_enrolled(store, "3")


@pytest.mark.parametrize(("drift", "accepted"), [(-60, False), (-30, True), (0, True),
                                                 (30, True), (60, False)])
def test_one_step_of_clock_drift_is_allowed(memory_keyring: MemoryKeyring, drift: int,
                                            accepted: bool) -> None:
    store = SecretStore()
    activate(store, "7", _enrolment(), code_at(RFC_SECRET, NOW - 300), now=NOW - 300)
    assert verify(store, "7", code_at(RFC_SECRET, NOW + drift), now=NOW) is accepted


def test_a_code_is_accepted_once(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    activate(store, "3", _enrolment(), code_at(RFC_SECRET, NOW - 90), now=NOW - 90)
    code = code_at(RFC_SECRET, NOW)
    assert verify(store, "3", code, now=NOW) is True
    assert _entry(memory_keyring, "3")["last_step"] == STEP
    assert verify(store, "3", code, now=NOW) is False
    assert verify(store, "3", code, now=NOW + 29) is False       # same step, later
    assert verify(store, "3", code_at(RFC_SECRET, NOW + 30), now=NOW + 30) is True


def test_the_activation_code_cannot_be_used_again(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    code = code_at(RFC_SECRET, NOW)
    activate(store, "3", _enrolment(), code, now=NOW)
    assert verify(store, "3", code, now=NOW) is False


def test_an_older_code_is_refused_after_a_newer_one(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    activate(store, "3", _enrolment(), code_at(RFC_SECRET, NOW - 90), now=NOW - 90)
    assert verify(store, "3", code_at(RFC_SECRET, NOW + 30), now=NOW) is True
    assert verify(store, "3", code_at(RFC_SECRET, NOW), now=NOW) is False
    assert verify(store, "3", code_at(RFC_SECRET, NOW - 30), now=NOW) is False


def test_single_use_survives_a_restart(memory_keyring: MemoryKeyring) -> None:
    activate(SecretStore(), "3", _enrolment(), code_at(RFC_SECRET, NOW - 90), now=NOW - 90)
    code = code_at(RFC_SECRET, NOW)
    assert verify(SecretStore(), "3", code, now=NOW) is True
    assert verify(SecretStore(), "3", code, now=NOW) is False    # a new store, same keyring


def test_codes_are_per_ref(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    activate(store, "1", _enrolment(), code_at(RFC_SECRET, NOW - 90), now=NOW - 90)
    other = base64.b32encode(b"ABCDEFGHIJKLMNOPQRST").decode("ascii")
    activate(store, "2", _enrolment(other), code_at(other, NOW - 90), now=NOW - 90)
    assert code_at(RFC_SECRET, NOW) != code_at(other, NOW)
    assert verify(store, "2", code_at(RFC_SECRET, NOW), now=NOW) is False
    assert verify(store, "1", code_at(RFC_SECRET, NOW), now=NOW) is True
    assert verify(store, "2", code_at(other, NOW), now=NOW) is True


@pytest.mark.parametrize(("typed", "accepted"), [
    ("287082", True), (" 287 082 ", True), ("287082\n", True),
    ("28708", False), ("2870822", False), ("94287082", False), ("28708a", False),
    ("", False), ("２８７０８２", False), ("-87082", False),
])
def test_only_six_digits_are_accepted(memory_keyring: MemoryKeyring, typed: str,
                                      accepted: bool) -> None:
    store = SecretStore()
    activate(store, "3", _enrolment(), code_at(RFC_SECRET, 0), now=0)
    assert verify(store, "3", typed, now=59) is accepted


def test_nothing_enrolled_verifies_nothing(memory_keyring: MemoryKeyring) -> None:
    assert verify(SecretStore(), "9", code_at(RFC_SECRET, NOW), now=NOW) is False


def test_remove_forgets_the_seed(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    activate(store, "3", _enrolment(), code_at(RFC_SECRET, NOW - 90), now=NOW - 90)
    assert remove(store, "3") is True
    assert memory_keyring.entries == {}
    assert verify(store, "3", code_at(RFC_SECRET, NOW), now=NOW) is False
    assert remove(store, "3") is False


def test_a_ref_must_be_an_entry_name(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="not a keyring entry name"):
        activate(SecretStore(), "3 4", _enrolment(), code_at(RFC_SECRET, NOW), now=NOW)
    assert memory_keyring.entries == {}


def test_a_damaged_entry_is_named(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries[(SERVICE, "totp:3")] = "not json"
    with pytest.raises(TotpEntryDamaged, match="'totp:3' in the keyring is damaged"):
        verify(SecretStore(), "3", "123456", now=NOW)


def test_the_seed_appears_in_no_returned_value(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    enrolment = new_enrolment("frank")
    returned = [activate(store, "3", enrolment, code_at(enrolment.secret, NOW), now=NOW),
                verify(store, "3", code_at(enrolment.secret, NOW + 30), now=NOW + 30),
                is_enrolled(store, "3"), repr(enrolment), remove(store, "3")]
    assert returned[1] is True
    assert all(enrolment.secret not in repr(value) for value in returned)
    with pytest.raises(WrongCode) as caught:
        activate(store, "3", enrolment, "12345", now=NOW)
    assert enrolment.secret not in str(caught.value)


def test_the_module_code_path_is_code_at(monkeypatch: pytest.MonkeyPatch,
                                         memory_keyring: MemoryKeyring) -> None:
    calls: list[float] = []
    real = totp_factor.code_at

    def spy(secret_b32: str, t: float, digits: int = 6) -> str:
        calls.append(t)
        return real(secret_b32, t, digits)

    monkeypatch.setattr(totp_factor, "code_at", spy)
    activate(SecretStore(), "3", _enrolment(), real(RFC_SECRET, 59), now=59)
    assert 30 in calls


@pytest.mark.secret_service
@pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                    reason="run through scripts/run-tests.sh for the real Secret Service")
def test_totp_round_trip_through_the_real_keyring() -> None:
    store = SecretStore()
    ref = uuid.uuid4().hex[:8]
    enrolment = new_enrolment("real-keyring")
    activate(store, ref, enrolment, code_at(enrolment.secret, NOW), now=NOW)
    try:
        stored = json.loads(keyring.get_password(SERVICE, f"totp:{ref}"))
        assert stored == {"seed": enrolment.secret, "last_step": STEP}
        assert verify(store, ref, code_at(enrolment.secret, NOW + 30), now=NOW + 30) is True
        assert verify(store, ref, code_at(enrolment.secret, NOW + 30), now=NOW + 30) is False
    finally:
        assert remove(store, ref) is True
    assert keyring.get_password(SERVICE, f"totp:{ref}") is None
