"""Full-text search across every meeting: notes, decisions, actions, and subjects' names, aliases and
case identifiers.

The indexes are FTS5 tables inside the encrypted database (db/versions/0003_search.py), kept in
step with the records by triggers, so there is nothing to refresh here and nothing leaves the file.

What the user types is never FTS5 syntax: each word becomes a quoted FTS5 string (so quotes,
brackets, ``AND``/``OR``/``NEAR`` and ``*`` are just text), the last word is matched as a prefix (so
results come as the user types), and all words must match. Matches in the snippet are marked with
``[[`` and ``]]`` (plain text, no HTML): the interface escapes the text and renders the marks.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Float, Integer, String
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlmodel.sql.sqltypes import UTCDateTime

from efh_desktop.domain.text_rules import without_surrogates
from efh_desktop.services.context import AppContext

log = logging.getLogger(__name__)

# Private-use characters: the text rules remove them from everything users type, so a match
# marker can never be confused with text in a note.
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
MAX_QUERY_WORDS = 64  # distinct words a search looks for (fts_query)
SNIPPET_TOKENS = 16  # words of context in a note, decision or action snippet
# Across all meetings, each kind of record is searched first among its newest RECENT_ROWS (by id):
# when that gives a full page, those are the results; otherwise the whole store is searched. A word
# in a third of a council's notes ("with", "youth") otherwise meant ranking 400,000 matches, half a
# second a keystroke on the extra-large store, and more with every year kept (issue 17); a name or
# a rare word has fewer matches than a page in the newest rows and is searched everywhere, as before.
RECENT_ROWS = 20_000

HitKind = Literal["note", "decision", "action", "subject"]


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    id: int  # the entry, decision, action or subject id
    meeting_id: int | None  # None for a subject (subjects belong to no single meeting)
    meeting_title: str | None
    meeting_date: datetime | None  # the meeting's start, timezone-aware UTC
    snippet: str  # plain text; matches between MARK_START and MARK_END
    rank: float  # bm25: lower is better; only comparable within one kind


def _words(user_text: str) -> list[str]:
    return [w for w in (user_text or "").split() if any(ch.isalnum() for ch in w)]


def fts_query(user_text: str) -> str:
    """An FTS5 query that matches records containing every word of ``user_text``, the last word as
    a prefix; "" when there is nothing to search for.

    Words without a letter or digit (punctuation, emoji) are dropped: the tokenizer would make
    them an empty phrase, which matches nothing and would empty the whole AND.
    """
    # A repeated word adds nothing to an AND; past MAX_QUERY_WORDS distinct words the query (a pasted
    # page) took FTS5 minutes, in the keystroke that typed it. The last word stays the prefix.
    words = _words(user_text)
    if not words:
        return ""
    words = list(dict.fromkeys(words[:-1]))[:MAX_QUERY_WORDS - 1] + words[-1:]
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


# kind -> (FTS table, content table, labels of the indexed columns after the first (the main text))
_RECORD_SOURCES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "note": ("entry_fts", "entry", ("Agency",)),
    "decision": ("decision_fts", "decision", ("Rationale", "Dissent")),
    "action": ("action_fts", "action", ("Completion note", "Owner", "Agency")),
}


def _top(fts: str, in_meeting: str, newest: bool) -> str:
    """The ids of the best ``:n`` matches. ``in_meeting`` selects the ids that belong to meeting
    ``:mid`` ("" for no filter).

    Two sort keys keep FTS5 from sorting internally, so bm25 is computed only for rows that pass
    the meeting filter; ``+rowid`` keeps that filter out of FTS5's own lookups (per-row lookups
    repeat a prefix query's term scan for every row). ``newest`` picks the newest rows instead of
    the best-ranked: for a one-letter prefix, which matches nearly everything, ranking every row
    costs a lot and says little.
    """
    where = f"{fts} MATCH :q" + (f" AND +f.rowid IN ({in_meeting})" if in_meeting else "")
    order = "f.rowid DESC" if newest else "f.rank, f.rowid DESC"
    return f"SELECT f.rowid AS id FROM {fts} f WHERE {where} ORDER BY {order} LIMIT :n"


def _record_sql(fts: str, table: str, columns: int, by_meeting: bool, newest: bool = False,
                recent: bool = False) -> str:
    snippets = ", ".join(f"snippet({fts}, {i}, :a, :b, :e, {SNIPPET_TOKENS}) AS s{i}" for i in range(columns))
    select = (f"SELECT {fts}.rowid AS id, r.meeting_id AS meeting_id, m.title AS title, m.starts_at AS starts_at, "
              f"{fts}.rank AS rank, {snippets} FROM {fts} "
              f"JOIN {table} r ON r.id = {fts}.rowid JOIN meeting m ON m.id = r.meeting_id ")
    if not by_meeting:
        # One pass: FTS5 ranks every match from the index alone and hands the rows over best first
        # (ORDER BY rank alone is what it sorts itself), so the LIMIT stops the joins and the
        # snippets at ``:n`` rows. A second MATCH to make the snippets, as below, walked the posting
        # lists again: on a council's store that was a third of a search (issue 17).
        # ``recent``: only rows after ``:floor``; FTS5 takes the rowid range into its own look-ups and
        # seeks past the older part of each posting list.
        order = f"{fts}.rowid DESC" if newest else f"{fts}.rank"
        window = f" AND {fts}.rowid > :floor" if recent else ""
        return select + f"WHERE {fts} MATCH :q{window} ORDER BY {order} LIMIT :n"
    # In one meeting, the best ``limit`` rows of the meeting are found first (from the index alone),
    # then only those are joined and given snippets: a common word can match tens of thousands of
    # rows, few of them in this meeting. The second MATCH is one pass over the matches, filtered by
    # ``+rowid IN``; snippets are computed for the rows that pass only.
    top = _top(fts, f"SELECT id FROM {table} WHERE meeting_id = :mid", newest)
    return f"WITH top AS ({top}) " + select + f"WHERE {fts} MATCH :q AND +{fts}.rowid IN (SELECT id FROM top)"


def _record_snippet(main: str, others: list[tuple[str, str]]) -> str:
    """The main text's snippet; when the match is elsewhere (the agency, the rationale ...), the start
    of the main text followed by the labelled snippets that matched."""
    if MARK_START in main:
        return main
    extras = "; ".join(f"{label}: {snip}" for label, snip in others if MARK_START in snip)
    return f"{main} ({extras})" if extras and main else (extras or main)


def _subject_sql(by_meeting: bool) -> str:
    top = _top("subject_fts", "SELECT subject_id FROM meeting_subject WHERE meeting_id = :mid" if by_meeting else "",
               newest=False)
    return (
        f"WITH top AS ({top}) "
        "SELECT rowid, highlight(subject_fts, 0, :a, :b), highlight(subject_fts, 1, :a, :b), "
        "highlight(subject_fts, 2, :a, :b), rank FROM subject_fts "
        "WHERE subject_fts MATCH :q AND +rowid IN (SELECT id FROM top)"
    )


_RECORD_COLUMNS = {"id": Integer, "meeting_id": Integer, "title": String, "starts_at": UTCDateTime,
                   "rank": Float}


def _subject_snippet(name: str, aliases: str, ids: str) -> str:
    """The name, then any alias or identifier that matched: "Noor Halvey (also [[Nono]])"."""
    extras = [f"also {aliases}" if MARK_START in aliases else "", ids if MARK_START in ids else ""]
    extras = [e for e in extras if e]
    return f"{name} ({'; '.join(extras)})" if extras else name


def _merged(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """Subjects first, then notes, decisions and actions taken in turn, each kind best first (newest
    meeting first among equals). bm25 is only comparable within one kind: sorted together, short
    action texts outranked every note, and a word in both showed fifty actions and no note."""
    def best(h: SearchHit) -> tuple[float, float]:
        return h.rank, -(h.meeting_date.timestamp() if h.meeting_date else 0.0)

    subjects = sorted((h for h in hits if h.kind == "subject"), key=best)
    kinds = [sorted((h for h in hits if h.kind == kind), key=best) for kind in _RECORD_SOURCES]
    records = [h for turn in itertools.zip_longest(*kinds) for h in turn if h is not None]
    return (subjects + records)[:limit]


class SearchService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def search(self, text: str, *, limit: int = 50, meeting_id: int | None = None) -> list[SearchHit]:
        """Up to ``limit`` hits for ``text``: subjects first, then notes, decisions and actions in
        turn, each kind by relevance (bm25), newest meeting first among equals. ``meeting_id`` keeps to one meeting
        (its notes, decisions and actions, and the subjects on its agenda).

        A single letter (the first keystroke of a search-as-you-type box) matches almost every
        record: the records returned are then the newest ``limit`` of each kind (still ordered by
        rank among themselves) rather than the best-ranked of all, which would mean ranking every row.
        Across all meetings, a word so common that the newest ``RECENT_ROWS`` records of a kind hold
        ``limit`` matches gives the best of those (the recent years); anything rarer is ranked across
        the whole store.

        Never raises for what a user can type: empty or punctuation-only input gives [].
        """
        text = without_surrogates(text)  # SQLite cannot bind a lone surrogate
        query = fts_query(text)
        if not query or limit <= 0:
            return []
        params = {"q": query, "n": int(limit), "mid": meeting_id, "a": MARK_START, "b": MARK_END, "e": ELLIPSIS}
        by_meeting = meeting_id is not None
        words = _words(text)
        newest = len(words) == 1 and len(words[0]) == 1  # one letter: see _top
        hits: list[SearchHit] = []
        try:
            with self._ctx.reading() as session:
                for sid, name, aliases, ids, rank in session.execute(sql(_subject_sql(by_meeting)), params):
                    hits.append(SearchHit("subject", sid, None, None, None,
                                          _subject_snippet(name or "", aliases or "", ids or ""), rank))
                for kind, (fts, table, labels) in _RECORD_SOURCES.items():
                    for row in self._record_rows(session, fts, table, 1 + len(labels), params, by_meeting, newest):
                        rid, mid, title, starts_at, rank, main, *others = row
                        snippet = _record_snippet(main or "", list(zip(labels, (o or "" for o in others),
                                                                       strict=True)))
                        hits.append(SearchHit(kind, rid, mid, title, starts_at, snippet, rank))  # type: ignore[arg-type]
        except DBAPIError as exc:
            # An FTS5 syntax error should be impossible with quoted words; anything else (a damaged
            # index) is logged, and the search shows no results rather than an error box.
            log.warning("search failed: %s", exc.orig.__class__.__name__ if exc.orig else exc)
            return []
        return _merged(hits, limit)

    @staticmethod
    def _record_rows(session: Any, fts: str, table: str, columns: int, params: dict[str, Any], by_meeting: bool,
                     newest: bool) -> list[Any]:
        """One kind's best rows: among the newest RECENT_ROWS when they hold a full page, else all."""
        if not by_meeting:
            top_id = session.execute(sql(f"SELECT max(id) FROM {table}")).scalar() or 0
            if top_id > RECENT_ROWS:
                recent = sql(_record_sql(fts, table, columns, False, newest, recent=True)).columns(**_RECORD_COLUMNS)
                rows = session.execute(recent, {**params, "floor": top_id - RECENT_ROWS}).all()
                if len(rows) >= params["n"]:
                    return list(rows)
        stmt = sql(_record_sql(fts, table, columns, by_meeting, newest)).columns(**_RECORD_COLUMNS)
        return list(session.execute(stmt, params).all())
