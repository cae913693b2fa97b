"""The main window: navigation, menus, undo, the stage, and opening files."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..store.output_file import OutputError, remove_leftovers, write_output
from ..store.workshop_file import FileInUseError, NotWritableError, WorkshopFile, WorkshopFileError, write_new
from .context import WorkshopContext
from .run_control import RunControl
from .screens import SCREENS, screen_class

if TYPE_CHECKING:  # imported when first needed at run time: the stage costs the start-up
    from ..stage.window import StageWindow
    from .idle_build import IdleBuild
    from .stage_console import StageConsole

MAX_RECENT = 8
FILE_FILTER = "Workshops (*.okrw)"


class MainWindow(QMainWindow):
    """One window, one open workshop (or the start page)."""

    file_opened = Signal(str)
    first_frame = Signal()  # the window's first frame is on screen
    restore_keeper_ready = Signal()  # the open file's restore points started (after the first frame)

    def __init__(self, keep_warm: bool = False) -> None:
        """``keep_warm``: the app's window; after the first frame of each workshop it opens, the
        heavy libraries load and its screens are built ahead (``warm_up``)."""
        super().__init__()
        self.setWindowTitle("okr-workshop")
        self.settings = QSettings()
        self.restore_keeper = None  # ui.restore.RestoreKeeper of the open file, once started
        self.restore_interval_ms: int | None = None  # None: ui.restore.INTERVAL_MINUTES
        self.ctx: WorkshopContext | None = None
        self._screens: dict[int, QWidget] = {}
        self._painted = False
        self.closing = False  # set when the window is asked to close at its first frame
        self.keep_warm = keep_warm
        self.idle_build: IdleBuild | None = None  # the open workshop's screens being built ahead
        first_paint(self, self._first_frame_shown)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(250)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show_screen)
        self._pending_shortcuts: list[tuple[QAction, list[QKeySequence]]] = []
        self.run = RunControl(self)  # the run of show: sessions, timer, parking lot, decision log
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._placeholder = QWidget()  # the start page replaces it when the window shows with no workshop
        self.setCentralWidget(self._placeholder)
        self._update_title()
        self._update_actions()
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    # ----- menus ---------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._pending_shortcuts.append((action, [QKeySequence(shortcut)]))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts keep working when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&New…", self.new_file, QKeySequence.New)
        self._action(file_menu, "New &from a previous offsite…", self.new_from_previous)
        self._action(file_menu, "&Open…", self.open_dialog, QKeySequence.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file_menu, "Open the &demo offsite", self.open_demo)
        self._action(file_menu, "Open the demo offsite (ne&xt quarter)", self.open_next_demo)
        file_menu.addSeparator()
        self.copy_action = self._action(file_menu, "Save a &copy…", self.save_copy, "Ctrl+Shift+S")
        self.restore_action = self._action(file_menu, "Res&tore to…", self.show_restore_dialog)
        self.import_action = self._action(file_menu, "&Import JSON…", self.import_json)
        self.export_action = self._action(file_menu, "&Export JSON…", self.export_json)
        self.import_graph_action = self._action(file_menu, "Import dependency &graph (GraphML)…", self.import_graphml)
        self.export_graph_action = self._action(file_menu, "Export dependency gra&ph (GraphML)…", self.export_graphml)
        self.export_ics_action = self._action(file_menu, "Export operating &rhythm (iCalendar)…", self.export_ics)
        self.export_csv_action = self._action(file_menu, "Export &vote results (CSV)…", self.export_csv)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.Quit)

        edit_menu = bar.addMenu("&Edit")
        self.add_action_action = self._action(edit_menu, "Add an &action…", self.add_action, "Ctrl+Shift+A")
        self.park_action = self._action(edit_menu, "&Park it…", self.run.park_dialog, "Ctrl+Shift+P")
        self.log_action = self._action(edit_menu, "&Log a decision…", self.run.log_dialog, "Ctrl+Shift+L")
        edit_menu.addSeparator()
        self.undo_action = self._action(edit_menu, "&Undo", self.undo)
        self._pending_shortcuts.append((self.undo_action, _bindings(QKeySequence.Undo)))
        self.redo_action = self._action(edit_menu, "&Redo", self.redo)
        self._pending_shortcuts.append((self.redo_action, _bindings(QKeySequence.Redo, "Ctrl+Shift+Z", "Ctrl+Y")))

        view_menu = bar.addMenu("&View")
        self.stage_action = self._action(view_menu, "Show the &stage", self.show_stage, "F5")
        self.stage_here_action = self._action(view_menu, "Show the stage &here", self.show_stage_here, "F11")
        view_menu.addSeparator()
        for i, (name, _) in enumerate(SCREENS):
            key = f"Ctrl+{(i + 1) % 10}" if i < 10 else None
            self._action(view_menu, name, lambda _=False, i=i: self.go_to(i), key)

        session_menu = bar.addMenu("&Session")
        self.next_session_action = self._action(session_menu, "Start the &next session", self.run.next_session,
                                                "Ctrl+Shift+N")
        self.pause_action = self._action(session_menu, "&Pause or resume the timer", self.run.toggle_pause,
                                         "Ctrl+Shift+T")
        self.extend_action = self._action(session_menu, "Add &5 minutes", self.run.extend, "Ctrl+Shift+E")
        self.end_session_action = self._action(session_menu, "&End the session", self.run.end)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Take the &tour of the offsite flow", self.show_tour)
        self._action(help_menu, "&Pre-flight check for the venue…", self.show_preflight)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            self.recent_menu.addAction(path, lambda p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    # ----- opening files -------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if Path(p).exists()][:MAX_RECENT]

    def _remember(self, path: str) -> None:
        paths = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", paths[:MAX_RECENT])
        self.settings.setValue("last", path)

    def open_path(self, path: str | Path, remember: bool = True, restore_points: bool = True,
                  first_point: str | None = "Opened") -> bool:
        """Open a workshop file; explain any refusal in a dialog. True when it opened.

        ``restore_points``: keep restore points of it (not for the throwaway demo copy);
        ``first_point``: the reason of the point made once it is on screen (None: none).
        """
        path = str(Path(path).resolve())
        if self.ctx is not None and str(self.ctx.store.path) == path:
            self._close_current()  # opening the open file again reloads it (our own lock would refuse it)
        try:
            store = WorkshopFile.open(path)
        except (FileInUseError, NotWritableError) as exc:
            title = "Workshop already open" if isinstance(exc, FileInUseError) else "Workshop is read-only"
            answer = QMessageBox.question(
                self, title, f"{exc}.\n\nOpen it read-only here? You will see it but not change it.",
            )
            if answer != QMessageBox.Yes:
                return False
            try:
                store = WorkshopFile.open(path, read_only=True)
            except WorkshopFileError as again:
                QMessageBox.critical(self, "Cannot open workshop", str(again))
                return False
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot open workshop", f"{exc}\n\nThe file was not changed.")
            return False
        except OSError as exc:  # the store turns what it meets into WorkshopFileError; this is the last net
            QMessageBox.critical(self, "Cannot open workshop", f"{path}: cannot be opened ({exc.strerror or exc})")
            return False
        remove_leftovers([Path(path).parent])  # temporary files a killed export or copy left beside it
        self._install(store)
        if restore_points and not store.read_only:
            self._start_restore_points(self.ctx, first_point)
        if remember:
            self._remember(path)
        self.file_opened.emit(path)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open workshop", str(Path.home()), FILE_FILTER)
        if path:
            self.open_path(path)

    def new_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New workshop", str(Path.home() / "offsite.okrw"), FILE_FILTER)
        if not path:
            return
        if not path.endswith(".okrw"):
            path += ".okrw"
        try:
            write_new(path, replace=Path(path).exists())
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot create workshop", str(exc))
            return
        self.open_path(path)

    def open_demo(self) -> None:
        from .demo import make_demo_copy

        self.open_path(make_demo_copy(), remember=False, restore_points=False)

    def open_next_demo(self) -> None:
        """The same company one quarter later: the retrospective and the then-and-now filled in."""
        from .demo import make_demo_copy

        self.open_path(make_demo_copy("demo-next.json"), remember=False, restore_points=False)

    def new_from_previous(self):
        """File → New from a previous offsite…: pick the last offsite, then (in the dialog returned)
        the new cycle and start, then where to save; the new file is built and opened."""
        source, _ = QFileDialog.getOpenFileName(self, "The previous offsite", str(Path.home()), FILE_FILTER)
        if not source:
            return None
        try:
            with WorkshopFile.open(source, read_only=True) as previous_file:  # works while it is open here too
                previous = previous_file.workshop
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot read the previous offsite", f"{exc}\n\nNothing was created.")
            return None
        except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            QMessageBox.critical(self, "Cannot read the previous offsite", f"{source}: damaged ({exc})")
            return None
        from .next_quarter_dialog import NextQuarterDialog

        dialog = NextQuarterDialog(previous, self)
        dialog.setAttribute(_qt().WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._build_next(source, previous, dialog.cycle(), dialog.starts()))
        dialog.open()
        return dialog

    def _build_next(self, source: str, previous, cycle: str, starts: str) -> bool:
        """The next offsite's file from ``previous``, saved where the user says and opened."""
        from ..domain.next_quarter import carry_over

        suggested = Path(source).with_name(f"{Path(source).stem} {cycle or 'next'}.okrw")
        target, _ = QFileDialog.getSaveFileName(self, "Save the next offsite as", str(suggested), FILE_FILTER)
        if not target:
            return False
        if not target.endswith(".okrw"):
            target += ".okrw"
        if Path(target).resolve() == Path(source).resolve():
            QMessageBox.critical(self, "Cannot create workshop",
                                 f"{target}: is the previous offsite; the next one needs a file of its own.")
            return False
        try:
            write_new(target, carry_over(previous, cycle, starts), replace=Path(target).exists())
        except (WorkshopFileError, OSError) as exc:
            QMessageBox.critical(self, "Cannot create workshop", str(exc))
            return False
        return self.open_path(target)

    def import_json(self) -> None:
        from ..domain.json_text import DocumentError, parse_document
        from ..domain.validate import InterchangeError, workshop_from_document

        source, _ = QFileDialog.getOpenFileName(self, "Import workshop JSON", str(Path.home()), "JSON (*.json)")
        if not source:
            return
        try:
            workshop = workshop_from_document(parse_document(Path(source).read_bytes(), source))
        except OSError as exc:
            return self._refuse_import(f"{source}: cannot read ({exc.strerror})")
        except DocumentError as exc:  # names the file itself
            return self._refuse_import(str(exc))
        except InterchangeError as exc:
            return self._refuse_import(f"{source}: {exc}")
        target, _ = QFileDialog.getSaveFileName(
            self, "Store the imported workshop as", str(Path(source).with_suffix(".okrw")), FILE_FILTER)
        if not target:
            return
        try:
            write_new(target, workshop, replace=Path(target).exists())
        except WorkshopFileError as exc:
            QMessageBox.critical(self, "Cannot import", str(exc))
            return
        self.open_path(target)

    def _refuse_import(self, problem: str) -> None:
        QMessageBox.critical(self, "Cannot import", f"{problem}\n\nNothing was imported.")

    def export_json(self) -> None:
        from ..domain.validate import document_from_workshop

        self._export("Export workshop JSON", ".json", "JSON (*.json)",
                     lambda ws: json.dumps(document_from_workshop(ws), ensure_ascii=False, indent=2) + "\n")

    def export_ics(self) -> str | None:
        """The operating rhythm as an .ics file: one recurring event per forum. Returns the path written."""
        from ..domain.calendar_ics import notes, to_ics

        if self.ctx is None:
            return None
        if not self.ctx.workshop.forums:
            QMessageBox.information(self, "Nothing to export", "The operating rhythm has no forums yet.")
            return None
        path, _ = QFileDialog.getSaveFileName(self, "Export the operating rhythm",
                                              str(self.ctx.store.path.with_suffix(".ics")), "iCalendar (*.ics)")
        if not path:
            return None
        if not self._write_export(path, to_ics(self.ctx.workshop).encode("utf-8")):
            return None
        assumed = notes(self.ctx.workshop)
        extra = (f" ({len(assumed)} forum{'s' if len(assumed) > 1 else ''} without a first meeting start on "
                 "the first Monday of the quarter)") if assumed else ""
        self.statusBar().showMessage(f"Exported {path}{extra}", 8000)
        return path

    def export_csv(self) -> None:
        """Every vote's results for a spreadsheet (UTF-8 with a BOM: names in any script survive)."""
        from ..export.results_csv import to_csv

        self._export("Export the vote results", "-vote-results.csv", "CSV (*.csv)", to_csv)

    def export_graphml(self) -> None:
        from ..domain.graphml import to_graphml

        self._export("Export the dependency graph", ".graphml", "GraphML (*.graphml)", to_graphml)

    def _export(self, title: str, suffix: str, file_filter: str, render) -> None:
        if self.ctx is None:
            return
        where = self.ctx.store.path
        default = where.with_suffix(suffix) if suffix.startswith(".") else where.with_name(where.stem + suffix)
        path, _ = QFileDialog.getSaveFileName(self, title, str(default), file_filter)
        if not path:
            return
        data = render(self.ctx.workshop)
        if self._write_export(path, data if isinstance(data, bytes) else data.encode("utf-8")):
            self.statusBar().showMessage(f"Exported {path}", 5000)

    def _write_export(self, path: str, data: bytes) -> bool:
        """``data`` into ``path`` (whole or not at all; a pipe or a device straight), or a dialog why not."""
        try:
            write_output(path, lambda tmp: tmp.write_bytes(data))
        except OutputError as exc:
            QMessageBox.critical(self, "Cannot export", str(exc))
            return False
        return True

    def import_graphml(self) -> None:
        """Bring a graph drawn in yEd or Gephi into the open workshop, as one undoable step."""
        if self.ctx is None or self.ctx.read_only:
            return
        from ..domain.graphml import from_graphml, merge
        from ..domain.validate import InterchangeError

        source, _ = QFileDialog.getOpenFileName(self, "Import a dependency graph", str(Path.home()),
                                                "GraphML (*.graphml *.xml)")
        if not source:
            return
        try:
            changes = merge(self.ctx.workshop, *from_graphml(Path(source).read_bytes(), self.ctx.workshop))
        except (OSError, InterchangeError) as exc:
            QMessageBox.critical(self, "Cannot import", f"{source}:\n{exc}\n\nNothing was imported.")
            return
        with self.ctx.macro(f"Import the dependency graph {Path(source).name}"):
            for before, after in changes:
                self.ctx.edit(before, after)
        self.statusBar().showMessage(f"Imported {len(changes)} nodes and edges from {source}", 5000)

    def save_copy(self) -> None:
        if self.ctx is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Save a copy", str(self.ctx.store.path.with_name(self.ctx.store.path.stem + " copy.okrw")),
            FILE_FILTER)
        if path:
            try:
                self.ctx.store.save_copy(path)
            except (WorkshopFileError, OSError) as exc:
                QMessageBox.critical(self, "Cannot save a copy", str(exc))
                return
            self.statusBar().showMessage(f"Saved a copy as {path}", 5000)

    # ----- the open workshop ---------------------------------------------------------------

    def _close_current(self) -> None:
        self.restore_keeper = None  # it stops when the store closes, and goes with the context
        if self.ctx is not None:
            self.settings.setValue("window/screen", self.nav.currentRow())
            self.ctx.store.close()
            self.ctx.deleteLater()
            self.ctx = None

    def _install(self, store: WorkshopFile) -> None:
        self._close_current()
        self.ctx = WorkshopContext(store, self)
        console = getattr(self, "stage_console", None)  # a file opened while the stage is up
        self.ctx.stage_on_console = console is not None and console.one_screen()
        self.ctx.painted = self._painted
        self.ctx.after_paint(self.warm_up if self.keep_warm else store.warm_up)
        self.ctx.undo_stack.canUndoChanged.connect(self._update_actions)
        self.ctx.undo_stack.canRedoChanged.connect(self._update_actions)
        self.ctx.undo_stack.indexChanged.connect(self._update_actions)
        self.ctx.changed.connect(self._update_title)
        self.nav.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._screens = {}
        for name, _ in SCREENS:
            self.nav.addItem(name)
            self.stack.addWidget(QWidget())  # the screen itself is built on its first visit
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        content = QWidget()
        column = QVBoxLayout(content)  # the session timer goes above the screens, never over them
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        row.addWidget(content, 1)
        self.setCentralWidget(central)
        self.run.install(self.ctx, column)
        self.nav.setCurrentRow(min(int(self.settings.value("window/screen", 0) or 0), len(SCREENS) - 1))
        self._update_title()
        self._update_actions()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.ctx is None and self.centralWidget() is self._placeholder:
            self._show_start_page()
        super().showEvent(event)

    def _show_start_page(self) -> None:
        from .start_page import StartPage

        self._close_current()
        self.setCentralWidget(StartPage(self))
        self._update_title()
        self._update_actions()

    def _update_title(self, *_: object) -> None:
        if self.ctx is None:
            self.setWindowTitle("okr-workshop")
            self.status_label.setText("No workshop open")
            return
        ro = " (read-only)" if self.ctx.read_only else ""
        self.setWindowTitle(f"{self.ctx.workshop.info.title}{ro} — okr-workshop")
        state = "Read-only: another window is editing this file" if self.ctx.read_only else "All changes saved"
        self.status_label.setText(f"{state} · {self.ctx.store.path}")

    def _update_actions(self, *_: object) -> None:
        stack = self.ctx.undo_stack if self.ctx else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
        for action in (self.copy_action, self.export_action, self.export_graph_action, self.export_ics_action,
                       self.export_csv_action):
            action.setEnabled(self.ctx is not None)
        self.restore_action.setEnabled(self.restore_keeper is not None)
        self.import_graph_action.setEnabled(self.ctx is not None and not self.ctx.read_only)

    def undo(self) -> None:
        if self.ctx:
            self.ctx.undo_stack.undo()

    def redo(self) -> None:
        if self.ctx:
            self.ctx.undo_stack.redo()

    def bind_shortcuts(self) -> None:
        """Give the actions their keys. The first binding costs Qt ~20 ms, so it waits for the first frame."""
        pending, self._pending_shortcuts = self._pending_shortcuts, []
        for action, keys in pending:
            action.setShortcuts(keys)

    def warm_up(self) -> None:
        """After the first frame: the heavy libraries and the chart lettering (the priorities'
        titles, the votes' questions, the chart's numbers) in a background thread (``warm_up``);
        once it is done, the store's first-edit import and the screens not visited yet, one per
        idle moment (``idle_build``), so that neither a first click on a screen nor the first
        results chart waits in front of the room. Then everything alive (libraries, screens, the
        workshop) leaves the collector's reach (``gc.freeze``): a full collection walked it all,
        50-130 ms in the middle of a click."""
        from .idle_build import IdleBuild
        from .warm_up import warm_up

        ctx = self.ctx
        texts = [p.title for p in ctx.workshop.priorities] + [v.title for v in ctx.workshop.votes] if ctx else []
        thread = warm_up(titles=texts)
        if ctx is None:
            return
        steps = [ctx.store.warm_up] + [lambda i=i: self._build_ahead(i) for i in range(len(SCREENS))]
        steps.append(self._stage_ahead)
        self.idle_build = IdleBuild(self, steps, ready=lambda: not thread.is_alive(),
                                    wanted=lambda: self.ctx is ctx and not self.closing)
        self.idle_build.done.connect(gc.freeze)

    def _build_ahead(self, index: int) -> None:
        """One idle step: the screen at ``index`` built (if it is not yet), and readied to show
        (the Vote screen lays its chart out once)."""
        screen = self.screen(index)
        if hasattr(screen, "prepare"):
            screen.prepare()

    def _stage_ahead(self) -> None:
        """One idle step: the stage and its panel built, hidden, with the list of views made, so
        that the first F5 only shows them (on the large offsite the list alone is ~15-25 ms)."""
        self._stage_panel().prepare()

    def _first_frame_shown(self) -> None:
        self._painted = True
        self.bind_shortcuts()
        self.first_frame.emit()
        if self.ctx is not None and not self.closing:
            self.ctx.mark_painted()

    # ----- restore points, the tour and the pre-flight check --------------------------------

    def _start_restore_points(self, ctx: WorkshopContext, first_point: str | None) -> None:
        """Begin the open file's restore points: now if the window is on screen, else after its
        first frame (the copy at open costs milliseconds the start need not wait for)."""

        def start() -> None:
            if self.ctx is not ctx or self.closing:  # closed or replaced before this ran
                return
            from .restore import INTERVAL_MINUTES, RestoreKeeper, restore_root

            interval = self.restore_interval_ms or INTERVAL_MINUTES * 60_000
            keeper = RestoreKeeper(ctx, restore_root(), interval)
            keeper.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
            self.restore_keeper = keeper
            keeper.start(first_point)
            self._update_actions()
            self.restore_keeper_ready.emit()

        if ctx.painted:
            start()
        else:
            ctx.after_paint(start)

    def show_restore_dialog(self):
        """File → Restore to…: the open file's points, read from disk."""
        if self.restore_keeper is None:
            return None
        from .restore import RestoreDialog

        dialog = RestoreDialog(self, self.restore_keeper.points)
        dialog.setAttribute(_qt().WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restore_to(self, point) -> bool:
        """Replace the open workshop with ``point``'s content in one transaction, keeping the
        current state as a point first; then reopen it, so every screen and the undo history
        start from the restored file. True when it was restored."""
        keeper = self.restore_keeper
        if keeper is None or self.ctx is None or self.ctx.read_only:
            return False
        try:
            before = keeper.points.restore(self.ctx.store, point)
        except (WorkshopFileError, OSError) as exc:
            QMessageBox.critical(self, "Cannot restore", f"{exc}\n\nThe workshop was not changed.")
            return False
        path = self.ctx.store.path
        self._close_current()
        if not self.open_path(path, remember=False, first_point=None):
            self._show_start_page()
            return False
        self.statusBar().showMessage(
            f"Restored to {point.made:%H:%M:%S}. The state before it is kept as the restore point of "
            f"{before.made:%H:%M:%S}.", 15000)
        return True

    def show_tour(self):
        from .tour import TourDialog

        dialog = TourDialog(self.settings, self)
        dialog.setAttribute(_qt().WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_tour_once(self):
        """The tour on the first run only (finished or skipped, it is remembered)."""
        from .tour import tour_seen

        if self.closing or tour_seen(self.settings):
            return None
        return self.show_tour()

    def show_preflight(self):
        from .preflight_dialog import PreflightDialog
        from .restore import restore_root

        dialog = PreflightDialog(restore_root(), self)
        dialog.setAttribute(_qt().WA_DeleteOnClose)
        dialog.open()
        return dialog

    def screen(self, index: int) -> QWidget:
        """The screen at ``index``, built now if it has not been shown yet."""
        if index not in self._screens:
            screen = screen_class(index)(self.ctx)
            if hasattr(screen, "connect_window"):
                screen.connect_window(self)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._screens[index] = screen
        return self._screens[index]

    @property
    def screens(self) -> list[QWidget]:
        """Every screen (building the ones not visited yet)."""
        return [self.screen(i) for i in range(len(SCREENS))] if self.ctx else []

    def _show_screen(self, index: int) -> None:
        if self.ctx is not None and 0 <= index < len(SCREENS):
            screen = self.screen(index)
            if hasattr(screen, "catch_up"):
                screen.catch_up()
            self.stack.setCurrentWidget(screen)

    def go_to(self, index: int) -> None:
        if self.ctx is not None and 0 <= index < self.nav.count():
            self.nav.setCurrentRow(index)

    def go_to_screen(self, key: str) -> None:
        """Show the screen whose module is ``key`` ("vote"), as an agenda session names it."""
        index = next((i for i, (_, where) in enumerate(SCREENS) if where.split(":")[0] == key), None)
        if index is not None:
            self.go_to(index)

    def add_action(self):
        """An action from wherever the discussion is, linked to what it came from."""

        from .screens.base import Screen
        from .widgets.add_action import AddActionDialog

        if self.ctx is None or self.ctx.read_only:
            return None
        screen = self.current_screen()
        title = getattr(screen, "title", "")
        detail = screen.context_text() if isinstance(screen, Screen) else ""
        dialog = AddActionDialog(self.ctx, f"{title}: {detail}" if detail else title, self)
        dialog.setAttribute(_qt().WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ctx.edit(None, dialog.action(), text="Add an action"))
        dialog.open()
        return dialog

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget() if self.ctx else None

    # ----- the stage -----------------------------------------------------------------------

    def show_stage(self) -> StageWindow:
        """The stage: full screen on the second screen if there is one, else on this one.
        It starts at the show order's first view; the clicker's keys move it. The stage panel
        (ui.stage_console) docks in this window while the stage is up."""
        self._stage_panel().show_stage()
        return self.stage

    def show_stage_here(self) -> StageWindow:
        """F11: the stage full screen on this window's own screen, for one screen or a mirrored
        projector. The panel then says "One screen" and the screens hide their secrets."""
        self._stage_panel().show_on_console_screen()
        return self.stage

    def _stage_panel(self) -> StageConsole:
        """The stage panel, built with the stage on first use, watching the open workshop."""
        from ..stage.window import StageWindow
        from .stage_console import StageConsole

        stage = getattr(self, "stage", None)
        if stage is None:
            stage = self.stage = StageWindow(lambda: self.ctx.workshop if self.ctx else None, self)
            self.stage_console = StageConsole(stage, self)
            self.stage_console.one_screen_changed.connect(self._stage_on_console)
            self.addDockWidget(_qt().RightDockWidgetArea, self.stage_console)
            self.stage_console.setVisible(stage.isVisible())  # it shows with the stage, not when docked
            self.stage_console.set_room(*getattr(self, "_stage_room", (None, "")))
        if self.ctx is not None:
            stage.watch(self.ctx, self.ctx.changed)  # an edit on the console shows on the stage
        return self.stage_console

    def _stage_on_console(self, on: bool) -> None:
        """The stage is up on this window's screen, or no longer: the screens hide their secrets."""
        if self.ctx is not None:
            self.ctx.set_stage_on_console(on)

    def room_voting_changed(self, url: str | None, code: str = "") -> None:
        """The Vote screen started room voting (its address and room code) or stopped it (None):
        the stage's join view shows it."""
        self._stage_room = (url, code)
        if getattr(self, "stage_console", None) is not None:
            self.stage_console.set_room(url, code)

    # ----- closing -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("window/geometry", self.saveGeometry())
        self._close_current()
        event.accept()


def _bindings(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """This platform's keys for ``standard`` plus ``extra``, each once: a key bound twice in
    one window is ambiguous and triggers neither action."""
    keys = list(QKeySequence.keyBindings(standard))
    for text in extra:
        if QKeySequence(text) not in keys:
            keys.append(QKeySequence(text))
    return keys


def _qt():
    """Qt's namespace, imported when first needed: it costs the start-up ~15 ms."""
    from PySide6.QtCore import Qt

    return Qt


def first_paint(window: QWidget, callback) -> None:
    """Call ``callback`` once, right after the window's first frame has been painted."""
    from PySide6.QtCore import QEvent, QObject

    class _Watcher(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    window.installEventFilter(_Watcher(window))  # owned by the window
