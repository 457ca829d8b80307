"""Acquirer statements of any length, written fast, for tests that need an import big enough
to be interrupted (a kill, a full disk) rather than one that shows a format.

The layout is a plain bank export whose headers the import maps by itself (交易时间,
交易金额, 终端号, 流水号, 卡号, 备注), UTF-8, every row a sale with its own trace id, so the
rows a file adds are exactly its row count and two files with different prefixes never
share a trace id.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.shanghai_time import today_cn

HEADERS = ("交易时间", "交易金额", "终端号", "流水号", "卡号", "备注")
_MEMOS = ("", "早餐", "咖啡", "午餐套餐", "会员日", "")


def write_bank_statement(path: Path, rows: int, *, prefix: str = "T",
                         terminals: int = 3) -> Path:
    """`rows` sales spread over the 200 Beijing days before yesterday, oldest first.

    Trace ids are `prefix` + a running number, so a statement never overlaps another one
    written with a different prefix; amounts and card endings vary but repeat exactly for
    the same arguments."""
    end = dt.datetime.combine(today_cn() - dt.timedelta(days=1), dt.time(22, 0))
    start = end - dt.timedelta(days=200)
    step = (end - start) / max(rows, 1)
    lines = [",".join(HEADERS)]
    for n in range(rows):
        when = (start + step * n).strftime("%Y-%m-%d %H:%M:%S")
        fen = 100 + (n * 7_919) % 49_900
        lines.append(f"{when},{fen // 100}.{fen % 100:02d},T{n % terminals + 1:03d},"
                     f"{prefix}{n:09d},622202******{n % 10_000:04d},{_MEMOS[n % len(_MEMOS)]}")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    return path
