"""Keep the store's `relations` table in step with its claims.

Views over a large store read relation periods by index; after an ingest or a
review only the pairs whose claims changed are derived again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import delete, func, or_, select, tuple_
from sqlalchemy.orm import Session

from allegiance.analyse.relations import (
    RelationPeriod,
    derive_relations,
    holds_until,
    iter_claims,
    load_claims,
)
from allegiance.resolve.lineage import earliest_day, latest_day
from allegiance.store import models as m
from allegiance.store.db import Store

__all__ = ["PeriodOutline", "count_periods", "fill_claim_ids", "load_pair_periods",
           "load_periods", "load_periods_by_id", "pair_period_outlines",
           "pair_of_claim", "pairs_of", "periods_from_rows", "recent_period_pairs",
           "refresh_relations"]

_BATCH = 400


def _row(period: RelationPeriod) -> dict:
    return {"a": period.a, "b": period.b, "kind": period.kind, "place": period.place,
            "start": period.start, "end": period.end, "end_reason": period.end_reason,
            "start_key": earliest_day(period.start) if period.start else "0000-01-01",
            "end_key": holds_until(period),
            "types": ";".join(period.types), "confidence": period.confidence,
            "sources": period.sources, "contradicted": period.contradicted,
            "claim_ids": json.dumps([c.id for c in period.claims])}


def refresh_relations(store: Store, pairs: Iterable[tuple[str, str]] | None = None) -> int:
    """Derive again the relation periods of `pairs` (all pairs when None).

    Returns how many periods were written. One transaction: readers see the old
    periods or the new ones, never a half.
    """
    wanted = None if pairs is None else {tuple(sorted(p)) for p in pairs if all(p)}
    table = m.Relation.__table__
    with store.session() as session:
        everything = wanted is None
        if everything:
            session.execute(delete(m.Relation))
            written = _derive_all(session)
            # a correction may move a claim to another pair, out of the stream's order:
            # those pairs are derived again below
            wanted = _corrected_pairs(session)
            if not wanted:
                return written
        periods = []
        items = sorted(wanted)
        for i in range(0, len(items), _BATCH):
            batch = items[i:i + _BATCH]
            session.execute(delete(m.Relation).where(tuple_(table.c.a, table.c.b).in_(batch)))
            actors = {x for pair in batch for x in pair}
            claims = [c for c in load_claims(session, actors, quotes=False)
                      if tuple(sorted((c.source or "", c.target or ""))) in wanted]
            periods += derive_relations(claims)
        rows = [_row(p) for p in periods]
        for i in range(0, len(rows), 5000):
            session.execute(table.insert(), rows[i:i + 5000])
        if everything:
            return session.execute(select(func.count()).select_from(table)).scalar_one()
    return len(rows)


def _derive_all(session) -> int:
    """Every pair's periods, pair by pair as the claims stream in (bounded memory)."""
    rows: list[dict] = []
    written = 0
    claims = iter_claims(session, quotes=False, by_pair=True)
    for _, group in groupby(claims, key=lambda c: tuple(sorted((c.source, c.target)))):
        rows += [_row(p) for p in derive_relations(group)]
        if len(rows) >= 5000:
            session.execute(m.Relation.__table__.insert(), rows)
            written, rows = written + len(rows), []
    if rows:
        session.execute(m.Relation.__table__.insert(), rows)
    return written + len(rows)


def _corrected_pairs(session) -> set[tuple[str, str]]:
    """The pairs of claims whose correction changes their actors (old and new pairs)."""
    reviews, claims = m.Review.__table__, m.Claim.__table__
    rows = session.execute(select(claims.c.source_id, claims.c.target_id, reviews.c.correction)
                           .join(reviews, reviews.c.claim_id == claims.c.id)
                           .where(reviews.c.action == "correct")).all()
    pairs = set()
    for source, target, correction in rows:
        fields = json.loads(correction) if correction else {}
        if "source" in fields or "target" in fields:
            pairs.add(tuple(sorted((source or "", target or ""))))
            pairs.add(tuple(sorted((fields.get("source", source) or "",
                                    fields.get("target", target) or ""))))
    return {p for p in pairs if all(p)}


