"""A printable A4 sheet of provisioning codes: one row per terminal, the QR on the left and
what it says in words beside it, four to a page, so a technician can check each code is
the right one before the terminal scans it.

QR modules are drawn as rectangles of a whole number of device pixels at 600 dpi (no seams
between rows, no blur in any viewer or printer). Chinese merchant names need a CJK font:
the text font lists WenQuanYi Micro Hei and Noto Sans CJK after the Latin one, and Qt
falls back to any other installed CJK font.

Usable without a window: the CLI calls `ensure_gui_application()` first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from app.provisioning import IssuedCode
from app.provisioning_qr import CodeFileError, matrix
from app.shanghai_time import format_local

PER_PAGE = 4
DPI = 600
MARGIN_MM = 12.0
QR_MAX_MM = 62.0
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                 "Droid Sans Fallback"]
_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Painting text needs a QGuiApplication; a command-line run has none, so make an
    offscreen one (no window, no display needed) and keep it for the process."""
    global _app
    if QCoreApplication.instance() is None:
        _app = QGuiApplication(["posdesk", "-platform", "offscreen"])


def fields_of(code: IssuedCode) -> list[tuple[str, str]]:
    """The code's contents in words, as printed beside it (and shown in the dialog)."""
    p = code.payload
    params = ", ".join(f"{k}={_shown(v)}" for k, v in sorted(p.params.items()))
    translate = QCoreApplication.translate
    until = format_local(code.expires_at_ms)
    return [
        (translate("ProvisioningSheet", "Merchant"), f"{p.merchant_name} ({p.merchant_id})"),
        (translate("ProvisioningSheet", "MCC"), p.mcc),
        (translate("ProvisioningSheet", "Acquirer"), f"{p.acquirer}, {p.licence}"),
        (translate("ProvisioningSheet", "Host"), p.host),
        (translate("ProvisioningSheet", "Parameters"),
         params or translate("ProvisioningSheet", "none")),
        (translate("ProvisioningSheet", "Technician"), p.technician),
        (translate("ProvisioningSheet", "Valid until"),
         translate("ProvisioningSheet", "%1 (Beijing time)").replace("%1", until)),
        (translate("ProvisioningSheet", "Code"), p.nonce[:8]),
    ]


def _shown(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def write_sheet(path: Path, codes: Sequence[IssuedCode]) -> int:
    """Write the PDF; returns the number of pages."""
    if not codes:
        raise CodeFileError("There are no codes to put on a sheet.", path=str(path))
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setTitle(QCoreApplication.translate("ProvisioningSheet",
                                               "PosDesk provisioning codes"))
    writer.setCreator("PosDesk")
    painter = QPainter()
    if not painter.begin(writer):
        raise CodeFileError(f"Cannot write {path}.", path=str(path))
    pages = math.ceil(len(codes) / PER_PAGE)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            _draw_page(painter, codes[page * PER_PAGE:(page + 1) * PER_PAGE], page + 1, pages)
    finally:
        painter.end()
    return pages


def _mm(value: float) -> float:
    return value * DPI / 25.4


def _font(point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def _draw_page(painter: QPainter, codes: Sequence[IssuedCode], page: int, pages: int) -> None:
    area = QRectF(painter.viewport())     # the printable area, margins already taken off
    painter.setFont(_font(9))
    header = _mm(8)
    painter.drawText(QRectF(area.left(), area.top(), area.width(), header),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                     QCoreApplication.translate(
                         "ProvisioningSheet", "PosDesk field provisioning — page %1 of %2")
                     .replace("%1", str(page)).replace("%2", str(pages)))
    painter.drawText(QRectF(area.left(), area.bottom() - header, area.width(), header),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
                         | Qt.TextFlag.TextWordWrap),
                     QCoreApplication.translate(
                         "ProvisioningSheet", "Each code works once, on the terminal named "
                         "beside it, until the time shown. Destroy this sheet after the visit."))
    row_height = (area.height() - 2 * header) / PER_PAGE
    for index, code in enumerate(codes):
        top = area.top() + header + index * row_height
        _draw_row(painter, code, QRectF(area.left(), top, area.width(), row_height))


def _draw_row(painter: QPainter, code: IssuedCode, row: QRectF) -> None:
    painter.setPen(QColor("#999999"))
    painter.drawLine(row.topLeft(), row.topRight())
    gap = _mm(4)
    side = min(row.height() - 2 * gap, _mm(QR_MAX_MM))
    modules = matrix(code.text)
    _draw_qr(painter, modules, row.left(), row.top() + gap, side)
    text_left = row.left() + side + 2 * gap
    _draw_fields(painter, code, QRectF(text_left, row.top() + gap, row.right() - text_left,
                                       row.height() - 2 * gap))


def _draw_qr(painter: QPainter, modules: list[list[bool]], left: float, top: float,
             side: float) -> None:
    count = len(modules)
    size = max(1, math.floor(side / count))      # whole device pixels per module
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, size * count, size * count), QColor("#ffffff"))
    dark = QColor("#000000")
    for y, line in enumerate(modules):
        x = 0
        while x < count:                          # one rectangle per run of dark modules
            if not line[x]:
                x += 1
                continue
            start = x
            while x < count and line[x]:
                x += 1
            painter.fillRect(QRectF(left + start * size, top + y * size,
                                    (x - start) * size, size), dark)


def _draw_fields(painter: QPainter, code: IssuedCode, box: QRectF) -> None:
    painter.setPen(QColor("#000000"))
    title = _font(16, bold=True)
    painter.setFont(title)
    line = QFontMetricsF(title, painter.device()).height()
    painter.drawText(QRectF(box.left(), box.top(), box.width(), line),
                     int(Qt.AlignmentFlag.AlignLeft),
                     QCoreApplication.translate("ProvisioningSheet", "Terminal %1")
                     .replace("%1", code.payload.terminal_id))
    y = box.top() + line * 1.2
    label_font, value_font = _font(8.5, bold=True), _font(8.5)
    label_width = box.width() * 0.24
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    for label, value in fields_of(code):
        painter.setFont(value_font)
        value_box = QRectF(box.left() + label_width, y, box.width() - label_width,
                           box.bottom() - y)
        used = painter.boundingRect(value_box, flags, value)
        painter.drawText(value_box, flags, value)
        painter.setFont(label_font)
        painter.drawText(QRectF(box.left(), y, label_width, used.height()), flags, label)
        y += used.height() + _mm(0.8)
        if y >= box.bottom():
            break
