"""Colours, type sizes and the application's style sheet, set once at start-up.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness. The room reads the stage (okr_workshop.stage), which has its own look; nothing
restyles the whole application while it runs.
"""

from __future__ import annotations

from ..palette import INK, MUTED, OKABE_ITO

SERIES = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow")]
PAPER = "#FFFFFF"
ACCENT = OKABE_ITO["blue"]
WARN = OKABE_ITO["vermillion"]
GOOD = OKABE_ITO["green"]

BASE_POINT_SIZE = 11

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
