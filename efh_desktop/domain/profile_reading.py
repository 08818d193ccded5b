"""Typed reading of parsed TOML that collects problems instead of stopping at the first.

Profiles are edited by council staff, not programmers, so one run should report everything wrong
with a file. Each getter records a problem against a key path and returns a harmless default so
checking can carry on; whoever collected problems throws the half-built result away.
Positions in lists count from 1 (``agenda[3]``) because that is how a person counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

KEY_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

T = TypeVar("T")


def describe(value: object) -> str:
    if isinstance(value, bool):
        return f"true/false {str(value).lower()}"
    if isinstance(value, int):
        return f"whole number {value}"
    if isinstance(value, float):
        return f"number {value}"
    if isinstance(value, str):
        return f'text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def known_list(keys: Iterable[str]) -> str:
    keys = list(keys)
    shown = ", ".join(keys[:10])
    return shown + (", ..." if len(keys) > 10 else "") if keys else "none defined"


class Reader:
    """Collects (key path, detail) problems."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def fail(self, key_path: str, detail: str) -> None:
        self.problems.append((key_path, detail))


class TomlTable:
    """A TOML table at a key path, with typed getters that record problems and return defaults.

    Returning a default after recording a problem lets checking carry on, so one run reports
    everything; the half-built profile is thrown away because problems were recorded.
    """

    def __init__(
        self, reader: Reader, data: object, path: str, required: Iterable[str], optional: Iterable[str] = ()
    ):
        self.reader = reader
        self.path = path
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        if not self.ok:
            reader.fail(path, f"expected a table, got {describe(data)}")
            return
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in self.data:
                reader.fail(self.at(key), "missing required key" if self.path else "missing required section")
        for key in self.data:
            if key not in allowed:
                reader.fail(self.at(key), f"unknown key (expected one of {', '.join(sorted(allowed))})")

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, kind: type | tuple[type, ...], expected: str, default: T) -> T | Any:
        if key not in self.data:
            return default
        value = self.data[key]
        # bool is a subclass of int, and `true` is never a sensible number of minutes.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            self.reader.fail(self.at(key), f"expected {expected}, got {describe(value)}")
            return default
        return value

    def text(self, key: str, default: str = "", *, blank_ok: bool = True) -> str:
        value: str | None = self._get(key, str, "text", None)
        if value is None:
            return default
        if not blank_ok and not value.strip():
            self.reader.fail(self.at(key), "must not be blank")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, str, "text", None)
        return value if value else None

    def flag(self, key: str, default: bool = False) -> bool:
        value: bool = self._get(key, bool, "true or false", default)
        return value

    def integer(self, key: str, default: int = 0, *, minimum: int = 0) -> int:
        value: int | None = self._get(key, int, "a whole number", None)
        if value is None:
            return default
        if value < minimum:
            self.reader.fail(self.at(key), f"must be at least {minimum}, got {value}")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str = "") -> str:
        value: str | None = self._get(key, str, "text", None)
        if value is None:
            return default
        if value not in choices:
            self.reader.fail(self.at(key), f'expected one of {", ".join(choices)}, got "{value}"')
            return default
        return value

    def key(self) -> str:
        value: str = self._get("key", str, "text", "")
        if value and not KEY_RE.fullmatch(value):
            self.reader.fail(self.at("key"), f'"{value}" is not a snake_case key (like "complex_strategy")')
        return value

    def text_list(self, key: str, *, keys: bool = False) -> tuple[str, ...]:
        """A list of text; with ``keys`` each must look like a key. Duplicates are refused."""
        values: list[Any] = self._get(key, list, "a list", [])
        result: list[str] = []
        for index, value in enumerate(values, start=1):
            item_path = f"{self.at(key)}[{index}]"
            if not isinstance(value, str):
                self.reader.fail(item_path, f"expected text, got {describe(value)}")
            elif keys and not KEY_RE.fullmatch(value):
                self.reader.fail(item_path, f'"{value}" is not a snake_case key')
            elif value in result:
                self.reader.fail(item_path, f'"{value}" is listed twice')
            elif not value.strip():
                self.reader.fail(item_path, "must not be blank")
            else:
                result.append(value)
        return tuple(result)

    def raw(self, key: str) -> Any:
        return self.data.get(key)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def keyed_tables(
    reader: Reader,
    raw: object,
    path: str,
    build: Callable[[TomlTable], T],
    required: Iterable[str],
    optional: Iterable[str] = (),
    *,
    must_have_one: bool = False,
) -> dict[str, T]:
    """A list of tables each with a unique ``key``; returns them by key in file order."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        reader.fail(path, f"expected a list of tables, got {describe(raw)}")
        return {}
    if must_have_one and not raw:
        reader.fail(path, "must have at least one entry")
    required = ("key", *required)
    result: dict[str, T] = {}
    first_seen: dict[str, int] = {}
    for index, data in enumerate(raw, start=1):
        key = data.get("key") if isinstance(data, dict) else None
        usable = isinstance(key, str) and KEY_RE.fullmatch(key) is not None
        item_path = f"{path}.{key}" if usable and key not in first_seen else f"{path}[{index}]"
        table = TomlTable(reader, data, item_path, required, optional)
        if not table.ok:
            continue
        if not usable:
            build(table)  # still worth checking the rest of the entry
            continue
        assert isinstance(key, str)
        if key in first_seen:
            reader.fail(
                f"{item_path}.key",
                f'duplicate key "{key}": entries {first_seen[key]} and {index} of {path} both use it',
            )
            continue
        first_seen[key] = index
        result[key] = build(table)
    return result


def label_table(reader: Reader, raw: object, path: str, *, required: bool = True) -> dict[str, str]:
    """A table of key = "label" lines (roles, legal statuses, concern types, ...)."""
    if raw is None:
        return {}  # a missing required table is reported by the table that should hold it
    if not isinstance(raw, dict):
        reader.fail(path, f'expected a table of key = "label" lines, got {describe(raw)}')
        return {}
    result: dict[str, str] = {}
    for key, label in raw.items():
        if not KEY_RE.fullmatch(key):
            reader.fail(f"{path}.{key}", f'"{key}" is not a snake_case key')
        elif not isinstance(label, str):
            reader.fail(f"{path}.{key}", f"expected a text label, got {describe(label)}")
        elif not label.strip():
            reader.fail(f"{path}.{key}", "label must not be blank")
        else:
            result[key] = label
    if required and not raw:
        reader.fail(path, "must have at least one entry")
    return result


def check_refs(
    reader: Reader, path: str, values: Iterable[str], known: dict[str, Any] | tuple[str, ...], what: str
) -> None:
    for index, value in enumerate(values, start=1):
        if value not in known:
            reader.fail(f"{path}[{index}]", f'unknown {what} "{value}" (known: {known_list(known)})')
