"""The schema migrations (Alembic). No code is imported from here; Alembic reads the files.

This folder stays top-level in the repository; pyproject.toml installs it as ``efh_desktop.db`` so
that efh_desktop.paths finds it with importlib.resources whether installed, editable or frozen.
"""
