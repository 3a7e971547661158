"""Read the knowledge base's YAML files into plain dataclasses, keeping file and line.

Every entry remembers where it came from, so `allegiance kb check` can point an
analyst at the exact line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"

ACTOR_TYPES = {"armed_group", "state_force", "state", "person", "coalition", "organization"}
NAME_KINDS = {"official", "short", "abbreviation", "transliteration", "exonym", "pejorative",
              "descriptive"}
LINEAGE_TYPES = {"RENAMED_TO", "SPLINTER_OF", "MERGED_INTO"}
ROLE_TYPES = {"LEADER_OF", "MEMBER_OF"}
PLACE_TYPES = {"country", "governorate", "city", "town", "village", "district", "region",
               "mountains", "desert", "site", "crossing", "camp", "river", "valley"}
ISO_PARTIAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Where:
    """A position in a knowledge-base file."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class KbName:
    text: str
    lang: str
    kind: str
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class KbLink:
    """A lineage step or a person's role, as the knowledge base records it."""

    type: str
    target: str
    date: str | None = None
    valid_to: str | None = None


@dataclass
class KbActor:
    id: str
    type: str
    names: list[KbName]
    country: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    # false for bodies that report, relieve or negotiate but bear no arms (news agencies,
    # monitors, aid groups, political councils): they attack, fight and hold nothing
    armed: bool | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    lineage: list[KbLink] = field(default_factory=list)
    roles: list[KbLink] = field(default_factory=list)
    notes: str | None = None
    where: Where | None = None

    @property
    def name(self) -> str:
        return self.names[0].text if self.names else self.id


@dataclass
class KbPlace:
    id: str
    type: str
    names: list[KbName]
    country: str | None = None
    within: str | None = None
    lat: float | None = None
    lon: float | None = None
    where: Where | None = None

    @property
    def name(self) -> str:
        return self.names[0].text if self.names else self.id


@dataclass(frozen=True)
class Problem:
    """One mistake in a knowledge-base file."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class KnowledgeBase:
    actors: dict[str, KbActor]
    places: dict[str, KbPlace]
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _iso(value: object) -> str | None:
    """YAML reads 2014-12-15 as a date; keep every date as an ISO partial string."""
    if value is None:
        return None
    return str(value)


def _items(path: Path, problems: list[Problem]) -> Iterator[tuple[dict, Where, yaml.Node]]:
    """Each top-level list item of a YAML file with its line; syntax errors become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(Where(str(path), 1), f"cannot read file: {exc}"))
        return
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.append(Problem(Where(str(path), line), f"YAML syntax: {exc}".splitlines()[0]))
        return
    finally:
        loader.dispose()
    if root is None:
        return
    if not isinstance(root, yaml.SequenceNode):
        problems.append(Problem(Where(str(path), root.start_mark.line + 1),
                                "the file must be a YAML list of entries"))
        return
    constructor = yaml.SafeLoader("")
    for node in root.value:
        where = Where(str(path), node.start_mark.line + 1)
        value = constructor.construct_object(node, deep=True)
        if not isinstance(value, dict):
            problems.append(Problem(where, "each entry must be a mapping with id, type, names"))
            continue
        yield value, where, node


