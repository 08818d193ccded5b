"""One flag between the start-up's two threads (issue 17): the window's first paint has happened.

The early unlock (cli.py) derives the key (Argon2id, two lanes) and imports the data stack
(SQLAlchemy, SQLModel, SQLCipher) only after the first window is painted (gui/startup_shell.py sets
this), so neither competes with Qt's loading and the paint for the laptop's cores. Standard library only.
"""

from __future__ import annotations

import threading

first_paint = threading.Event()

# Longest the unlock thread waits for the paint: a window that cannot paint (no display, an error
# dialog first) must not hold the store's opening back for ever.
WAIT_SECONDS = 3.0
