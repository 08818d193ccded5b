"""`python -m efh_desktop` runs the same entry point as the `efh-desktop` console script."""

import sys

from efh_desktop.cli import main

sys.exit(main())
