"""Relations between two actors over time, derived from their claims.

A relation is never typed in: for each pair (and each place a claim is scoped
to) the claims are read in time order and grouped into periods of one kind,
cooperative, hostile, lineage or membership. A period ends where its claims say
it ends ("explicit"), where a claim of another kind turns it ("turned"), or
stays open. Contradicting claims stay side by side; they lower confidence.

Plain functions over plain data: `load_claims` reads the store once, the rest
takes lists and returns lists.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate

from sqlalchemy import and_, case, false, null, or_, select, union
from sqlalchemy.orm import Session

from allegiance.model import EVENT_TYPES, MODALITIES, fact_start
from allegiance.resolve.lineage import earliest_day, latest_day
from allegiance.store import models as m

__all__ = ["KIND_OF", "LAPSE_YEARS", "ClaimRecord", "RelationPeriod", "active_at",
           "active_within", "derive_relations", "first_quotes", "holds_until", "iter_claims",
           "load_claims", "overlaps", "with_quotes"]

KIND_OF = {
    "ALLIED_WITH": "cooperative", "AGREED_WITH": "cooperative", "SUPPORTS": "cooperative",
    "AFFILIATED_WITH": "cooperative",
    "RIVAL_OF": "hostile", "ATTACKED": "hostile", "FOUGHT": "hostile", "CAPTURED": "hostile",
    "EXECUTED": "hostile",
    "SPLINTER_OF": "lineage", "MERGED_INTO": "lineage", "RENAMED_TO": "lineage",
    "LEADER_OF": "membership", "MEMBER_OF": "membership",
}
OPPOSITE = {"cooperative": "hostile", "hostile": "cooperative"}
DEFAULT_MODALITIES = frozenset({"asserted", "reported"})
TAKEOVER = 2  # opposite claims in a row that turn a relation, for joining claims
LAPSE_YEARS = 3  # an open relation unmentioned this long no longer holds
MODALITY_WEIGHT = {"asserted": 1.0, "reported": 0.8, "speculative": 0.5, "negated": 0.5}


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim as the analysis reads it: reviews applied, evidence attached."""

    id: int
    type: str
    source: str | None
    target: str | None
    when: str | None
    until: str | None
    modality: str
    confidence: float
    document_id: int
    document: str
    title: str | None
    published: str | None
    quote: str | None = None
    place: str | None = None
    target_place: str | None = None
    target_text: str | None = None
    attributed_to: str | None = None
    review: str | None = None  # the latest review's action, if any

    @property
    def start(self) -> str | None:
        """When the claim's fact began (see `model.fact_start`)."""
        return fact_start(self.when, self.until, self.published)

    @property
    def end(self) -> str | None:
        return self.until or self.when or self.published

    @property
    def dated(self) -> bool:
        return self.when is not None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _apply_review(fields: dict, action: str | None, correction: str | None) -> dict | None:
    """The claim's fields after its latest review; None when it was rejected."""
    if action is None:
        return fields
    if action == "reject":
        return None
    if action == "correct" and correction:
        fields = fields | {k: v for k, v in json.loads(correction).items() if k in fields}
    return fields


def _latest_reviews(session: Session, claim_filter) -> dict[int, tuple[str, str | None]]:
    """Each reviewed claim's latest review (action, correction): reviews are few."""
    reviews = m.Review.__table__
    query = select(reviews.c.claim_id, reviews.c.action, reviews.c.correction).order_by(
        reviews.c.created_at, reviews.c.id)
    if claim_filter is not None:
        claims = m.Claim.__table__
        query = query.where(reviews.c.claim_id.in_(select(claims.c.id).where(claim_filter)))
    return {row.claim_id: (row.action, row.correction) for row in session.execute(query)}


def load_claims(session: Session, actors: Iterable[str] | None = None, *,
                modalities: Iterable[str] = DEFAULT_MODALITIES,
                include_rejected: bool = False,
                between: Iterable[str] | None = None,
                quotes: bool = True, ids: Iterable[int] | None = None,
                types: Iterable[str] | None = None, newest: int | None = None,
                until: str | None = None) -> list[ClaimRecord]:
    """Claims between actors as a list: see `iter_claims`."""
    records = list(iter_claims(session, actors, modalities=modalities,
                               include_rejected=include_rejected, between=between,
                               quotes=quotes, ids=ids, types=types, newest=newest,
                               until=until))
    return records[:newest] if newest else records


