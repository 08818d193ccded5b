"""The `efh-desktop` command: the window by default, and headless commands over the same services.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from efh_desktop import APP_NAME, __version__

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM = 0, 1  # argparse itself exits with 2 on a usage error
FORCE_HELP = "replace files that are already there (without it, nothing is ever overwritten)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="efh-desktop",
        description=f"{APP_NAME}: chair, minute and export multi-agency extra-familial harm meetings.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="folder for the encrypted database (default: your user "
                        "data folder; EFH_DATA_DIR also sets it)")
    parser.add_argument("--profile", type=Path, help="a council's practice profile (TOML) instead of the default")
    parser.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file (headless use; "
                        "EFH_PASSPHRASE also works)")
    parser.add_argument("--demo", action="store_true", help="open the demo database with fictional data "
                        "(kept apart from real case data)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="load the fictional demo data (headless)")
    sub.add_parser("meetings", help="list meetings: id, type, date, status")
    sub.add_parser("check", help="check the database: cipher integrity, quick check, schema version")
    backup = sub.add_parser("backup", help="write a verified encrypted backup")
    backup.add_argument("--out", type=Path, required=True, help="backup file to create")
    backup.add_argument("--force", "--overwrite", action="store_true", help=FORCE_HELP)
    export = sub.add_parser("export", help="write the minutes (full, a record copy per child, disclosure copies)")
    export.add_argument("--meeting", type=int, required=True, help="the meeting's id (see: efh-desktop meetings)")
    export.add_argument("--out", type=Path, required=True, help="an existing folder for the files")
    export.add_argument("--format", default="pdf", help="pdf, docx, txt, or several: pdf,docx (default pdf)")
    export.add_argument("--per-child", action="store_true", help="also a record copy for each child")
    export.add_argument("--disclosure-for", action="append", default=[], metavar="CHILD",
                        help="a disclosure copy for this child (id, LCS/EHM identifier or exact name); repeatable. "
                             "Written on its own, without the full minutes (they name every child)")
    export.add_argument("--force", "--overwrite", action="store_true", help=FORCE_HELP)
    export.add_argument("--decisions", type=Path, metavar="FILE",
                        help="the manager's decisions on a disclosure copy's review points (JSON: see docs/redaction.md)")
    export.add_argument("--approved-by", metavar="NAME", help="the second person (a senior manager) approving "
                        "the disclosure copies as reviewed; needs --approver-role")
    export.add_argument("--approver-role", metavar="ROLE", default="", help="the approver's role")
    rlog = sub.add_parser("redaction-log", help="write a meeting's redaction log as CSV")
    rlog.add_argument("--meeting", type=int, required=True)
    rlog.add_argument("--out", type=Path, required=True)
    rlog.add_argument("--force", "--overwrite", action="store_true", help=FORCE_HELP)
    mexport = sub.add_parser("meeting-export", help="write one whole meeting to a file for another laptop")
    mexport.add_argument("--meeting", type=int, required=True, help="the meeting's id (see: efh-desktop meetings)")
    mexport.add_argument("--out", type=Path, required=True, help="file to write")
    mexport.add_argument("--force", "--overwrite", action="store_true", help=FORCE_HELP)
    mexport.add_argument("--seal", action="store_true", help="seal the file with a passphrase, read from "
                         "EFH_SEAL_PASSPHRASE (recommended: the file otherwise holds case data in plain text)")
    mimport = sub.add_parser("meeting-import", help="bring in a meeting written by meeting-export")
    mimport.add_argument("file", type=Path)
    shots = sub.add_parser("screenshots", help="render the main views with demo data to PNG files")
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument("--force", "--overwrite", action="store_true", help=FORCE_HELP)
    return parser


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from efh_desktop.paths import default_data_dir

    explicit = args.data_dir or (Path(os.environ["EFH_DATA_DIR"]) if os.environ.get("EFH_DATA_DIR") else None)
    if explicit is not None:
        return explicit.expanduser()
    base = default_data_dir()
    # Demo data never goes into the folder that holds real case data.
    wants_demo = args.demo or args.command == "demo"
    return base.with_name(base.name + " Demo") if wants_demo else base


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_until_logging_is_set_up()
    if os.name == "posix":
        # Everything this process creates (database, WAL, logs, backups) is for this user only.
        os.umask(0o077)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return EXIT_PROBLEM
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the one place that turns errors into a clear line
        print(f"efh-desktop: {_message(exc)}", file=sys.stderr)
        # Frames only (logging_setup's formatter): where it failed, never the message's values.
        log.error("command failed: %s", type(exc).__name__, exc_info=True)
        return EXIT_PROBLEM


def _quiet_until_logging_is_set_up() -> None:
    """Until configure_logging runs, Python's last-resort handler would print log records on stderr,
    a stray second line after the one clear message; a handler on the root logger stops that."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())


