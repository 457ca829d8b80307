"""Counted balance spend per Shanghai day, stacked by verification tier (T1/T2/T3), for the
Limits page: where the daily limits went over the last 30 days.

Painted rather than QtCharts: 30 stacked bars need day labels every few days and a y axis in
whole yuan, which a bar-category axis cannot thin out. Fed with
app.account_ledger.daily_usage ({date: {tier: fen}}), at most 30 entries. Hovering a day
shows its amounts per tier.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.money import format_fen

TIERS = ("T1", "T2", "T3")
TIER_COLOURS = {"T1": QColor("#6639ba"), "T2": QColor("#1f6feb"), "T3": QColor("#54aeff")}
_GRID = QColor("#eaeef2")
_AXIS = QColor("#d0d7de")
_TEXT = QColor("#59636e")
_TICKS = 4


def nice_step(top_fen: int, ticks: int = _TICKS) -> int:
    """The smallest 1/2/2.5/5 × 10^n fen step (whole fen) with `ticks` steps reaching
    `top_fen`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5) if magnitude < 10 else (1, 2, 2.5, 5):
            step = int(factor * magnitude)
            if step * ticks >= top_fen:
                return step
        magnitude *= 10


def axis_label(fen: int) -> str:
    """¥5,000 on whole yuan, else ¥0.50."""
    if fen % 100 == 0:
        return f"¥{fen // 100:,}"
    return format_fen(fen)


class LimitUsageChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("limitUsageChart")
        self.setMinimumHeight(220)
        self.setMouseTracking(True)
        self.days: list[dt.date] = []
        self.daily: dict[dt.date, dict[str, int]] = {}
        self.setAccessibleName(self.tr("Counted spend per day, last 30 days"))

    def sizeHint(self) -> QSize:
        return QSize(720, 240)

    # -- data ------------------------------------------------------------------------------
    def set_days(self, first: dt.date, last: dt.date,
                 daily: dict[dt.date, dict[str, int]]) -> None:
        """Every day from `first` to `last`; days without counted spend are zero."""
        self.days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        self.daily = {day: dict(daily[day]) for day in self.days if daily.get(day)}
        self.setAccessibleDescription(self.summary())
        self.update()

    @property
    def is_empty(self) -> bool:
        return not any(sum(tiers.values()) for tiers in self.daily.values())

    def total(self, day: dt.date) -> int:
        return sum(self.daily.get(day, {}).values())

    def summary(self) -> str:
        if self.is_empty:
            return self.empty_text()
        busiest = max(self.days, key=self.total)
        return (self.tr("%1 to %2: %3 counted in all; the most, %4, on %5.")
                .replace("%1", self.days[0].isoformat()).replace("%2", self.days[-1].isoformat())
                .replace("%3", format_fen(sum(self.total(d) for d in self.days)))
                .replace("%4", format_fen(self.total(busiest)))
                .replace("%5", busiest.isoformat()))

    def empty_text(self) -> str:
        return self.tr("No counted balance payments in the last 30 days. Import your account "
                       "statement to see them here.")

    # -- drawing ---------------------------------------------------------------------------
    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _plot(self, top_fen: int) -> QRect:
        metrics = self.fontMetrics()
        left = max(metrics.horizontalAdvance(axis_label(top_fen)),
                   metrics.horizontalAdvance("¥0")) + 14
        bottom = metrics.height() + 10
        return QRect(left, self._legend_height() + 6, max(10, self.width() - left - 10),
                     max(10, self.height() - self._legend_height() - 6 - bottom))

    def _scale(self) -> tuple[int, int]:
        """(step, top) in fen for the y axis."""
        highest = max((self.total(d) for d in self.days), default=0)
        step = nice_step(max(highest, 1))
        return step, step * _TICKS

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(_AXIS))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._draw_title_and_legend(painter)
        if not self.days or self.is_empty:
            painter.setPen(QPen(_TEXT))
            area = self.rect().adjusted(20, self._legend_height(), -20, -10)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.empty_text())
            painter.end()
            return
        step, top = self._scale()
        plot = self._plot(top)
        self._draw_axis(painter, plot, step, top)
        self._draw_bars(painter, plot, top)
        self._draw_days(painter, plot)
        painter.end()

    def _draw_title_and_legend(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        line = QRect(10, 4, self.width() - 20, self._legend_height())
        painter.setPen(QPen(QColor("#1f2328")))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.tr("Counted spend per day (Beijing dates), by verification tier"))
        x = line.right()
        box = metrics.height() - 6
        for level in reversed(TIERS):
            text = level
            x -= metrics.horizontalAdvance(text)
            painter.setPen(QPen(_TEXT))
            painter.drawText(QRect(x, line.top(), metrics.horizontalAdvance(text), line.height()),
                             Qt.AlignmentFlag.AlignVCenter, text)
            x -= box + 5
            painter.fillRect(QRect(x, line.center().y() - box // 2, box, box),
                             TIER_COLOURS[level])
            x -= 14

    def _draw_axis(self, painter: QPainter, plot: QRect, step: int, top: int) -> None:
        metrics = self.fontMetrics()
        for tick in range(_TICKS + 1):
            fen = step * tick
            y = plot.bottom() - round(plot.height() * fen / top)
            painter.setPen(QPen(_GRID if tick else _AXIS))
            painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(QPen(_TEXT))
            label = axis_label(fen)
            painter.drawText(QRect(0, y - metrics.height() // 2, plot.left() - 6,
                                   metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)

    def _slot(self, plot: QRect) -> float:
        return plot.width() / max(1, len(self.days))

    def _draw_bars(self, painter: QPainter, plot: QRect, top: int) -> None:
        slot = self._slot(plot)
        width = max(2.0, slot * 0.68)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, day in enumerate(self.days):
            x = plot.left() + slot * index + (slot - width) / 2
            base = 0
            for level in TIERS:
                fen = self.daily.get(day, {}).get(level, 0)
                if fen <= 0:
                    continue
                y_low = plot.bottom() - plot.height() * base / top
                y_high = plot.bottom() - plot.height() * (base + fen) / top
                painter.fillRect(QRectF(x, y_high, width, y_low - y_high), TIER_COLOURS[level])
                base += fen

    def _draw_days(self, painter: QPainter, plot: QRect) -> None:
        metrics = self.fontMetrics()
        slot = self._slot(plot)
        every = max(1, round(metrics.horizontalAdvance("00-00 ") * 1.6 / slot))
        painter.setPen(QPen(_TEXT))
        for index in range(len(self.days) - 1, -1, -every):   # the last day always labelled
            centre = plot.left() + slot * (index + 0.5)
            text = self.days[index].strftime("%m-%d")
            width = metrics.horizontalAdvance(text) + 4
            left = min(max(0, round(centre - width / 2)), self.width() - width)
            painter.drawText(QRect(left, plot.bottom() + 4, width, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, text)

    # -- hover -----------------------------------------------------------------------------
    def day_at(self, point: QPoint) -> dt.date | None:
        if not self.days or self.is_empty:
            return None
        plot = self._plot(self._scale()[1])
        if not plot.contains(point):
            return None
        index = int((point.x() - plot.left()) / self._slot(plot))
        return self.days[index] if 0 <= index < len(self.days) else None

    def day_text(self, day: dt.date) -> str:
        tiers = self.daily.get(day, {})
        return (self.tr("%1: T1 %2, T2 %3, T3 %4; %5 in all")
                .replace("%1", day.isoformat())
                .replace("%2", format_fen(tiers.get("T1", 0)))
                .replace("%3", format_fen(tiers.get("T2", 0)))
                .replace("%4", format_fen(tiers.get("T3", 0)))
                .replace("%5", format_fen(self.total(day))))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.day_text(day), self)
            return True
        return super().event(event)
