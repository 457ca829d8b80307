"""One limit on the Limits page (spec 6.4): what it is, how much of it is used, what is
left, the Art. 36 multiplier and why, when it resets, the article behind it, and that the
figure is PosDesk's estimate. The bar turns amber at 80 % and red when the limit is used up.
"""

from __future__ import annotations

from fractions import Fraction
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.limit_status import Gauge
from app.money import format_fen
from app.shanghai_time import SHANGHAI
from ui import limit_labels

BAR_STEPS = 1000
# Colours by level; the style sheet below uses the same ones.
LEVEL_COLOURS = {"ok": "#1f6feb", "warn": "#bf8700", "full": "#cf222e"}

_STYLE = Template("""
#limitGauge { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
#limitGauge[level="warn"] { border-color: #d4a72c; }
#limitGauge[level="full"] { border-color: #cf222e; }
#gaugeTitle { font-weight: 600; font-size: 10.5pt; }
#gaugeArticle, #gaugeDetail { color: #59636e; }
#estimateTag { background: #f6f8fa; color: #59636e; border: 1px solid #d0d7de;
               border-radius: 4px; padding: 0 5px; font-size: 8pt; }
QProgressBar#gaugeBar { background: #eaeef2; border: none; border-radius: 4px;
                        min-height: 10px; max-height: 10px; }
QProgressBar#gaugeBar::chunk { border-radius: 4px; background: $ok; }
QProgressBar#gaugeBar[level="warn"]::chunk { background: $warn; }
QProgressBar#gaugeBar[level="full"]::chunk { background: $full; }
#gaugeLevel[level="warn"] { color: #9a6700; font-weight: 600; }
#gaugeLevel[level="full"] { color: #cf222e; font-weight: 600; }
#gaugeFigures { font-weight: 600; }
""").substitute(LEVEL_COLOURS)


def multiplier_text(value: Fraction) -> str:
    """2, 1.5 or 1: exact, as the rules write them."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator / value.denominator:g}"


class LimitGauge(QFrame):
    def __init__(self, gauge: Gauge | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("limitGauge")
        self.setStyleSheet(_STYLE)
        self.gauge: Gauge | None = None
        self.title = QLabel()
        self.title.setObjectName("gaugeTitle")
        self.article = QLabel()
        self.article.setObjectName("gaugeArticle")
        self.tag = QLabel()
        self.tag.setObjectName("estimateTag")
        self.bar = QProgressBar()
        self.bar.setObjectName("gaugeBar")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.level_label = QLabel()
        self.level_label.setObjectName("gaugeLevel")
        self.figures = QLabel()
        self.figures.setObjectName("gaugeFigures")
        self.figures.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.multiplier = QLabel()
        self.multiplier.setObjectName("gaugeDetail")
        self.multiplier.setWordWrap(True)
        self.resets = QLabel()
        self.resets.setObjectName("gaugeDetail")
        for label in (self.figures, self.multiplier, self.resets):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        column.setSpacing(5)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title, 1)
        top.addWidget(self.article)
        top.addWidget(self.tag)
        column.addLayout(top)
        column.addWidget(self.bar)
        figures = QHBoxLayout()
        figures.addWidget(self.level_label)
        figures.addStretch(1)
        figures.addWidget(self.figures)
        column.addLayout(figures)
        column.addWidget(self.multiplier)
        column.addWidget(self.resets)
        if gauge is not None:
            self.set_gauge(gauge)

    @property
    def level(self) -> str:
        return self.gauge.level if self.gauge is not None else "unknown"

    def set_gauge(self, gauge: Gauge) -> None:
        self.gauge = gauge
        name = limit_labels.constraint(gauge.name)
        self.title.setText(name)
        self.article.setText(limit_labels.article(gauge.article))
        if gauge.estimate:
            self.tag.setText(self.tr("estimate"))
            self.tag.setToolTip(self.tr("Worked out by PosDesk from your account statement. "
                                        "The institution's own figure is authoritative."))
        else:
            self.tag.setText(self.tr("from the institution"))
            self.tag.setToolTip("")
        self.bar.setValue(self._steps(gauge))
        self.level_label.setText(self._level_text(gauge))
        self.figures.setText(self.figures_text(gauge))
        self.multiplier.setText(self.tr("×%1 — %2")
                                .replace("%1", multiplier_text(gauge.multiplier))
                                .replace("%2", limit_labels.explain(gauge.multiplier_reason)))
        self.resets.setText(self.reset_text(gauge))
        for widget in (self, self.bar, self.level_label):
            widget.setProperty("level", gauge.level)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.setAccessibleName(name)
        self.bar.setAccessibleName(name)
        self.bar.setAccessibleDescription(self.figures.text())

    def figures_text(self, gauge: Gauge) -> str:
        if gauge.limit_fen is None:
            return (self.tr("T1: by agreement (N/A); used %1 today")
                    .replace("%1", format_fen(gauge.used_fen)))
        return (self.tr("used %1 of %2, %3 left")
                .replace("%1", format_fen(gauge.used_fen))
                .replace("%2", format_fen(gauge.limit_fen))
                .replace("%3", format_fen(gauge.remaining_fen or 0)))

    def reset_text(self, gauge: Gauge) -> str:
        if gauge.resets_at is None:
            if gauge.name == "CLASS_I_LIFETIME":
                return self.tr("never resets (lifetime)")
            return self.tr("reset time not known")
        return (self.tr("resets %1 (Beijing time)")
                .replace("%1", gauge.resets_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")))

    def _level_text(self, gauge: Gauge) -> str:
        if gauge.limit_fen is None:
            return self.tr("limit not known")
        if gauge.level == "full":
            return self.tr("used up")
        return self.tr("%1 % used").replace("%1", str(percent_used(gauge)))

    @staticmethod
    def _steps(gauge: Gauge) -> int:
        if gauge.limit_fen is None:
            return 0
        if gauge.limit_fen <= 0:
            return BAR_STEPS
        return min(BAR_STEPS, gauge.used_fen * BAR_STEPS // gauge.limit_fen)


def percent_used(gauge: Gauge) -> int:
    """Whole per cent, rounded down, so 79.99 % never reads as 80 %."""
    if gauge.limit_fen is None:
        return 0
    if gauge.limit_fen <= 0:
        return 100
    return min(100, gauge.used_fen * 100 // gauge.limit_fen)
