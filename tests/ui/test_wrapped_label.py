"""The wrapped label answers each width from its cache, and never with a stale height."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from okr_workshop.ui.widgets.wrapped_label import WrappedLabel

LONG = "Win the mid-market segment (selected); cut onboarding to 30 days (deferred); " * 6


def plain(text: str, **style) -> QLabel:
    """The same text in Qt's own label: the heights to match."""
    label = QLabel(text)
    label.setWordWrap(True)
    if "font_size" in style:
        font = label.font()
        font.setPointSize(style["font_size"])
        label.setFont(font)
    if "margin" in style:
        label.setMargin(style["margin"])
    return label


def test_heights_match_a_plain_wrapped_label(qtbot):
    label = WrappedLabel(LONG)
    qtbot.addWidget(label)
    assert label.wordWrap()
    for width in (120, 300, 300, 640, 120):
        assert label.heightForWidth(width) == plain(LONG).heightForWidth(width)


def test_the_cache_answers_a_repeated_width(qtbot, monkeypatch):
    label = WrappedLabel(LONG)
    qtbot.addWidget(label)
    asked = []
    monkeypatch.setattr(QLabel, "heightForWidth", lambda self, w: asked.append(w) or 99)
    assert [label.heightForWidth(200) for _ in range(5)] == [99] * 5
    assert asked == [200]


def test_new_text_font_or_margin_is_laid_out_again(qtbot):
    label = WrappedLabel("short")
    qtbot.addWidget(label)
    one_line = label.heightForWidth(300)
    label.setText(LONG)
    assert label.heightForWidth(300) == plain(LONG).heightForWidth(300) > one_line

    font = label.font()
    font.setPointSize(font.pointSize() * 2)
    label.setFont(font)  # arrives as a change event
    assert label.heightForWidth(300) == plain(LONG, font_size=font.pointSize()).heightForWidth(300)

    label.setFont(plain("").font())
    label.setMargin(20)
    assert label.heightForWidth(300) == plain(LONG, margin=20).heightForWidth(300)

    label.clear()
    assert label.heightForWidth(300) == plain("").heightForWidth(300)


def test_a_style_sheet_font_is_seen(qtbot):
    label = WrappedLabel(LONG)
    qtbot.addWidget(label)
    before = label.heightForWidth(300)
    label.setStyleSheet("font-size: 30pt;")
    label.ensurePolished()
    assert label.heightForWidth(300) > before
