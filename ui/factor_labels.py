"""Verification factors in words: types, categories, who holds them, where they live, and
what the tier they give together means (spec 4, 5.1).

app.factors explains itself in English with factor codes (the CLI prints that). Here each
known explanation is matched and rebuilt from a translated sentence that names the factor
in words; one not known here is shown as the registry wrote it. Each string is a literal
inside QCoreApplication.translate so pyside6-lupdate finds it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.factors import APP, INSTITUTION, PHONE, THIS_COMPUTER, TOKEN


def factor_type(code: str) -> str:
    names = {
        "STATIC_PASSWORD": QCoreApplication.translate("FactorLabels", "Password"),
        "SECURITY_QUESTION": QCoreApplication.translate("FactorLabels", "Security question"),
        "DIGITAL_CERTIFICATE": QCoreApplication.translate("FactorLabels",
                                                          "Digital certificate"),
        "ELECTRONIC_SIGNATURE": QCoreApplication.translate("FactorLabels",
                                                           "Electronic signature"),
        "OTP_SMS": QCoreApplication.translate("FactorLabels", "SMS code"),
        "OTP_APP": QCoreApplication.translate("FactorLabels", "Authenticator app"),
        "OTP_HW_TOKEN": QCoreApplication.translate("FactorLabels", "Hardware token"),
        "FINGERPRINT": QCoreApplication.translate("FactorLabels", "Fingerprint"),
        "FACE": QCoreApplication.translate("FactorLabels", "Face"),
        "VOICE": QCoreApplication.translate("FactorLabels", "Voice"),
        "IRIS": QCoreApplication.translate("FactorLabels", "Iris"),
        "TRUSTED_DEVICE": QCoreApplication.translate("FactorLabels", "Trusted device"),
    }
    return names.get(code, code)


def category(code: str | None) -> str:
    names = {
        "KNOWLEDGE": QCoreApplication.translate("FactorLabels", "Knowledge"),
        "POSSESSION": QCoreApplication.translate("FactorLabels", "Possession"),
        "INHERENCE": QCoreApplication.translate("FactorLabels", "Inherence"),
    }
    if code is None:
        return QCoreApplication.translate("FactorLabels", "None (not an Art. 22 factor)")
    return names.get(code, code)


def category_in_sentence(code: str) -> str:
    names = {
        "KNOWLEDGE": QCoreApplication.translate("FactorLabels", "knowledge"),
        "POSSESSION": QCoreApplication.translate("FactorLabels", "possession"),
        "INHERENCE": QCoreApplication.translate("FactorLabels", "inherence"),
    }
    return names.get(code, code.lower())


def held_by(code: str) -> str:
    names = {
        APP: QCoreApplication.translate("FactorLabels", "This app"),
        INSTITUTION: QCoreApplication.translate("FactorLabels", "Your institution"),
    }
    return names.get(code, code)


def device(code: str) -> str:
    names = {
        THIS_COMPUTER: QCoreApplication.translate("FactorLabels", "This computer"),
        PHONE: QCoreApplication.translate("FactorLabels", "Phone"),
        TOKEN: QCoreApplication.translate("FactorLabels", "Hardware token"),
        INSTITUTION: QCoreApplication.translate("FactorLabels", "Institution"),
    }
    return names.get(code, code)


def device_in_sentence(code: str) -> str:
    names = {
        THIS_COMPUTER: QCoreApplication.translate("FactorLabels", "this computer"),
        PHONE: QCoreApplication.translate("FactorLabels", "the phone"),
        TOKEN: QCoreApplication.translate("FactorLabels", "the hardware token"),
        INSTITUTION: QCoreApplication.translate("FactorLabels", "the institution"),
    }
    return names.get(code, code.replace("_", " ").lower())


def test_result(code: str | None) -> str:
    names = {
        "PASS": QCoreApplication.translate("FactorLabels", "Passed"),
        "FAIL": QCoreApplication.translate("FactorLabels", "Failed"),
    }
    return names.get(code or "", code or "")


def category_count(count: int) -> str:
    names = {
        0: QCoreApplication.translate("FactorLabels", "no category"),
        1: QCoreApplication.translate("FactorLabels", "one category"),
        2: QCoreApplication.translate("FactorLabels", "two categories"),
        3: QCoreApplication.translate("FactorLabels", "three categories"),
    }
    return names.get(count, str(count))


def tier_meaning(tier: str) -> str:
    """What a tier means for the merchant's daily limit (Art. 24; base limits before any
    Art. 36 multiplier)."""
    names = {
        "T1": QCoreApplication.translate(
            "FactorLabels", "T1 (two categories including a certificate or e-signature): "
            "your daily limit for balance payments is the one agreed in your contract with "
            "the institution (Art. 24(1))."),
        "T2": QCoreApplication.translate(
            "FactorLabels", "T2 (two categories, no certificate): balance payments up to "
            "¥5,000 a day across all your payment accounts (base limit, Art. 24(2); your "
            "institution's rating may raise it, Art. 36)."),
        "T3": QCoreApplication.translate(
            "FactorLabels", "T3 (fewer than two categories): balance payments up to ¥1,000 "
            "a day (base limit, Art. 24(3)); the institution bears any loss on them in "
            "full."),
    }
    return names.get(tier, tier)


def next_step(tier: str, categories: tuple[str, ...]) -> str:
    """One plain sentence on how to reach the next tier, or "" at T1."""
    if tier == "T1":
        return ""
    if tier == "T2":
        return QCoreApplication.translate(
            "FactorLabels", "To reach T1, import a digital certificate or e-signature from "
            "your institution.")
    if not categories:
        return QCoreApplication.translate(
            "FactorLabels", "To reach T2, set a password and add an authenticator whose "
            "codes arrive on a device you do not pay from.")
    return QCoreApplication.translate(
        "FactorLabels", "To reach T2, add a factor of another category (for example "
        "authenticator codes on your phone while you pay on this computer).")


# -- explanations from app.factors / app.limits ------------------------------------------

_DEVICE_WORDS = {"this computer": THIS_COMPUTER, "phone": PHONE, "hardware token": TOKEN,
                 "institution": INSTITUTION}


def _rules() -> list[tuple[str, str]]:
    """(English pattern, translated template); %1, %2 … are the pattern's groups."""
    return [
        (r"(\w+) arrived on the device that pays, so it does not count \(VF-2\)",
         QCoreApplication.translate(
             "FactorLabels", "%1: not counted, because the codes arrive on the device you "
             "pay from, so one device would give both (VF-2, Art. 23). Receive the codes on "
             "another device, or change where payments are made.")),
        (r"(\w+) was released by (\w+), so only \w+ counts \(VF-3\)",
         QCoreApplication.translate(
             "FactorLabels", "%1: not counted on its own, because %2 releases it; only %2 "
             "counts (VF-3).")),
        (r"(\w+) has no anti-replay attestation, so it does not count \(VF-4\)",
         QCoreApplication.translate(
             "FactorLabels", "%1: not counted, because it has no anti-replay attestation "
             "(VF-4).")),
        (r"(\w+) expired on (\d{4}-\d{2}-\d{2}), so it does not count \(VF-1\)",
         QCoreApplication.translate(
             "FactorLabels", "%1: not counted, because it expired on %2 (VF-1). Import the "
             "renewed certificate.")),
        (r"(\w+) is not an Art\. 22 factor unless the institution declares it",
         QCoreApplication.translate(
             "FactorLabels", "%1: not counted, because it is not an Art. 22 factor unless "
             "your institution declares that it qualifies.")),
        (r"(.+) are all on (this computer|phone|hardware token|institution): whoever has it "
         r"has all of them, so they are not independent \(Art\. 22\)\.",
         QCoreApplication.translate(
             "FactorLabels", "%1 are all on %2: whoever has it has all of them, so they are "
             "not independent (Art. 22). Keep possession factors on different devices.")),
    ]