def _warn_if_readable_by_others(path: Path | None) -> None:
    """As ssh does for a private key: a passphrase file others can read is worth saying so."""
    if path is None or os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # unlocking reports a file it cannot read
    if mode & 0o077:
        print(f"efh-desktop: warning: {path} is readable by other users; chmod 600 it.", file=sys.stderr)


def _message(exc: Exception) -> str:
    from efh_desktop.error_text import user_message

    return user_message(exc)


def _load_profile(args: argparse.Namespace, data_dir: Path, *, quiet: bool = False):
    from efh_desktop.domain.profile import ProfileError, load_profile
    from efh_desktop.settings import Settings

    settings = Settings.load(data_dir)
    for problem in () if quiet else (*settings.policy.problems, *filter(None, [settings.problem])):
        print(f"efh-desktop: note: {problem}", file=sys.stderr)  # stderr: scripts read stdout
    try:
        return load_profile(settings.profile_file(args.profile)), settings
    except ProfileError as exc:
        if settings.policy.profile is None:
            raise
        raise ServiceErrorLine(settings.profile_problem(exc)) from None


def _dispatch(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args)
    if args.command is None:
        # The window's folder lock comes before anything opens the store, even the early unlock.
        folder_lock = _window_lock(data_dir)
        # Taken out of the environment at once: the window's process lives for the whole session and
        # anything it starts (a PDF viewer, a file manager) would inherit the passphrase.
        passphrase = os.environ.pop("EFH_PASSPHRASE", None) or None
        early = (_start_early_unlock(args, data_dir, passphrase) if not isinstance(folder_lock, Exception)
                 else None)
        from efh_desktop.gui.app import run_gui

        return run_gui(data_dir=data_dir, profile_path=args.profile, demo=args.demo, early_unlock=early,
                       folder_lock=folder_lock, env_passphrase=None if early else passphrase)
    if args.command == "screenshots":
        from efh_desktop.gui.screenshots import render_screenshots

        paths = render_screenshots(args.out, profile_path=args.profile, overwrite=args.force,
                                   protected_dir=data_dir)
        for path in paths:
            print(path)
        return EXIT_OK

    from efh_desktop.logging_setup import start_logging
    from efh_desktop.paths import ensure_private_dir
    from efh_desktop.services.unlock_service import UnlockService
    from efh_desktop.store.vault import StoreLocation, StoreState

    # Before anything is written (even a log folder): a mistyped --data-dir changes nothing.
    if args.command != "demo" and StoreLocation(data_dir).state() is StoreState.NEW:
        print(f"efh-desktop: There is no EFH Desktop database in {data_dir}. Check --data-dir (or EFH_DATA_DIR); "
              "nothing has been created.", file=sys.stderr)
        return EXIT_PROBLEM
    ensure_private_dir(data_dir)
    log_problem = start_logging(data_dir)
    if log_problem:
        print(f"efh-desktop: note: {log_problem}", file=sys.stderr)  # stderr: scripts read stdout
    profile, settings = _load_profile(args, data_dir)
    _warn_if_readable_by_others(args.passphrase_file)
    services = UnlockService(data_dir, profile, settings.actor()).unlock_headless(
        args.passphrase_file, create_if_new=args.command == "demo")
    for note in services.recovery_notes:  # stderr: scripts read stdout
        print(f"efh-desktop: note: {note}", file=sys.stderr)
    try:
        return _run_command(args, services)
    finally:
        services.lock()