def iter_claims(session: Session, actors: Iterable[str] | None = None, *,
                modalities: Iterable[str] = DEFAULT_MODALITIES,
                include_rejected: bool = False,
                between: Iterable[str] | None = None,
                quotes: bool = True, ids: Iterable[int] | None = None,
                types: Iterable[str] | None = None, newest: int | None = None,
                until: str | None = None, by_pair: bool = False) -> Iterator[ClaimRecord]:
    """Claims between actors (all of them, or those touching `actors`), reviews applied.

    With `between` as well, only claims joining one of `actors` to one of
    `between` (either direction): a pair's history reads its own claims, not
    everything its busiest side ever did. Rejected claims are left out unless
    `include_rejected`; a correction replaces the fields it names. Claims whose
    modality is not in `modalities` are left out. With `quotes=False` the
    evidence sentences are not read (see `with_quotes`, for the few a view cites).
    `ids` and `types` narrow the read; `newest=N` keeps the N latest claims that
    began by `until` (a profile's recent events, without reading all the others).

    With `by_pair`, only claims with two actors, grouped by pair (the smaller id
    first) and streamed from the database: a whole store's relations are derived
    pair by pair without holding ten million claims in memory.

    Reads plain rows (no ORM objects): a busy actor has tens of thousands of claims.
    """
    claims, documents = m.Claim.__table__, m.Document.__table__
    evidence = m.Evidence.__table__
    wanted = set(modalities)
    first_quote = (select(evidence.c.quote).where(evidence.c.claim_id == claims.c.id)
                   .order_by(evidence.c.id).limit(1).scalar_subquery())
    claim_filter = None
    if actors is not None:
        sides = list(actors)
        if between is not None:
            others = list(between)
            claim_filter = or_(
                and_(claims.c.source_id.in_(sides), claims.c.target_id.in_(others)),
                and_(claims.c.source_id.in_(others), claims.c.target_id.in_(sides)))
        else:
            claim_filter = or_(claims.c.source_id.in_(sides), claims.c.target_id.in_(sides))
    query = (select(claims.c.id, claims.c.type, claims.c.source_id, claims.c.target_id,
                    claims.c.valid_from, claims.c.valid_to, claims.c.modality,
                    claims.c.confidence, claims.c.document_id, claims.c.place_id,
                    claims.c.target_place_id, claims.c.target_text, claims.c.attributed_to,
                    documents.c.name, documents.c.title, documents.c.published,
                    (first_quote if quotes else null()).label("quote"))
             .join(documents, documents.c.id == claims.c.document_id)
             .order_by(claims.c.id))
    id_filter = None
    if ids is not None:
        wanted_ids = list(ids)
        id_filter = claims.c.id.in_(wanted_ids) if wanted_ids else false()
        claim_filter = id_filter if claim_filter is None else and_(claim_filter, id_filter)
    if types is not None:
        types = list(types)
        type_filter = claims.c.type.in_(types)
        claim_filter = type_filter if claim_filter is None else and_(claim_filter, type_filter)
    read = 0
    if newest:  # over-read when rejected or unwanted-modality claims may be dropped below
        dropping = not include_rejected or not set(MODALITIES) <= wanted
        read = newest * 4 if dropping else newest
    by_index = bool(newest) and actors is not None and (between is not None or types is not None)
    if by_index:
        # the newest ids already meet the actor and type filters: given them again,
        # PostgreSQL read every claim of a busy pair to check them
        newest_ids = claims.c.id.in_(_newest_ids(
            sides, None if between is None else others, types, read, until))
        query = query.where(newest_ids if id_filter is None else and_(newest_ids, id_filter))
    elif claim_filter is not None:
        query = query.where(claim_filter)
    if newest:
        query = query.order_by(None).order_by(claims.c.event_date.desc().nulls_last(),
                                              claims.c.id.desc())
        if not by_index:
            if until:
                query = query.where(claims.c.event_date <= latest_day(until))
            query = query.limit(read)
    if by_pair:
        low = case((claims.c.source_id < claims.c.target_id, claims.c.source_id),
                   else_=claims.c.target_id)
        high = case((claims.c.source_id < claims.c.target_id, claims.c.target_id),
                    else_=claims.c.source_id)
        query = (query.where(claims.c.source_id.is_not(None), claims.c.target_id.is_not(None))
                 .order_by(None).order_by(low, high, claims.c.id)
                 .execution_options(yield_per=20_000))
    reviews = _latest_reviews(session, claim_filter)
    for row in session.execute(query):
        fields = {"type": row.type, "source": row.source_id, "target": row.target_id,
                  "when": row.valid_from, "until": row.valid_to, "modality": row.modality}
        action, correction = reviews.get(row.id, (None, None))
        reviewed = _apply_review(fields, action, correction)
        if reviewed is None and not include_rejected:
            continue
        fields = reviewed or fields
        if fields["modality"] not in wanted:
            continue
        yield ClaimRecord(
            id=row.id, type=fields["type"], source=fields["source"], target=fields["target"],
            when=fields["when"], until=fields["until"], modality=fields["modality"],
            confidence=row.confidence, document_id=row.document_id, document=row.name,
            title=row.title, published=row.published, quote=row.quote, place=row.place_id,
            target_place=row.target_place_id, target_text=row.target_text,
            attributed_to=row.attributed_to, review=action)


