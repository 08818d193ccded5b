"""Entry point of the frozen bundle (both executables): the same main() as the efh-desktop script.

Kept outside the package so PyInstaller freezes the installed efh_desktop, never the checkout.
"""

import sys

from efh_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
