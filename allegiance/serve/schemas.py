"""The API's public shapes (Pydantic), so that the OpenAPI schema says what each view holds.

They describe the dicts of `allegiance.analyse.views` and never rename a key:
the API answers exactly what `allegiance ... --json` prints. Models allow
extra keys, so a field added to a view reaches clients before it is typed here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from allegiance.analyse.views import DATE, KINDS
from allegiance.model import CLAIM_TYPES, MODALITIES

DATE_PATTERN = DATE.pattern
Kind = StrEnum("Kind", {name: name for name in (*KINDS, *sorted(CLAIM_TYPES))})
ClaimType = StrEnum("ClaimType", {name: name for name in sorted(CLAIM_TYPES)})
Modality = StrEnum("Modality", {name: name for name in MODALITIES})
ExportFormat = StrEnum("ExportFormat", {name: name for name in
                                        ("gexf", "graphml", "csv", "json", "stix")})


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    """Every error answer: one line that says what is wrong."""

    detail: str = Field(description="What is wrong, fit to show a user.")
    code: str | None = Field(None, description="Allegiance's error code (E4xx), if any.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="For invalid parameters: each one's location and message.")


class Meta(Open):
    documents: int
    actors: int = Field(description="Actors that at least one claim names.")
    claims: int
    first_date: str | None = Field(description="First day claims or reports cover.")
    last_date: str | None = Field(description="Last day claims or reports cover.")
    version: str


class Period(Open):
    """One relation period between two actors, with the ids of the claims behind it."""

    a: str
    b: str
    kind: str
    start: str | None
    end: str | None
    end_reason: str
    place: str | None
    types: list[str]
    sources: int
    confidence: float
    contradicted: bool
    claims: list[int]


class NetworkActor(Open):
    id: str
    name: str
    type: str | None


class Network(Open):
    at: str | None
    from_: str | None = Field(alias="from")
    to: str | None
    relations: list[Period]
    total_relations: int = Field(description="Relations in the network before the limit.")
    nodes: int
    edges: int
    degree: dict[str, int]
    betweenness: dict[str, float]
    communities: list[list[str]]
    actors: list[NetworkActor] = Field(description="Each node's id, name and type.")


class ProfileRelation(Period):
    other: str
    evidence: list[dict[str, Any]]


class ActorProfile(Open):
    id: str
    name: str
    type: str
    origin: str | None
    country: str | None
    wikidata: str | None
    members: list[str]
    names: list[dict[str, Any]]
    notes: str | None
    lineage: list[dict[str, Any]]
    leaders: list[dict[str, Any]]
    allies: list[ProfileRelation]
    rivals: list[ProfileRelation]
    events: list[dict[str, Any]]
    actor_names: dict[str, str] = Field(description="Display name of every actor id above.")


class Mention(Open):
    start: int = Field(description="Offset inside the quote where the mention starts.")
    end: int
    actor: str
    text: str


class PairDocument(Open):
    name: str
    title: str | None
    published: str | None


class PairClaim(Open):
    id: int
    type: str
    source: str | None
    target: str | None
    when: str | None
    until: str | None
    modality: str
    attributed_to: str | None
    confidence: float
    place: str | None
    review: str | None
    document: PairDocument
    quote: str | None = Field(description="The clause that states the claim.")
    evidence_id: int | None
    sentence: str | None = Field(description="The whole sentence the quote stands in.")
    quote_in_sentence: list[int] | None = Field(
        description="Where the quote starts and ends inside the sentence.")
    mentions: list[Mention] = Field(description="Actor mentions, offsets in the sentence.")


class Pair(Open):
    a: list[str]
    b: list[str]
    periods: list[Period]
    claims: list[PairClaim]
    actor_names: dict[str, str]
    title: list[str]


class Turn(Open):
    from_: Period = Field(alias="from")
    to: Period


class Changes(Open):
    began: list[Period]
    ended: list[Period]
    turned: list[Turn]
    actor_names: dict[str, str]


class Shift(Open):
    a: str
    b: str
    a_name: str
    b_name: str
    score: float
    from_: Period = Field(alias="from")
    to: Period
    evidence_from: list[str]
    evidence_to: list[str]


class SearchActor(Open):
    id: str
    name: str
    type: str


class SearchPlace(Open):
    id: str
    name: str
    lat: float | None
    lon: float | None


class SearchClaim(Open):
    id: int
    quote: str


class Search(Open):
    actors: list[SearchActor]
    places: list[SearchPlace]
    claims: list[SearchClaim]


class Evidence(Open):
    id: int
    quote: str
    quote_start: int
    quote_end: int
    sentence_start: int
    sentence_end: int
    mentions: list[Mention]


class ReviewOut(Open):
    id: int
    action: str
    note: str | None
    reviewer: str | None
    correction: dict[str, Any] | None
    created_at: str


class ClaimDocument(Open):
    id: int
    name: str
    title: str | None
    url: str | None
    published: str | None
    lang: str | None


class ClaimDetail(Open):
    id: int
    type: str
    source: str | None
    source_name: str | None
    target: str | None
    target_name: str | None
    target_place: str | None
    target_text: str | None
    when: str | None
    until: str | None
    modality: str
    attributed_to: str | None
    place: str | None
    confidence: float
    review: str | None
    document: ClaimDocument
    evidence: list[Evidence]
    reviews: list[ReviewOut]


class DocumentDetail(Open):
    id: int
    name: str
    title: str | None
    url: str | None
    published: str | None
    lang: str | None
    format: str
    words: int
    claims: list[int]
    text: str


class PlaceOut(Open):
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    claims: int
    claim_ids: list[int]


class Correction(BaseModel):
    """The claim fields a correction may change; those left out stay as extracted."""

    model_config = ConfigDict(extra="forbid")

    type: ClaimType | None = None
    source: str | None = Field(None, min_length=1, max_length=120)
    target: str | None = Field(None, min_length=1, max_length=120)
    when: str | None = Field(None, pattern=DATE_PATTERN, max_length=10)
    until: str | None = Field(None, pattern=DATE_PATTERN, max_length=10)
    modality: Modality | None = None


class ReviewIn(BaseModel):
    """An analyst's verdict on a claim; the claim itself is never changed."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["accept", "reject", "correct"]
    note: str | None = Field(None, max_length=2000)
    correction: Correction | None = Field(
        None, description="With action 'correct': the fields to change.")
    reviewer: str | None = Field(None, max_length=120)
