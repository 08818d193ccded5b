"""What the review item of a Safer Options meeting shows under its title: every intervention on the
meeting's places and groups since the last meeting about them, with its outcome, and the question
for the group (issue 16)."""

from __future__ import annotations

from efh_desktop.domain.uk_dates import format_date
from efh_desktop.services.app_services import Services


def review_text(services: Services, meeting_id: int, *, limit: int = 8) -> str:
    items = services.history.interventions_for_review(meeting_id)
    lines = [services.history.review_heading(meeting_id)]
    lines += [f"• {format_date(i.when)}: {i.text} — {i.impact}" for i in items[:limit]]
    if len(items) > limit:
        lines.append(f"… and {len(items) - limit} more (Ecomap and impact, Alt+0)")
    return "\n".join(lines)