_CODE = re.compile(r"^[A-Z][A-Z_]+$")


def explain(text: str) -> str:
    """A registry note or warning in the person's language (as written when not known)."""
    for pattern, template in _rules():
        match = re.fullmatch(pattern, text.strip())
        if match:
            found = template
            for number, value in enumerate(match.groups(), start=1):
                if value in _DEVICE_WORDS:
                    shown = device_in_sentence(_DEVICE_WORDS[value])
                elif _CODE.match(value):
                    shown = factor_type(value)
                else:
                    shown = value
                found = found.replace(f"%{number}", shown)
            return found
    return text


def is_known(text: str) -> bool:
    return any(re.fullmatch(pattern, text.strip()) for pattern, _ in _rules())


# -- the OS fingerprint reader (app.fingerprint_factor) --------------------------------

def platform_problem(why: str, reader: str | None, fallback: str) -> str:
    """Why this computer's fingerprint reader cannot be used, in the person's language."""
    texts = {
        "unsupported": QCoreApplication.translate(
            "FactorLabels", "This system's fingerprint or face sign-in is not supported by "
            "this build of PosDesk."),
        "no_bus": QCoreApplication.translate(
            "FactorLabels", "PosDesk cannot reach the system's fingerprint service (no "
            "system D-Bus)."),
        "no_service": QCoreApplication.translate(
            "FactorLabels", "The system's fingerprint service (fprintd) is not installed or "
            "not running."),
        "no_reader": QCoreApplication.translate(
            "FactorLabels", "No fingerprint reader is connected to this computer."),
        "no_fingers": QCoreApplication.translate(
            "FactorLabels", "%1 has no finger enrolled for you yet: enrol one in the "
            "system's settings (Users → Fingerprint Login), then try again."),
    }
    text = texts.get(why)
    if text is None or (not reader and "%1" in text):
        return fingerprint_failure(why, fallback)
    return text.replace("%1", reader or "")


