"""Keeping the search indexes compact, a little at a time, while the window is idle.

FTS5 writes every committed change as a small segment of the index and merges segments as more
arrive (its automerge keeps up to three per level), so a store that has grown over years carries a
dozen segments per index, and every word searched is looked up in each of them: on the extra-large
benchmark store (a council's hub over many years) a search cost 1.7 times what it cost on a store a
tenth of the size, most of it in those extra look-ups (issue 17, search flat with size).

Merging every segment into one is SQLite's 'optimize': on a council's store it rewrites 80 MB and
holds the write lock for seconds (a minute-taker's save would wait), and it would be done again after
every few changes. Instead each index is set to merge any two segments of the same size
('usermerge' 2, where automerge waits for four), and FTS5's 'merge' command is run in steps of a
bounded number of pages, each step a short transaction of its own (a save waits at most one step),
until it has nothing left to do. That leaves at most one segment per size: two or three segments
instead of a dozen, and each later session merges only what was added since (the large segments
are rewritten rarely, as the index doubles). Only an index of some size is touched: a small store
(every test's) is left alone.

Nothing here changes what is stored or what a search finds; no audit event is written (this is
the index's housekeeping, not a user's change).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import text as sql

from efh_desktop.services.context import AppContext

log = logging.getLogger(__name__)

INDEXES = ("entry_fts", "decision_fts", "action_fts", "subject_fts")
# Worth merging: an index of some size (its %_idx table has about one row per leaf page: 64 rows
# are about 256 KB of index, years of decisions at a busy hub; the demo's are a few pages) in more
# than one segment.
SEGMENTS_WORTH_MERGING = 2
LEAF_PAGES_WORTH_MERGING = 64
# Merge segments of the same size as soon as there are two of them (FTS5's automerge waits for four).
USERMERGE = 2
# Leaf pages merged per step: a few milliseconds of work on a laptop.
PAGES_PER_STEP = 64


@dataclass(frozen=True)
class IndexShape:
    name: str
    segments: int
    leaf_pages: int

    @property
    def worth_merging(self) -> bool:
        return self.segments >= SEGMENTS_WORTH_MERGING and self.leaf_pages >= LEAF_PAGES_WORTH_MERGING


class SearchUpkeep:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._settled: set[str] = set()  # indexes with nothing left to merge, this session

    def shapes(self) -> list[IndexShape]:
        """Each index's segments and size, from its %_idx table (one row per leaf page)."""
        out = []
        with self._ctx.reading() as session:
            for name in INDEXES:
                segments, pages = session.execute(
                    sql(f"SELECT count(DISTINCT segid), count(*) FROM {name}_idx")).one()
                out.append(IndexShape(name, int(segments or 0), int(pages or 0)))
        return out

    def step(self, pages: int = PAGES_PER_STEP) -> bool:
        """One bounded step of merging, on the first index that may need it; True while work may be
        left. Each step is its own short write transaction; an index found with nothing to merge is
        not looked at again this session."""
        pending = [s.name for s in self.shapes() if s.worth_merging and s.name not in self._settled]
        if not pending:
            return False
        name = pending[0]
        with self._ctx.transaction() as (session, _audit):
            session.execute(sql(f"INSERT INTO {name}({name}, rank) VALUES ('usermerge', :n)"), {"n": USERMERGE})
            before = session.execute(sql("SELECT total_changes()")).scalar_one()
            session.execute(sql(f"INSERT INTO {name}({name}, rank) VALUES ('merge', :pages)"),
                            {"pages": max(1, abs(pages))})
            changed = session.execute(sql("SELECT total_changes()")).scalar_one() - before
        # FTS5's own rule: the 'merge' command did work if it changed two or more rows (the command's
        # own row is one); fewer means nothing was left to merge.
        if changed >= 2:
            return True
        self._settled.add(name)
        log.info("search index %s merged", name)
        return len(pending) > 1

    def run_to_end(self, pages: int = 2048) -> int:
        """Every step at once (the benchmark generator, which stands for a store the window has
        tidied while idle); returns the steps taken."""
        steps = 0
        while self.step(pages):
            steps += 1
        return steps
