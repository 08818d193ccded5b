"""Logging for support, never for case data.

Log lines carry events and error class names only. Values typed by users (names, notes) and
secrets must never be passed to a logger; a test writes marker strings through the services and
checks the log file for them.

Crash reports follow the same rule. A traceback in the log names each frame's file, line and
function and the exception's class, never its message (``str(exc)`` can quote a note, a name or a
SQL parameter) and never local values. A hard crash (a segfault in Qt or SQLCipher) is written by
faulthandler to ``crash.log`` in the same folder: it too holds only files, lines and functions.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import threading
import traceback
from pathlib import Path
from types import TracebackType

from efh_desktop.paths import LOG_DIRNAME, ensure_private_dir

CRASH_FILENAME = "crash.log"
_crash_file = None  # kept open for faulthandler, which writes to its descriptor when the process dies


class FramesOnlyFormatter(logging.Formatter):
    """Formats exceptions as frames (file, line, function) and class names only."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's API
        return "\n".join(frames_only(ei[1]))

    def format(self, record: logging.LogRecord) -> str:
        # Another handler's formatter may already have cached the full traceback (with the message)
        # on the record; never reuse it.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's API
        # Stack text holds source lines; keep only the "File …, line …, in …" lines.
        return "\n".join(line for line in stack_info.splitlines() if line.lstrip().startswith("File "))


def frames_only(exc: BaseException | None) -> list[str]:
    """Traceback lines without the message or source text, following causes and contexts."""
    lines: list[str] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged)")
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in traceback.extract_tb(exc.__traceback__)]
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        if exc is not None:
            lines.append("while handling or caused by:")
    return lines


def log_unhandled(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                  where: str = "unhandled") -> None:
    if exc is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    logging.getLogger("efh_desktop.crash").error("%s %s", where, exc_type.__name__, exc_info=(exc_type, exc, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is not SystemExit:
        log_unhandled(args.exc_type, args.exc_value, args.exc_traceback, where="unhandled in a thread:")


def _enable_faulthandler(log_dir: Path) -> Path:
    global _crash_file
    path = log_dir / CRASH_FILENAME
    old, _crash_file = _crash_file, os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a")
    faulthandler.enable(file=_crash_file, all_threads=True)
    if old is not None:
        old.close()
    return path


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log is for support, best effort: when it cannot be written (a full disk), the user must
    see our one-line message, not logging's own traceback on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def start_logging(data_dir: Path, *, verbose: bool = False) -> str:
    """``configure_logging`` for the window and the commands: the log is for support, so a log folder
    that cannot be used (a file where it belongs, no permission, a full disk) must not stop anyone
    opening their store. Returns "" or one sentence saying the program carries on without a log."""
    try:
        configure_logging(data_dir, verbose=verbose)
    except OSError as exc:
        why = (exc.strerror or type(exc).__name__).lower()
        return (f"The log folder {Path(data_dir) / LOG_DIRNAME} could not be used ({why}), so this session "
                "keeps no log; nothing else is affected.")
    return ""


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    log_dir = ensure_private_dir(Path(data_dir) / LOG_DIRNAME)
    log_file = log_dir / "efh-desktop.log"
    handler = _LogFile(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    try:
        _enable_faulthandler(log_dir)
    except OSError:
        handler.close()  # nothing half-configured: no file handler without its crash file either
        raise
    handler.setFormatter(FramesOnlyFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
    threading.excepthook = _thread_hook
    return log_file
