"""What may show on a shared screen (the chair view): agenda titles with each child of the meeting
shown by initials, as the agenda that leaves the laptop does. Full names only when the chair asks,
from the main window the room does not see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from efh_desktop.export.name_masking import ChildMasker, unique_initials

if TYPE_CHECKING:
    from efh_desktop.services.app_services import Services


class SharedScreenService:
    def __init__(self, services: Services) -> None:
        self._services = services

    def masker(self, meeting_id: int) -> ChildMasker | None:
        """Replaces the meeting's children's names and aliases with initials; None when it has no child."""
        children = [s for s in self._services.meetings.subjects(meeting_id) if s.kind == "child"]
        if not children:
            return None
        replacements = unique_initials(c.name for c in children)
        return ChildMasker([(c.name, tuple(c.aliases or ()), r) for c, r in zip(children, replacements, strict=True)],
                           name_parts=True)

    def titles(self, meeting_id: int, texts: Iterable[str], *, full_names: bool = False) -> list[str]:
        """``texts`` as the shared screen shows them: initials unless ``full_names``."""
        texts = list(texts)
        masker = None if full_names else self.masker(meeting_id)
        return texts if masker is None else [masker(t) for t in texts]
