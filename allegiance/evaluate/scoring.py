"""Score extracted claims and actors against gold files.

The rules are those of ``shared/eval/README.md``: a system claim matches a
gold claim when the type is the same, both sides match (in either order for
symmetric types) and the time is compatible; each gold claim is matched at
most once. Everything here is plain data in, plain data out, so that the CLI,
the benchmarks and the tests all score the same way.

Matching is one-to-one and optimal: within a document and a claim type the
candidate pairs form a bipartite graph, and a maximum-weight assignment picks
the pairs. Every candidate pair weighs more than all tie-break bonuses
together, so the assignment first has the largest possible number of pairs
(true positives), and among those prefers pairs whose time is exactly right,
then pairs whose modality agrees. A greedy matcher can lose true positives
when one system claim could serve two gold claims; this one cannot.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SYMMETRIC = frozenset({"ALLIED_WITH", "RIVAL_OF", "AGREED_WITH", "FOUGHT"})
"""Claim types whose source and target may be swapped."""

PLACE_TYPES = frozenset({"WITHDREW_FROM", "CONTROLS", "ARRIVED_IN"})
"""Claim types whose target is a place, not an actor."""

TYPE_ORDER = (
    "AFFILIATED_WITH",
    "ALLIED_WITH",
    "RIVAL_OF",
    "SPLINTER_OF",
    "MERGED_INTO",
    "RENAMED_TO",
    "LEADER_OF",
    "MEMBER_OF",
    "SUPPORTS",
    "ATTACKED",
    "CAPTURED",
    "EXECUTED",
    "AGREED_WITH",
    "FOUGHT",
    "WITHDREW_FROM",
    "CONTROLS",
    "ARRIVED_IN",
)
"""The guidelines' order of claim types, used to sort reports."""

# --------------------------------------------------------------------------
# Name normalisation
# --------------------------------------------------------------------------

# Apostrophes and the marks that transliterations use for ayn and hamza:
# ASCII ' and `, curly quotes, modifier letters ʿ ʾ ʻ ʼ, acute accent, prime.
_APOSTROPHES = "'\u2019\u2018\u02bf\u02be\u02bb\u02bc`\u00b4\u2032"
# Characters that only ever come from markup (Markdown emphasis, links, tables).
_MARKUP_CHARS = "*_~#[]{}|^\\"
_DROP_TABLE = str.maketrans("", "", _APOSTROPHES + _MARKUP_CHARS)
_TAG_RE = re.compile(r"<[^<>]*>")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ARABIC_TABLE = str.maketrans(
    {
        "\u0623": "\u0627",  # أ alef with hamza above -> ا
        "\u0625": "\u0627",  # إ alef with hamza below -> ا
        "\u0622": "\u0627",  # آ alef with madda -> ا
        "\u0671": "\u0627",  # ٱ alef wasla -> ا
        "\u0629": "\u0647",  # ة ta marbuta -> ه
        "\u0649": "\u064a",  # ى alef maqsura -> ي
        "\u0640": None,  # tatweel (kashida), a purely typographic stretch
    }
)
_ARTICLES = frozenset({"al", "el", "the"})
_ARABIC_ARTICLE = "\u0627\u0644"  # ال


