"""Entry point of the frozen bundle (both executables): the same main() as the efh-desktop script.

Kept outside the package so PyInstaller freezes the installed efh_desktop, never the checkout.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # First, before anything else: an export render worker (efh_desktop/export/render_pool.py)
    # is this executable started again by multiprocessing; freeze_support() runs the worker and
    # exits, instead of opening a second window.
    multiprocessing.freeze_support()
    from efh_desktop.cli import main

    sys.exit(main())
