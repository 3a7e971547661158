"""Tell a reported assault from talk about one (Arabic; data in lang/<lang>/events.yaml).

Patterns find an attack wherever a sentence names one, but news mentions
attacks in passing: a condemnation, a trial, a column's history, a yearly count.
An event claim with a generic or missing side ("مسلحون", "الشرطة", no agent)
rests on nothing but the attack word, so it is kept only where the sentence
also states something an event report states (a place, a toll, a day) and no
discourse cue; a claim between two named actors is dropped only on a discourse
cue. A claim found by a noun phrase ("هجوم إسرائيل على القرية")
names the attack without reporting it as often as not, so it needs a signal too,
whatever its sides. Some generic sides never carry out an assault (civilians,
officials: "قتل مدنيون في غارة" is no attack by civilians), so a claim with one of
them as the attacker is a misreading and is dropped. Languages without an
events.yaml keep every claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from allegiance.extract.yaml_files import load_yaml
from allegiance.model import Claim

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
GENERIC_PREFIX = "generic-"
NEAR_CHARS = 20  # a "near" cue this close before a claim's evidence still touches it


@dataclass(frozen=True)
class EventCues:
    """Compiled signals and discourse cues of one language."""

    signal: re.Pattern
    dated: re.Pattern | None
    discourse: re.Pattern | None
    near: re.Pattern | None  # discourse cues that count only at the claim's own words
    history: re.Pattern | None
    not_attackers: frozenset[str] = frozenset()  # generic sides that attack no one
    verb_first: re.Pattern | None = None  # "خطف مسلحون": a verb, then its plural subject
    not_targets: frozenset[str] = frozenset()  # generic sides that are an instrument
    inside: re.Pattern | None = None  # discourse cues that count only inside its evidence


def _words(words: list[str]) -> str | None:
    if not words:
        return None
    alternation = "|".join(re.escape(str(w)) for w in sorted(set(words), key=len, reverse=True))
    return rf"(?<!\w)(?:[وف]?(?:[بلك]|لل)?(?:ال)?)(?:{alternation})(?!\w)"


def _any(parts: list[str | None]) -> re.Pattern | None:
    kept = [p for p in parts if p]
    return re.compile("|".join(f"(?:{p})" for p in kept)) if kept else None


@lru_cache(maxsize=4)
def event_cues(lang: str) -> EventCues | None:
    path = LANG_DIR / lang / "events.yaml"
    if not path.exists():
        return None
    data = load_yaml(path) or {}
    signals = data.get("signals") or {}
    discourse = data.get("discourse") or {}
    dated = list(signals.get("dated") or [])
    signal = _any([_words(signals.get("places") or []), _words(signals.get("days") or []),
                   *(signals.get("patterns") or []), *dated])
    if signal is None:
        return None
    return EventCues(signal, _any(dated), _any([_words(discourse.get("words") or []),
                                                *(discourse.get("patterns") or [])]),
                     _any(list(discourse.get("near") or [])),
                     _any(list(discourse.get("history") or [])),
                     frozenset(data.get("not_attackers") or ()),
                     _verb_first(data.get("verb_first") or {}),
                     frozenset(data.get("not_targets") or ()),
                     _any(list(discourse.get("inside") or [])))


def _verb_first(spec: dict) -> re.Pattern | None:
    """The opening of an evidence that is a verb and its indefinite plural subject."""
    verbs, subjects = spec.get("verbs") or [], spec.get("subjects") or []
    if not verbs or not subjects:
        return None

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                        for w in sorted(set(words), key=len, reverse=True))

    return re.compile(rf"^[وف]?(?:{alternation(verbs)})[\u064b-\u0652]*\s+"
                      rf"(?:{alternation(subjects)})(?!\w)")


def _subject_after_verb(claims: list[Claim], sentence_text: str, sentence_start: int,
                        cues: EventCues, event_types: frozenset[str]) -> list[Claim]:
    """"وخطف مسلحون X": a claim that read the subject right after the verb as the
    target is turned round, or dropped where another claim of its type already has that
    subject as its source (see `verb_first` in lang/ar/events.yaml)."""
    if cues.verb_first is None:
        return claims
    from allegiance.extract.generic import generic_hits

    out = []
    for claim in claims:
        offset = claim.evidence.start - sentence_start
        opening = cues.verb_first.match(
            sentence_text[offset:claim.evidence.end - sentence_start]) if (
            claim.type in event_types and claim.target is not None
            and claim.target.startswith(GENERIC_PREFIX) and offset >= 0) else None
        subject = {h.actor_id for h in generic_hits(opening.group(0), "ar")} if opening else ()
        if claim.target in subject:
            if any(other.type == claim.type and other.source == claim.target
                   for other in claims if other is not claim):
                continue
            claim = replace(claim, source=claim.target, target=claim.source)
        out.append(claim)
    return out


def _spans(pattern: re.Pattern | None, text: str, offset: int) -> list[tuple[int, int]]:
    """Where a cue pattern matches, in the offsets of the claims' evidence. A match whose
    group `veto` took part is no cue ("تعرض موكبه لاستهداف": the ل of تعرض, not of an aim)."""
    if pattern is None:
        return []
    return [(m.start() + offset, m.end() + offset) for m in pattern.finditer(text)
            if "veto" not in m.groupdict() or m.group("veto") is None]


def _generic_or_missing(claim: Claim) -> bool:
    return any(side is None or side.startswith(GENERIC_PREFIX)
               for side in (claim.source, claim.target))


def _noun_only(claim: Claim) -> bool:
    """Found by a pattern that opens with its noun ("هجوم X على Y", "اعتقال X من قبل Y"): an
    attack named, not necessarily told. "شنّ X هجوماً على Y" opens with its subject and
    tells it; clashes between two sides ("اشتباكات بين X وY") are kept as reports."""
    return (claim.pattern or "").lstrip().startswith("{N}")


def keep_events(claims: list[Claim], sentence_text: str, lang: str, event_types: frozenset[str],
                has_place: bool = False, sentence_start: int = 0,
                found_persons: frozenset[str] = frozenset()) -> list[Claim]:
    """The claims of one sentence, less the event claims the sentence only talks about.

    `has_place`: a knowledge-base place is named in the sentence (a signal too);
    `sentence_start`: where the sentence stands in the text the evidence offsets count in;
    `found_persons`: persons found by a title or a given name (extract/names_ar.py).
    Such a person is read as an event's attacker only by word order, and news names
    the victims of an attack far more often than its authors ("اغتيل العقيد X", "X
    الذي قال ... إن الهجوم"): an event claim with one as its attacker loses that side.
    """
    cues = event_cues(lang)
    if cues is None or not any(c.type in event_types for c in claims):
        return claims
    claims = _subject_after_verb(claims, sentence_text, sentence_start, cues, event_types)
    claims = [replace(c, target=None) if c.type in event_types and c.target in cues.not_targets
              and c.source != c.target else c for c in claims]
    claims = [replace(c, source=None) if c.type in event_types and c.source in found_persons
              else c for c in claims
              if not (c.type in event_types and c.source in found_persons and c.target is None)]
    talk = bool(cues.discourse and cues.discourse.search(sentence_text))
    dated = bool(cues.dated and cues.dated.search(sentence_text))
    history = not dated and bool(cues.history and cues.history.search(sentence_text))
    said = bool(cues.signal.search(sentence_text))  # a place word, a day or a toll
    signal = has_place or said
    near = _spans(cues.near, sentence_text, sentence_start)
    inside = _spans(cues.inside, sentence_text, sentence_start)
    kept = []
    for claim in claims:
        if claim.type in event_types:
            if talk or any(start < claim.evidence.end and claim.evidence.start < end + NEAR_CHARS
                           for start, end in near):
                continue
            if any(start < claim.evidence.end and claim.evidence.start < end
                   for start, end in inside):
                continue
            if claim.source in cues.not_attackers:
                continue
            if _generic_or_missing(claim) and (history or not signal):
                continue
            # a country named as a side is no place of the event: the words must say one
            if _noun_only(claim) and claim.type != "FOUGHT" and (history or not said):
                continue
        kept.append(claim)
    return kept