def _newest_ids(actors: list[str], between: list[str] | None, types: list[str] | None,
                limit: int, until: str | None):
    """The ids of the `limit` newest claims of these types touching these actors (with
    `between`: joining one of `actors` to one of `between`, either way).

    One small read per index range, each from its newest end, instead of sorting
    every claim of a busy actor or pair: per (side, actor, type) on
    ix_claims_*_type_date, or per direction of each pair on ix_claims_pair_date.
    """
    claims = m.Claim.__table__
    date = claims.c.event_date
    ranges = []  # (one index range, the filter its undated claims are read with)
    if between is not None:
        directions = {d for x in actors for y in between for d in ((x, y), (y, x))}
        for source, target in sorted(directions):
            pair = and_(claims.c.source_id == source, claims.c.target_id == target)
            if types is not None:
                pair = and_(pair, claims.c.type.in_(types))
            ranges.append((pair, pair))
    else:
        for column in (claims.c.source_id, claims.c.target_id):
            for actor in actors:
                ranges += [(and_(column == actor, claims.c.type == claim_type), None)
                           for claim_type in types or ()]
                # undated claims: one read per side and actor for all the types
                ranges.append((None, and_(column == actor, claims.c.type.in_(types or ()))))
    parts = []
    for dated, undated in ranges:
        if dated is not None:
            part = select(claims.c.id, date).where(dated)
            part = part.where(date <= latest_day(until)) if until else \
                part.where(date.is_not(None))
            parts.append(part.order_by(date.desc(), claims.c.id.desc())
                         .limit(limit).subquery().select())
        if undated is not None and not until:  # undated claims come after every dated one
            parts.append(select(claims.c.id, date).where(undated, date.is_(None))
                         .order_by(claims.c.id.desc()).limit(limit).subquery().select())
    newest = union(*parts).subquery()  # a claim between two of `actors` is read twice
    return (select(newest.c.id)
            .order_by(newest.c.event_date.desc().nulls_last(), newest.c.id.desc())
            .limit(limit))


def first_quotes(session: Session, claim_ids: Iterable[int]) -> dict[int, str]:
    """Each claim's first evidence sentence (lowest evidence id), by claim id."""
    evidence = m.Evidence.__table__
    wanted = sorted(set(claim_ids))
    found: dict[int, str] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(select(evidence.c.claim_id, evidence.c.quote)
                               .where(evidence.c.claim_id.in_(wanted[i:i + 500]))
                               .order_by(evidence.c.id.desc()))
        found |= {row.claim_id: row.quote for row in rows}  # the first row wins
    return found


def with_quotes(session: Session, records: Iterable[ClaimRecord]) -> list[ClaimRecord]:
    """The records with their first evidence sentence filled in (one query)."""
    records = list(records)
    found = first_quotes(session, (r.id for r in records if r.quote is None))
    return [replace(r, quote=found.get(r.id)) if r.quote is None else r for r in records]


