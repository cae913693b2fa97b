"""Every vote's results as CSV, for spreadsheets: one row per vote and item.

UTF-8 with a byte-order mark, so Excel and LibreOffice read names in any script without
asking; comma-separated, one header row, numbers with a dot as the decimal mark. The figures
are the report's (``domain.voting``): score, rank, mean and spread, and the method's metrics.
Secret votes give tallies only; no row names who voted what.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..domain import voting
from ..domain.model import Workshop

FILE_NAME = "vote-results.csv"
COLUMNS = ("vote", "vote_title", "round", "method", "secret", "closed", "revealed", "turnout", "abstentions",
           "total_weight", "weights", "item", "item_title", "rank", "score", "mean", "stdev", "hands",
           "moved_since_last_round", "condorcet_winner", "kendall_w")


def _num(value: float | None) -> Any:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else round(value, 4)


def rows(ws: Workshop) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for vote in ws.votes:
        result = voting.tally(vote)
        earlier = next((v for v in ws.votes if v.id == vote.follows), None) if vote.follows else None
        moved = voting.round_shift(earlier, vote) if earlier is not None and earlier.ballots else {}
        weights = "; ".join(f"{ws.participant_name(p) or p}={_num(w)}" for p, w in vote.weights.items() if w != 1)
        for row in result.ranking:
            item = row["item"]
            out.append({
                "vote": vote.id, "vote_title": vote.title, "round": vote.round, "method": vote.method,
                "secret": "yes" if vote.secret else "no", "closed": "yes" if vote.closed else "no",
                "revealed": "yes" if vote.revealed else "no", "turnout": result.turnout,
                "abstentions": result.abstentions, "total_weight": _num(result.weight), "weights": weights,
                "item": item, "item_title": ws.priority_title(item), "rank": row["rank"], "score": _num(row["score"]),
                "mean": _num(result.mean[item]), "stdev": _num(result.stdev[item]),
                "hands": vote.hands.get(item, ""), "moved_since_last_round": moved.get(item, ""),
                "condorcet_winner": ("yes" if result.condorcet_winner == item else "no") if vote.method == "rank"
                else "",
                "kendall_w": _num(result.kendall_w),
            })
    return out


def to_csv(ws: Workshop) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(ws))
    return buffer.getvalue().encode("utf-8-sig")
