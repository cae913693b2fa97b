"""Colours, type sizes and the two style sheets: the laptop and the projector.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness; the projector sheet trades subtlety for contrast and size, so it reads from
the back of a room.
"""

from __future__ import annotations

from ..palette import INK, MUTED, OKABE_ITO

SERIES = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow")]
PAPER = "#FFFFFF"
ACCENT = OKABE_ITO["blue"]
WARN = OKABE_ITO["vermillion"]
GOOD = OKABE_ITO["green"]

BASE_POINT_SIZE = 11
PROJECTOR_POINT_SIZE = 20

LAPTOP_STYLE = f"""
QWidget {{ color: {INK}; }}
QListWidget#nav {{ background: #F3F4F6; border: none; font-size: {BASE_POINT_SIZE + 2}pt; padding-top: 8px; }}
QListWidget#nav::item {{ padding: 8px 14px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QLabel[role="title"] {{ font-size: {BASE_POINT_SIZE + 9}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: 600; margin-top: 6px; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="empty"] {{ color: {MUTED}; font-style: italic; padding: 12px; }}
QLabel[role="warning"] {{ color: {WARN}; font-weight: 600; }}
QLabel[role="good"] {{ color: #00735A; font-weight: 600; }}
QFrame[role="card"] {{ background: #F9FAFB; border: 1px solid #E5E7EB; border-radius: 8px; }}
QLabel[role="figure"] {{ font-size: {BASE_POINT_SIZE + 14}pt; font-weight: 700; color: {ACCENT}; }}
QTableView {{ gridline-color: #E5E7EB; selection-background-color: #DBEAFE; selection-color: {INK}; }}
QHeaderView::section {{ background: #F3F4F6; padding: 4px 6px; border: none;
    border-bottom: 1px solid #D1D5DB; font-weight: 600; }}
"""

PROJECTOR_STYLE = f"""
QWidget {{ color: #000000; background: {PAPER}; font-size: {PROJECTOR_POINT_SIZE}pt; }}
QListWidget#nav {{ background: #000000; color: #FFFFFF; border: none; font-size: {PROJECTOR_POINT_SIZE}pt; }}
QListWidget#nav::item {{ padding: 12px 18px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: #FFFFFF; }}
QLabel[role="title"] {{ font-size: {PROJECTOR_POINT_SIZE + 12}pt; font-weight: 700; }}
QLabel[role="subtitle"] {{ font-size: {PROJECTOR_POINT_SIZE + 4}pt; font-weight: 700; margin-top: 10px; }}
QLabel[role="hint"] {{ color: #1F2937; }}
QLabel[role="empty"] {{ color: #1F2937; font-style: italic; padding: 16px; }}
QLabel[role="warning"] {{ color: #B33F00; font-weight: 700; }}
QLabel[role="good"] {{ color: #00664F; font-weight: 700; }}
QFrame[role="card"] {{ background: #FFFFFF; border: 3px solid #000000; border-radius: 10px; }}
QLabel[role="figure"] {{ font-size: {PROJECTOR_POINT_SIZE + 20}pt; font-weight: 800; color: {ACCENT}; }}
QTableView {{ gridline-color: #6B7280; selection-background-color: #FDE68A; selection-color: #000000; }}
QHeaderView::section {{ background: #000000; color: #FFFFFF; padding: 8px; border: none; font-weight: 700; }}
QPushButton {{ padding: 8px 16px; border: 2px solid #000000; border-radius: 6px; }}
"""
