"""One sentence for any error, safe to show or log: never the values involved (they may be case
data or secrets), only our own messages or the kind of failure."""

from __future__ import annotations


def user_message(exc: BaseException) -> str:
    from efh_desktop.domain.profile import ProfileError
    from efh_desktop.domain.text_rules import TextRejected
    from efh_desktop.paths import MissingPackageData
    from efh_desktop.services.context import ServiceError
    from efh_desktop.store.errors import StoreError

    ours = StoreError | ServiceError | TextRejected | ProfileError | MissingPackageData
    if isinstance(exc, ours) or type(exc).__name__ == "ServiceErrorLine":
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or 'a file could not be used'}: {exc.filename or ''}".rstrip(": ")
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return ("The database is damaged. Nothing further was changed. Run “efh-desktop check”, and restore "
                "from a backup if it reports a problem.")
    return (f"Unexpected error ({type(exc).__name__}); nothing further was changed. If it happens again, "
            "please report it with the time it happened.")
