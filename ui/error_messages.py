"""What an app error says to the person, in their language: translated by the error's code
(and, for terminals, its `why`), falling back to the English message the CLI prints."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.storage import is_disk_full
from ui.factor_labels import platform_problem


def show_error(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("Shell", "PosDesk"),
                         error_text(error))


def error_text(error: BaseException) -> str:
    """The user's-language text for an app error, by its code; else its own message."""
    if is_disk_full(error) or getattr(error, "code", "") == "disk_full":
        return QCoreApplication.translate(
            "Shell", "The disk is full, so this was not done and nothing was changed. Free "
            "some space and try again.")
    code = getattr(error, "code", "")
    facts = getattr(error, "facts", {})
    texts = {
        "profile_in_use": QCoreApplication.translate(
            "Shell", "PosDesk is already open on the data folder %1 (process %2). Close that "
            "window first, or open another data folder."),
        "foreign_database": QCoreApplication.translate(
            "Shell", "%1 is not a PosDesk database, so it was not opened and not changed. "
            "Restore a backup, or choose another data folder."),
        "sensitive_data": QCoreApplication.translate(
            "Shell", "Card data that must never be stored was refused (field %3); nothing of "
            "that batch was saved. If a terminal sent it, ask its supplier to fix it."),
        "damaged_database": QCoreApplication.translate(
            "Shell", "%1 is damaged: SQLite cannot read it. It was not changed."),
        "newer_schema": QCoreApplication.translate(
            "Shell", "%1 was written by a newer version of PosDesk. Update PosDesk to open "
            "it; nothing was changed."),
    }
    if code in texts:
        where = str(facts.get("data_dir") or facts.get("path") or "")
        return (texts[code].replace("%1", where).replace("%2", str(facts.get("pid", "")))
                .replace("%3", str(facts.get("field", ""))))
    if code == "fingerprint" or facts.get("kind") == "FingerprintFactorError":
        return platform_problem(str(facts.get("why", "")), None, str(error))
    if code == "backup":
        backup = backup_error_text(str(facts.get("why", "")), str(facts.get("path") or ""))
        if backup:
            return backup
    terminal = terminal_error_text(str(facts.get("why", "")), facts)
    if terminal:
        return terminal
    return getattr(error, "message", None) or str(error)


def backup_error_text(why: str, path: str) -> str:
    """Backup and restore refusals in the user's language; "" in English, where the app's own
    message (which the CLI prints too) says more, such as the integrity problem found."""
    source = _BACKUP_TEXTS.get(why)
    if source is None:
        return ""
    text = QCoreApplication.translate("Shell", source)
    if text == source:
        return ""
    return text.replace("%1", Path(path).name if why in _FILE_PROBLEMS else path)


_BACKUP_TEXTS = {
    "not_backup": QT_TRANSLATE_NOOP(
        "Shell", "%1 is not a PosDesk backup (or it was cut short); nothing was changed."),
    "missing": QT_TRANSLATE_NOOP("Shell", "%1 does not exist."),
    "no_data": QT_TRANSLATE_NOOP("Shell", "There is no PosDesk data in %1 to back up."),
    "newer": QT_TRANSLATE_NOOP(
        "Shell", "%1 was made by a newer version of PosDesk. Update PosDesk to restore it; "
        "nothing was changed."),
    "damaged": QT_TRANSLATE_NOOP(
        "Shell", "%1 is damaged and cannot be restored; nothing was changed. Try an older "
        "backup."),
    "chain": QT_TRANSLATE_NOOP(
        "Shell", "The records in %1 do not verify: it was changed after it was made, so it was "
        "not restored and nothing was changed. Try an older backup."),
    "no_space": QT_TRANSLATE_NOOP(
        "Shell", "There is not enough space in %1; nothing was written there. Free some space "
        "or choose another folder."),
    "no_permission": QT_TRANSLATE_NOOP(
        "Shell", "PosDesk may not write in %1. Choose another folder."),
}
_FILE_PROBLEMS = ("not_backup", "newer", "damaged", "chain")


def terminal_error_text(why: str, facts: dict[str, object]) -> str:
    """Pairing and sync refusals in the user's language (the CLI prints the English)."""
    texts = {
        "keyring": QCoreApplication.translate(
            "Shell", "Pairing needs the system keyring, which is not available. See Settings "
            "for how to fix it."),
        "codes_differ": QCoreApplication.translate(
            "Shell", "The codes on the two screens did not match, so nothing was paired. Try "
            "again; if they differ again, someone may be interfering with the connection."),
        "declined": QCoreApplication.translate(
            "Shell", "The pairing was declined on the terminal."),
        "blocked": QCoreApplication.translate(
            "Shell", "This terminal model is blocked: %1 (source: %2). It cannot be paired or "
            "synced; its history stays viewable."),
        "unknown_model": QCoreApplication.translate(
            "Shell", "The model is on no approved list and was not confirmed, so nothing was "
            "paired."),
        "stopped_answering": QCoreApplication.translate(
            "Shell", "The terminal stopped answering while pairing. Check the cable or the "
            "terminal, then try again."),
        "unreachable": QCoreApplication.translate(
            "Shell", "The terminal cannot be reached (%3). Check that it is switched on and "
            "connected."),
        "held_elsewhere": QCoreApplication.translate(
            "Shell", "Another program on this computer, or another computer, is using the "
            "terminal. Close that program or unplug the terminal from the other computer, "
            "then try again."),
        "sync_stopped": QCoreApplication.translate(
            "Shell", "The sync stopped (%3). What arrived is saved; Sync now continues where it "
            "stopped."),
        "config_refused": QCoreApplication.translate(
            "Shell", "The terminal refused the parameters (%3) and keeps its current "
            "configuration. Ask your acquirer for a file signed for this terminal."),
        "not_addressed": QCoreApplication.translate(
            "Shell", "This parameter file is for other terminals; nothing was changed."),
        "not_newer": QCoreApplication.translate(
            "Shell", "This parameter file is not newer than what the terminal runs; nothing "
            "was changed."),
        "bad_signature": QCoreApplication.translate(
            "Shell", "The file's signature does not match its contents: it was changed after "
            "signing. Nothing was changed."),
        "untrusted_key": QCoreApplication.translate(
            "Shell", "The file is signed by a key you have not trusted for this purpose. "
            "Trust your acquirer's key first; nothing was changed."),
        "malformed": QCoreApplication.translate(
            "Shell", "This is not a usable parameter file (a required part is missing or "
            "wrong); nothing was changed. Ask your acquirer for the file again."),
        "unsigned": QCoreApplication.translate(
            "Shell", "The file carries no signature, so it was not used."),
        "not_paired": QCoreApplication.translate(
            "Shell", "This terminal is not paired with this computer. Pair it again to sync."),
    }
    text = texts.get(why, "")
    return (text.replace("%1", str(facts.get("policy_reason", "")))
            .replace("%2", str(facts.get("source", "")))
            .replace("%3", str(facts.get("detail", ""))))
