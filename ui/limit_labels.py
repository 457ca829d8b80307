"""The limit engine's codes and English explanations, in the person's language.

app.limits and app.limit_status explain themselves in English (the CLI prints that). Here
each known explanation is matched and rebuilt from a translated template, so the Limits
page reads in Chinese too; an explanation not known here is shown as the engine wrote it.
Each string is a literal inside QCoreApplication.translate so pyside6-lupdate finds it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


def article(text: str) -> str:
    """"Art. 24(2), Art. 36" in the person's language, clause numbers kept."""
    return re.sub(r"Art\. (\d+)", lambda m: QCoreApplication.translate(
        "LimitLabels", "Art. %1").replace("%1", m.group(1)), text)


def constraint(name: str) -> str:
    """CLASS_II_ANNUAL → "Class II annual"; NONE → "none"."""
    names = {
        "CLASS_I_LIFETIME": QCoreApplication.translate("LimitLabels", "Class I lifetime"),
        "CLASS_II_ANNUAL": QCoreApplication.translate("LimitLabels", "Class II annual"),
        "CLASS_III_ANNUAL": QCoreApplication.translate("LimitLabels", "Class III annual"),
        "DAILY_T1": QCoreApplication.translate("LimitLabels",
                                               "Daily, strongest verification (T1)"),
        "DAILY_T2": QCoreApplication.translate("LimitLabels", "Daily, two factors (T2)"),
        "DAILY_T3": QCoreApplication.translate("LimitLabels", "Daily, one factor (T3)"),
        "NONE": QCoreApplication.translate("LimitLabels", "none"),
        "SCENARIO_POLICY": QCoreApplication.translate("LimitLabels",
                                                      "Your scenario policy (spec 12.4)"),
    }
    return names.get(name, name)


def tier(level: str | None) -> str:
    names = {
        "T1": QCoreApplication.translate(
            "LimitLabels", "T1: two categories including a certificate or e-signature"),
        "T2": QCoreApplication.translate("LimitLabels", "T2: two categories"),
        "T3": QCoreApplication.translate("LimitLabels", "T3: fewer than two categories"),
    }
    return names.get(level or "", level or "—")


def kind(code: str) -> str:
    names = {
        "BAL_CONSUME": QCoreApplication.translate("LimitLabels", "Consume (pay a merchant)"),
        "BAL_TRANSFER_PA": QCoreApplication.translate("LimitLabels",
                                                      "Transfer to a payment account"),
        "BAL_TRANSFER_OTHER_BANK": QCoreApplication.translate(
            "LimitLabels", "Transfer to another person's bank account"),
        "BAL_TO_OWN_BANK": QCoreApplication.translate("LimitLabels",
                                                      "Withdraw to my own bank account"),
        "BAL_INVEST": QCoreApplication.translate("LimitLabels", "Invest"),
        "BANK_FUNDED": QCoreApplication.translate("LimitLabels", "Bank-funded (quick pay)"),
        "CARD_PRESENT": QCoreApplication.translate("LimitLabels", "Card present (POS reader)"),
    }
    return names.get(code, code)


def factor(code: str) -> str:
    names = {
        "STATIC_PASSWORD": QCoreApplication.translate("LimitLabels", "Password"),
        "SECURITY_QUESTION": QCoreApplication.translate("LimitLabels", "Security question"),
        "OTP_SMS": QCoreApplication.translate("LimitLabels", "SMS code"),
        "OTP_APP": QCoreApplication.translate("LimitLabels", "Authenticator code"),
        "OTP_HW_TOKEN": QCoreApplication.translate("LimitLabels", "Hardware token"),
        "DIGITAL_CERTIFICATE": QCoreApplication.translate("LimitLabels", "Certificate"),
        "ELECTRONIC_SIGNATURE": QCoreApplication.translate("LimitLabels", "E-signature"),
        "FINGERPRINT": QCoreApplication.translate("LimitLabels", "Fingerprint"),
        "FACE": QCoreApplication.translate("LimitLabels", "Face"),
        "VOICE": QCoreApplication.translate("LimitLabels", "Voice"),
        "IRIS": QCoreApplication.translate("LimitLabels", "Iris"),
        "TRUSTED_DEVICE": QCoreApplication.translate("LimitLabels", "Trusted device"),
    }
    return names.get(code, code)


def decision(code: str) -> str:
    names = {
        "ALLOW": QCoreApplication.translate("LimitLabels", "Allow"),
        "DENY": QCoreApplication.translate("LimitLabels", "Deny"),
        "REQUIRE_BANK_VERIFICATION": QCoreApplication.translate("LimitLabels",
                                                                "Bank must verify"),
    }
    return names.get(code, code)


def reason(code: str | None) -> str:
    """Why the engine answered as it did; None (allowed) has its own sentence."""
    names = {
        None: QCoreApplication.translate("LimitLabels", "Within every limit that applies."),
        "LIMIT_EXCEEDED": QCoreApplication.translate(
            "LimitLabels", "Over the limit: the amount is more than what is left of the "
            "binding limit."),
        "VERIFICATION_FAILED": QCoreApplication.translate(
            "LimitLabels", "A verification factor failed, so the payment is refused "
            "(no silent downgrade)."),
        "SAME_CUSTOMER_REQUIRED": QCoreApplication.translate(
            "LimitLabels", "Transfers between a bank account and a payment account must stay "
            "with the same customer unless the institution qualifies under Art. 35 (rated A, "
            "real-name ratio over 95 %, account real-name confirmed)."),
        "FUNCTION_NOT_PERMITTED": QCoreApplication.translate(
            "LimitLabels", "Only a Class III account may invest from its balance (Art. 11)."),
        "PURPOSE_REQUIRED": QCoreApplication.translate(
            "LimitLabels", "A unit's transfer over ¥50,000.00 needs its purpose "
            "(Art. 14(5))."),
        "BANK_MUST_VERIFY": QCoreApplication.translate(
            "LimitLabels", "The bank must verify this payment itself: the institution may "
            "verify for it only up to ¥200.00, for fixed periodic payees, or with an Art. 37 "
            "agreement (Art. 10)."),
    }
    return names.get(code, code or "")


