"""The results chart: ranks with ties, spread and splits, rank-vote measures, the empty state,
titles that fit, and a redraw whenever a ballot arrives."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from okr_workshop.domain import model as m
from okr_workshop.domain.vote_chart import agreement_words, disputed, rank_labels
from okr_workshop.domain.voting import VoteResult, tally
from okr_workshop.ui.charts.canvas import LAPTOP
from okr_workshop.ui.charts.vote_results import chart_for, draw_vote_results

from .helpers import screen_named
from .vote_helpers import add_vote, chart_texts

LONG = "Rebuild the whole customer onboarding journey so that a mid-market shipper is live within thirty days"


def drawn(chart, style=LAPTOP, size=(12.8, 7.2)) -> tuple[Figure, list[str]]:
    figure = Figure(figsize=size, dpi=100)
    draw_vote_results(figure, style, chart)
    texts = [t for c in figure.findobj(PathCollection) for t in getattr(c, "texts", [])]
    return figure, texts


def left_edge_px(figure: Figure, collection: PathCollection) -> float:
    """Where the leftmost letter of a text collection lands, in pixels from the figure's edge."""
    offsets = collection.get_offset_transform().transform(collection.get_offsets())
    scale = figure.dpi / 72  # outlines are in points
    paths = collection.get_paths()
    return min(x + path.vertices[:, 0].min() * scale for path, (x, _) in zip(paths, offsets, strict=True))


def workshop(ballots: list[dict[str, int]], method: str = "dots", titles: dict[str, str] | None = None,
             **settings) -> tuple[m.Workshop, m.Vote]:
    titles = titles or {"a": "Alpha", "b": "Bravo", "c": "Charlie", "d": "Delta"}
    vote = m.Vote("v1", "Which matters most?", method, items=list(titles),
                  ballots=[m.Ballot(f"b{i}", "v1", s) for i, s in enumerate(ballots)], **settings)
    ws = m.Workshop(priorities=[m.Priority(k, v) for k, v in titles.items()], votes=[vote])
    return ws, vote


def test_ties_share_a_rank_shown_with_an_equals_sign():
    ws, vote = workshop([{"a": 2, "b": 2, "c": 1}, {"a": 1, "b": 1, "d": 3}], budget=5)
    labels = rank_labels(tally(vote).ranking)
    assert labels == {"a": "=1", "b": "=1", "d": "=1", "c": "4"}
    _, texts = drawn(chart_for(ws, vote))
    assert texts.count("=1") == 3 and "4" in texts
    assert {"Alpha", "Bravo", "Charlie", "Delta"} <= set(texts)
    assert not {"a", "b", "c", "d"} & set(texts)  # titles, never ids


def test_the_most_split_items_are_named_only_when_voters_disagree():
    ws, vote = workshop([{"a": 5}, {"b": 5}, {"a": 2, "b": 3}], budget=5)
    chart = chart_for(ws, vote)
    split = disputed(chart.result)
    assert split and all(chart.result.stdev[i] > 0 for i in split)
    _, texts = drawn(chart)
    assert any(t.startswith("Most split") and "Alpha" in t for t in texts)
    assert "spread per voter" in texts

    ws, vote = workshop([{"a": 5}], budget=5)  # one ballot: nothing to disagree about
    assert disputed(tally(vote)) == []
    _, texts = drawn(chart_for(ws, vote))
    assert not any(t.startswith("Most split") for t in texts)