@dataclass
class RelationPeriod:
    """One stretch of time during which a pair's claims agree on one kind of relation."""

    a: str
    b: str
    kind: str
    start: str | None
    end: str | None
    end_reason: str  # "explicit" | "event" | "turned" | "open"
    place: str | None
    claims: list[ClaimRecord] = field(default_factory=list)
    contradicted: bool = False
    # a period read back from the store's relations table carries these instead of claims
    stored: dict | None = None

    @property
    def claim_ids(self) -> list[int]:
        if not self.stored:
            return [c.id for c in self.claims]
        if "claims" not in self.stored:  # read back from the store: parsed when asked
            self.stored["claims"] = json.loads(self.stored.pop("claims_json"))
        return self.stored["claims"]

    @property
    def types(self) -> list[str]:
        if self.stored:
            return self.stored["types"]
        return sorted({c.type for c in self.claims})

    @property
    def sources(self) -> int:
        """Independent sources: distinct documents."""
        if self.stored:
            return self.stored["sources"]
        return len({c.document_id for c in self.claims})

    @property
    def confidence(self) -> float:
        """Grows with independent sources, falls with contradicting claims."""
        if self.stored:
            return self.stored["confidence"]
        doubt = 1.0
        best: dict[int, float] = {}
        for claim in self.claims:
            weight = claim.confidence * MODALITY_WEIGHT.get(claim.modality, 0.5)
            best[claim.document_id] = max(best.get(claim.document_id, 0.0), weight)
        for value in best.values():
            doubt *= 1.0 - min(value, 0.95)
        score = 1.0 - doubt
        if self.contradicted:
            score *= 0.7
        return round(score, 3)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "kind": self.kind, "start": self.start,
                "end": self.end, "end_reason": self.end_reason, "place": self.place,
                "types": self.types, "sources": self.sources,
                "confidence": self.confidence, "contradicted": self.contradicted,
                "claims": self.claim_ids}


def _key_start(date: str | None) -> str:
    return earliest_day(date) if date else "9999-12-31"


