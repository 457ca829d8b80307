"""Remote parameter pushes (spec 12.3): accepted only when signed by an acquirer key the
operator trusted for terminal parameters, addressed to the terminal, and newer than what it
runs. Every push, refused or applied, goes to the operation log; a refused one changes
nothing here or on the terminal.

A file is JSON: {"format": "posdesk-terminal-params", "version": N, "issuer": …,
"issued_at": …, "terminal_ids": [...], "params": {...}, "signature": …}. The terminal gets
the whole signed document in a Config message and checks the signature itself as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import oplog as ops
from app import signed_files
from app.errors import PolicyFileError, TerminalError
from app.profile import Profile
from app.secrets import SecretStore
from app.terminal_pairing import load_key
from devices.framing import ProtocolError
from devices.terminal_client import TerminalClient
from devices.transport import TransportError

FORMAT = "posdesk-terminal-params"


@dataclass(frozen=True)
class ParamsFile:
    """A verified parameter file, ready to be shown for confirmation and pushed."""

    path: Path
    document: dict[str, Any]
    version: int
    issuer: str
    signer: str
    current_version: int | None

    @property
    def param_names(self) -> list[str]:
        return sorted(self.document["params"])


def check_params_file(profile: Profile, path: Path, terminal_id: str) -> ParamsFile:
    """Verify the file for this terminal without touching it; a refusal is logged."""
    try:
        document = _load(path)
        signer = signed_files.verify(profile, document, path.name,
                                     signed_files.TERMINAL_PARAMS)
        current = _current_version(profile, terminal_id)
        if terminal_id not in document["terminal_ids"]:
            raise PolicyFileError(f"{path.name} is addressed to "
                                  f"{', '.join(document['terminal_ids'])}, not to {terminal_id}; "
                                  "nothing was changed.", why="not_addressed")
        if current is not None and document["version"] <= current:
            raise PolicyFileError(f"{path.name} has parameter version {document['version']}, "
                                  f"not newer than version {current} on {terminal_id}; "
                                  "nothing was changed.", why="not_newer")
    except PolicyFileError as refused:
        _log(profile, terminal_id, "FAIL", {"file": path.name, "reason": refused.message})
        raise
    return ParamsFile(path, document, document["version"], str(document.get("issuer", "")),
                      signer, current)


def push_params(profile: Profile, client: TerminalClient, terminal_id: str,
                params: ParamsFile, secrets: SecretStore) -> int:
    """Send the verified document in a session; returns the version the terminal now runs."""
    row = profile.db.execute("SELECT key_ref, status FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    if row is None or not row[0]:
        raise TerminalError(f"Terminal {terminal_id} is not paired with this computer.",
                            why="not_paired")
    if row[1] == "BLOCKED":
        raise TerminalError(f"Terminal {terminal_id} is blocked by the model policy; it takes "
                            "no new parameters.", why="blocked")
    facts = {"file": params.path.name, "version": params.version, "issuer": params.issuer,
             "params": params.param_names}
    try:
        client.login(load_key(profile, secrets, row[0]))
        answer = client.configure(params.document)
        client.logout()
    except (ProtocolError, TransportError) as exc:
        client.link.reset()
        _log(profile, terminal_id, "FAIL", {**facts, "reason": str(exc)})
        raise TerminalError(f"{terminal_id} did not take the parameters: {exc}",
                            why="unreachable", detail=str(exc)) from exc
    if answer.get("applied") is not True:
        reason = str(answer.get("reason") or "refused by the terminal")
        _log(profile, terminal_id, "FAIL", {**facts, "reason": reason})
        raise TerminalError(f"{terminal_id} refused the parameters: {reason}. It keeps its "
                            "current configuration.", why="config_refused", detail=reason)
    with profile.db.atomic():
        profile.db.execute("UPDATE terminals SET param_version = ?, param_issuer = ? "
                           "WHERE terminal_id = ?", [params.version, params.issuer, terminal_id])
        _log(profile, terminal_id, "SUCCESS", facts)
    return params.version


def _current_version(profile: Profile, terminal_id: str) -> int | None:
    row = profile.db.execute("SELECT param_version FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    if row is None:
        raise PolicyFileError(f"No terminal {terminal_id} is paired here.", why="not_paired")
    return row[0]


def _load(path: Path) -> dict[str, Any]:
    document = signed_files.load_document(path, FORMAT, "PosDesk terminal parameter file")
    version, targets, params = (document.get("version"), document.get("terminal_ids"),
                                document.get("params"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PolicyFileError(f"{path.name}: 'version' must be a whole number from 1 up.",
                              why="malformed")
    if (not isinstance(targets, list) or not targets
            or not all(isinstance(t, str) and t for t in targets)):
        raise PolicyFileError(f"{path.name}: 'terminal_ids' must list the terminals it is for.",
                              why="malformed")
    if not isinstance(params, dict) or not params:
        raise PolicyFileError(f"{path.name}: 'params' must be an object of settings.",
                              why="malformed")
    return document


def _log(profile: Profile, terminal_id: str, result: str, details: dict[str, object]) -> None:
    profile.oplog.append(ops.TERMINAL_CONFIG, target_type="terminal", target_id=terminal_id,
                         result=result, details=details)
