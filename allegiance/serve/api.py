"""The JSON API: one route per view, each parsing its parameters and calling one view.

Answers are the dicts of `allegiance.analyse.views` (what `--json` prints),
with the `detail` extras a page needs (display names, mention offsets).
Handlers are plain `def`s: FastAPI runs them in its thread pool, one store
session per call.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import AfterValidator

from allegiance.analyse import views
from allegiance.errors import QueryError
from allegiance.serve import schemas as s
from allegiance.serve.security import require_read, require_write

ERRORS = {401: {"model": s.Problem, "description": "A token is needed or not valid."},
          422: {"model": s.Problem, "description": "A parameter is not valid."}}
NOT_FOUND = {404: {"model": s.Problem, "description": "No such actor, claim or document."}}
BODY_ERRORS = {400: {"model": s.Problem, "description": "The body is not JSON."},
               413: {"model": s.Problem, "description": "The body is too large."}}


def _date(option: str):
    def check(value: str | None) -> str | None:
        try:
            return views.check_date(value, option)
        except QueryError as exc:
            raise ValueError(exc.message) from None
    return check


def _date_query(option: str, description: str):
    """A date parameter: documented by pattern, checked with a message that names it."""
    return Annotated[str | None, Query(
        alias=option, description=f"{description} (YYYY, YYYY-MM or YYYY-MM-DD).",
        max_length=10, json_schema_extra={"pattern": s.DATE_PATTERN}),
        AfterValidator(_date(option))]


At = _date_query("at", "Relations holding on this date")
From = _date_query("from", "Window start")
To = _date_query("to", "Window end")
Since = _date_query("since", "Only shifts whose new period starts on or after this date")
LineageOn = Annotated[bool, Query(
    description="Fold renamed predecessors and successors into one node.")]
Name = Annotated[str, Query(min_length=1, max_length=200,
                            description="A name or id, in any language.")]

router = APIRouter(prefix="/api", responses=ERRORS, dependencies=[Depends(require_read)])


def _ctx(request: Request):
    return request.app.state.store, request.app.state.kb


@router.get("/meta", response_model=s.Meta, tags=["store"])
def meta(request: Request) -> dict:
    """What the store holds and the days its claims cover (for a time slider)."""
    return views.meta_view(request.app.state.store)


@router.get("/network", response_model=s.Network, tags=["views"])
def network(request: Request, at: At = None, start: From = None, end: To = None,
            kinds: Annotated[list[s.Kind] | None, Query(
                alias="type", description="Keep these relation kinds or claim types "
                                          "(repeatable).")] = None,
            place: Annotated[str | None, Query(max_length=120,
                                               description="Keep relations scoped to this "
                                                           "place id.")] = None,
            lineage: LineageOn = False,
            limit: Annotated[int, Query(ge=0, le=1_000_000, description=(
                "At most this many relations, the best attested first; 0 for all."))]
            = views.NETWORK_LIMIT) -> dict:
    """The network on a date (`at`) or over a window (`from`, `to`), with its measures."""
    store, kb = _ctx(request)
    return views.network_view(store, kb, at=at, start=start, end=end,
                              kinds=[k.value for k in kinds] if kinds else None,
                              place=place, lineage=lineage, detail=True, limit=limit)


@router.get("/actors/{name}", response_model=s.ActorProfile, responses=NOT_FOUND,
            tags=["views"])
def actor(request: Request,
          name: Annotated[str, Path(min_length=1, max_length=200,
                                    description="A name or id, in any language.")],
          at: At = None, lineage: LineageOn = True) -> dict:
    """An actor's profile: names over time, lineage, leaders, allies, rivals, events."""
    store, kb = _ctx(request)
    return views.actor_view(store, kb, name, at=at, lineage=lineage, detail=True)


@router.get("/pair", response_model=s.Pair, responses=NOT_FOUND, tags=["views"])
def pair(request: Request, a: Name, b: Name, start: From = None, end: To = None,
         lineage: LineageOn = True) -> dict:
    """One pair's history: periods, then every claim between them, oldest first.

    Each claim carries the offsets of actor mentions inside its quote."""
    store, kb = _ctx(request)
    return views.pair_view(store, kb, a, b, start=start, end=end, lineage=lineage,
                           detail=True)


