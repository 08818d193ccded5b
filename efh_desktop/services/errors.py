"""Every error the interface may catch from a use case, in one place above the store.

The GUI may not import ``store/`` (an import-linter contract in pyproject.toml), yet unlocking,
sealing a meeting file or taking the data folder's lock can fail with the store's own errors, whose
``str()`` is already a sentence for the user. They are re-exported here, beside the services' own.
"""

from __future__ import annotations

from efh_desktop.services.context import DiskFullNotSaved, NotFound, ServiceError
from efh_desktop.store.errors import KeyringUnavailable, SealPassphraseWrong, StoreError
from efh_desktop.store.folder_lock import FolderInUse

__all__ = ["DiskFullNotSaved", "FolderInUse", "KeyringUnavailable", "NotFound", "SealPassphraseWrong",
           "ServiceError", "StoreError"]
