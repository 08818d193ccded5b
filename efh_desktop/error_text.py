"""One sentence for any error, safe to show or log: never the values involved (they may be case
data or secrets), only our own messages or the kind of failure."""

from __future__ import annotations


def user_message(exc: BaseException) -> str:
    from efh_desktop.atomic_write import WriteRefused, is_disk_full
    from efh_desktop.domain.profile import ProfileError
    from efh_desktop.domain.text_rules import TextRejected
    from efh_desktop.paths import MissingPackageData
    from efh_desktop.services.context import ServiceError
    from efh_desktop.store.errors import StoreError

    ours = StoreError | ServiceError | TextRejected | ProfileError | WriteRefused | MissingPackageData
    if isinstance(exc, ours) or type(exc).__name__ == "ServiceErrorLine":
        return str(exc)
    if is_disk_full(exc):
        # Said before anything else: "damaged, restore a backup" would make the user lose data.
        return ("The disk is full: the last change was not saved, but nothing saved has been lost. Free some "
                "space and try again.")
    if isinstance(exc, OSError):
        return f"{exc.strerror or 'a file could not be used'}: {exc.filename or ''}".rstrip(": ")
    text = str(exc).lower()
    # The database's own guards (schema 0010): a code path that forgot the services' check.
    if "finalised minutes are not changed" in text:
        return "This meeting has been finalised; record a correction as an amendment. Nothing was changed."
    if "audit events are never changed" in text:
        return "The audit trail cannot be changed or deleted. Nothing was changed."
    if "database is locked" in text or "database is busy" in text:
        # Past the busy timeout (store/engine.py): another window or command is writing. Not damage.
        return ("The database is busy: another EFH Desktop window or command is using it, so this was not saved "
                "or done; nothing saved has been lost. Try again in a moment.")
    if "malformed" in text or "not a database" in text:
        return ("The database is damaged. Nothing further was changed. Run “efh-desktop check”, and restore "
                "from a backup if it reports a problem.")
    return (f"Unexpected error ({type(exc).__name__}); nothing further was changed. If it happens again, "
            "please report it with the time it happened.")
