"""Plain data passed between stages: what extraction finds and the store keeps.

These are the only types that cross a stage boundary (extract → resolve →
store), so each stage can be tested, replaced or run on another machine alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SYMMETRIC_TYPES = frozenset({"ALLIED_WITH", "RIVAL_OF", "AGREED_WITH", "FOUGHT"})
PLACE_TYPES = frozenset({"WITHDREW_FROM", "CONTROLS", "ARRIVED_IN"})
STRUCTURAL_TYPES = frozenset({"AFFILIATED_WITH", "ALLIED_WITH", "RIVAL_OF", "SPLINTER_OF",
                              "MERGED_INTO", "RENAMED_TO", "LEADER_OF", "MEMBER_OF",
                              "SUPPORTS"})
EVENT_TYPES = frozenset({"ATTACKED", "CAPTURED", "EXECUTED", "AGREED_WITH", "FOUGHT",
                         "WITHDREW_FROM", "CONTROLS", "ARRIVED_IN"})
CLAIM_TYPES = STRUCTURAL_TYPES | EVENT_TYPES
MODALITIES = ("asserted", "reported", "speculative", "negated")


def fact_start(when: str | None, until: str | None, published: str | None) -> str | None:
    """When a claim's fact began, for ordering and periods: its own time, else its
    report's date, or its end when only an end is known and it comes before the report
    ("led it until 2019" in a 2020 article)."""
    if when is None and until and published and until < published:
        return until
    return when or published


@dataclass(frozen=True)
class Evidence:
    """Where a claim is stated: character offsets into the document's text."""

    sentence_start: int
    sentence_end: int
    start: int
    end: int
    text: str


@dataclass
class Claim:
    """One typed statement from one sentence of one document."""

    type: str
    source: str | None  # actor id
    target: str | None  # actor id, or place id / plain place name for PLACE_TYPES
    evidence: Evidence
    when: str | None = None
    until: str | None = None
    precision: str | None = None
    qualifier: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    place: str | None = None  # place id the claim is scoped to
    confidence: float = 0.5
    target_is_place: bool = False
    pattern: str = ""  # which lexicon pattern produced it (for `extract --explain`)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ActorRecord:
    """An actor as one document names it."""

    id: str
    name: str
    type: str
    origin: str  # "kb" or "discovered"
    surface: list[str] = field(default_factory=list)  # forms this document uses
    # an Arabic discovered person's likely Latin spellings, best first (extract/romanize.py)
    romanized: list[str] = field(default_factory=list)


@dataclass
class PlaceRecord:
    id: str
    name: str
    origin: str
    surface: list[str] = field(default_factory=list)


@dataclass
class MentionRecord:
    actor_id: str
    start: int
    end: int
    text: str
    how: str


@dataclass
class Extraction:
    """Everything extraction found in one document."""

    doc: str
    lang: str
    published: str | None
    actors: dict[str, ActorRecord]
    places: dict[str, PlaceRecord]
    claims: list[Claim]
    mentions: list[MentionRecord]
    words: int = 0