def _window_lock(data_dir: Path):  # a FolderLock, or the error to show in the window
    from efh_desktop.paths import ensure_private_dir
    from efh_desktop.store.errors import StoreError
    from efh_desktop.store.folder_lock import FolderLock
    from efh_desktop.store.store_kinds import check_kinds  # light: the data stack comes after the first paint

    try:
        check_kinds(data_dir)  # a file where the folder belongs: say so, plainly
        ensure_private_dir(data_dir)
        return FolderLock.acquire(data_dir)
    except (StoreError, OSError) as exc:
        return exc


def _start_early_unlock(args: argparse.Namespace, data_dir: Path, passphrase: str | None):
    """With EFH_PASSPHRASE set (automation, benchmarks) on an existing store, unlock while the window
    loads. All of it runs in a thread, once the first window is painted (issue 17: the first paint
    waits for neither): Argon2id (needing only the key header module; it releases the GIL) while the
    main thread imports the data stack and the main window, then the database is opened. Returns a Future of Services, or None when the window must
    ask (it then reports any problem itself); a failure in the thread is a StoreError, so the window
    asks for the passphrase instead.
    """
    if not passphrase:
        return None
    from efh_desktop.background_work import submit
    from efh_desktop.paths import DB_FILENAME, HEADER_FILENAME
    from efh_desktop.store.key_header import KeyHeader

    if not (data_dir / DB_FILENAME).exists() or not (data_dir / HEADER_FILENAME).exists():
        return None
    try:
        header = KeyHeader.load(data_dir / HEADER_FILENAME)
    except Exception:  # noqa: BLE001 - the window explains a damaged header
        return None

    def unlock():  # Services
        from efh_desktop.startup_gate import WAIT_SECONDS, first_paint
        from efh_desktop.store.errors import StoreError

        # Argon2id (two lanes: both cores of a small laptop) after the first paint, beside the main
        # thread's import of the data stack and the window, not beside Qt's loading and the paint.
        first_paint.wait(WAIT_SECONDS)
        key = header.unwrap(passphrase)  # releases the GIL
        try:
            from efh_desktop.services.unlock_service import UnlockService

            profile, settings = _load_profile(args, data_dir, quiet=True)  # the window says them
            unlocker = UnlockService(data_dir, profile, settings.actor())
        except Exception as exc:
            raise StoreError("The early unlock could not start.") from exc
        return unlocker.unlock_with_key(header, key)

    # On the window's own background pool (background_work.py), started before Qt is even imported.
    return submit(unlock)


def _export(args: argparse.Namespace, services) -> int:
    children = [s for s in services.meetings.subjects(args.meeting) if s.kind == "child"]
    wanted = []
    for text in args.disclosure_for:
        match = [c for c in children if text in (str(c.id), c.lcs_id, c.ehm_id, c.name)]
        if len(match) != 1:
            raise ServiceErrorLine(f"No single child of meeting {args.meeting} matches {text!r} (use the id or "
                                   "LCS/EHM identifier).")
        wanted.append(match[0].id)
    missing = services.profile.missing_type_warning(services.meetings.get(args.meeting).type_key)
    if missing:
        print(f"efh-desktop: warning: {missing}", file=sys.stderr)
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    review = services.disclosure_review
    if args.decisions is not None:
        for child_id, items in review.load_decisions_file(args.meeting, args.decisions).items():
            if child_id not in wanted:
                raise ServiceErrorLine(f"The decisions file names child {child_id}, which is not one of the "
                                       "disclosure copies asked for.")
            review.decide_many(args.meeting, child_id, items)

    if wanted and args.per_child:
        raise ServiceErrorLine("A disclosure copy is written on its own, to a folder of its own: the record copies "
                               "name every child. Run the export twice: --per-child to one folder, "
                               "--disclosure-for to another.")

    def make_plan():
        # With --disclosure-for only the disclosure copies: the full minutes name every child, and the
        # folder a family's copy is given from must hold nothing else (services/minutes_files_service.py).
        return services.minutes_files.plan(args.meeting, args.out, formats, full=not wanted,
                                           per_child=args.per_child, disclosure_for=wanted, overwrite=args.force)

    plan = make_plan()
    undecided = [c for c in plan.copies if c.kind == "disclosure" and c.open_points]
    if undecided:
        for copy in undecided:
            _print_review(copy, services.profile.redaction_bases)
        print(f"Nothing written: decide every point (a decisions file, --decisions), then a second person "
              f"approves (--approved-by). {sum(c.open_points for c in undecided)} point(s) open.", file=sys.stderr)
        return EXIT_PROBLEM
    unapproved = [c for c in plan.copies if c.kind == "disclosure" and not c.approved_by]
    if unapproved and args.approved_by:
        for copy in unapproved:
            review.approve(args.meeting, copy.subject_id, copy.digest, approver=args.approved_by,
                           role=args.approver_role)
        plan = make_plan()
    elif unapproved:
        for copy in unapproved:
            print(f"{copy.stem}: every point decided; waiting for a second person's approval.")
        print("Nothing written: a second person (a senior manager) approves each disclosure copy "
              "(--approved-by NAME --approver-role ROLE).", file=sys.stderr)
        return EXIT_PROBLEM
    for path in services.minutes_files.write(plan, reason="Subject access request" if wanted else ""):
        print(path)
    return EXIT_OK


