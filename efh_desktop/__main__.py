"""`python -m efh_desktop` runs the same entry point as the `efh-desktop` console script."""

import sys

if __name__ == "__main__":
    # Guarded: an export worker (export/render_pool.py, "spawn") imports this module as __mp_main__,
    # and must not start a second window.
    import multiprocessing

    multiprocessing.freeze_support()
    from efh_desktop.cli import main

    sys.exit(main())
