"""The protocol screen's edits: dose, add, remove, move and swap what is under the cursor.

Dialogs gather input and the domain's edit functions decide whether it is valid; each result
goes through `apply`, so it is checked at once and ctrl+z undoes it. Multi-step flows (pick an
exercise, then dose it) are async workers awaiting dialogs.
"""

from __future__ import annotations

from textual import on, work
from textual.widgets import Tree

from rehab.domain import editing
from rehab.domain.editing import EditRejected
from rehab.domain.protocol import Protocol
from rehab.tui.dialogs.choice import ChoiceDialog
from rehab.tui.dialogs.conditions import ConditionsDialog
from rehab.tui.dialogs.confirm import ConfirmDialog
from rehab.tui.dialogs.details import DetailsDialog
from rehab.tui.dialogs.dosage import DosageDialog
from rehab.tui.dialogs.exercise_picker import ExercisePicker
from rehab.tui.dialogs.phase import PhaseDialog
from rehab.tui.screens.protocol_view import ProtocolView
from rehab.tui.text import clean, tell
from rehab.tui.widgets.protocol_tree import ProtocolTree, Target


class EditActions(ProtocolView):
    """The key actions that change the protocol's structure and doses."""

    @on(Tree.NodeSelected, "#structure")
    def _node_selected(self, event: Tree.NodeSelected[Target]) -> None:
        event.stop()
        self.action_edit()

    @work
    async def action_edit(self) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "details":
            result = await self.app.push_screen_wait(DetailsDialog(protocol))
            if result is not None:
                self.apply(result, target)
        elif target.kind == "conditions":
            self.action_conditions()
        elif target.kind == "phase":
            phase = protocol.phases[target.phase]
            result = await self.app.push_screen_wait(PhaseDialog(protocol, target.phase, phase))
            if result is not None:
                self.apply(result, target)
        elif target.kind == "exercise":
            dosed = await self._dose(protocol, target)
            if dosed is not None:
                self.apply(dosed, target)
        elif target.kind == "empty":
            await self.action_add_phase()
        elif target.kind == "acknowledgement":
            ack = protocol.acknowledged[target.index]
            tell(self, f"Reason: {ack.reason}", title="Acknowledged", timeout=8)

    async def _dose(self, protocol: Protocol, target: Target) -> Protocol | None:
        """Ask for the dose of the exercise at `target`; the protocol with it, None if cancelled."""
        prescription = protocol.phases[target.phase].exercises[target.index]
        exercise = self.context.library.get(prescription.exercise)
        if exercise is None:
            tell(
                self,
                f"'{clean(prescription.exercise)}' is not in the library: remove it or swap it.",
                severity="error",
            )
            return None
        where = f"phase {target.phase + 1}"
        weeks = protocol.phases[target.phase].weeks
        result = await self.app.push_screen_wait(DosageDialog(exercise, prescription, where, weeks))
        if result is None:
            return None
        return editing.replace_prescription(protocol, (target.phase, target.index), result)

    @work
    async def action_add_exercise(self, exercise_id: str | None = None) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        target = self.query_one(ProtocolTree).target
        if not protocol.phases:
            protocol, _ = editing.add_phase(protocol, "Phase 1", 2)
        phase = (
            target.phase if target is not None and target.phase >= 0 else len(protocol.phases) - 1
        )
        at = target.index + 1 if target is not None and target.kind == "exercise" else None
        if exercise_id is None:
            exercise_id = await self.app.push_screen_wait(
                ExercisePicker(self.context.library, f"phase {phase + 1}")
            )
            if exercise_id is None:
                return
        try:
            added, (p, i) = editing.add_exercise(protocol, phase, exercise_id, at)
        except EditRejected as exc:
            tell(self, str(exc), severity="error")
            return
        # Added only once its dose is applied: Esc or Cancel in the dose form means "not this
        # one", and the exercise must not stay behind with the library's dose.
        dosed = await self._dose(added, Target("exercise", p, i))
        if dosed is None:
            tell(self, f"{clean(exercise_id)} not added.")
            return
        self.apply(dosed, Target("exercise", p, i))

    async def action_add_phase(self) -> None:
        """Open the phase dialog ready for typing before the next key is handled.

        `p` is a priority binding, so the app runs this as soon as the key arrives and waits
        for it; keys typed straight after (a Tab to the weeks) find the dialog mounted with
        its first field focused. From a worker they reached the tree, or a dialog with no
        focus yet, and were lost.
        """
        protocol = self._editable()
        if protocol is None:
            return
        target = self.query_one(ProtocolTree).target
        index = (
            target.phase + 1 if target is not None and target.phase >= 0 else len(protocol.phases)
        )

        def added(result: Protocol | None) -> None:
            if result is not None:
                self.apply(result, Target("phase", index))

        dialog = PhaseDialog(protocol, index, None)
        await self.app.push_screen(dialog, added)
        if dialog.focused is None:
            dialog.set_focus(dialog.query_one("#name"))

    @work
    async def action_condition_scope(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        from rehab.tui.dialogs.condition_scope import ConditionScopeDialog

        result = await self.app.push_screen_wait(
            ConditionScopeDialog(protocol, self.context.catalog)
        )
        if result is not None:
            self.apply(result, Target("conditions"))

    @work
    async def action_conditions(self) -> None:
        protocol = self._editable()
        if protocol is None:
            return
        codes = await self.app.push_screen_wait(
            ConditionsDialog(self.context.catalog, protocol.condition_codes)
        )
        if codes is not None:
            catalog = self.context.catalog
            # A condition written under an old code keeps its side and weeks under the new one.
            kept = {catalog.canonical(e.code) or e.code: e for e in protocol.conditions}
            chosen = [
                kept[code].model_copy(update={"code": code}) if code in kept else code
                for code in codes
            ]
            self.apply(editing.set_conditions(protocol, chosen), Target("conditions"))

    def toggle_condition(self, code: str) -> None:
        """Add or remove one condition (command palette)."""
        if (protocol := self._editable()) is not None:
            self.apply(editing.toggle_condition(protocol, code), Target("conditions"))

    @work
    async def action_remove(self) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "exercise":
            name = protocol.phases[target.phase].exercises[target.index].exercise
            self.apply(
                editing.remove_exercise(protocol, (target.phase, target.index)),
                Target("exercise", target.phase, max(0, target.index - 1)),
            )
            tell(self, f"Removed {name} (ctrl+z undoes)")
        elif target.kind == "phase":
            phase = protocol.phases[target.phase]
            count = len(phase.exercises)
            if count and not await self.app.push_screen_wait(
                ConfirmDialog(
                    f"Remove phase {target.phase + 1} ({phase.name}) with its "
                    f"{count} exercise{'s' if count > 1 else ''}?",
                    "Remove",
                    "Keep",
                )
            ):
                return
            self.apply(
                editing.remove_phase(protocol, target.phase),
                Target("phase", max(0, target.phase - 1)),
            )
        elif target.kind == "acknowledgement":
            ack = protocol.acknowledged[target.index]
            if await self.app.push_screen_wait(
                ConfirmDialog(
                    f"Withdraw the acknowledgement of {ack.exercise} despite {ack.condition}?",
                    "Withdraw",
                    "Keep",
                )
            ):
                self.apply(editing.remove_acknowledgement(protocol, ack.condition, ack.exercise))
        elif target.kind == "conditions" and protocol.conditions:
            self.action_conditions()
        else:
            tell(self, "Move to a phase, an exercise or an acknowledgement to remove it.")

    def action_move(self, delta: int) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None:
            return
        if target.kind == "exercise":
            moved, (p, i) = editing.move_exercise(protocol, (target.phase, target.index), delta)
            self.apply(moved, Target("exercise", p, i))
        elif target.kind == "phase":
            moved_protocol, index = editing.move_phase(protocol, target.phase, delta)
            self.apply(moved_protocol, Target("phase", index))

    @work
    async def action_swap(self, direction: str) -> None:
        protocol = self._editable()
        target = self.query_one(ProtocolTree).target
        if protocol is None or target is None or target.kind != "exercise":
            tell(self, "Move to an exercise to swap it for a harder or easier one.")
            return
        current = self.context.library.get(
            protocol.phases[target.phase].exercises[target.index].exercise
        )
        if current is None:
            return
        ids = current.progressions if direction == "progression" else current.regressions
        choices = [e for e in (self.context.library.get(i) for i in ids) if e is not None]
        word = "harder (progression)" if direction == "progression" else "easier (regression)"
        if not choices:
            tell(self, f"{current.name} has no {word} version in the library.")
            return
        chosen = choices[0]
        if len(choices) > 1:
            picked = await self.app.push_screen_wait(
                ChoiceDialog(
                    f"Swap {current.name} for a {word} exercise:", [(e.id, e.name) for e in choices]
                )
            )
            if picked is None:
                return
            chosen = next(e for e in choices if e.id == picked)
        self.apply(editing.swap_exercise(protocol, (target.phase, target.index), chosen), target)
        tell(self, f"Swapped {current.name} for {chosen.name}")
