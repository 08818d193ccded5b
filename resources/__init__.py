"""Data shipped with the program: practice profiles, fonts, the Word template. No code.

This folder stays top-level in the repository; pyproject.toml installs it as
``efh_desktop.resources`` so that efh_desktop.paths finds it with importlib.resources whether the
program is installed from a wheel, installed editable or frozen by PyInstaller.
"""
