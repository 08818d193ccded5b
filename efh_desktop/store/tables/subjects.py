"""Subjects: the children, peer groups, places and persons of concern a meeting is about.

One table for all four kinds (single-table inheritance) because everything else tags "a subject":
notes, decisions, actions and information-sharing records point at ``subject.id`` whatever the
kind, which is what makes per-child copies and redaction a simple query. Kind-specific columns are
nullable and only meaningful for their kind.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from efh_desktop.store.tables.base import utcnow

SUBJECT_KINDS = ("child", "peer_group", "place", "person_of_concern")


class Subject(SQLModel, table=True):
    __tablename__ = "subject"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=32, unique=True, index=True)
    kind: str = Field(index=True, max_length=32)
    name: str = Field(index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    locality: str = ""
    description: str = ""
    # Child
    date_of_birth: date | None = None
    lcs_id: str = ""
    ehm_id: str = ""
    legal_status: str = ""  # key into the practice profile's legal statuses
    in_care: bool = False
    open_referral: bool = False
    yot_order: bool = False
    lead_professional: str = ""
    allocated_worker: str = ""
    looked_after_on: date | None = None  # the date the child became looked after (child in care reviews)
    # A child's relatives and carers ({"name": …, "relationship": …}): in another child's disclosure
    # copy they identify this child, so they are masked as "Parent of Child B" and so on.
    connected_people: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False,
                                                                                 server_default="[]"))
    # Person of concern: marked as a child (under 18, or a child who harms). Such a person is
    # redacted as a child in disclosure copies whatever the profile's persons-of-concern policy.
    treat_as_child: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # Place
    place_kind: str = ""
    address: str = ""
    archived: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


# Relations between subjects (services/relation_service.py has the labels and which kinds each joins):
# child–child (symmetric except "harmed_by": from was harmed by to), child–peer group ("member",
# with from/to dates), person of concern–child/place/group ("linked", with what is known and its
# source), child–place.
LINK_RELATIONS = ("sibling", "half_sibling", "friend", "partner", "harmed_by", "member", "linked",
                  "seen_at", "lives_at", "goes_to_school_at")


class SubjectLink(SQLModel, table=True):
    """A relation between two subjects (``LINK_RELATIONS``), audited like any other change."""

    __tablename__ = "subject_link"

    id: int | None = Field(default=None, primary_key=True)
    from_subject_id: int = Field(foreign_key="subject.id", index=True, ondelete="CASCADE")
    to_subject_id: int = Field(foreign_key="subject.id", index=True, ondelete="CASCADE")
    relation: str = Field(default="member", max_length=32, index=True)
    note: str = ""
    # What is known about the link and where it comes from (an agency, or the note it was made from).
    known: str = Field(default="", sa_column_kwargs={"server_default": ""})
    source: str = Field(default="", sa_column_kwargs={"server_default": ""})
    from_date: date | None = None
    to_date: date | None = None
    # The note (entry) this link was made from with "link these", if any; no foreign key, so
    # deleting the note keeps the link (its source text still says where it came from).
    entry_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class EcomapPosition(SQLModel, table=True):
    """Where the user put a node of an ecomap by hand: ``view`` is "meeting:<id>" or
    "siblings:<child id>", ``node`` a subject ("s<id>") or a child's relative ("r<id>:<n>")."""

    __tablename__ = "ecomap_position"

    id: int | None = Field(default=None, primary_key=True)
    view: str = Field(max_length=64, index=True)
    node: str = Field(max_length=64)
    x: float = 0.0
    y: float = 0.0
    updated_at: datetime = Field(default_factory=utcnow)


class StoreGeneration(SQLModel, table=True):
    """One counter per watched table, bumped by triggers (db/versions/0016_subject_generation.py) in
    the same transaction as any change to that table's rows: ``subject`` says whether the in-memory
    index of children's names (services/child_name_sieve.py) still matches the subject table.
    Written only by those triggers."""

    __tablename__ = "store_generation"

    name: str = Field(primary_key=True)
    value: int = 0
