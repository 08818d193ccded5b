"""Helpers for tests that write disclosure copies: decide every point as the manager, then approve
as a second person, through the same services the window uses."""

from __future__ import annotations


def decide_and_approve(services, meeting_id: int, plan_again, *, decision: str = "mask",
                       basis: str = "third_party", approver: str = "Ngozi Achterberg"):
    """Decide every open point of every disclosure copy in ``plan_again()`` and approve each; returns
    the plan made after, ready to write."""
    review = services.disclosure_review
    plan = plan_again()
    for copy in plan.copies:
        if copy.kind != "disclosure":
            continue
        items = [(s.key, decision, "", "checked in test") for s in copy.suspects if not s.decision]
        items += [(w.key, "withhold", basis, "checked in test") for w in copy.withheld if not w.basis]
        if items:
            review.decide_many(meeting_id, copy.subject_id, items)
    plan = plan_again()
    for copy in plan.copies:
        if copy.kind == "disclosure" and not copy.approved_by:
            assert copy.open_points == 0
            review.approve(meeting_id, copy.subject_id, copy.digest, approver=approver, role="Service Manager")
    plan = plan_again()
    assert all(c.ready for c in plan.copies)
    return plan
