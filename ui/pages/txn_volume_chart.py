"""Daily volume of the current filter (QtCharts): net succeeded amount per Beijing day.

Fed with app.history.daily_volume's (date, count, net fen) rows, at most one per day of the
window, so a year is ~366 points whatever the row count. Days without rows are drawn as
zero so a quiet week shows as a gap, not as a line straight across it. Hovering a day
shows its date, count and net amount.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.money import format_fen

_LINE = QColor("#0969da")


class TxnVolumeChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setObjectName("volumeChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(170)
        self.setMaximumHeight(200)
        self._chart.legend().hide()
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.setBackgroundRoundness(6)
        self._series = QLineSeries()
        self._series.setPen(QPen(_LINE, 1.6))
        self._series.hovered.connect(self._hovered)
        self._chart.addSeries(self._series)
        self._x = QDateTimeAxis()
        self._x.setFormat("MM-dd")
        self._x.setTickCount(7)
        self._y = QValueAxis()
        self._y.setLabelFormat("%.0f")
        self._y.setTickCount(3)
        self._chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._x)
        self._series.attachAxis(self._y)
        self._days: dict[dt.date, tuple[int, int]] = {}
        self.setAccessibleName(self.tr("Daily volume chart"))

    def set_days(self, first: dt.date, last: dt.date,
                 daily: list[tuple[str, int, int]]) -> None:
        """Plot every day from `first` to `last`; amounts in yuan on the axis."""
        self._days = {dt.date.fromisoformat(d): (n, fen) for d, n, fen in daily}
        points = []
        day = first
        while day <= last:
            _, fen = self._days.get(day, (0, 0))
            points.append(QPointF(float(_msecs(day)), fen / 100))
            day += dt.timedelta(days=1)
        self._series.replace(points)
        self._x.setRange(_qdatetime(first), _qdatetime(last))
        self._x.setFormat("yyyy-MM" if (last - first).days > 120 else "MM-dd")
        values = [p.y() for p in points] or [0.0]
        low, high = min(0.0, min(values)), max(values)
        self._y.setRange(low, high * 1.08 if high > 0 else 1.0)
        self._y.applyNiceNumbers()
        self._y.setTickCount(3)
        self._chart.setTitle(self.tr("Net amount per day (yuan)"))

    def _hovered(self, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        shown = QDateTime.fromMSecsSinceEpoch(round(point.x())).date()
        day = dt.date(shown.year(), shown.month(), shown.day())
        count, fen = self._days.get(day, (0, 0))
        QToolTip.showText(self.cursor().pos(), self.tr("%1: %2 transactions, net %3")
                          .replace("%1", day.isoformat())
                          .replace("%2", f"{count:,}").replace("%3", format_fen(fen)), self)


def _qdatetime(day: dt.date) -> QDateTime:
    """Noon of that calendar day in the machine's zone: the axis labels in local time, and
    the days are Beijing business dates already, so the label must show the same date."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))


def _msecs(day: dt.date) -> int:
    return _qdatetime(day).toMSecsSinceEpoch()
