"""The quarter at a glance: one row per forum, thirteen week columns, a block per meeting.

Drawn with QPainter rather than a table so it scales with the type size: the weekday and time
in each block, the forum names and the week dates stay readable at any size. Each block says
its weekday and time in words, so the cadence colours (Okabe-Ito) are a help, never the only
carrier of meaning.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain import rhythm
from ...domain.model import Workshop
from ..theme import INK, MUTED, OKABE_ITO

CADENCE_COLOUR = {"weekly": OKABE_ITO["blue"], "monthly": OKABE_ITO["orange"], "quarterly": OKABE_ITO["green"]}
CHIP_TEXT = {"weekly": "#FFFFFF", "monthly": "#000000", "quarterly": "#FFFFFF"}  # contrast on each fill
GRID = "#9CA3AF"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class QuarterCalendarView(QWidget):
    """Shows ``rhythm.quarter_calendar`` for a workshop; call ``set_workshop`` after every change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.quarter: rhythm.QuarterCalendar | None = None
        self.subtitles: dict[str, str] = {}  # forum id -> "owner · 45 min"
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName("Quarter calendar")

    def set_workshop(self, ws: Workshop) -> None:
        self.quarter = rhythm.quarter_calendar(ws)
        names = {p.id: p.name for p in ws.participants}
        self.subtitles = {f.id: f"{f.duration_minutes} min · {names.get(f.owner or '', 'no owner')}"
                          for f in ws.forums}
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The calendar in words (screen readers, tests)."""
        if self.quarter is None:
            return ""
        lines = []
        for row in self.quarter.rows:
            meetings = [m for week in row.weeks for m in week]
            when = ", ".join(f"{m:%d %b %H:%M}" for m in meetings) or "no meeting this quarter"
            lines.append(f"{row.name} ({row.cadence}): {when}")
        return "\n".join(lines)

    # ----- geometry ---------------------------------------------------------------------------

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def _header_height(self) -> int:
        return int(self._line() * 2.6)

    def _row_height(self) -> int:
        return int(self._line() * 3.1)  # a name on two lines and the owner below

    def _label_width(self) -> int:
        return max(int(self.width() * 0.28), 180)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        rows = len(self.quarter.rows) if self.quarter else 0
        height = self._header_height() + max(rows, 1) * self._row_height() + int(self._line() * 1.8) + 8
        return QSize(900, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, self.sizeHint().height())

    def week_rect(self, row: int, week: int) -> QRectF:
        """Where a row's week cell is drawn (row -1 is the header, row len(rows) the load footer)."""
        label = self._label_width()
        width = (self.width() - label - 2) / rhythm.QUARTER_WEEKS
        top = self._header_height() + row * self._row_height() if row >= 0 else 0
        height = self._row_height() if row >= 0 else self._header_height()
        return QRectF(label + week * width, top, width, height)

    # ----- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        if self.quarter is None:
            return
        self._paint_header(painter)
        for i, row in enumerate(self.quarter.rows):
            self._paint_row(painter, i, row)
        self._paint_footer(painter)
        painter.end()

    def _font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() * scale, 7))
        font.setBold(bold)
        return font

    def _paint_header(self, painter: QPainter) -> None:
        assert self.quarter is not None
        painter.setPen(QColor(MUTED))
        painter.setFont(self._font(0.85))
        label = QRectF(4, 0, self._label_width() - 8, self._header_height() - 8)
        painter.drawText(label, Qt.AlignLeft | Qt.AlignBottom, "Forum")
        for week, monday in enumerate(self.quarter.weeks):
            rect = self.week_rect(-1, week)
            painter.setPen(QColor(INK))
            painter.setFont(self._font(0.9, bold=True))
            painter.drawText(rect.adjusted(0, 4, 0, -rect.height() / 2), Qt.AlignCenter, f"W{week + 1}")
            painter.setFont(self._font(0.75))
            painter.setPen(QColor(MUTED))
            painter.drawText(rect.adjusted(0, rect.height() / 2, 0, -4), Qt.AlignCenter, f"{monday.day} {monday:%b}")
            if week and monday.month != self.quarter.weeks[week - 1].month:  # a new month starts this week
                painter.setPen(QPen(QColor(INK), 2))
                painter.drawLine(QPointF(rect.left(), 0), QPointF(rect.left(), self.height()))

    def _paint_row(self, painter: QPainter, index: int, row: rhythm.CalendarRow) -> None:
        top = self._header_height() + index * self._row_height()
        height = self._row_height()
        painter.setPen(QPen(QColor(GRID), 1))
        painter.drawLine(0, int(top), self.width(), int(top))
        label = QRectF(4, top + 4, self._label_width() - 12, height - 8)
        painter.setPen(QColor(INK))
        name_font = self._font(0.95, bold=True)
        painter.setFont(name_font)
        name = QFontMetrics(name_font).boundingRect(label.toRect(), Qt.TextWordWrap, row.name)
        name_height = min(name.height(), label.height() * 0.7)
        painter.drawText(QRectF(label.left(), label.top(), label.width(), name_height),
                         Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, row.name)
        small = self._font(0.75)
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        subtitle = QFontMetrics(small).elidedText(f"{row.cadence} · {self.subtitles.get(row.forum, '')}",
                                                  Qt.ElideRight, int(label.width()))
        painter.drawText(QRectF(label.left(), label.top() + name_height, label.width(), label.height() - name_height),
                         Qt.AlignLeft | Qt.AlignTop, subtitle)
        fill = QColor(CADENCE_COLOUR.get(row.cadence, OKABE_ITO["purple"]))
        for week, meetings in enumerate(row.weeks):
            if not meetings:
                continue
            rect = self.week_rect(index, week).adjusted(3, 5, -3, -5)
            painter.setPen(Qt.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor(CHIP_TEXT.get(row.cadence, "#FFFFFF")))
            painter.setFont(self._font(0.72, bold=True))
            first = meetings[0]
            more = f"\n+{len(meetings) - 1}" if len(meetings) > 1 else ""
            text = f"{WEEKDAYS[first.weekday()]}\n{first:%H:%M}{more}"
            painter.drawText(rect, Qt.AlignCenter, text)

    def _paint_footer(self, painter: QPainter) -> None:
        assert self.quarter is not None
        row = len(self.quarter.rows)
        top = self._header_height() + row * self._row_height()
        height = int(self._line() * 1.8)
        painter.setPen(QPen(QColor(INK), 2))
        painter.drawLine(0, int(top), self.width(), int(top))
        painter.setFont(self._font(0.75))
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(4, top, self._label_width() - 8, height), Qt.AlignLeft | Qt.AlignVCenter,
                         "Hours, busiest person")
        painter.setPen(QColor(INK))
        for week, hours in enumerate(self.quarter.peak_hours):
            rect = self.week_rect(row, week)
            rect.setHeight(height)
            painter.drawText(rect, Qt.AlignCenter, f"{hours:.1f}".removesuffix(".0") if hours else "–")
