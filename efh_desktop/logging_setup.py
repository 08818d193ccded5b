"""Logging for support, never for case data.

Log lines carry events and error class names only. Values typed by users (names, notes) and
secrets must never be passed to a logger; a test writes marker strings through the services and
checks the log file for them.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from efh_desktop.paths import LOG_DIRNAME, ensure_private_dir


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log is for support, best effort: when it cannot be written (a full disk), the user must
    see our one-line message, not logging's own traceback on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    log_dir = ensure_private_dir(Path(data_dir) / LOG_DIRNAME)
    log_file = log_dir / "efh-desktop.log"
    handler = _LogFile(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_efh", False)]:
        root.removeHandler(old)
        old.close()
    handler._efh = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Third-party loggers can echo SQL with bound values (case data): keep them quiet.
    for noisy in ("sqlalchemy", "alembic", "keyring"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return log_file