def test_a_rank_vote_shows_borda_condorcet_and_kendalls_w_in_words():
    rank = [{"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 3, "c": 2, "d": 4}, {"b": 1, "a": 2, "c": 3, "d": 4}]
    ws, vote = workshop(rank, method="rank")
    result = tally(vote)
    assert result.condorcet_winner == "a"
    _, texts = drawn(chart_for(ws, vote))
    assert "Borda points" in texts
    assert any(t.startswith("Condorcet winner: Alpha") for t in texts)
    assert agreement_words(result.kendall_w) in texts
    cycle = [{"a": 1, "b": 2, "c": 3, "d": 4}, {"b": 1, "c": 2, "a": 3, "d": 4}, {"c": 1, "a": 2, "b": 3, "d": 4}]
    ws, vote = workshop(cycle, method="rank")
    _, texts = drawn(chart_for(ws, vote))
    assert any(t.startswith("No Condorcet winner") for t in texts)


@pytest.mark.parametrize(("w", "word"), [(0.85, "strong"), (0.7, "strong"), (0.55, "moderate"), (0.4, "moderate"),
                                          (0.39, "weak"), (0.0, "weak")])
def test_kendalls_w_in_words(w, word):
    assert agreement_words(w).endswith(f"{w:.2f}: {word}")
    assert "2 ballots" in agreement_words(None)


def test_no_ballots_draws_a_clear_empty_state():
    ws, vote = workshop([], budget=5)
    _, texts = drawn(chart_for(ws, vote))
    assert "No ballots yet" in texts
    assert "Alpha" not in texts


def test_long_titles_are_wrapped_or_shortened_and_stay_on_the_figure():
    titles = {f"i{n}": f"{LONG} ({n})" for n in range(12)}
    ws, vote = workshop([{f"i{n}": 1 for n in range(5)}], titles=titles, budget=5)
    figure, texts = drawn(chart_for(ws, vote), LAPTOP, (12.8, 7.2))
    row_labels = [t for t in texts if t.startswith("Rebuild")]
    assert len(row_labels) == 12
    assert all(t.endswith("…") or "\n" in t for t in row_labels)
    axes = figure.axes[0]
    assert axes.get_position().x0 <= 0.5  # the bars keep at least half the width
    collection = next(c for c in axes.collections if "Rebuild" in " ".join(getattr(c, "texts", [])))
    assert left_edge_px(figure, collection) >= 0  # no title runs off the left edge


def test_the_screen_chart_redraws_when_a_ballot_arrives(demo_window):
    screen = screen_named(demo_window, "Vote")
    vote = add_vote(screen, "dots", ["pr1", "pr2", "pr3"], budget=3)
    assert "No ballots yet" in chart_texts(screen)
    screen.submit(vote.id, "p1", {"pr2": 3})
    texts = chart_texts(screen)
    assert "No ballots yet" not in texts
    assert any(t.startswith("1 ballot") for t in texts)
    assert screen.chart_input.result.turnout == 1

    assert screen.canvas.style is LAPTOP
    screen.submit(vote.id, "p2", {"pr1": 1})
    assert any(t.startswith("2 ballots") for t in chart_texts(screen))


def test_importing_the_vote_screen_does_not_import_matplotlib():
    code = ("import sys, okr_workshop.ui.screens.vote, okr_workshop.ui.screens.ballot_screen; "
            "print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_a_split_that_covers_most_items_points_at_none_of_them():
    """When a tie at the cut would highlight most of the items, only those above the tie are named."""
    stdev = {"a": 3.0, "b": 2.0, "c": 2.0, "d": 2.0, "e": 2.0, "f": 0.0}
    ranking = [{"item": i, "score": 3.0, "rank": 1} for i in stdev]
    result = VoteResult("v1", "scale", 4, ranking, dict.fromkeys(stdev, 3.0), stdev, list(stdev))
    assert disputed(result) == ["a"]  # the top two would bring in the four tied at 2.0: five of six
    assert disputed(dataclasses.replace(result, stdev={**stdev, "c": 1.0, "d": 1.0, "e": 1.0})) == ["a", "b"]
    same = [{"a": 1, "b": 5, "c": 1, "d": 5}, {"a": 5, "b": 1, "c": 5, "d": 1}]
    assert disputed(tally(workshop(same, method="scale")[1])) == []  # everything equally split: nothing stands out


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghij WMil.-", min_size=1, max_size=60), st.floats(10, 400), st.booleans())
def test_a_title_too_long_is_shortened_to_the_longest_that_fits(title, max_pt, bold):
    """The first of the shortened forms, two characters at a time, that fits; a later form can be
    wider ("MM MMMMMMMMMM" cut to 11 characters is "MM…", to 9 "MM MMMMM…")."""
    from okr_workshop.domain.vote_chart import short_title
    from okr_workshop.ui.charts.path_text import text_width
    from okr_workshop.ui.charts.vote_results import _fit

    chars, text = len(title), title
    while chars > 8 and text_width(text, 10, bold) > max_pt:
        chars -= 2
        text = short_title(title, chars, 1)
    assert _fit(title, 10, bold, max_pt) == text


@pytest.mark.parametrize("bold", [False, True])
def test_a_line_put_together_word_by_word_is_as_wide_as_matplotlibs_own(bold):
    """Chart lettering is made word by word (a title's shortened forms reuse its words); the
    line comes out within 1% of matplotlib laying out the whole line, accents and all."""
    from matplotlib.textpath import TextPath

    from okr_workshop.ui.charts import path_text

    for line in ("Win the mid-market shipper segment", "Net revenue retention above 105%",
                 "Healthy margin on professional services", "Ünïcödé — naïve café au lait", "データ基盤を整える"):
        whole = TextPath((0, 0), line, prop=path_text._font(bold)).vertices[:, 0].max()
        assert abs(path_text.text_width(line, path_text.REFERENCE_SIZE, bold) - whole) <= 0.01 * whole, line


def test_reveal_and_hide_lay_the_same_chart_out_only_for_its_final_size(demo_window, qtbot, monkeypatch):
    """Hiding the results shows the peek banner, which squeezes the chart for a moment until the
    page grows: the chart is laid out again only if its size settles elsewhere, never for the
    moment in between (a whole matplotlib layout each time, 30-50 ms of a click)."""
    screen = screen_named(demo_window, "Vote")
    vote = add_vote(screen, "dots", ["pr1", "pr2", "pr3"], budget=3)
    screen.submit(vote.id, "p1", {"pr2": 3})
    qtbot.waitUntil(lambda: screen._plotted_input == screen.chart_input)
    plotted = []
    real = type(screen.canvas).plot
    monkeypatch.setattr(type(screen.canvas), "plot",
                        lambda canvas, draw: plotted.append(canvas.size()) or real(canvas, draw))
    for _ in range(4):
        text = screen.reveal_button.text()
        screen.reveal_button.click()
        qtbot.waitUntil(lambda text=text: screen.reveal_button.text() != text)
        qtbot.wait(150)  # past the settling of the resizing
        assert all(size == screen.canvas.size() for size in plotted), "laid out for a size it did not keep"
    assert screen._plotted_size == screen.canvas.size()
    assert len(plotted) <= 1