# -- explanations (app.limits multiplier reasons and decision notes, tier hints) ------------

def _rules() -> list[tuple[str, str]]:
    """(English pattern, translated template); %1, %2 … are the pattern's groups."""
    return [
        (r"rated A and real-name ratio (\S+) > 95% \(Art\. 36\)", QCoreApplication.translate(
            "LimitLabels", "rated A and real-name ratio %1 > 95% (Art. 36)")),
        (r"rated (\S+) and real-name ratio (\S+) > 90% \(Art\. 36\)", QCoreApplication.translate(
            "LimitLabels", "rated %1 and real-name ratio %2 > 90% (Art. 36)")),
        (r"rated (\S+) with real-name ratio (\S+): no multiplier", QCoreApplication.translate(
            "LimitLabels", "rated %1 with real-name ratio %2: no multiplier")),
        (r"no multiplier for a Class I account or one not real-name compliant",
         QCoreApplication.translate(
             "LimitLabels", "no multiplier for a Class I account or one not real-name "
             "compliant")),
        (r"no valid institution rating on this day \(Art\. 39\)", QCoreApplication.translate(
            "LimitLabels", "no valid institution rating on this day (Art. 39)")),
        (r"the institution's real-name ratio is not known", QCoreApplication.translate(
            "LimitLabels", "the institution's real-name ratio is not known")),
        (r"no multiplier applies to this limit \(A-4\)", QCoreApplication.translate(
            "LimitLabels", "no multiplier applies to this limit")),
        (r"(\w+) failed verification \(VF-1\)", QCoreApplication.translate(
            "LimitLabels", "%1 failed verification (VF-1)")),
        (r"(\w+) was (\d+) s old, over the (\d+) s validity \(VF-1\)",
         QCoreApplication.translate(
             "LimitLabels", "%1 was %2 s old, over the %3 s validity (VF-1)")),
        (r"(\w+) arrived on the device that pays, so it does not count \(VF-2\)",
         QCoreApplication.translate(
             "LimitLabels", "%1 arrived on the device that pays, so it does not count "
             "(VF-2)")),
        (r"(\w+) was released by (\w+), so only \w+ counts \(VF-3\)",
         QCoreApplication.translate(
             "LimitLabels", "%1 was released by %2, so only %2 counts (VF-3)")),
        (r"(\w+) has no anti-replay attestation, so it does not count \(VF-4\)",
         QCoreApplication.translate(
             "LimitLabels", "%1 has no anti-replay attestation, so it does not count "
             "(VF-4)")),
        (r"(\w+) is not an Art\. 22 factor unless the institution declares it",
         QCoreApplication.translate(
             "LimitLabels", "%1 is not an Art. 22 factor unless the institution declares "
             "it")),
        (r"not governed by Art\. 11/24", QCoreApplication.translate(
            "LimitLabels", "not governed by Art. 11/24")),
        (r"unit customer: not subject to Art\. 11/24", QCoreApplication.translate(
            "LimitLabels", "unit customer: not subject to Art. 11/24")),
        (r"small amount: the institution may verify \(Art\. 10\)", QCoreApplication.translate(
            "LimitLabels", "small amount: the institution may verify (Art. 10)")),
        (r"fixed periodic payee \(Art\. 10\)", QCoreApplication.translate(
            "LimitLabels", "fixed periodic payee (Art. 10)")),
        (r"Art\. 37 agreement with the bank", QCoreApplication.translate(
            "LimitLabels", "Art. 37 agreement with the bank")),
        (r"add a digital certificate: .*", QCoreApplication.translate(
            "LimitLabels", "add a digital certificate: two categories including a "
            "certificate reach T1, the contractual limit (Art. 24(1))")),
        (r"add a factor of another category \(a password\): .*", QCoreApplication.translate(
            "LimitLabels", "add a factor of another category (a password): a certificate "
            "plus a second category reaches T1 (Art. 24(1))")),
        (r"add a factor of another category \(e\.g\. .*", QCoreApplication.translate(
            "LimitLabels", "add a factor of another category (e.g. authenticator codes with "
            "a password): two categories reach T2 (Art. 24(2))")),
        (r"enrol a password and an authenticator: .*", QCoreApplication.translate(
            "LimitLabels", "enrol a password and an authenticator: two categories reach T2 "
            "(Art. 24(2))")),
    ]


_FACTOR_GROUP = re.compile(r"^[A-Z][A-Z_]+$")


def explain(text: str) -> str:
    """An engine explanation in the person's language (as written when not known here)."""
    for pattern, template in _rules():
        match = re.fullmatch(pattern, text.strip())
        if match:
            found = template
            for number, value in enumerate(match.groups(), start=1):
                shown = factor(value) if _FACTOR_GROUP.match(value) else value
                found = found.replace(f"%{number}", shown)
            return found
    return text


def is_known(text: str) -> bool:
    """Whether `explain` has a translation for this engine explanation."""
    return any(re.fullmatch(pattern, text.strip()) for pattern, _ in _rules())