def name_key(name: str) -> str:
    """Reduce a name to the key under which two spellings count as the same.

    Texts and gold files spell one name in many ways ("Hay’at Tahrir
    al-Sham", "Hay'at Tahrir al Sham", "*Hayat Tahrir al-Sham*"); the key
    removes the differences that carry no meaning. It does not fix
    transliteration: "al-Qa'ida" gives "qaida" and "al-Qaeda" gives "qaeda".

    Steps, in order:

    1. Remove markup: HTML/XML tags become spaces; the characters
       ``* _ ~ # [ ] { } | ^ \\`` are dropped.
    2. Drop apostrophes and ayn/hamza marks (``' ’ ‘ ʿ ʾ ʻ ʼ ` ´ ′``), before
       decomposition, because NFKD turns ``´`` into a space plus an accent.
    3. Casefold (before decomposition, so that the dot of "İ" is removed
       with the other marks).
    4. NFKD, then drop every non-spacing mark: Latin diacritics ("Ḥ" → "h"),
       Arabic short vowels, shadda, sukun, dagger alef, and the hamza and
       madda that NFKD splits off أ إ آ ؤ ئ. NFKD also maps Arabic
       presentation forms and full-width letters to plain letters.
    5. Arabic letters: alef forms أ إ آ ٱ → ا, ة → ه, ى → ي; tatweel is
       dropped. Apostrophes that NFKD produced are dropped too.
    6. Dots are dropped, so that "U.S." and "US" agree; hyphens and dashes,
       and any other punctuation, symbol or space, become a single space.
    7. The article is dropped from every word: the words "al", "el" and
       "the", and a leading "ال" on an Arabic word that keeps at least two
       letters ("al-Qa'ida" → "qaida", "الدولة الإسلامية" → "دوله اسلاميه").
       If nothing would be left, the words are kept.
    8. Words are joined by single spaces.

    Parameters
    ----------
    name : str
        A name as written in a text, a gold file or the knowledge base.

    Returns
    -------
    str
        The key; the empty string when the name has no letters or digits.
    """
    text = _TAG_RE.sub(" ", name)
    text = text.translate(_DROP_TABLE)
    text = text.casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.translate(_ARABIC_TABLE).translate(_DROP_TABLE)
    text = text.replace(".", "")
    chars = []
    for ch in text:
        if ch in _DASHES or unicodedata.category(ch)[0] in "PSZC":
            chars.append(" ")
        else:
            chars.append(ch)
    words = "".join(chars).split()
    kept = []
    for word in words:
        if word in _ARTICLES:
            continue
        if word.startswith(_ARABIC_ARTICLE) and len(word) >= len(_ARABIC_ARTICLE) + 2:
            word = word[len(_ARABIC_ARTICLE) :]
        kept.append(word)
    return " ".join(kept or words)


def _keys(names: Iterable[Any]) -> frozenset[str]:
    """Name keys of several names, without the empty key (it matches nothing)."""
    keys = (name_key(n) for n in names if isinstance(n, str))
    return frozenset(k for k in keys if k)


# --------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

Date = tuple[int, ...]
"""A partial date as (year,), (year, month) or (year, month, day)."""


def parse_date(value: Any) -> Date | None:
    """Read an ISO partial date; its length is its precision.

    Anything that does not start with a four-digit year (None, "", "unknown")
    counts as no date, so that a malformed system date fails like a missing
    one instead of crashing the evaluation.
    """
    if value is None:
        return None
    match = _DATE_RE.match(str(value))
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def _interval(when: Any, until: Any) -> tuple[Date, Date] | None:
    """A claim's time as [when, until or when]; None without a `when`.

    An `until` without a `when` does not place a claim in time: the README
    defines compatibility through `when` alone.
    """
    start = parse_date(when)
    if start is None:
        return None
    end = parse_date(until) or start
    return start, end


def time_compatible(
    system_when: Any,
    system_until: Any,
    gold_when: Any,
    gold_until: Any,
    *,
    lenient_time: bool = False,
) -> bool:
    """Say whether a system claim's time fits a gold claim's time.

    The gold claim fits any time when it has no `when`. Otherwise both
    intervals [when, until or when] are truncated to the coarsest precision
    among their dates and must overlap: gold 2014 fits system 2014-07; gold
    2013..2014 does not fit system 2015.

    Parameters
    ----------
    system_when, system_until, gold_when, gold_until
        ISO partial dates or None.
    lenient_time : bool
        What a system claim without `when` gets against a gold claim with
        one. The README says the gold must have no time or the two must
        overlap, so the default is False (a missing time fails).

    Returns
    -------
    bool
        True when the two times are compatible.
    """
    gold = _interval(gold_when, gold_until)
    if gold is None:
        return True
    system = _interval(system_when, system_until)
    if system is None:
        return lenient_time
    precision = min(len(d) for d in (*gold, *system))
    g_start, g_end = sorted(d[:precision] for d in gold)
    s_start, s_end = sorted(d[:precision] for d in system)
    return s_start <= g_end and g_start <= s_end


def _same_at_gold_precision(system: Date, gold: Date) -> bool:
    """True when the system date is at least as precise and agrees with gold."""
    return len(system) >= len(gold) and system[: len(gold)] == gold


def time_exact(system_when: Any, system_until: Any, gold_when: Any, gold_until: Any) -> bool:
    """Say whether a matched claim's time is right, for time accuracy.

    With a gold `when`, the system's start and end (`until`, else `when`)
    must equal the gold's start and end at the gold's precision: gold 2014
    accepts 2014-07, gold 2014-07 rejects 2014. A gold claim without `when`
    is right only when the system gives no `when` either: inventing a time
    that the text does not give is an error.
    """
    gold = _interval(gold_when, gold_until)
    system = _interval(system_when, system_until)
    if gold is None:
        return system is None
    if system is None:
        return False
    return _same_at_gold_precision(system[0], gold[0]) and _same_at_gold_precision(
        system[1], gold[1]
    )


