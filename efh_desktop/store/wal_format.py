"""Reading SQLite's write-ahead log and its index (https://sqlite.org/fileformat2.html#walformat).

SQLCipher encrypts the page images inside the -wal, but the log's own structure is plain SQLite:
the 32-byte header (magic, page size, salts, header checksum) and each frame's 24-byte header
(page number, commit size, salts, cumulative checksum over the frame header's first 8 bytes and the
page as written). tests/test_wal_guard.py checks that on a real SQLCipher log. So frames can be
verified without the key, before any connection touches them.

The -shm holds the wal-index; its header (two identical copies, native byte order, with their own
checksum) records ``mxFrame``: how many frames of the log were committed when the last writer left.
After a crash (rather than a power cut) that number is exact, and it is what tells a damaged
committed frame apart from the torn tail of a transaction that was never acknowledged.
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass, field

WAL_HEADER = 32
FRAME_HEADER = 24
MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683  # the low bit says which byte order the checksums use
WAL_VERSION = 3007000
SHM_HEADER = 48


def checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum (a Fletcher-like sum over 32-bit words) continued from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


@dataclass(frozen=True)
class Frame:
    number: int  # 1-based, as SQLite counts them
    page: int
    commit_size: int  # non-zero on the last frame of a transaction
    salt_ok: bool  # the frame belongs to the log's current generation
    checksum_ok: bool  # its stored checksum follows from the previous frame's and its own content
    data: bytes = field(repr=False)


@dataclass
class WalLog:
    header_ok: bool
    page_size: int = 0
    salts: tuple[int, int] = (0, 0)
    frames: list[Frame] = field(default_factory=list)
    trailing_bytes: int = 0  # a partly written last frame

    def valid_prefix(self) -> int:
        """How many frames SQLite's recovery will trust: the run of good frames from the start, cut
        back to its last commit frame."""
        last_commit = 0
        for frame in self.frames:
            if not (frame.salt_ok and frame.checksum_ok):
                break
            if frame.commit_size:
                last_commit = frame.number
        return last_commit


def parse_wal(data: bytes) -> WalLog:
    if len(data) < WAL_HEADER:
        return WalLog(header_ok=False)
    magic, version, page_size, _seq, salt1, salt2, ck1, ck2 = struct.unpack(">8I", data[:WAL_HEADER])
    big_endian = magic == MAGIC_BE
    valid_size = page_size >= 512 and page_size <= 65536 and not page_size & (page_size - 1)
    if magic not in (MAGIC_LE, MAGIC_BE) or version != WAL_VERSION or not valid_size:
        return WalLog(header_ok=False)
    if checksum(data[:24], 0, 0, big_endian) != (ck1, ck2):
        return WalLog(header_ok=False)
    log = WalLog(header_ok=True, page_size=page_size, salts=(salt1, salt2))
    size = FRAME_HEADER + page_size
    prev = (ck1, ck2)
    offset, number = WAL_HEADER, 0
    while offset + size <= len(data):
        number += 1
        head = data[offset:offset + FRAME_HEADER]
        page, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", head)
        body = data[offset + FRAME_HEADER:offset + size]
        # Each frame is checked from the checksum stored in the frame before it, so one bad frame
        # does not hide whether the frames after it are sound.
        computed = checksum(body, *checksum(head[:8], *prev, big_endian), big_endian)
        log.frames.append(Frame(number, page, commit, (fs1, fs2) == (salt1, salt2), computed == (fc1, fc2), body))
        prev = (fc1, fc2)
        offset += size
    log.trailing_bytes = len(data) - offset
    return log


@dataclass(frozen=True)
class WalIndex:
    max_frame: int
    salts: tuple[int, int]
    page_size: int


def parse_shm(data: bytes) -> WalIndex | None:
    """The wal-index header, or None when it is missing, half-written or not initialised."""
    if len(data) < 2 * SHM_HEADER or data[:SHM_HEADER] != data[SHM_HEADER:2 * SHM_HEADER]:
        return None
    order = "<" if sys.byteorder == "little" else ">"
    (version, _unused, _change, is_init, _big, page_size, max_frame, _npage, _fc1, _fc2, _s1, _s2, ck1,
     ck2) = struct.unpack(f"{order}3I2BH8I", data[:SHM_HEADER])
    salt1, salt2 = struct.unpack(">2I", data[32:40])  # copied byte for byte from the log's header
    if version != WAL_VERSION or not is_init:
        return None
    if checksum(data[:40], 0, 0, sys.byteorder == "big") != (ck1, ck2):
        return None
    return WalIndex(max_frame, (salt1, salt2), 65536 if page_size == 1 else page_size)
