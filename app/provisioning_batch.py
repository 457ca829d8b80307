"""A batch of provisioning codes from a CSV of terminals (one row each), all or nothing.

The first row names the columns: the request fields (terminal_id, merchant_id,
merchant_name, mcc, acquirer, licence, host, technician, expires_in_min, or their Chinese
names: 终端号, 商户号, 商户名称, …) and one `param:NAME` (参数:NAME) column per parameter.
An empty cell, or a column that is not there, takes the value given on the command line
or in the dialog. Only terminal_id must be in the file.

Every row is checked before any code is made; one bad row refuses the whole file, and the
refusal names the file, the row (as a spreadsheet numbers it: the header is row 1) and the
column, for every problem found. UTF-8 (with or without BOM) or GB18030, as Excel saves.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, NoReturn

from app.provisioning import (
    DEFAULT_EXPIRY_MIN,
    ProvisioningError,
    ProvisioningRequest,
    problems,
    typed_value,
)

MAX_ROWS = 500
MAX_LISTED = 10
_ALIASES = {
    "terminal_id": ("terminal_id", "terminal", "tid", "终端号", "终端编号"),
    "merchant_id": ("merchant_id", "mid", "商户号", "商户编号"),
    "merchant_name": ("merchant_name", "商户名称", "商户名"),
    "mcc": ("mcc", "商户类别码"),
    "acquirer": ("acquirer", "收单机构"),
    "licence": ("licence", "license", "支付业务许可证", "许可证号"),
    "host": ("host", "主机"),
    "technician": ("technician", "技术员"),
    "expires_in_min": ("expires_in_min", "expires_in", "有效分钟"),
}
_COLUMN = {alias.casefold(): name for name, aliases in _ALIASES.items() for alias in aliases}
_PARAM = re.compile(r"^(param|参数)\s*[:：]\s*(?P<name>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class BatchProblem:
    row: int            # spreadsheet numbering: the header is row 1
    column: str         # the header as written in the file
    detail: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.detail}"


def read_batch(path: Path, defaults: Mapping[str, Any]) -> list[ProvisioningRequest]:
    """One request per row, or ProvisioningError naming every bad cell (nothing issued).
    `defaults` holds request fields (and "params") for empty cells and absent columns."""
    header, rows = _read_rows(path)
    targets = _targets(path, header)
    if "terminal_id" not in targets:
        _refuse(path, [BatchProblem(1, "terminal_id", "the file needs a terminal_id column")])
    found: list[BatchProblem] = []
    requests: list[ProvisioningRequest] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        request = _request(number, header, targets, cells, defaults, found)
        if request is None:
            continue
        column = header[targets.index("terminal_id")]
        if request.terminal_id in seen:
            found.append(BatchProblem(number, column, f"terminal {request.terminal_id} is "
                                      f"already in row {seen[request.terminal_id]}"))
        seen.setdefault(request.terminal_id, number)
        requests.append(request)
    if not requests and not found:
        found.append(BatchProblem(2, header[0], "the file has no terminals below the header"))
    if found:
        _refuse(path, found)
    return requests


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProvisioningError(f"Cannot read {path}: {exc.strerror}", file=str(path)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ProvisioningError(f"{path.name} is neither UTF-8 nor GB18030 text.",
                                file=str(path))
    table = list(csv.reader(io.StringIO(text, newline="")))
    numbered = [(i, [c.strip() for c in row]) for i, row in enumerate(table, start=1)
                if any(c.strip() for c in row)]
    if not numbered:
        _refuse(path, [BatchProblem(1, "-", "the file is empty")])
    (_, header), rows = numbered[0], numbered[1:]
    if len(rows) > MAX_ROWS:
        _refuse(path, [BatchProblem(rows[MAX_ROWS][0], header[0],
                                    f"at most {MAX_ROWS} terminals in one batch")])
    return header, rows


def _targets(path: Path, header: list[str]) -> list[str]:
    """What each column fills: a request field or "param:NAME"."""
    targets, found = [], []
    for index, name in enumerate(header):
        param = _PARAM.match(name)
        target = f"param:{param['name'].strip()}" if param else _COLUMN.get(name.casefold())
        if target is None or target in targets:
            found.append(BatchProblem(1, name or f"#{index + 1}",
                                      "appears twice" if target else
                                      "is not a known column (terminal_id, merchant_id, "
                                      "merchant_name, mcc, acquirer, licence, host, technician, "
                                      "expires_in_min or param:NAME)"))
        targets.append(target or "")
    if found:
        _refuse(path, found)
    return targets


def _request(number: int, header: list[str], targets: list[str], cells: list[str],
             defaults: Mapping[str, Any], found: list[BatchProblem]) -> ProvisioningRequest | None:
    if len(cells) > len(header):
        found.append(BatchProblem(number, f"#{len(header) + 1}", f"the row has {len(cells)} "
                                  f"cells but the header names {len(header)} columns"))
        return None
    names = {f.name for f in fields(ProvisioningRequest)}
    values: dict[str, Any] = {k: v for k, v in defaults.items() if k in names}
    values["params"] = dict(defaults.get("params") or {})
    for target, cell in zip(targets, cells, strict=False):
        if not cell:
            continue
        if target.startswith("param:"):
            values["params"][target[len("param:"):]] = typed_value(cell)
        elif target == "expires_in_min":
            if not cell.isdigit():
                found.append(BatchProblem(number, header[targets.index(target)],
                                          f"must be a whole number of minutes (got {cell!r})"))
                return None
            values[target] = int(cell)
        else:
            values[target] = cell
    request = ProvisioningRequest(**{
        "expires_in_min": DEFAULT_EXPIRY_MIN,
        **{name: "" for name in names - {"params", "expires_in_min"}}, **values})
    for problem in problems(request):
        found.append(BatchProblem(number, _column_of(problem.field, header, targets),
                                  problem.detail))
    return request


def _column_of(field: str, header: list[str], targets: list[str]) -> str:
    target = f"param:{field[len('params.'):]}" if field.startswith("params.") else field
    if target in targets:
        return header[targets.index(target)]
    return f"{field} (not in the file: add the column or give it on the command line)"


def _refuse(path: Path, found: list[BatchProblem]) -> NoReturn:
    listed = "; ".join(str(p) for p in found[:MAX_LISTED])
    more = f"; and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
    raise ProvisioningError(f"{path.name}: no code was made, the whole batch is refused. "
                            f"{listed}{more}.", file=str(path), problems=found,
                            row=found[0].row, column=found[0].column)