def _print_review(copy, bases) -> None:
    """One copy's open points, grouped under the copy they belong to (the review screen's data)."""
    print(f"Disclosure copy {copy.stem} (child {copy.subject_id}): {copy.open_points} point(s) to decide")
    for s in copy.suspects:
        if not s.decision:
            print(f"  suspect {s.key}: “{s.word}”: {s.reason}\n    in {s.where}: {s.sentence}\n"
                  f"    mask gives “{s.proposal}”; decide mask or keep")
    for w in copy.withheld:
        if not w.basis:
            print(f"  withheld {w.key}: a note not for the family ({w.agency or 'agency not recorded'}): "
                  f"{w.excerpt}\n    decide withhold with a basis: {', '.join(bases)}")


class ServiceErrorLine(Exception):
    """A one-line refusal from the command line itself."""


def _run_command(args: argparse.Namespace, services) -> int:
    from efh_desktop.domain.uk_dates import format_datetime

    if args.command == "demo":
        from efh_desktop.services.demo_service import load_demo

        loaded = load_demo(services)
        print("Demo data loaded." if loaded else "Demo data is already there; nothing changed.")
        return EXIT_OK
    if args.command == "meetings":
        rows = services.meetings.list()
        if not rows:
            print("No meetings yet.")
        for row in rows:
            print(f"{row.id}\t{row.type_name}\t{format_datetime(row.starts_at)}\t{row.status_label}")
        return EXIT_OK
    if args.command == "check":
        report = services.check()
        for line in report.lines():
            print(line)
        return EXIT_OK if report.ok else EXIT_PROBLEM
    if args.command == "backup":
        counts = services.backup(args.out, overwrite=args.force)
        print(f"Backup written and verified: {args.out} ({sum(counts.values()):,} rows); "
              f"its key file: {args.out.name}.keyheader")
        return EXIT_OK
    if args.command == "export":
        return _export(args, services)
    if args.command == "redaction-log":
        print(services.minutes_files.export_redaction_log(args.meeting, args.out, overwrite=args.force))
        return EXIT_OK
    if args.command in ("meeting-export", "meeting-import"):
        from efh_desktop.services.interchange_service import InterchangeService

        interchange = InterchangeService(services.ctx)
        seal = os.environ.get("EFH_SEAL_PASSPHRASE") or None
        if args.command == "meeting-export":
            if args.seal and not seal:
                raise ServiceErrorLine("Set EFH_SEAL_PASSPHRASE to seal the file.")
            path = interchange.export(args.meeting, args.out, passphrase=seal if args.seal else None,
                                      overwrite=args.force)
            print(f"Meeting {args.meeting} written to {path}" + (" (sealed)." if args.seal else
                  " (not sealed: it holds case data in plain text; keep it safe and delete it after import)."))
            return EXIT_OK
        meeting_id, imported = interchange.import_file(args.file, passphrase=seal)
        print(f"Meeting imported as {meeting_id}." if imported else
              f"This meeting is already here (id {meeting_id}); nothing changed.")
        return EXIT_OK
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
