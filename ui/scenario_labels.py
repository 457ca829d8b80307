"""Scenario-control codes (spec 12.4) in the person's language: scopes, the rules a
transaction can break, weekdays, a one-line description of what a policy allows, and the
state of its payment token.
Each string is a literal inside QCoreApplication.translate so pyside6-lupdate finds it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.money import format_fen
from app.scenario_policy import ScenarioPolicy, ScenarioRules, Window
from app.scenario_tokens import ScenarioToken
from app.shanghai_time import format_local
from ui import labels


def scope(code: str) -> str:
    names = {"TERMINAL": QCoreApplication.translate("ScenarioLabels", "Terminal"),
             "CHANNEL": QCoreApplication.translate("ScenarioLabels", "Payment method"),
             "KIND": QCoreApplication.translate("ScenarioLabels", "Transaction type")}
    return names.get(code, code)


def scope_value(policy: ScenarioPolicy) -> str:
    """"Terminal SIM00003", "Payment method: QR code" in the person's words."""
    if policy.scope == "CHANNEL":
        ref = labels.channel(policy.scope_ref)
    elif policy.scope == "KIND":
        ref = labels.txn_type(policy.scope_ref)
    else:
        ref = policy.scope_ref
    return f"{scope(policy.scope)}: {ref}"


def rule(code: str) -> str:
    names = {
        "OUTSIDE_WINDOW": QCoreApplication.translate("ScenarioLabels",
                                                     "outside its time windows"),
        "KIND_NOT_ALLOWED": QCoreApplication.translate("ScenarioLabels",
                                                       "a transaction type it does not allow"),
        "OVER_PER_TXN": QCoreApplication.translate("ScenarioLabels",
                                                   "over its per-transaction cap"),
        "OVER_DAILY": QCoreApplication.translate("ScenarioLabels", "over its daily cap"),
        "TOKEN_REVOKED": QCoreApplication.translate(
            "ScenarioLabels", "after its payment token was revoked"),
    }
    return names.get(code, code)


def weekdays() -> list[str]:
    """Monday first, as app.scenario_policy numbers them."""
    return [
        QCoreApplication.translate("ScenarioLabels", "Mon"),
        QCoreApplication.translate("ScenarioLabels", "Tue"),
        QCoreApplication.translate("ScenarioLabels", "Wed"),
        QCoreApplication.translate("ScenarioLabels", "Thu"),
        QCoreApplication.translate("ScenarioLabels", "Fri"),
        QCoreApplication.translate("ScenarioLabels", "Sat"),
        QCoreApplication.translate("ScenarioLabels", "Sun"),
    ]


def window(found: Window) -> str:
    """"22:00–06:00 (next day) Mon–Fri": the times, a note when it crosses midnight, the
    days it starts on."""
    start = f"{found.start_s // 3600:02d}:{found.start_s % 3600 // 60:02d}"
    end = f"{found.end_s // 3600:02d}:{found.end_s % 3600 // 60:02d}"
    text = f"{start}–{end}"
    if found.end_s <= found.start_s:
        text += " " + QCoreApplication.translate("ScenarioLabels", "(next day)")
    if found.days:
        names = weekdays()
        text += " " + QCoreApplication.translate("ScenarioLabels", "starting %1").replace(
            "%1", labels.joined([names[d] for d in sorted(found.days)]))
    return text


def describe(rules: ScenarioRules) -> str:
    """What a policy allows, in one line."""
    parts = [labels.joined([window(w) for w in rules.windows]) if rules.windows
             else QCoreApplication.translate("ScenarioLabels", "any time")]
    if rules.per_txn_max_fen is not None:
        parts.append(QCoreApplication.translate("ScenarioLabels", "at most %1 each")
                     .replace("%1", format_fen(rules.per_txn_max_fen)))
    if rules.daily_max_fen is not None:
        parts.append(QCoreApplication.translate("ScenarioLabels", "at most %1 a day")
                     .replace("%1", format_fen(rules.daily_max_fen)))
    if rules.allowed_kinds:
        parts.append(QCoreApplication.translate("ScenarioLabels", "only %1").replace(
            "%1", labels.joined([labels.txn_type(k) for k in rules.allowed_kinds])))
    return QCoreApplication.translate("ScenarioLabels", "; ").join(parts)


def issuer(code: str) -> str:
    names = {"ACQUIRER": QCoreApplication.translate("ScenarioLabels", "Acquirer"),
             "ISSUER": QCoreApplication.translate("ScenarioLabels", "Card issuer")}
    return names.get(code, code)


def token_cell(token: ScenarioToken | None) -> str:
    """The list's short form: "…NTER", "…NTER revoked", or a dash for none."""
    if token is None:
        return "—"
    if token.live:
        return token.masked
    return QCoreApplication.translate("ScenarioLabels", "%1 revoked").replace("%1", token.masked)


def token_state(token: ScenarioToken) -> str:
    """One line of a token's story: who gave it, when it was bound, whether it was revoked."""
    bound = format_local(token.bound_at_ms, seconds=False)
    if token.live:
        return QCoreApplication.translate(
            "ScenarioLabels", "Token %1 from the %2, bound %3: in use.").replace(
            "%1", token.masked).replace("%2", issuer(token.issuer).lower()).replace("%3", bound)
    text = QCoreApplication.translate(
        "ScenarioLabels", "Token %1 from the %2, bound %3, revoked %4.").replace(
        "%1", token.masked).replace("%2", issuer(token.issuer).lower()).replace(
        "%3", bound).replace("%4", format_local(token.revoked_at_ms or 0, seconds=False))
    if token.revoke_reason:
        text = QCoreApplication.translate("ScenarioLabels", "%1 Reason: %2").replace(
            "%1", text).replace("%2", token.revoke_reason)
    return text
