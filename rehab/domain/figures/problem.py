"""A problem found in a figure: the key to change and what is wrong, in the clinician's
terms (shared by the checks of the whole figure and of its feet)."""

from __future__ import annotations

from dataclasses import dataclass

from rehab.domain.findings import format_loc

Loc = tuple[str | int, ...]

TOLERANCE = 2.5
"""cm: how far a foot may float above, or a point sink below, a surface and still touch it."""


@dataclass(frozen=True)
class FigureProblem:
    """One thing wrong with a figure: the key path (under the entry) and the reason."""

    loc: Loc
    message: str

    @property
    def field(self) -> str:
        """The key path as other findings spell it: ``figure.props[1]``."""
        return format_loc(self.loc) or ""


def words(name: str) -> str:
    """A body point in words: ``working-heel`` is "working leg's heel"."""
    return (
        name.replace("-", " ").replace("working", "working leg's").replace("other", "other leg's")
    )
