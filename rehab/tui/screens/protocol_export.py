"""The protocol screen's export: save first, refuse what `rehab export` would, render in a thread.

The checks before the form and the wording of a refusal live in `rehab.tui.export_flow`; this
holds only the screen's side (dialogs, the worker and its message back).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message

from rehab.check import Context
from rehab.domain.library import EntryUnavailable
from rehab.storage.atomic import ChangedOnDisk
from rehab.storage.protocol_paths import PathProblem
from rehab.tui.dialogs.confirm import ConfirmDialog
from rehab.tui.dialogs.export import ExportDialog, ExportRequest
from rehab.tui.screens.protocol_saving import SavingActions
from rehab.tui.text import tell

if TYPE_CHECKING:
    from rehab.export import Exported


class ExportActions(SavingActions):
    """Export the handout of the protocol on screen (saving it first when it has edits)."""

    class ExportFinished(Message):
        """The export worker finished: a handout was written, or why not."""

        def __init__(self, result: Exported | None, problem: str | None) -> None:
            super().__init__()
            self.result = result
            self.problem = problem

    @work
    async def action_export(self) -> None:
        """Export what is on screen: saved first, refused when the file on disk differs, and
        refused before the form when `rehab export` would refuse it (checked against every
        clinic entry as its file is now)."""
        from rehab.tui.export_flow import (
            clinic_line,
            disk_differs,
            export_errors,
            fresh_context,
            refusal,
        )

        session = self.session
        if session.protocol is None:
            self._editable()
            return
        if session.dirty:
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    "The handout is printed from the saved file. Save your changes and export?",
                    "Save and export",
                    "Cancel",
                )
            ):
                return
            if not await self.save():
                return
        problem = disk_differs(session)
        if problem:
            tell(self, problem, severity="error", timeout=12)
            return
        context = fresh_context(self.context)
        try:
            errors = export_errors(session, context)
        except EntryUnavailable as unavailable:
            tell(self, f"Not exported: {unavailable}", severity="error", timeout=12)
            return
        if errors:
            tell(self, refusal(errors), severity="error", timeout=15)
            return
        # Imported here (it brings in ReportLab), as the export itself is, not at startup.
        from rehab.export import default_output

        exports_dir = self.app.exports_dir  # type: ignore[attr-defined]
        output = default_output(session.protocol.id, exports_dir)
        dialog = ExportDialog(
            session.protocol.id, output, clinic_line(session.path, session.protocol.clinic)
        )
        request = await self.app.push_screen_wait(dialog)
        if request is not None and session.disk is not None:
            tell(self, f"Exporting {session.path.name}...")
            self.run_export(session.path, session.disk, context, request)

    @work(thread=True, exclusive=True, group="export", description="export a handout")
    def run_export(
        self, path: Path, shown: bytes, context: Context, request: ExportRequest
    ) -> None:
        """Check and render in a thread; the screen stays responsive and hears back by message.

        `shown` is the file as the screen shows it: if the file changed meanwhile, nothing is
        printed. ReportLab is imported here, not at startup: it would add a tenth of a second
        to the first frame of every session, most of which never export.
        """
        from rehab.export import ExportRefused, StartOutOfRange, export_file
        from rehab.handout.render import HandoutOptions
        from rehab.tui.export_flow import refusal

        options = HandoutOptions(
            issue_date=date.today(),
            patient=request.patient,
            large_print=request.large_print,
            start=request.start,
        )
        try:
            result = export_file(path, context, options, output=request.output, expected=shown)
        except ExportRefused as refused:
            self.post_message(self.ExportFinished(None, refusal(refused.errors)))
        except ChangedOnDisk:
            self.post_message(
                self.ExportFinished(
                    None, f"Not exported: {path.name} changed on disk meanwhile; press r."
                )
            )
        except (EntryUnavailable, StartOutOfRange) as problem:
            self.post_message(self.ExportFinished(None, f"Not exported: {problem}"))
        except (OSError, PathProblem) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.post_message(
                self.ExportFinished(None, f"Export failed: {request.output}: {detail}")
            )
        else:
            self.post_message(self.ExportFinished(result, None))

    @on(ExportFinished)
    def _exported(self, message: ExportActions.ExportFinished) -> None:
        if message.result is not None:
            tell(self, f"Handout written to {message.result.output}", timeout=10)
            warning = message.result.unprintable_warning()
            if warning:
                tell(self, f"Check the handout: {warning}", severity="warning", timeout=15)
        else:
            tell(self, message.problem or "Export failed", severity="error", timeout=12)
