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
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from allegiance.model import EVENT_TYPES
from allegiance.resolve.lineage import earliest_day, latest_day
from allegiance.store import models as m

__all__ = ["KIND_OF", "ClaimRecord", "RelationPeriod", "active_at", "derive_relations",
           "load_claims", "overlaps"]

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
        """When the claim's fact began: its own time, else the report's date."""
        return self.when or self.published

    @property
    def end(self) -> str | None:
        return self.until or self.when or self.published

    @property
    def dated(self) -> bool:
        return self.when is not None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _apply_review(claim: m.Claim) -> dict | None:
    """The claim's fields after its latest review; None when it was rejected."""
    fields = {"type": claim.type, "source": claim.source_id, "target": claim.target_id,
              "when": claim.valid_from, "until": claim.valid_to, "modality": claim.modality}
    review = claim.reviews[-1] if claim.reviews else None
    if review is None:
        return fields
    if review.action == "reject":
        return None
    if review.action == "correct" and review.correction:
        correction = json.loads(review.correction)
        fields |= {k: v for k, v in correction.items() if k in fields}
    return fields


def load_claims(session: Session, actors: Iterable[str] | None = None, *,
                modalities: Iterable[str] = DEFAULT_MODALITIES,
                include_rejected: bool = False) -> list[ClaimRecord]:
    """Claims between actors (all of them, or those touching `actors`), reviews applied.

    Rejected claims are left out unless `include_rejected`; a correction replaces
    the fields it names. Claims whose modality is not in `modalities` are left out.
    """
    query = (select(m.Claim)
             .options(selectinload(m.Claim.evidence), selectinload(m.Claim.reviews),
                      selectinload(m.Claim.document)))
    if actors is not None:
        ids = list(actors)
        query = query.where(m.Claim.source_id.in_(ids) | m.Claim.target_id.in_(ids))
    wanted = set(modalities)
    records: list[ClaimRecord] = []
    for claim in session.scalars(query):
        fields = _apply_review(claim)
        review = claim.reviews[-1].action if claim.reviews else None
        if fields is None:
            if not include_rejected:
                continue
            fields = {"type": claim.type, "source": claim.source_id,
                      "target": claim.target_id, "when": claim.valid_from,
                      "until": claim.valid_to, "modality": claim.modality}
        if fields["modality"] not in wanted:
            continue
        evidence = claim.evidence[0] if claim.evidence else None
        records.append(ClaimRecord(
            id=claim.id, type=fields["type"], source=fields["source"], target=fields["target"],
            when=fields["when"], until=fields["until"], modality=fields["modality"],
            confidence=claim.confidence, document_id=claim.document_id,
            document=claim.document.name, title=claim.document.title,
            published=claim.document.published, quote=evidence.quote if evidence else None,
            place=claim.place_id, target_place=claim.target_place_id,
            target_text=claim.target_text, attributed_to=claim.attributed_to,
            review=review))
    return records


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
        return self.stored["claims"] if self.stored else [c.id for c in self.claims]

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


def active_at(period: RelationPeriod, date: str) -> bool:
    """Whether the period holds on `date` (an open period holds from its start on)."""
    end = None if period.end_reason == "open" else period.end
    return overlaps(period.start, end, date, date)


def _pair_key(claim: ClaimRecord, fold: Callable[[str], str]) -> tuple[str, str] | None:
    if not claim.source or not claim.target or claim.type not in KIND_OF:
        return None
    a, b = fold(claim.source), fold(claim.target)
    if a == b:
        return None
    return (a, b) if a < b else (b, a)


def _year(date: str | None) -> int:
    return int(date[:4]) if date else 9999


def _merge_into_periods(a: str, b: str, kind: str, place: str | None,
                        items: list[ClaimRecord], gap_years: int) -> list[RelationPeriod]:
    """Claims of one kind, in time order, joined while they overlap or lie close."""
    periods: list[RelationPeriod] = []
    for claim in items:
        last = periods[-1] if periods else None
        if last is not None and _year(claim.start) - _year(last.end) <= gap_years:
            if claim.end and latest_day(claim.end) > latest_day(last.end or claim.end):
                last.end = claim.end
            last.claims.append(claim)
            continue
        periods.append(RelationPeriod(a, b, kind, claim.start, claim.end, "open", place,
                                      [claim]))
    return periods


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
        groups[(pair, claim.place, KIND_OF[claim.type])].append(claim)
    by_scope: dict[tuple, list[RelationPeriod]] = defaultdict(list)
    for ((a, b), place, kind), items in groups.items():
        items.sort(key=lambda c: (_key_start(c.start), c.id))
        by_scope[(a, b, place)] += _merge_into_periods(a, b, kind, place, items, gap_years)
    periods: list[RelationPeriod] = []
    for scope_periods in by_scope.values():
        for period in scope_periods:
            if any(c.until and c.end == period.end for c in period.claims):
                period.end_reason = "explicit"
            elif all(c.type in EVENT_TYPES for c in period.claims):
                period.end_reason = "event"  # attacks, deals, captures: over when done
            opposite = OPPOSITE.get(period.kind)
            later = sorted((p for p in scope_periods if p.kind == opposite
                            and _key_start(p.start) > _key_start(period.start)),
                           key=lambda p: _key_start(p.start))
            if period.end_reason == "open" and later:
                period.end_reason = "turned"
                if _key_start(later[0].start) > _key_start(period.end):
                    period.end = later[0].start
            period.contradicted = any(
                p.kind == opposite and overlaps(p.start, p.end, period.start, period.end)
                for p in scope_periods)
        periods.extend(scope_periods)
    periods.sort(key=lambda p: (p.a, p.b, p.place or "", _key_start(p.start), p.kind))
    return periods
