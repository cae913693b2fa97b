"""OKRs: fewer, harder, outcome-based objectives and key results, checked as they are typed."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain import okrs
from ..widgets.record_table import Column, RecordTable, participants, priorities
from .base import Screen


def _objectives(ws):
    return [(o.id, o.objective) for o in ws.objectives]


class RestateDialog(QDialog):
    """The room rewrites an activity as an outcome; the app only offers a first draft."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restate as an outcome")
        hint = QLabel(okrs.restatement_hint(title))
        hint.setWordWrap(True)
        self.wording = QLineEdit(okrs.draft_restatement(title))
        self.wording.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Use this wording")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.wording.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.Ok).setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.wording)
        layout.addWidget(buttons)
        self.resize(760, 240)


class OkrsScreen(Screen):
    title = "OKRs"
    purpose = ("Objectives come from the chosen priorities. Key results measure outcomes, with a baseline "
               "and a target, not activities. Insert adds a row, typing edits the cell.")
    sections = ("objectives", "key_results", "participants", "priorities")

    def __init__(self, ctx):
        super().__init__(ctx)
        self.offer = QLabel()
        self.offer.setProperty("role", "warning")
        self.offer.setWordWrap(True)
        self.offer_button = QPushButton("Add an objective for each")
        self.offer_button.clicked.connect(self.add_offered_objectives)
        offer_row = QHBoxLayout()
        offer_row.addWidget(self.offer, 1)
        offer_row.addWidget(self.offer_button)
        self.offer_box = QWidget()
        self.offer_box.setLayout(offer_row)
        self.body.addWidget(self.offer_box)

        self.objectives = RecordTable(
            ctx, "Objectives", lambda ws: ws.objectives,
            [
                Column("objective", "Objective", optional=False, width=420),
                Column("priority", "From priority", "ref", options=priorities, width=260),
                Column("owner", "Owner", "ref", options=participants, width=200),
            ],
            ("objectives", "participants", "priorities"),
            lambda: m.Objective(ctx.new_id("o", ctx.workshop.objectives), "New objective"),
            "No objectives yet. Write one per selected priority.",
        )
        self.key_results = RecordTable(
            ctx, "Key results", lambda ws: ws.key_results,
            [
                Column("okr", "Objective", "ref", options=_objectives, optional=False, width=220),
                Column("title", "Key result", optional=False, width=320),
                Column("metric", "Metric", width=140),
                Column("baseline", "Baseline", "number", width=90),
                Column("target", "Target", "number", width=90),
                Column("unit", "Unit", width=70),
                Column("owner", "Owner", "ref", options=participants, width=170),
                Column("due", "Due", "date", width=120),
            ],
            ("key_results", "objectives", "participants"),
            self._new_key_result,
            "No key results yet.",
        )
        self.live = QLabel()  # the check on the key result being typed, before it is committed
        self.live.setProperty("role", "warning")
        self.live.setWordWrap(True)
        self.live.setVisible(False)
        heading = QLabel("Coaching checks")
        heading.setProperty("role", "subtitle")
        self.coaching_heading = heading
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.setMinimumHeight(180)
        self.findings.itemClicked.connect(self.focus_finding)
        self.findings.currentItemChanged.connect(lambda *_: self._update_restate())
        self.restate_button = QPushButton("Restate as an outcome…")
        self.restate_button.clicked.connect(self.restate_selected)
        self.clean = QLabel()
        self.clean.setWordWrap(True)
        self.objectives.setMinimumHeight(200)
        self.key_results.setMinimumHeight(300)
        self.body.addWidget(self.objectives)
        self.body.addWidget(self.key_results)
        self.body.addWidget(self.live)
        bar = QHBoxLayout()
        bar.addWidget(heading, 1)
        bar.addWidget(self.restate_button)
        self.body.addLayout(bar)
        self.body.addWidget(self.clean)
        self.body.addWidget(self.findings)
        self.body.addWidget(self._build_checkin())
        QApplication.instance().focusChanged.connect(self._watch_editor)
        self.objectives.view.selectionModel().currentRowChanged.connect(lambda *_: self._load_checkin())
        self.refresh()

    # ----- objectives from the selected priorities -------------------------------------------

    def add_offered_objectives(self) -> None:
        ws = self.ctx.workshop
        offered = okrs.objectives_to_offer(ws)
        if not offered or self.ctx.read_only:
            return
        with self.ctx.macro(f"Add {len(offered)} objective{'s' if len(offered) > 1 else ''} for the selected"):
            for pid in offered:
                objective = m.Objective(self.ctx.new_id("o", self.ctx.workshop.objectives),
                                        self.ctx.workshop.priority_title(pid), pid)
                self.ctx.edit(None, objective)

    def _new_key_result(self):
        ws = self.ctx.workshop
        if not ws.objectives:
            self.key_results.empty.setText("Add an objective first.")
            return None
        current = self.objectives.selected_records()
        objective = current[0] if current else ws.objectives[-1]
        return m.KeyResult(self.ctx.new_id("kr", ws.key_results), objective.id, "New key result")

    # ----- the check-in guide ----------------------------------------------------------------

    def _build_checkin(self) -> QWidget:
        box = self.checkin_box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        heading = QLabel("Check-in guide: the coaching questions for this objective's first check-ins")
        heading.setProperty("role", "subtitle")
        heading.setWordWrap(True)
        self.checkin_for = QLabel()
        self.checkin = QPlainTextEdit()
        self.checkin.setPlaceholderText("One question per line. Check-ins are coaching conversations, not audits.")
        self.checkin.setMaximumHeight(150)
        self.checkin.textChanged.connect(self._checkin_typed)
        self.grow_button = QPushButton("Start from the GROW questions")
        self.grow_button.clicked.connect(self.use_grow_questions)
        row = QHBoxLayout()
        row.addWidget(self.checkin_for, 1)
        row.addWidget(self.grow_button)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.checkin)
        self._checkin_loading = False
        self._checkin_id: str | None = None
        return box

    def _current_objective(self) -> m.Objective | None:
        """The objective whose guide is shown: the selected one, else the one shown before, else the first."""
        objectives = self.ctx.workshop.objectives
        selected = self.objectives.selected_records()
        wanted = selected[0].id if selected else self._checkin_id
        found = next((o for o in objectives if o.id == wanted), None)
        return found or (objectives[0] if objectives else None)

    def _load_checkin(self) -> None:
        objective = self._current_objective()
        self._checkin_id = objective.id if objective else None
        self.checkin_for.setText(f"For “{objective.objective}”" if objective else "Add an objective first.")
        self.checkin.setEnabled(objective is not None and not self.ctx.read_only)
        self.grow_button.setEnabled(objective is not None and not self.ctx.read_only)
        text = "\n".join(objective.checkin) if objective else ""
        current = [line for line in self.checkin.toPlainText().split("\n") if line.strip()]
        if objective is None or current != objective.checkin:
            self._checkin_loading = True
            self.checkin.setPlainText(text)
            self._checkin_loading = False

    def _checkin_typed(self) -> None:
        objective = self._current_objective()
        if self._checkin_loading or objective is None:
            return
        lines = [line.strip() for line in self.checkin.toPlainText().split("\n") if line.strip()]
        self.ctx.edit(objective, dataclasses.replace(objective, checkin=lines), merge_field="checkin",
                      text="Edit the check-in guide")

    def use_grow_questions(self) -> None:
        objective = self._current_objective()
        if objective is not None and not self.ctx.read_only:
            self.ctx.edit(objective, dataclasses.replace(objective, checkin=list(okrs.CHECKIN_QUESTIONS)),
                          text="Use the GROW check-in questions")

    def context_text(self) -> str:
        krs = self.key_results.selected_records()
        if krs and self.key_results.view.hasFocus():
            return f"key result “{krs[0].title}”"
        objective = self._current_objective()
        return f"objective “{objective.objective}”" if objective else ""

    # ----- findings ----------------------------------------------------------------------------

    def focus_finding(self, item: QListWidgetItem) -> None:
        """Select the key result (or objective) a finding is about, in its table."""
        okr, kr, _code = item.data(Qt.UserRole)
        table, key = (self.key_results, kr) if kr else (self.objectives, okr)
        rows = [getattr(r, "id", None) for r in table.model.rows]
        if key in rows:
            table.view.selectRow(rows.index(key))
            table.view.setFocus()

    def _selected_activity(self) -> m.KeyResult | None:
        item = self.findings.currentItem()
        if item is None:
            return None
        _okr, kr, code = item.data(Qt.UserRole)
        if code != "activity_not_outcome":
            return None
        return next((k for k in self.ctx.workshop.key_results if k.id == kr), None)

    def _update_restate(self) -> None:
        self.restate_button.setEnabled(self._selected_activity() is not None and not self.ctx.read_only)

    def restate_selected(self) -> RestateDialog | None:
        """Open the restatement dialog for the selected activity finding; OK applies the wording."""
        kr = self._selected_activity()
        if kr is None or self.ctx.read_only:
            return None
        dialog = RestateDialog(kr.title, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)

        def apply() -> None:
            wording = dialog.wording.text().strip()
            current = next((k for k in self.ctx.workshop.key_results if k.id == kr.id), None)
            if current is not None and wording:
                self.ctx.edit(current, dataclasses.replace(current, title=wording),
                              text="Restate a key result as an outcome")

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    # ----- live check while typing ------------------------------------------------------------

    def _watch_editor(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and self.key_results.view.isAncestorOf(new):
            column = self.key_results.view.currentIndex().column()
            if self.key_results.model.columns[column].field == "title":
                new.textEdited.connect(self._typing, Qt.UniqueConnection)
                self._typing(new.text())
                return
        self.live.setVisible(False)

    def _typing(self, text: str) -> None:
        activity = okrs.is_activity(text)
        self.live.setVisible(activity)
        if activity:
            self.live.setText(f"Live check: {okrs.FINDING_TEXT['activity_not_outcome']}")

    # ----- drawing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        ws = self.ctx.workshop
        offered = okrs.objectives_to_offer(ws)
        titles = ", ".join(f"“{ws.priority_title(p)}”" for p in offered)
        self.offer.setText(f"Selected without an objective yet: {titles}." if offered else "")
        self.offer_box.setVisible(bool(offered))
        self.offer_button.setEnabled(not self.ctx.read_only)
        objectives = {o.id: o.objective for o in ws.objectives}
        krs = {k.id: k for k in ws.key_results}
        current = self.findings.currentItem().data(Qt.UserRole) if self.findings.currentItem() else None
        self.findings.clear()
        for f in okrs.findings(ws):
            kr = krs.get(f["key_result"] or "")
            subject = f"“{kr.title}”" if kr else f"“{objectives[f['okr']]}”" if f["okr"] else "The workshop"
            text = f"{subject}: {okrs.FINDING_TEXT[f['finding']]}"
            item = QListWidgetItem(text)
            key = (f["okr"], f["key_result"], f["finding"])
            item.setData(Qt.UserRole, key)
            self.findings.addItem(item)
            if key == current:
                self.findings.setCurrentItem(item)
        self.clean.setText("" if self.findings.count() else
                           "No findings: every key result names an outcome, a baseline, a target and an owner.")
        self.findings.setVisible(self.findings.count() > 0)
        self._update_restate()
        self._load_checkin()