@router.get("/changes", response_model=s.Changes, tags=["views"])
def changes(request: Request,
            start: Annotated[str, Query(alias="from", max_length=10,
                                        description="The earlier date.",
                                        json_schema_extra={"pattern": s.DATE_PATTERN}),
                             AfterValidator(_date("from"))],
            end: Annotated[str, Query(alias="to", max_length=10,
                                      description="The later date.",
                                      json_schema_extra={"pattern": s.DATE_PATTERN}),
                           AfterValidator(_date("to"))],
            lineage: LineageOn = False) -> dict:
    """Relations that began, ended or turned between two dates."""
    store, kb = _ctx(request)
    return views.changes_view(store, kb, start, end, lineage=lineage, detail=True)


@router.get("/shifts", response_model=list[s.Shift], tags=["views"])
def shifts(request: Request, since: Since = None,
           limit: Annotated[int, Query(ge=1, le=200, description="How many.")] = 15,
           lineage: LineageOn = True) -> list[dict]:
    """Pairs whose recent claims turn against their earlier state, strongest first."""
    store, kb = _ctx(request)
    return views.shifts_view(store, kb, since=since, limit=limit, lineage=lineage,
                             detail=True)


@router.get("/search", response_model=s.Search, tags=["views"])
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200,
                                   description="A name or words, in any script.")]) -> dict:
    """Actors, places and quotes matching a name or words."""
    return views.search_view(request.app.state.store, q)


@router.get("/claims/{claim_id}", response_model=s.ClaimDetail, responses=NOT_FOUND,
            tags=["claims"])
def claim(request: Request, claim_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    """A claim as extracted, with all its evidence and every review."""
    return views.claim_view(request.app.state.store, claim_id)


@router.post("/claims/{claim_id}/review", response_model=s.ClaimDetail,
             responses=NOT_FOUND | BODY_ERRORS, dependencies=[Depends(require_write)],
             tags=["claims"])
def review(request: Request, claim_id: Annotated[int, Path(ge=1, le=2**62)],
           body: s.ReviewIn) -> dict:
    """Accept, reject or correct a claim; every view follows the latest review."""
    correction = body.correction.model_dump(mode="json", exclude_unset=True) \
        if body.correction is not None else None
    return views.review_claim(request.app.state.store, claim_id, body.action,
                              note=body.note, correction=correction or None,
                              reviewer=body.reviewer)


@router.get("/documents/{document_id}", response_model=s.DocumentDetail,
            responses=NOT_FOUND, tags=["claims"])
def document(request: Request, document_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict:
    """A document's metadata, its text and the ids of its claims."""
    return views.document_view(request.app.state.store, document_id)


@router.get("/places", response_model=list[s.PlaceOut], tags=["views"])
def places(request: Request, at: At = None, start: From = None, end: To = None) -> list:
    """Places that claims name, with coordinates, claim counts and claim ids (for a map)."""
    store, kb = _ctx(request)
    return views.places_view(store, kb, at=at, start=start, end=end)


@router.get("/export", tags=["export"], response_class=Response, responses={
    200: {"description": "The file: GEXF, GraphML, a zip of two CSV tables (claims.csv, "
                         "relations.csv), JSON, or a STIX 2.1 bundle.",
          "content": {media: {} for media in sorted({m for m, _ in
                                                      views.EXPORT_TYPES.values()})}}})
def export(request: Request,
           fmt: Annotated[s.ExportFormat, Query(alias="format",
                                                description="The file format.")],
           at: At = None, start: From = None, end: To = None,
           lineage: LineageOn = False) -> Response:
    """The network, claims and evidence as a file for Gephi, spreadsheets or STIX tools."""
    store, kb = _ctx(request)
    content, media_type, filename = views.export_view(store, kb, fmt.value, at=at,
                                                      start=start, end=end, lineage=lineage)
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