def format_time(when: Any, until: Any) -> str:
    """A claim's time for people: "2014", "2013..2014" or "none"."""
    if when is None and until is None:
        return "none"
    if until is None or until == when:
        return str(when)
    return f"{when if when is not None else '?'}..{until}"


# --------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float:
    """A ratio that is 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


@dataclass
class TypeScore:
    """True positive, false positive and false negative counts, with P/R/F1.

    Precision and recall are 0.0 when their denominator is 0 (nothing
    predicted, nothing to find), so that an empty output never scores well.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of system items that match gold."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold items that the system found."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: TypeScore) -> None:
        """Add another score's counts to this one (micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates as plain JSON-ready data."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class EvalResult:
    """Everything that one evaluation found, as plain data.

    Attributes
    ----------
    overall : TypeScore
        Claims, micro-averaged over all documents and types.
    per_type : dict[str, TypeScore]
        Claims per type, for every type in the gold or the system output.
    actors : TypeScore
        Actors, matched one-to-one per document.
    modality_accuracy, time_accuracy : float or None
        Share of matched claims whose modality / time is right; None when
        no claim matched.
    misses : list of dict
        Unmatched gold claims, each with a ``reason``: the nearest system
        claim's difference.
    spurious : list of dict
        Unmatched system claims, each with a ``reason``.
    missed_actors, spurious_actors : list of dict
        Unmatched gold and system actors (``doc``, ``name``).
    documents : int
        Gold documents scored.
    unscored_docs : list of str
        System documents without a gold file; they count nowhere.
    lenient_time : bool
        The flag that the claims were matched under.
    """

    overall: TypeScore
    per_type: dict[str, TypeScore]
    actors: TypeScore
    modality_accuracy: float | None
    time_accuracy: float | None
    misses: list[dict[str, Any]]
    spurious: list[dict[str, Any]]
    missed_actors: list[dict[str, Any]] = field(default_factory=list)
    spurious_actors: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    unscored_docs: list[str] = field(default_factory=list)
    lenient_time: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data (for `--json` and for files)."""
        return {
            "overall": self.overall.to_dict(),
            "per_type": {t: s.to_dict() for t, s in self.per_type.items()},
            "actors": self.actors.to_dict(),
            "modality_accuracy": self.modality_accuracy,
            "time_accuracy": self.time_accuracy,
            "misses": [dict(m) for m in self.misses],
            "spurious": [dict(s) for s in self.spurious],
            "missed_actors": [dict(a) for a in self.missed_actors],
            "spurious_actors": [dict(a) for a in self.spurious_actors],
            "documents": self.documents,
            "unscored_docs": list(self.unscored_docs),
            "lenient_time": self.lenient_time,
        }


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------


