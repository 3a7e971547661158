"""The store's tables (SQLAlchemy 2 declarative models).

A claim is one typed statement from one sentence of one document; relations
between actors are derived from claims later and never stored as typed-in edges.
Reviews sit beside claims and never overwrite them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    lang: Mapped[str | None] = mapped_column(String(8))
    fmt: Mapped[str] = mapped_column(String(10))
    source_path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer, default=0)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="document",
                                               cascade="all, delete-orphan")


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(12))  # "kb" or "discovered"
    key: Mapped[str] = mapped_column(String(300), index=True)  # normalised display name
    country: Mapped[str | None] = mapped_column(String(8))
    founded: Mapped[str | None] = mapped_column(String(10))
    dissolved: Mapped[str | None] = mapped_column(String(10))
    wikidata: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)

    names: Mapped[list[ActorName]] = relationship(back_populates="actor",
                                                  cascade="all, delete-orphan")


class ActorName(Base):
    __tablename__ = "actor_names"
    __table_args__ = (UniqueConstraint("actor_id", "text", "lang", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"),
                                          index=True)
    text: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    # a discovered person's Latin spelling, keyed where its Arabic name's romanisations
    # meet it (extract/romanize.py, store/persons.py)
    sound: Mapped[str | None] = mapped_column(String(120), index=True)

    actor: Mapped[Actor] = relationship(back_populates="names")


class Place(Base):
    __tablename__ = "places"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(String(12))
    country: Mapped[str | None] = mapped_column(String(8))
    within: Mapped[str | None] = mapped_column(String(120))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    names: Mapped[list[PlaceName]] = relationship(back_populates="place",
                                                  cascade="all, delete-orphan")


class PlaceName(Base):
    __tablename__ = "place_names"
    __table_args__ = (UniqueConstraint("place_id", "text", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[str] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"),
                                          index=True)
    text: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    lang: Mapped[str] = mapped_column(String(8))

    place: Mapped[Place] = relationship(back_populates="names")


class Mention(Base):
    """Where a document names an actor: the surface forms behind search and aliases."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(300))
    how: Mapped[str] = mapped_column(String(20))


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        # one direction of a pair, newest last: a busy pair's newest claims and its count
        Index("ix_claims_pair_date", "source_id", "target_id", "event_date"),
        # a side's claims of one type, newest last: a profile's recent events and its
        # rare lineage and leader claims without reading the side's other claims
        Index("ix_claims_source_type_date", "source_id", "type", "event_date"),
        Index("ix_claims_target_type_date", "target_id", "type", "event_date"),
        Index("ix_claims_time", "valid_from", "valid_to"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Identity of a claim: the same document, type, sides and evidence give the same key,
    # so re-running an ingest or two workers storing one document never duplicates it.
    claim_key: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    type: Mapped[str] = mapped_column(String(20))  # 17 values: an index misleads planners
    source_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))
    target_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))
    target_place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    target_text: Mapped[str | None] = mapped_column(Text)  # a place the base does not know
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_from_precision: Mapped[str | None] = mapped_column(String(6))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    valid_to_precision: Mapped[str | None] = mapped_column(String(6))
    # the claim's own date, else its document's: what "newest events" sorts on
    event_date: Mapped[str | None] = mapped_column(String(10))
    time_qualifier: Mapped[str | None] = mapped_column(String(10))
    modality: Mapped[str] = mapped_column(String(12))
    attributed_to: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"))
    confidence: Mapped[float] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="claims")
    evidence: Mapped[list[Evidence]] = relationship(back_populates="claim",
                                                    cascade="all, delete-orphan")
    reviews: Mapped[list[Review]] = relationship(back_populates="claim",
                                                 cascade="all, delete-orphan",
                                                 order_by="Review.created_at")


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"),
                                          index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)

    claim: Mapped[Claim] = relationship(back_populates="evidence")


class Review(Base):
    """An analyst's verdict on a claim; the latest one counts, the claim stays as extracted."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"),
                                          index=True)
    action: Mapped[str] = mapped_column(String(10))  # accept | reject | correct
    correction: Mapped[str | None] = mapped_column(Text)  # JSON of corrected fields
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="reviews")


class Relation(Base):
    """A derived relation period between two actors (see analyse/relations.py).

    Kept up to date from the claims after each ingest and review, so that views
    over a large store read periods by index instead of re-deriving them.
    """

    __tablename__ = "relations"
    __table_args__ = (
        Index("ix_relations_time", "start_key", "end_key"),
        Index("ix_relations_rank", "sources", "confidence", "start_key", "end_key", "kind"),
        Index("ix_relations_pair", "a", "b"),
        # a side's periods of one kind in ranking order, the other side last: a profile's
        # best allies and rivals from the front of the index, counted from it alone
        Index("ix_relations_a_rank", "a", "kind", text("sources DESC"),
              text("confidence DESC"), "start_key", "id", "b"),
        Index("ix_relations_b_rank", "b", "kind", text("sources DESC"),
              text("confidence DESC"), "start_key", "id", "a"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a: Mapped[str] = mapped_column(String(120))
    b: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    place: Mapped[str | None] = mapped_column(String(120))
    start: Mapped[str | None] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    end_reason: Mapped[str] = mapped_column(String(10))
    start_key: Mapped[str] = mapped_column(String(10))  # first day the period covers
    end_key: Mapped[str] = mapped_column(String(10))  # last day; "9999-12-31" while open
    types: Mapped[str] = mapped_column(Text)  # ";"-joined claim types
    confidence: Mapped[float] = mapped_column(Float)
    sources: Mapped[int] = mapped_column(Integer)
    contradicted: Mapped[bool] = mapped_column(default=False)
    claim_ids: Mapped[str] = mapped_column(Text)  # JSON list
