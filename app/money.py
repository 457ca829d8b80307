"""Money as integer fen (spec C-1): formatting and exact parsing, never floats."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^\s*([+-])?\s*[¥￥]?\s*([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$")


def format_fen(fen: int, symbol: str = "¥") -> str:
    """¥1,234.56 for 123456; -¥12.00 for -1200."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def parse_yuan(text: str) -> int:
    """Parse '1,234.50', '¥1,234.50', '-12.00' or '12' into fen; raise ValueError otherwise."""
    match = _AMOUNT.match(text)
    if not match or (match.group(1) and match.group(2)):
        raise ValueError(f"not an amount in yuan: {text!r}")
    sign = -1 if "-" in (match.group(1) or "") + (match.group(2) or "") else 1
    whole = int(match.group(3).replace(",", ""))
    cents = int((match.group(4) or "0").ljust(2, "0"))
    return sign * (whole * 100 + cents)
