"""Errors the user can act on. Each carries a stable `code` (the UI translates by code) and
an English message that names the problem and what to do; the CLI prints the message."""

from __future__ import annotations


class PosDeskError(Exception):
    code = "error"

    def __init__(self, message: str, **facts: object) -> None:
        super().__init__(message)
        self.message = message
        self.facts = facts


class ProfileInUseError(PosDeskError):
    code = "profile_in_use"


class NotAPosDeskDatabaseError(PosDeskError):
    code = "foreign_database"


class DamagedDatabaseError(PosDeskError):
    """SQLite reports the file as malformed: it was not changed; restore a backup or set it
    aside and start again."""

    code = "damaged_database"


class DiskFullError(PosDeskError):
    """The disk (or the user's quota) is full: the write was rolled back, nothing changed."""

    code = "disk_full"


class NewerSchemaError(PosDeskError):
    code = "newer_schema"


class NoProfileError(PosDeskError):
    code = "no_profile"


class SecretsUnavailableError(PosDeskError):
    code = "secrets_unavailable"


class SensitiveDataError(PosDeskError):
    code = "sensitive_data"


class PairingRefusedError(PosDeskError):
    code = "pairing_refused"


class TerminalError(PosDeskError):
    """A terminal could not be reached or broke the protocol; the link was reset."""

    code = "terminal_error"


class PolicyFileError(PosDeskError):
    code = "policy_file"


class NotPairedError(PosDeskError):
    code = "not_paired"