def fingerprint_failure(why: str, fallback: str) -> str:
    """A reader that failed during a check (devices.fingerprint's `why`), in the person's
    language; the English message for a refusal it has no text for."""
    texts = {
        "timeout": QCoreApplication.translate(
            "FactorLabels", "The system's fingerprint service did not answer in time. Try "
            "again."),
        "in_use": QCoreApplication.translate(
            "FactorLabels", "Another program is using the fingerprint reader; close it and "
            "try again."),
        "permission": QCoreApplication.translate(
            "FactorLabels", "The system did not allow you to use the fingerprint reader. Ask "
            "whoever manages this computer."),
        "no_fingers": QCoreApplication.translate(
            "FactorLabels", "No finger is enrolled for you: enrol one in the system's "
            "settings (Users → Fingerprint Login), then try again."),
        "internal": QCoreApplication.translate(
            "FactorLabels", "The fingerprint reader reported an internal error. Unplug it, "
            "plug it in again and try again."),
        "disconnected": QCoreApplication.translate(
            "FactorLabels", "The fingerprint reader was disconnected or failed; check it and "
            "try again."),
    }
    return texts.get(why, fallback)


def touch_hint(status: str) -> str:
    """What to do after one of the reader's in-between statuses ("" for the others)."""
    texts = {
        "verify-retry-scan": QCoreApplication.translate(
            "FactorLabels", "The scan was not clear: touch the reader again."),
        "verify-swipe-too-short": QCoreApplication.translate(
            "FactorLabels", "The swipe was too short: swipe again."),
        "verify-finger-not-centered": QCoreApplication.translate(
            "FactorLabels", "The finger was not centred: touch the reader again."),
        "verify-remove-and-retry": QCoreApplication.translate(
            "FactorLabels", "Lift your finger, then touch the reader again."),
    }
    return texts.get(status, "")