def overlaps(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether [start, end] and [lo, hi] (ISO partial dates, None = unbounded) overlap."""
    s = earliest_day(start) if start else "0000-01-01"
    e = latest_day(end) if end else "9999-12-31"
    lo_ = earliest_day(lo) if lo else "0000-01-01"
    hi_ = latest_day(hi) if hi else "9999-12-31"
    return s <= hi_ and lo_ <= e


def holds_until(period: RelationPeriod) -> str:
    """The last day a period holds: its end, or for an open one, a lapse after its evidence.

    An open relation is not eternal: one nobody has mentioned for LAPSE_YEARS
    is no longer shown as holding (it stays in the pair's history). This keeps
    a 2024 network from carrying every alliance ever reported.
    """
    if period.end_reason != "open":
        return latest_day(period.end) if period.end else "9999-12-31"
    last = period.end or period.start
    return f"{int(last[:4]) + LAPSE_YEARS:04d}-12-31" if last else "9999-12-31"


def active_at(period: RelationPeriod, date: str) -> bool:
    """Whether the period holds on `date` (an open one until it lapses)."""
    return overlaps(period.start, holds_until(period), date, date)


def active_within(period: RelationPeriod, start: str | None, end: str | None) -> bool:
    """Whether the period holds at some time in the window [start, end]."""
    return overlaps(period.start, holds_until(period), start, end)


def _pair_key(claim: ClaimRecord, fold: Callable[[str], str]) -> tuple[str, str] | None:
    if not claim.source or not claim.target or claim.type not in KIND_OF:
        return None
    a, b = fold(claim.source), fold(claim.target)
    if a == b:
        return None
    return (a, b) if a < b else (b, a)


def _year(date: str | None) -> int:
    return int(date[:4]) if date else 9999


def _order(claim: ClaimRecord) -> tuple[str, int]:
    """Time order; claims dated alike keep the order they were written in (by id)."""
    return _key_start(claim.start), claim.id


def _periods_of_scope(a: str, b: str, place: str | None, items: list[ClaimRecord],
                      gap_years: int) -> list[RelationPeriod]:
    """One scope's claims, in time order, joined into periods of one kind.

    A claim joins the latest period of its kind when it lies at most `gap_years`
    after it, unless the opposite kind took over in between (TAKEOVER claims or
    more): allies who fought and then cooperated again have two periods of
    cooperation, while one contrary report inside a long rivalry stays a
    contradiction beside it rather than cutting it in two.
    """
    periods: list[RelationPeriod] = []
    latest: dict[str, RelationPeriod] = {}
    contrary: dict[str, int] = defaultdict(int)  # kind -> opposite claims since its last
    for claim in sorted(items, key=_order):
        kind = KIND_OF[claim.type]
        last = latest.get(kind)
        if (last is not None and contrary[kind] < TAKEOVER
                and _year(claim.start) - _year(last.end) <= gap_years):
            if claim.end and latest_day(claim.end) > latest_day(last.end or claim.end):
                last.end = claim.end
            last.claims.append(claim)
        else:
            last = RelationPeriod(a, b, kind, claim.start, claim.end, "open", place, [claim])
            latest[kind] = last
            periods.append(last)
        contrary[kind] = 0
        if kind in OPPOSITE:
            contrary[OPPOSITE[kind]] += 1
    return periods


def _close(periods: list[RelationPeriod]) -> None:
    """Set each period's end reason: explicit, event, turned by the next opposite one, open."""
    starts = {kind: sorted(((_order(p.claims[0]), p) for p in periods if p.kind == kind),
                           key=lambda item: item[0])
              for kind in {p.kind for p in periods}}
    for period in periods:
        if any(c.until and c.end == period.end for c in period.claims):
            period.end_reason = "explicit"
        elif all(c.type in EVENT_TYPES for c in period.claims):
            period.end_reason = "event"  # attacks, deals, captures: over when done
        if period.end_reason != "open":
            continue
        opposite = starts.get(OPPOSITE.get(period.kind, ""), [])
        i = bisect_right(opposite, _order(period.claims[0]), key=lambda item: item[0])
        if i < len(opposite):
            period.end_reason = "turned"
            turning = opposite[i][1]
            if _key_start(turning.start) > _key_start(period.end):
                period.end = turning.start


def _mark_contradictions(periods: list[RelationPeriod]) -> None:
    """Mark periods that overlap one of the opposite kind in time (both are kept)."""
    spans = {kind: sorted((_key_start(p.start), latest_day(p.end) if p.end else "9999-12-31")
                          for p in periods if p.kind == kind)
             for kind in {p.kind for p in periods}}
    reach = {kind: list(accumulate((end for _, end in items), max))
             for kind, items in spans.items()}
    for period in periods:
        opposite = OPPOSITE.get(period.kind)
        if opposite not in spans:
            continue
        start = _key_start(period.start)
        end = latest_day(period.end) if period.end else "9999-12-31"
        # opposite periods starting by this one's end; does any reach its start?
        i = bisect_right(spans[opposite], end, key=lambda item: item[0])
        period.contradicted = i > 0 and reach[opposite][i - 1] >= start


def derive_relations(claims: Iterable[ClaimRecord],
                     fold: Callable[[str], str] | None = None,
                     gap_years: int = 1) -> list[RelationPeriod]:
    """Periods of relation for every pair (and place scope) that claims connect.

    Parameters
    ----------
    claims : the claims to read (see `load_claims`).
    fold : maps an actor id to the node it counts as (identity across renames);
        None keeps every actor apart.
    gap_years : claims of one kind at most this many years apart form one period.

    Returns
    -------
    Periods sorted by pair, place and start. A period ends where its last claim
    says it ends ("explicit"), with its last event when it holds only events such
    as attacks or deals ("event"), where a later period of the opposite kind
    begins ("turned"), or stays "open". A period that overlaps one of the opposite kind
    is marked `contradicted`: both are kept. Negated claims never open a period.
    """
    fold = fold or (lambda actor: actor)
    groups: dict[tuple, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        pair = _pair_key(claim, fold)
        if pair is None or claim.modality == "negated" or claim.start is None:
            continue
        groups[(pair, claim.place)].append(claim)
    periods: list[RelationPeriod] = []
    for ((a, b), place), items in groups.items():
        scope_periods = _periods_of_scope(a, b, place, items, gap_years)
        _close(scope_periods)
        _mark_contradictions(scope_periods)
        periods.extend(scope_periods)
    periods.sort(key=lambda p: (p.a, p.b, p.place or "", _key_start(p.start), p.kind))
    return periods