def load_gold(directory: Path | str) -> list[dict[str, Any]]:
    """Read every ``*.gold.json`` of a folder, sorted by file name.

    A gold file without a ``doc`` field gets its file stem, which is the
    document's name by the guidelines.

    Raises
    ------
    NotADirectoryError
        When the folder does not exist, so that a mistyped path does not
        produce an empty, perfect-looking evaluation.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise NotADirectoryError(f"no such gold folder: {folder}")
    gold = []
    for path in sorted(folder.glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data.setdefault("doc", path.name[: -len(".gold.json")])
        gold.append(data)
    return gold


# --------------------------------------------------------------------------
# Internal claim form
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    """A claim of either side, with its sides resolved to name keys."""

    index: int
    type: str
    source: str
    target: str
    source_keys: frozenset[str]
    target_keys: frozenset[str]
    when: Any
    until: Any
    modality: Any
    evidence: str


@dataclass(frozen=True)
class _Entity:
    """An actor (or place) of one document: what to show and what to match."""

    name: str
    keys: frozenset[str]


def _gold_claims(doc: Mapping[str, Any]) -> tuple[list[_Claim], list[_Entity]]:
    """Resolve a gold document's claim sides to its actors' name keys.

    A side is an actor's ``name``; it stands for that actor's name and
    aliases. A side that names no actor (a place, or a slip in the gold) and
    every place-type target stand for the plain name.
    """
    actors = [
        _Entity(str(a.get("name", "")), _keys([a.get("name"), *(a.get("aliases") or [])]))
        for a in doc.get("actors") or []
    ]
    by_name = {a.name: a.keys for a in actors}
    by_key = {name_key(a.name): a.keys for a in actors}

    def side(name: Any) -> frozenset[str]:
        text = str(name)
        return by_name.get(text) or by_key.get(name_key(text)) or _keys([text])

    claims = []
    for i, c in enumerate(doc.get("claims") or []):
        ctype = str(c.get("type"))
        source, target = str(c.get("source")), str(c.get("target"))
        target_keys = _keys([target]) if ctype in PLACE_TYPES else side(target)
        claims.append(
            _Claim(
                index=i,
                type=ctype,
                source=source,
                target=target,
                source_keys=side(source),
                target_keys=target_keys,
                when=c.get("when"),
                until=c.get("until"),
                modality=c.get("modality"),
                evidence=_evidence_text(c.get("evidence")),
            )
        )
    return claims, actors


def _evidence_text(evidence: Any) -> str:
    """Evidence as text: the system gives a dict with ``text``, gold a string."""
    if isinstance(evidence, Mapping):
        return str(evidence.get("text") or "")
    return "" if evidence is None else str(evidence)


def _system_claims(
    doc: Mapping[str, Any],
) -> tuple[list[_Claim], list[_Entity], list[_Entity]]:
    """Resolve a system document's claim sides through its actors and places.

    A side is an id from ``actors`` (or, for a place-type target, from
    ``places``) and stands for that entry's name and aliases. An id found in
    neither list is taken as a plain name, which is what the contract allows
    for places outside the knowledge base. Claims with a null side record
    unattributed events; gold never holds them, so they are left out here
    and count neither as hits nor as errors.
    """

    def entity(entry: Mapping[str, Any]) -> _Entity:
        name = entry.get("name") or entry.get("id") or ""
        return _Entity(str(name), _keys([name, *(entry.get("aliases") or [])]))

    actors_by_id = {str(a.get("id")): entity(a) for a in doc.get("actors") or []}
    places_by_id = {str(p.get("id")): entity(p) for p in doc.get("places") or []}

    def side(ref: Any, place: bool) -> _Entity:
        text = str(ref)
        first, second = (places_by_id, actors_by_id) if place else (actors_by_id, places_by_id)
        return first.get(text) or second.get(text) or _Entity(text, _keys([text]))

    claims = []
    for i, c in enumerate(doc.get("claims") or []):
        if c.get("source") in (None, "") or c.get("target") in (None, ""):
            continue
        ctype = str(c.get("type"))
        source = side(c["source"], place=False)
        target = side(c["target"], place=ctype in PLACE_TYPES)
        claims.append(
            _Claim(
                index=i,
                type=ctype,
                source=source.name,
                target=target.name,
                source_keys=source.keys,
                target_keys=target.keys,
                when=c.get("when"),
                until=c.get("until"),
                modality=c.get("modality"),
                evidence=_evidence_text(c.get("evidence")),
            )
        )
    return claims, list(actors_by_id.values()), list(places_by_id.values())


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


def _sides_match(system: _Claim, gold: _Claim, symmetric: bool) -> bool:
    """Both sides share a name key, in order (or either order if symmetric)."""
    if system.source_keys & gold.source_keys and system.target_keys & gold.target_keys:
        return True
    return symmetric and bool(
        system.source_keys & gold.target_keys and system.target_keys & gold.source_keys
    )


def _reversed(system: _Claim, gold: _Claim) -> bool:
    """The two claims join the same pair of names, but the other way round."""
    return bool(system.source_keys & gold.target_keys and system.target_keys & gold.source_keys)


def _assign(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Maximum-weight bipartite matching; weight 0 means "no edge".

    The Hungarian algorithm (shortest augmenting paths with potentials) on
    a rows × columns weight table. Returns (row, column) pairs with a
    positive weight.
    """
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    table = [list(col) for col in zip(*weights, strict=True)] if transposed else weights
    n, m = len(table), len(table[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) assigned to column j
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -table[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        i = owner[j]
        if i and table[i - 1][j - 1] > 0:
            pairs.append((j - 1, i - 1) if transposed else (i - 1, j - 1))
    return sorted(pairs)


def _match_claims(
    system: list[_Claim], gold: list[_Claim], lenient_time: bool
) -> list[tuple[_Claim, _Claim]]:
    """Pair system and gold claims one-to-one, type by type.

    Weights: a base that exceeds all bonuses together (so the number of
    pairs is maximal), +2 when the time is exact, +1 when the modality
    agrees.
    """
    pairs: list[tuple[_Claim, _Claim]] = []
    for ctype in sorted({c.type for c in gold}):
        golds = [g for g in gold if g.type == ctype]
        systems = [s for s in system if s.type == ctype]
        if not systems:
            continue
        base = 3 * min(len(golds), len(systems)) + 1
        symmetric = ctype in SYMMETRIC
        weights = []
        for s in systems:
            row = []
            for g in golds:
                if _sides_match(s, g, symmetric) and time_compatible(
                    s.when, s.until, g.when, g.until, lenient_time=lenient_time
                ):
                    bonus = 2 * time_exact(s.when, s.until, g.when, g.until)
                    bonus += s.modality == g.modality
                    row.append(base + bonus)
                else:
                    row.append(0)
            weights.append(row)
        pairs.extend((systems[i], golds[j]) for i, j in _assign(weights))
    return pairs


def _match_actors(system: list[_Entity], gold: list[_Entity]) -> list[tuple[int, int]]:
    """Pair system and gold actors one-to-one, preferring most shared names."""
    base = (
        max((len(a.keys) for a in [*system, *gold]), default=0) * max(len(system), len(gold), 1) + 1
    )
    weights = [
        [base + len(s.keys & g.keys) if s.keys & g.keys else 0 for g in gold] for s in system
    ]
    return _assign(weights)


# --------------------------------------------------------------------------
# Diagnosis
# --------------------------------------------------------------------------


def _miss_reason(
    gold: _Claim,
    system: list[_Claim],
    system_entities: list[_Entity],
    lenient_time: bool,
) -> str:
    """The nearest reason why a gold claim found no system claim.

    Checked in order: a same-type claim between the same actors whose time
    does not fit; one that fits but went to another gold claim; a directed
    claim the wrong way round; a claim between the same actors of another
    type; a side that no system actor or place carries; else none at all.
    """
    symmetric = gold.type in SYMMETRIC
    same_type = [s for s in system if s.type == gold.type]
    same_sides = [s for s in same_type if _sides_match(s, gold, symmetric)]
    for s in same_sides:
        if not time_compatible(s.when, s.until, gold.when, gold.until, lenient_time=lenient_time):
            return f"time incompatible (system: {format_time(s.when, s.until)})"
    if same_sides:
        return "duplicate: the system claim went to another gold claim"
    if not symmetric and any(_reversed(s, gold) for s in same_type):
        return "direction reversed (system: target → source)"
    for s in system:
        if s.type != gold.type and _sides_match(s, gold, True):
            return f"type differs (system had {s.type})"
    known = frozenset().union(*(e.keys for e in system_entities))
    known |= frozenset().union(*(k for s in system for k in (s.source_keys, s.target_keys)))
    for label, keys, name in (
        ("actor", gold.source_keys, gold.source),
        ("place" if gold.type in PLACE_TYPES else "actor", gold.target_keys, gold.target),
    ):
        if not keys & known:
            return f"{label} not extracted: {name}"
    return "no claim of this type between these actors"


def _spurious_reason(
    system: _Claim,
    gold: list[_Claim],
    gold_entities: list[_Entity],
    lenient_time: bool,
) -> str:
    """The nearest reason why a system claim matched no gold claim.

    The mirror of :func:`_miss_reason`: time that does not fit, a gold claim
    already taken (a repeated extraction), reversed direction, another type,
    an actor that gold does not record, else no such gold claim.
    """
    symmetric = system.type in SYMMETRIC
    same_type = [g for g in gold if g.type == system.type]
    same_sides = [g for g in same_type if _sides_match(system, g, symmetric)]
    for g in same_sides:
        if not time_compatible(
            system.when, system.until, g.when, g.until, lenient_time=lenient_time
        ):
            return f"time incompatible (gold: {format_time(g.when, g.until)})"
    if same_sides:
        return "duplicate: the gold claim was already matched"
    if not symmetric and any(_reversed(system, g) for g in same_type):
        return "direction reversed (gold: target → source)"
    for g in gold:
        if g.type != system.type and _sides_match(system, g, True):
            return f"type differs (gold had {g.type})"
    known = frozenset().union(*(e.keys for e in gold_entities))
    known |= frozenset().union(*(g.target_keys for g in gold if g.type in PLACE_TYPES))
    for label, keys, name in (
        ("actor", system.source_keys, system.source),
        ("place" if system.type in PLACE_TYPES else "actor", system.target_keys, system.target),
    ):
        if not keys & known:
            return f"{label} not in gold: {name}"
    return "no gold claim of this type between these actors"


def _claim_row(doc: str, claim: _Claim, reason: str) -> dict[str, Any]:
    """A miss or a spurious claim as a plain dict for reports and JSON."""
    return {
        "doc": doc,
        "type": claim.type,
        "source": claim.source,
        "target": claim.target,
        "when": claim.when,
        "until": claim.until,
        "modality": claim.modality,
        "evidence": claim.evidence,
        "reason": reason,
    }


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def _by_doc(documents: Iterable[Mapping[str, Any]], what: str) -> dict[str, Mapping[str, Any]]:
    """Index documents by ``doc``; a repeated name is an error, not a merge."""
    index: dict[str, Mapping[str, Any]] = {}
    for document in documents:
        name = str(document.get("doc"))
        if name in index:
            raise ValueError(f"{what} holds document {name!r} twice")
        index[name] = document
    return index


def score(
    system: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    *,
    lenient_time: bool = False,
) -> EvalResult:
    """Score system output against gold, document by document.

    Parameters
    ----------
    system : sequence of dict
        One dict per document in the ``allegiance extract --json`` contract.
    gold : sequence of dict
        Gold documents, as :func:`load_gold` reads them.
    lenient_time : bool
        Let a system claim without `when` match a gold claim with one (see
        :func:`time_compatible`). Off by default, as the README requires.

    Returns
    -------
    EvalResult
        Counts are micro-averaged over all gold documents. A gold document
        missing from the system output counts all its claims and actors as
        missed; a system document without gold is listed in
        ``unscored_docs`` and counts nowhere.

    Raises
    ------
    ValueError
        When either side holds the same document twice.
    """
    system_docs = _by_doc(system, "system output")
    gold_docs = _by_doc(gold, "gold")

    per_type: dict[str, TypeScore] = {}
    actors = TypeScore()
    misses: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    missed_actors: list[dict[str, Any]] = []
    spurious_actors: list[dict[str, Any]] = []
    modality_right = time_right = matched = 0

    for doc, gold_doc in gold_docs.items():
        g_claims, g_actors = _gold_claims(gold_doc)
        system_doc = system_docs.get(doc)
        if system_doc is None:
            s_claims, s_actors, s_places = [], [], []
        else:
            s_claims, s_actors, s_places = _system_claims(system_doc)

        pairs = _match_claims(s_claims, g_claims, lenient_time)
        hit_system = {s.index for s, _ in pairs}
        hit_gold = {g.index for _, g in pairs}
        for s, g in pairs:
            per_type.setdefault(g.type, TypeScore()).tp += 1
            matched += 1
            modality_right += s.modality == g.modality
            time_right += time_exact(s.when, s.until, g.when, g.until)
        for g in g_claims:
            if g.index in hit_gold:
                continue
            per_type.setdefault(g.type, TypeScore()).fn += 1
            reason = (
                "document not in system output"
                if system_doc is None
                else _miss_reason(g, s_claims, [*s_actors, *s_places], lenient_time)
            )
            misses.append(_claim_row(doc, g, reason))
        for s in s_claims:
            if s.index in hit_system:
                continue
            per_type.setdefault(s.type, TypeScore()).fp += 1
            spurious.append(
                _claim_row(doc, s, _spurious_reason(s, g_claims, g_actors, lenient_time))
            )

        actor_pairs = _match_actors(s_actors, g_actors)
        actors.tp += len(actor_pairs)
        actors.fp += len(s_actors) - len(actor_pairs)
        actors.fn += len(g_actors) - len(actor_pairs)
        paired_system = {i for i, _ in actor_pairs}
        paired_gold = {j for _, j in actor_pairs}
        missed_actors.extend(
            {"doc": doc, "name": a.name} for j, a in enumerate(g_actors) if j not in paired_gold
        )
        spurious_actors.extend(
            {"doc": doc, "name": a.name} for i, a in enumerate(s_actors) if i not in paired_system
        )

    overall = TypeScore()
    for type_score in per_type.values():
        overall.add(type_score)
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    ordered = dict(sorted(per_type.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))
    return EvalResult(
        overall=overall,
        per_type=ordered,
        actors=actors,
        modality_accuracy=modality_right / matched if matched else None,
        time_accuracy=time_right / matched if matched else None,
        misses=misses,
        spurious=spurious,
        missed_actors=missed_actors,
        spurious_actors=spurious_actors,
        documents=len(gold_docs),
        unscored_docs=sorted(set(system_docs) - set(gold_docs)),
        lenient_time=lenient_time,
    )