def periods_from_rows(rows: Iterable) -> list[RelationPeriod]:
    """Stored periods back as `RelationPeriod`s (claims left out: ids only, read lazily)."""
    out = []
    with_claims = None  # asked once: a missing attribute on a Row raises, which is slow
    for row in rows:
        if with_claims is None:
            with_claims = "claim_ids" in row._fields
        out.append(RelationPeriod(
            row.a, row.b, row.kind, row.start, row.end, row.end_reason, row.place, [],
            row.contradicted, {"types": row.types.split(";") if row.types else [],
                               "confidence": row.confidence, "sources": row.sources,
                               "id": row.id,
                               "claims_json": (row.claim_ids if with_claims else None)
                               or "[]"}))
    return out


def pairs_of(store: Store, document_ids: Iterable[int]) -> set[tuple[str, str]]:
    """The actor pairs that claims of these documents connect."""
    ids = list(document_ids)
    if not ids:
        return set()
    with store.session() as session:
        rows = session.execute(select(m.Claim.source_id, m.Claim.target_id).where(
            m.Claim.document_id.in_(ids), m.Claim.source_id.is_not(None),
            m.Claim.target_id.is_not(None))).all()
    return {tuple(sorted(r)) for r in rows}


def pair_of_claim(store: Store, claim_id: int) -> set[tuple[str, str]]:
    with store.session() as session:
        row = session.execute(select(m.Claim.source_id, m.Claim.target_id).where(
            m.Claim.id == claim_id, or_(m.Claim.source_id.is_not(None)))).first()
    return {tuple(sorted(row))} if row and all(row) else set()


def _period_filters(at: str | None, start: str | None, end: str | None,
                    kinds: Iterable[str] | None, place: str | None) -> list:
    """WHERE clauses for stored periods holding on `at` or within [start, end]."""
    table = m.Relation.__table__
    clauses = []
    lo = earliest_day(at or start) if (at or start) else None
    hi = latest_day(at or end) if (at or end) else None
    if hi:
        clauses.append(table.c.start_key <= hi)
    if lo:
        clauses.append(table.c.end_key >= lo)  # end_key: when the period stops holding
    if kinds:
        wanted = list(kinds)
        clauses.append(or_(table.c.kind.in_(wanted),
                           *[table.c.types.contains(t) for t in wanted if t.isupper()]))
    if place:
        clauses.append(table.c.place == place)
    return clauses


def load_periods(store: Store, *, at: str | None = None, start: str | None = None,
                 end: str | None = None, kinds: Iterable[str] | None = None,
                 place: str | None = None, limit: int | None = None) -> list[RelationPeriod]:
    """Stored periods holding on `at` or within [start, end], read by index.

    `kinds` keeps relation kinds (cooperative ...) or claim types (ALLIED_WITH ...),
    `place` one place scope. With `limit`, the best-attested periods first (most
    sources, then confidence): a world-wide store holds tens of thousands at a date.
    """
    table = m.Relation.__table__
    filters = _period_filters(at, start, end, kinds, place)
    with store.session() as session:
        if not limit:
            return periods_from_rows(session.execute(select(table).where(*filters)))
        # rank on the index first, then read only the chosen rows (claim lists are long)
        ids = list(session.scalars(select(table.c.id).where(*filters).order_by(
            table.c.sources.desc(), table.c.confidence.desc(), table.c.id).limit(limit)))
        rows = []
        for i in range(0, len(ids), 500):
            rows += session.execute(select(table).where(table.c.id.in_(ids[i:i + 500]))).all()
        order = {period_id: n for n, period_id in enumerate(ids)}
        return periods_from_rows(sorted(rows, key=lambda row: order[row.id]))


def count_periods(store: Store, *, at: str | None = None, start: str | None = None,
                  end: str | None = None, kinds: Iterable[str] | None = None,
                  place: str | None = None) -> int:
    """How many stored periods `load_periods` would return without a limit."""
    query = select(func.count()).select_from(m.Relation.__table__).where(
        *_period_filters(at, start, end, kinds, place))
    with store.session() as session:
        return session.execute(query).scalar_one()


