"""The OKRs as CSV for the company's OKR tool, so nobody retypes them after the offsite.

``generic`` is one row per key result with its objective, owners (by name), numbers and cycle:
any tool with a column-mapping import, or a spreadsheet, takes it. The other styles follow the
import columns a tool documents (docs/okr-csv.md says where, and what could not be confirmed):
``bigpicture`` (BigPicture's OKR module for Jira: objective rows, then their key results) and
``jira`` (Jira's CSV importer: the key results and the open actions as issues).

A file is UTF-8 with a byte-order mark, so Excel and LibreOffice read names in any script
without asking; rows end in CRLF whatever the platform (the bytes are built here, not by a text
file). Standard output gets the same bytes without the mark: a pipe feeds another program, and
a mark there becomes part of the first header. Numbers are written as typed: 5, not 5.0.
"""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

from ..domain.model import Action, KeyResult, Objective, Workshop
from ..store.output_file import OutputError, write_output

STYLES = ("generic", "bigpicture", "jira")
STYLE_LABELS = {
    "generic": "Generic: one row per key result",
    "bigpicture": "BigPicture (OKR module for Jira)",
    "jira": "Jira issues: key results and open actions",
}
GENERIC_COLUMNS = ("objective", "objective owner", "key result", "metric", "baseline", "target", "unit",
                   "key-result owner", "due", "cycle")
# "Import OKRs", BigPicture documentation (Appfire): the sample CSV's header, in its order.
BIGPICTURE_COLUMNS = ("Order", "Type", "Summary", "Status", "Period", "Owner", "Weight", "OKR type", "Labels",
                      "Teams", "Expected start date", "Expected end date", "Start value", "Current value",
                      "Target value", "Description")
# "Import data from a CSV file", Jira Cloud documentation (Atlassian): Summary is the one required
# column; the others are Jira's field names, mapped in the import wizard.
JIRA_COLUMNS = ("Summary", "Issue Type", "Assignee", "Due Date", "Description")
COLUMNS = {"generic": GENERIC_COLUMNS, "bigpicture": BIGPICTURE_COLUMNS, "jira": JIRA_COLUMNS}
BOM = b"\xef\xbb\xbf"


def typed(value: float | None) -> str:
    """A number as the user typed it: 5 not 5.0, 0.00001 not 1e-05; "" for none."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")  # repr: the shortest form that reads back the same


def _objectives(ws: Workshop) -> dict[str, Objective]:
    return {o.id: o for o in ws.objectives}


def generic_rows(ws: Workshop) -> list[dict[str, str]]:
    """One row per key result, in the workshop's order, joined to its objective."""
    objectives = _objectives(ws)
    rows = []
    for kr in ws.key_results:
        objective = objectives.get(kr.okr)
        rows.append({
            "objective": objective.objective if objective else "",
            "objective owner": ws.participant_name(objective.owner) if objective else "",
            "key result": kr.title, "metric": kr.metric, "baseline": typed(kr.baseline), "target": typed(kr.target),
            "unit": kr.unit, "key-result owner": ws.participant_name(kr.owner), "due": kr.due or "",
            "cycle": ws.info.cycle,
        })
    return rows


def _measure(kr: KeyResult) -> str:
    """The metric and its numbers in words, for a tool's description field."""
    parts = [f"Metric: {kr.metric}" if kr.metric else ""]
    if kr.baseline is not None or kr.target is not None:
        unit = f" {kr.unit}" if kr.unit and kr.unit != "%" else kr.unit
        parts.append(f"from {typed(kr.baseline) or '?'} to {typed(kr.target) or '?'}{unit}")
    return ", ".join(p for p in parts if p)


def bigpicture_rows(ws: Workshop) -> list[dict[str, str]]:
    """Each objective (Order 1, 2, …), then its key results (1.1, 1.2, …): the sample's hierarchy.

    A new OKR has not started: Status "Not started", Current value = Start value. No baseline
    means starting from 0 (as ``retrospective.score`` reads it); no target stays empty.
    Objectives carry 0 → 100, their progress in percent.
    """
    rows: list[dict[str, str]] = []
    blank = dict.fromkeys(BIGPICTURE_COLUMNS, "")
    for n, objective in enumerate(ws.objectives, start=1):
        rows.append({**blank, "Order": str(n), "Type": "Objective", "Summary": objective.objective,
                     "Status": "Not started", "Period": ws.info.cycle, "Owner": ws.participant_name(objective.owner),
                     "OKR type": "Company", "Start value": "0", "Current value": "0", "Target value": "100"})
        for k, kr in enumerate(ws.key_results_of(objective.id), start=1):
            start = typed(kr.baseline) or "0"
            rows.append({**blank, "Order": f"{n}.{k}", "Type": "Key result", "Summary": kr.title,
                         "Status": "Not started", "Period": ws.info.cycle, "Owner": ws.participant_name(kr.owner),
                         "Expected end date": kr.due or "", "Start value": start, "Current value": start,
                         "Target value": typed(kr.target), "Description": _measure(kr)})
    return rows


def _action_issue(ws: Workshop, action: Action) -> dict[str, str]:
    source = f" From: {action.source}." if action.source else ""
    return {"Summary": action.title, "Issue Type": "Task", "Assignee": ws.participant_name(action.owner),
            "Due Date": action.due or "", "Description": f"Action from the offsite “{ws.info.title}”.{source}"}


def jira_rows(ws: Workshop) -> list[dict[str, str]]:
    """Every key result, then every open action, as a Task; Description says which it is."""
    objectives = _objectives(ws)
    rows = []
    for kr in ws.key_results:
        objective = objectives.get(kr.okr)
        words = [f"Key result of the objective “{objective.objective}”." if objective else "Key result.",
                 _measure(kr) + "." if _measure(kr) else "", f"Cycle {ws.info.cycle}." if ws.info.cycle else ""]
        rows.append({"Summary": kr.title, "Issue Type": "Task", "Assignee": ws.participant_name(kr.owner),
                     "Due Date": kr.due or "", "Description": " ".join(w for w in words if w)})
    rows.extend(_action_issue(ws, a) for a in ws.actions if a.status == "open")
    return rows


ROWS = {"generic": generic_rows, "bigpicture": bigpicture_rows, "jira": jira_rows}


def check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown OKR CSV style {style!r}; choose one of {', '.join(STYLES)}")


def to_csv(ws: Workshop, style: str = "generic", *, bom: bool = True) -> bytes:
    """The CSV's bytes: a header row and the style's rows, CRLF line ends, UTF-8 (with the mark)."""
    check_style(style)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[style], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(ROWS[style](ws))
    data = buffer.getvalue().encode("utf-8")
    return BOM + data if bom else data


def write_okr_csv(ws: Workshop, path_or_dash: str, style: str = "generic") -> None:
    """Write the OKRs as ``style`` to a file (whole or not at all) or, for "-", to standard output.

    Raises ValueError with a one-line message for an unknown style or a place it cannot write.
    """
    check_style(style)
    if path_or_dash == "-":
        data = to_csv(ws, style, bom=False)
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stdout (an embedding, a test)
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        return
    data = to_csv(ws, style)

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    try:
        write_output(path_or_dash, write)
    except OutputError as exc:
        raise ValueError(str(exc)) from None
