"""The protocol screen's saving, reloading, leaving, undo and recovery of unsaved edits.

Nothing the clinician typed may be lost: a save asks before it would drop comments or
overwrite a file someone else changed, leaving asks about unsaved edits, and edits an earlier
session left unsaved are offered back.
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from rehab.domain.findings import Finding, Severity
from rehab.domain.protocol import Protocol
from rehab.session import EditSession
from rehab.storage.atomic import ChangedOnDisk
from rehab.storage.protocol_paths import PathProblem
from rehab.tui.dialogs.confirm import ConfirmDialog, UnsavedDialog
from rehab.tui.screens.protocol_view import ProtocolView
from rehab.tui.text import tell
from rehab.tui.widgets.protocol_tree import ProtocolTree


def _short(finding: Finding) -> str:
    """ "contraindicated (donkey-calf-raise, phase 2)": what and where, for a one-line note."""
    where = [w for w in (finding.exercise, f"phase {finding.phase}" if finding.phase else "") if w]
    return f"{finding.code.value} ({', '.join(where)})" if where else finding.code.value


class SavingActions(ProtocolView):
    """Save, reload, close, undo and redo, and the offer to restore unsaved edits."""

    @work
    async def offer_recovery(self) -> None:
        """Offer back edits an earlier session did not save (a crash, a closed terminal)."""
        recovered = self.session.pending_recovery()
        if recovered is None:
            return
        if await self.app.push_screen_wait(
            ConfirmDialog(
                f"Unsaved edits to {self.session.path.name} from an earlier session were found "
                "(the app closed without saving). Restore them? They stay unsaved until you "
                "press ctrl+s.",
                "Restore",
                "Discard them",
                detail=self._changes_from_file(recovered),
                default_yes=True,
            )
        ):
            self.apply(recovered)
            tell(self, "Edits restored; review them, then save with ctrl+s.")
        else:
            self.session.discard_recovery()

    def _changes_from_file(self, recovered: Protocol) -> str:
        """The clinical diff from the file to the recovered draft, one change a line."""
        from rehab.domain.diff import diff_protocols

        saved = self.session.saved
        changes = diff_protocols(saved, recovered, library=self.context.library).changes
        if not changes:
            return "The edits change nothing clinically (layout only)."
        shown = [f"- {c.text}" for c in changes[:12]]
        if len(changes) > 12:
            shown.append(f"... and {len(changes) - 12} more")
        return "The edits:\n" + "\n".join(shown)

    # -- saving, reloading, leaving ----------------------------------------------------------

    async def save(self) -> bool:
        """Save, asking first when that would drop comments or overwrite someone else's change."""
        session = self.session
        if session.protocol is None:
            self._editable()
            return False
        if session.comment_lines:
            lines = ", ".join(str(n) for n in session.comment_lines[:5])
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"{session.path.name} has hand-written comments (line {lines}) that saving "
                    "would drop. Keep clinician-only remarks in Details > Clinician-only notes "
                    "instead. Save and drop the comments?",
                    "Save anyway",
                    "Do not save",
                )
            ):
                return False
        try:
            written = session.save()
        except ChangedOnDisk:
            if not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"{session.path.name} changed on disk since you opened it (a git pull or "
                    "another editor?). Overwrite it with your version? (No keeps both: press r "
                    "later to see theirs, after saving yours elsewhere.)",
                    "Overwrite",
                    "Do not save",
                )
            ):
                return False
            try:
                written = session.save(overwrite=True)
            except OSError as exc:
                return self._save_failed(exc)
        except OSError as exc:
            return self._save_failed(exc)
        self.refresh_view(self.query_one(ProtocolTree).target)
        tell(self, self._saved_message(written))
        return True

    def _saved_message(self, written: Path) -> str:
        """ "Saved x.toml", and when errors remain, how many and what they are.

        The file name only: a long path wrapped in the notification broke the name apart.
        """
        errors = [f for f in self.session.findings() if f.severity is Severity.ERROR]
        if not errors:
            return f"Saved {written.name}"
        count = "1 error remains" if len(errors) == 1 else f"{len(errors)} errors remain"
        named = list(dict.fromkeys(_short(f) for f in errors))
        shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        return (
            f"Saved {written.name}; {count}: {shown}. Press f to see them; "
            "no handout until they are fixed."
        )

    def _save_failed(self, exc: OSError) -> bool:
        tell(
            self,
            (
                f"Not saved: {self.session.path}: {exc.strerror or exc}. Your edits are still "
                "here; fix the problem and press ctrl+s again."
            ),
            severity="error",
            timeout=10,
        )
        return False

    @work
    async def action_save(self) -> None:
        await self.save()

    async def settle_unsaved(self) -> bool:
        """True when it is fine to leave: nothing unsaved, saved now, or discarded by choice."""
        if not self.session.dirty:
            return True
        choice = await self.app.push_screen_wait(UnsavedDialog(self.session.path.name))
        if choice == "save":
            return await self.save()
        if choice == "discard":
            self.session.discard_recovery()
            return True
        return False

    @work
    async def action_close(self) -> None:
        if await self.settle_unsaved():
            self.dismiss()

    @work
    async def action_reload(self) -> None:
        if self.session.dirty and not await self.app.push_screen_wait(
            ConfirmDialog(
                "Reload the file from disk and lose your unsaved changes?", "Reload", "Keep editing"
            )
        ):
            return
        if self.session.is_new:
            tell(self, "This protocol has not been saved yet; there is nothing to reload.")
            return
        try:
            self.session = EditSession.open(self.session.path, self.context)
        except PathProblem as exc:
            tell(self, str(exc), severity="error")
            return
        self.refresh_view()

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_view(self.query_one(ProtocolTree).target)
        else:
            tell(self, "Nothing to undo.")

    def action_redo(self) -> None:
        if self.session.redo():
            self.refresh_view(self.query_one(ProtocolTree).target)
        else:
            tell(self, "Nothing to redo.")