def _child_lines(node: yaml.Node, key: str) -> list[int]:
    """Lines of the items under `key` in a mapping node, to place problems precisely."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in v.value]
    return []


def _names(raw: object, where: Where, lines: list[int], problems: list[Problem],
           need_kind: bool) -> list[KbName]:
    names: list[KbName] = []
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(where, "`names` must be a non-empty list"))
        return names
    for i, item in enumerate(raw):
        at = Where(where.path, lines[i] if i < len(lines) else where.line)
        if isinstance(item, str):
            item = {"text": item, "lang": "en"}
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            problems.append(Problem(at, "a name needs `text`"))
            continue
        lang = str(item.get("lang") or "")
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            problems.append(Problem(at, f"name {item['text']!r}: `lang` must be a language code"))
        kind = str(item.get("kind") or ("official" if not need_kind else ""))
        if kind not in NAME_KINDS:
            problems.append(Problem(at, f"name {item['text']!r}: unknown kind {kind!r} "
                                        f"(one of {', '.join(sorted(NAME_KINDS))})"))
        valid_from, valid_to = _iso(item.get("from")), _iso(item.get("to"))
        for label, value in (("from", valid_from), ("to", valid_to)):
            if value is not None and not ISO_PARTIAL.match(value):
                problems.append(Problem(at, f"name {item['text']!r}: `{label}` {value!r} is not "
                                            "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"))
        names.append(KbName(str(item["text"]).strip(), lang, kind or "official",
                            valid_from, valid_to))
    return names


def _links(raw: object, allowed: set[str], where: Where, lines: list[int],
           problems: list[Problem], field_name: str) -> list[KbLink]:
    links: list[KbLink] = []
    if raw is None:
        return links
    if not isinstance(raw, list):
        problems.append(Problem(where, f"`{field_name}` must be a list"))
        return links
    for i, item in enumerate(raw):
        at = Where(where.path, lines[i] if i < len(lines) else where.line)
        if not isinstance(item, dict) or item.get("type") not in allowed or not item.get("target"):
            problems.append(Problem(at, f"each `{field_name}` entry needs `type` "
                                        f"({', '.join(sorted(allowed))}) and `target`"))
            continue
        date = _iso(item.get("date", item.get("from")))
        links.append(KbLink(item["type"], str(item["target"]), date, _iso(item.get("to"))))
    return links


def _check_date(value: str | None, label: str, where: Where, problems: list[Problem]) -> None:
    if value is not None and not ISO_PARTIAL.match(value):
        problems.append(Problem(where, f"`{label}` {value!r} is not an ISO date"))


def read_actor_file(path: Path, problems: list[Problem]) -> Iterator[KbActor]:
    for raw, where, node in _items(path, problems):
        actor_id = str(raw.get("id") or "")
        if not ID_RE.match(actor_id):
            problems.append(Problem(where, f"actor id {actor_id!r} must be lowercase-hyphenated"))
            continue
        actor_type = raw.get("type")
        if actor_type not in ACTOR_TYPES:
            problems.append(Problem(where, f"actor {actor_id}: unknown type {actor_type!r} "
                                           f"(one of {', '.join(sorted(ACTOR_TYPES))})"))
            continue
        names = _names(raw.get("names"), where, _child_lines(node, "names"), problems, True)
        if not names:
            continue
        actor = KbActor(
            id=actor_id, type=actor_type, names=names,
            country=raw.get("country"), founded=_iso(raw.get("founded")),
            dissolved=_iso(raw.get("dissolved")),
            armed=raw.get("armed") if isinstance(raw.get("armed"), bool) else None,
            identifiers={str(k): str(v) for k, v in (raw.get("identifiers") or {}).items()},
            lineage=_links(raw.get("lineage"), LINEAGE_TYPES, where,
                           _child_lines(node, "lineage"), problems, "lineage"),
            roles=_links(raw.get("roles"), ROLE_TYPES, where, _child_lines(node, "roles"),
                         problems, "roles"),
            notes=raw.get("notes"), where=where,
        )
        _check_date(actor.founded, "founded", where, problems)
        _check_date(actor.dissolved, "dissolved", where, problems)
        yield actor


def read_place_file(path: Path, problems: list[Problem]) -> Iterator[KbPlace]:
    for raw, where, node in _items(path, problems):
        place_id = str(raw.get("id") or "")
        if not ID_RE.match(place_id):
            problems.append(Problem(where, f"place id {place_id!r} must be lowercase-hyphenated"))
            continue
        names = _names(raw.get("names"), where, _child_lines(node, "names"), problems, False)
        if not names:
            continue
        lat, lon = raw.get("lat"), raw.get("lon")
        try:
            lat = None if lat is None else float(lat)
            lon = None if lon is None else float(lon)
        except (TypeError, ValueError):
            problems.append(Problem(where, f"place {place_id}: lat/lon must be numbers"))
            lat = lon = None
        if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
            problems.append(Problem(where, f"place {place_id}: coordinates out of range"))
        place_type = str(raw.get("type") or "region")
        if place_type not in PLACE_TYPES:
            problems.append(Problem(where, f"place {place_id}: unknown type {place_type!r}"))
        yield KbPlace(place_id, place_type, names, raw.get("country"), raw.get("within"),
                      lat, lon, where)


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [path]


def _is_place_file(path: Path) -> bool:
    """Extra files say what they hold by their folder or name (places/…, *places*.yaml)."""
    return "places" in path.parts or "places" in path.stem or "place" == path.stem


def _cross_check(kb: KnowledgeBase) -> None:
    for actor in kb.actors.values():
        for link in actor.lineage + actor.roles:
            if link.target not in kb.actors:
                kb.problems.append(Problem(actor.where or Where("?", 0),
                                           f"actor {actor.id}: {link.type} target "
                                           f"{link.target!r} is not a known actor id"))
    for place in kb.places.values():
        if place.within and place.within not in kb.places:
            kb.problems.append(Problem(place.where or Where("?", 0),
                                       f"place {place.id}: `within` {place.within!r} is not "
                                       "a known place id"))


def load(extra: Iterable[Path] = (), base: Path | None = DATA_DIR) -> KnowledgeBase:
    """The shipped base plus the user's extra files; later files extend earlier ones.

    An extra entry whose id already exists adds its names, lineage and roles to
    that entry, so a user can teach the tool a new spelling without copying it.
    """
    kb = KnowledgeBase({}, {})
    sources: list[tuple[Path, bool]] = []
    if base is not None:
        sources += [(p, False) for p in _yaml_files(base / "actors")]
        sources += [(p, True) for p in _yaml_files(base / "places")]
    for path in extra:
        path = Path(path)
        if not path.exists():
            kb.problems.append(Problem(Where(str(path), 0), "file or folder not found"))
            continue
        sources += [(p, _is_place_file(p)) for p in _yaml_files(path)]
    for path, is_place in sources:
        kb.files.append(str(path))
        if is_place:
            for place in read_place_file(path, kb.problems):
                if place.id in kb.places:
                    kb.places[place.id].names.extend(place.names)
                else:
                    kb.places[place.id] = place
        else:
            for actor in read_actor_file(path, kb.problems):
                if actor.id in kb.actors:
                    known = kb.actors[actor.id]
                    if known.where and actor.where and known.where.path == actor.where.path:
                        kb.problems.append(Problem(actor.where, f"duplicate actor id {actor.id} "
                                                                f"(first at {known.where})"))
                    if all(n.kind == "descriptive" for n in known.names) and any(
                            n.kind != "descriptive" for n in actor.names):
                        # the full definition came after an extension: it leads
                        known.names[:0] = actor.names
                        known.type, known.country = actor.type, actor.country or known.country
                        known.founded, known.dissolved = actor.founded, actor.dissolved
                        known.identifiers |= actor.identifiers
                        known.notes, known.where = actor.notes, actor.where
                    else:
                        known.names.extend(actor.names)
                    known.lineage.extend(actor.lineage)
                    known.roles.extend(actor.roles)
                else:
                    kb.actors[actor.id] = actor
    _cross_check(kb)
    return kb


@lru_cache(maxsize=8)
def load_cached(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base, read once per process for a given set of extra files."""
    return load([Path(p) for p in extra])
