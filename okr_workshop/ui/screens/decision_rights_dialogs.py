"""The two questions the decision-rights screen asks: what a letter without an obvious counterpart
becomes in the new framework, and which of the usual situations to start from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain import decision_rights as dr
from ...domain import model as m

LEAVE_EMPTY = "leave the cell empty"


class FrameworkMappingDialog(QDialog):
    """One row per letter that has no obvious counterpart, each with a proposed answer."""

    def __init__(self, ws: m.Workshop, target: str, letters: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        source = ws.framework
        self.setWindowTitle(f"Switch from {source} to {target}")
        intro = QLabel(
            f"The final decider stays the final decider ({dr.DECIDER[source]} becomes {dr.DECIDER[target]}), and "
            f"letters with an obvious counterpart carry over. These {source} letters have none in {target}: "
            "say what they become."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.choices: dict[str, QComboBox] = {}
        meanings = dr.LETTER_MEANINGS
        for row, letter in enumerate(letters):
            uses = sum(1 for d in ws.decisions for given in d.assignments.values() if given == letter)
            name = meanings[source][letter][0] if letter in meanings[source] else "not a letter of this framework"
            label = QLabel(f"{letter} ({name}), in {uses} cell{'s' if uses != 1 else ''}, becomes")
            combo = QComboBox()
            for option, (option_name, _) in meanings[target].items():
                combo.addItem(f"{option}  {option_name}", option)
            combo.addItem(LEAVE_EMPTY, "")
            combo.setCurrentIndex(combo.findData(dr.suggestion(source, target, letter)))
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            self.choices[letter] = combo
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(f"Switch to {target}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(640, 0)

    def answers(self) -> dict[str, str]:
        return {letter: combo.currentData() for letter, combo in self.choices.items()}


class TemplatesDialog(QDialog):
    """The usual situations not yet in the matrix, each with a role to decide it (or nobody yet)."""

    def __init__(self, ws: m.Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Start from the usual situations")
        self.templates = dr.unused_templates(ws)
        intro = QLabel("Every leadership team meets these. Pick the ones to add and who makes the final call; "
                       "the response and the escalation path come pre-filled and stay editable.")
        intro.setWordWrap(True)
        grid = QGridLayout()
        self.picked: list[tuple[QCheckBox, QComboBox]] = []
        for row, template in enumerate(self.templates):
            box = QCheckBox(template.situation)
            box.setChecked(True)
            hint = QLabel(f"Usually decided by: {template.owner}. {template.response}.")
            hint.setProperty("role", "hint")
            hint.setWordWrap(True)
            combo = QComboBox()
            combo.addItem("decider: not yet", None)
            for role in ws.roles:
                holder = ws.participant_name(role.participant)
                combo.addItem(f"{role.label} ({holder})" if holder else role.label, role.id)
            grid.addWidget(box, 2 * row, 0)
            grid.addWidget(combo, 2 * row, 1)
            grid.addWidget(hint, 2 * row + 1, 0, 1, 2)
            self.picked.append((box, combo))
        if not self.templates:
            grid.addWidget(QLabel("All four situations are in the matrix already."), 0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Add")
        buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.templates))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(760, 0)

    def picks(self) -> list[tuple[dr.GovernanceTemplate, str | None]]:
        return [(t, combo.currentData()) for t, (box, combo) in zip(self.templates, self.picked, strict=True)
                if box.isChecked()]
