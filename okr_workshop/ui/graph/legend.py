"""The map's key: what each shape, band and line means, in words, drawn with the canvas's
own colours and shapes so that the key always matches the map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ...domain import model as m
from . import style

BANDS = {"loop": "loop: nobody can finish first", "chain": "critical chain (the longest)"}
BAND_COLOURS = {"loop": QColor(style.LOOP), "chain": QColor(style.CHAIN)}
LEGEND_EDGES = (
    ("open", "open dependency", style.OPEN, False, ""),
    ("at_risk", "at risk", style.AT_RISK, False, "!"),
    ("blocked", "blocked", style.BLOCKED, False, "|"),
    ("unowned", "no owner end to end", style.OPEN, True, ""),
)


class Legend(QWidget):
    """Shapes for kinds, bands for loops and the critical chain, lines for states; drawn with
    the canvas's own colours so that the key matches the map exactly."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Legend")
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _metrics(self) -> tuple[float, float, float]:
        """Line height, icon width and the width of one column."""
        metrics = QFontMetrics(self.font())
        line = metrics.height() + 8
        names = [*style.KIND_NAMES.values(), *(row[1] for row in LEGEND_EDGES), *BANDS]
        return line, line * 1.5, line * 1.5 + 10 + max(metrics.horizontalAdvance(n) for n in names) + 16

    def _columns(self, width: float) -> int:
        return 2 if width >= 2 * self._metrics()[2] - 1 else 1

    def _rows(self, columns: int) -> list[list[tuple[str, str]]]:
        """Rows of (what, name) entries: kinds, the two bands, the line styles."""
        kinds = [("kind:" + k, style.KIND_NAMES[k]) for k in m.NODE_KINDS]
        lines = [("edge:" + row[0], row[1]) for row in LEGEND_EDGES]
        bands = [("band:" + key, name) for key, name in BANDS.items()]
        rows: list[list[tuple[str, str]]] = []
        for group, per_row in ((kinds, columns), (bands, 1), (lines, columns)):  # band names are long
            rows += [group[i:i + per_row] for i in range(0, len(group), per_row)]
        return rows

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return round(self._metrics()[0] * len(self._rows(self._columns(width))) + 8)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self._metrics()[2]  # one column, beside the map
        return QSize(round(width), self.heightForWidth(round(width)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        line, icon, column = self._metrics()
        for r, row in enumerate(self._rows(self._columns(self.width()))):
            for c, (what, name) in enumerate(row):
                x, y = c * column, r * line
                kind, key = what.split(":")
                rect = QRectF(x + 2, y + 4, icon, line - 8)
                if kind == "kind":
                    self._shape(painter, key, rect)
                elif kind == "band":
                    band = rect.adjusted(0, line / 2 - 10, 0, -(line / 2 - 10))
                    if key == "chain":
                        self._band(painter, band.adjusted(-2, -2, 2, 2), QColor(style.CHAIN_CASING))
                    self._band(painter, band, BAND_COLOURS[key])
                else:
                    look = next(row for row in LEGEND_EDGES if row[0] == key)
                    self._edge(painter, QRectF(x + 2, y, icon, line), look[2], look[3], look[4])
                self._text(painter, QPointF(x + icon + 10, y), line, name)
        painter.end()

    def _text(self, painter: QPainter, at: QPointF, line: float, text: str) -> None:
        painter.setPen(self.palette().windowText().color())
        painter.setFont(self.font())
        painter.drawText(QRectF(at.x(), at.y(), self.width() - at.x(), line), Qt.AlignVCenter | Qt.AlignLeft, text)

    @staticmethod
    def _shape(painter: QPainter, kind: str, rect: QRectF) -> None:
        painter.save()
        painter.translate(rect.center())
        painter.scale(rect.width() / style.WIDTH, rect.height() / style.HEIGHT)
        colour = style.KIND_COLOURS[kind]
        path = style.outline(kind)
        painter.fillPath(path, style.tint(colour))
        painter.strokePath(path, style.pen(colour, 12.0, Qt.DashLine if kind == "external" else Qt.SolidLine))
        painter.restore()

    @staticmethod
    def _band(painter: QPainter, rect: QRectF, colour: QColor) -> None:
        painter.fillRect(rect, colour)

    @staticmethod
    def _edge(painter: QPainter, rect: QRectF, colour: str, dashed: bool, mark: str) -> None:
        y = rect.center().y()
        painter.setPen(style.pen(colour, 4.0, Qt.DashLine if dashed else Qt.SolidLine))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right() - 8, y))
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(colour))
        tip = QPointF(rect.right(), y)
        painter.drawPolygon([tip, QPointF(rect.right() - 12, y - 6), QPointF(rect.right() - 12, y + 6)])
        centre = QPointF(rect.center().x(), y)
        if mark == "|":
            painter.setPen(style.pen(colour, 5.0))
            painter.drawLine(centre + QPointF(0, -9), centre + QPointF(0, 9))
        elif mark == "!":
            painter.setBrush(QColor(colour))
            painter.setPen(Qt.NoPen)
            painter.drawPolygon([centre + QPointF(0, -9), centre + QPointF(9, 7), centre + QPointF(-9, 7)])
