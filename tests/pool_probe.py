"""Run in a spawn export worker by tests/test_render_pool_batch.py: which GUI modules the worker
has loaded after rendering. Imports nothing itself, so it cannot bring Qt in."""

from __future__ import annotations

import sys


def gui_modules_after(job, base_pdf) -> list[str]:
    from efh_desktop.export import render_pool

    render_pool._warm()
    render_pool.render_job(job, base_pdf)
    return sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "efh_desktop.gui")))
