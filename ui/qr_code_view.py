"""A QR code drawn from its module matrix, crisp enough for a phone camera to read.

Every module is a whole number of device pixels (on a 125 % or 150 % screen too), black on
white, with the quiet zone the matrix already carries; nothing is scaled or smoothed. The
widget never holds more than the matrix, and `clear()` drops that.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_SIDE = 200          # logical pixels: big enough for any phone at arm's length
DARK, LIGHT = QColor("#000000"), QColor("#ffffff")


class QrCodeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_matrix(self, matrix: list[list[bool]]) -> None:
        """The modules, True = dark, quiet zone included (TotpEnrolment.qr_matrix())."""
        self._matrix = [list(row) for row in matrix]
        side = self.module_size() * len(self._matrix)
        self.setFixedSize(QSize(side, side))
        self.update()

    def clear(self) -> None:
        self._matrix = []
        self.update()

    @property
    def modules(self) -> int:
        return len(self._matrix)

    def module_size(self) -> int:
        """Logical pixels per module: the smallest whole number that reaches MIN_SIDE."""
        return max(1, math.ceil(MIN_SIDE / self.modules)) if self.modules else 1

    def sizeHint(self) -> QSize:
        side = self.module_size() * self.modules or MIN_SIDE
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if not self._matrix:
            painter.end()
            return
        painter.fillRect(self.rect(), LIGHT)     # white to the edge, whatever the rounding
        # Paint in device pixels so each module covers a whole number of them.
        ratio = self.devicePixelRatioF()
        painter.scale(1 / ratio, 1 / ratio)
        side_px = math.floor(min(self.width(), self.height()) * ratio)
        count = len(self._matrix)
        module = max(1, side_px // count)
        offset = (side_px - module * count) // 2
        for y, row in enumerate(self._matrix):
            x = 0
            while x < count:                  # one rectangle per run of dark modules
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < count and row[x]:
                    x += 1
                painter.fillRect(QRect(offset + start * module, offset + y * module,
                                       (x - start) * module, module), DARK)
        painter.end()