def recent_period_pairs(store: Store, *, since: str | None = None, page: int = 2000
                        ) -> Iterator[tuple[str, set[tuple[str, str]]]]:
    """Pages of the pairs of cooperative and hostile periods, newest periods first.

    Yields (the page's oldest start day, the pairs in the page). A page always
    holds every period that starts on its oldest day, so the next page starts
    strictly before it. With `since`, stops at periods starting before it.
    """
    table = m.Relation.__table__
    base = select(table.c.a, table.c.b, table.c.start_key).where(
        table.c.kind.in_(("cooperative", "hostile")))
    if since:
        base = base.where(table.c.start_key >= earliest_day(since))
    cursor = None
    with store.session() as session:
        while True:
            query = base if cursor is None else base.where(table.c.start_key < cursor)
            rows = session.execute(query.order_by(table.c.start_key.desc()).limit(page)).all()
            if not rows:
                return
            oldest = rows[-1].start_key
            pairs = {(r.a, r.b) for r in rows}
            if len(rows) == page:  # the rest of the oldest day, past the page's end
                pairs |= {(r.a, r.b) for r in session.execute(
                    base.where(table.c.start_key == oldest))}
            yield oldest, pairs
            cursor = oldest


def load_pair_periods(store: Store, pairs: Iterable[tuple[str, str]], *,
                      claims: bool = True) -> list[RelationPeriod]:
    """Every stored period of these (a, b) pairs, as stored (a < b).

    With `claims=False` the claim lists are not read (see `fill_claim_ids`).
    """
    table = m.Relation.__table__
    columns = table.columns if claims else [c for c in table.columns if c.name != "claim_ids"]
    items = sorted(set(pairs))
    out: list[RelationPeriod] = []
    with store.session() as session:
        for i in range(0, len(items), _BATCH):
            out += periods_from_rows(session.execute(
                select(*columns).where(tuple_(table.c.a, table.c.b).in_(items[i:i + _BATCH]))))
    return out


@dataclass(slots=True)
class PeriodOutline:
    """The fields of a stored period that rank shifts: a light stand-in for a
    `RelationPeriod`, so the thousands of periods of a page's pairs are ranked
    without building a full period (and reading its row) for each."""

    id: int
    a: str
    b: str
    kind: str
    start: str | None
    confidence: float


def pair_period_outlines(store: Store, pairs: Iterable[tuple[str, str]], *,
                         kinds: Iterable[str] | None = None) -> list[PeriodOutline]:
    """Outlines of every stored period of these (a, b) pairs (a < b), of `kinds` if given,
    by pair, then in the order they were stored."""
    table = m.Relation.__table__
    items = sorted(set(pairs))
    kind_filter = [] if kinds is None else [table.c.kind.in_(list(kinds))]
    out: list[PeriodOutline] = []
    with store.session() as session:
        for i in range(0, len(items), _BATCH):
            out += [PeriodOutline(*row) for row in session.execute(
                select(table.c.id, table.c.a, table.c.b, table.c.kind, table.c.start,
                       table.c.confidence)
                .where(tuple_(table.c.a, table.c.b).in_(items[i:i + _BATCH]), *kind_filter)
                .order_by(table.c.a, table.c.b, table.c.id))]
    return out


def load_periods_by_id(store: Store, ids: Iterable[int]) -> dict[int, RelationPeriod]:
    """Stored periods by id, with their claim lists."""
    table = m.Relation.__table__
    wanted = sorted(set(ids))
    out: dict[int, RelationPeriod] = {}
    with store.session() as session:
        for i in range(0, len(wanted), 500):
            for period in periods_from_rows(session.execute(
                    select(table).where(table.c.id.in_(wanted[i:i + 500])))):
                out[period.stored["id"]] = period
    return out


def fill_claim_ids(store: Store | Session, periods: Iterable[RelationPeriod]) -> None:
    """Read the claim lists of stored periods loaded without them."""
    table = m.Relation.__table__
    by_id = {p.stored["id"]: p for p in periods if p.stored}
    ids = list(by_id)
    with (nullcontext(store) if isinstance(store, Session) else store.session()) as session:
        for i in range(0, len(ids), 500):
            for row_id, claim_ids in session.execute(
                    select(table.c.id, table.c.claim_ids).where(table.c.id.in_(ids[i:i + 500]))):
                by_id[row_id].stored.pop("claims", None)
                by_id[row_id].stored["claims_json"] = claim_ids
