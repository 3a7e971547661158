"""The extraction pipeline: named steps from a document's text to an `Extraction`.

    sentences → mentions (actors, places) → times → claims → resolve → merge

Each step is a plain function; `extract_document` runs them in order and is the
one entry point the CLI, ingest and the evaluation use.
"""

from __future__ import annotations

import bisect
import re

from allegiance.extract.actors import (
    DISCOVERED_PLACE,
    Mention,
    find_mentions,
    keep_used_candidates,
)
from allegiance.extract.claims import merge_claims, sentence_claims
from allegiance.extract.event_time import date_by_earlier_events
from allegiance.extract.gazetteer import gazetteer_for
from allegiance.extract.model import load_english_model, model_mentions, parse_sentences
from allegiance.extract.patterns import any_trigger, load_lexicon
from allegiance.extract.romanize import romanize
from allegiance.extract.sentences import split_sentences
from allegiance.extract.syntax import parse_claims
from allegiance.extract.time import find_times
from allegiance.kb import KnowledgeBase
from allegiance.model import ActorRecord, Extraction, MentionRecord, PlaceRecord
from allegiance.resolve.lineage import resolve_claim_actors

EXTRACTOR_VERSION = "allegiance-rules-0.1"
# relative times are read against the publication date, so it must be a date
_ISO_PARTIAL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SUPPORTED_LANGS = ("en", "ar")


def extract_document(text: str, kb: KnowledgeBase, *, name: str = "document",
                     lang: str | None = "en", published: str | None = None,
                     use_model: bool = True) -> Extraction:
    """Actors, places and claims of one document, each claim with its evidence offsets.

    With `use_model` and an English pipeline installed, its named entities add
    groups and persons the knowledge base lacks (see `allegiance.extract.model`).
    """
    if published is not None and not _ISO_PARTIAL.fullmatch(published):
        published = None  # "11/18/2016" is no date to read "last month" against
    lang = lang if lang in SUPPORTED_LANGS else "en"
    sentences = split_sentences(text)
    citation = _citation_flags(text, sentences)
    gazetteer = gazetteer_for(kb)
    lexicon = load_lexicon(lang)
    more = None
    docs: dict = {}
    nlp = load_english_model() if use_model and lang == "en" else None
    if nlp is not None:

        def more(mentions, discovered):
            candidates = _parse_candidates(text, sentences, citation, mentions, lang)
            docs.update(parse_sentences(nlp, sentences, candidates))
            return model_mentions(text, sentences, docs, mentions, set(kb.actors), discovered)

    findings = find_mentions(text, sentences, kb, gazetteer, lang, more, published)
    notes = [(s.start, s.end) for c, s in zip(citation, sentences, strict=True) if c]
    times = [t for t in find_times(text, published, lang)  # dates in footnotes date nothing
             if not any(start <= t.start < end for start, end in notes)]
    claims = []
    context_starts: dict[int, int] = {}
    in_sentence = _by_sentence(findings.mentions)
    headlines = {start for start, _ in findings.headlines}
    for index, sentence in enumerate(sentences):
        # a footnote states a cited work's title; a title-case headline restates the
        # report in words whose grammar the patterns cannot read ("Syria Kurds Advance")
        if citation[index] or sentence.start in headlines:
            continue
        context_starts[index] = _context_start(text, sentences, index, citation)
        claims.extend(sentence_claims(text, sentence, in_sentence(sentence), times, lang,
                                      published, lexicon, context_starts[index]))
    if docs:
        claims.extend(c for c in parse_claims(docs, text, sentences, findings.mentions, times,
                                              lang, published, context_starts)
                      if c.evidence.sentence_start not in headlines)
    claims = date_by_earlier_events(text, sentences, claims, findings.mentions,
                                    context_starts, lang)
    claims = keep_used_candidates(findings, claims)
    renamed: dict[str, set[str]] = {}
    claims = resolve_claim_actors(claims, kb, published, renamed)
    claims = _sides_fit_the_type(claims, kb, findings.discovered)
    claims = merge_claims(claims)
    actors, places = _records(claims, findings.mentions, findings.discovered, kb, renamed)
    mentions = [MentionRecord(m.actor_ids[0], m.start, m.end, m.text, m.how)
                for m in findings.mentions if m.actor_ids and m.how not in ("pair",)]
    return Extraction(name, lang, published, actors, places, claims, mentions,
                      words=len(text.split()))


def _by_sentence(mentions: list[Mention]):
    """A function from a sentence to the mentions that start in it, in their order.

    Claims read only a sentence's own mentions; handing each sentence its own
    instead of the document's spares a scan of them all per sentence. Mentions
    come sorted by start; were they not, every sentence gets them all."""
    starts = [m.start for m in mentions]
    if starts != sorted(starts):
        return lambda sentence: mentions

    def inside(sentence) -> list[Mention]:
        return mentions[bisect.bisect_left(starts, sentence.start):
                        bisect.bisect_right(starts, sentence.end)]
    return inside


def _context_start(text: str, sentences, index: int, citation: list[bool],
                   size: int = 2) -> int:
    """Where a sentence's narrative context begins: up to `size` sentences before it in
    its paragraph. Footnotes are skipped, and a paragraph cut by a page break (it ends
    without a full stop) goes on after the footnotes."""
    start = sentences[index].start
    taken = 0
    for prev in range(index - 1, -1, -1):
        sentence = sentences[prev]
        if citation[prev]:
            continue
        gap = text[sentence.end:start]
        if "\n\n" in gap and sentence.text.rstrip()[-1:] in ".!?\"”":
            break
        start = sentence.start
        taken += 1
        if taken == size:
            break
    return start


_NOTE_MARKS = tuple("¹²³⁴⁵⁶⁷⁸⁹⁰") + ("[^", "^")


def _citation_flags(text: str, sentences) -> list[bool]:
    """Which sentences belong to a footnote or reference paragraph ("¹ AFP, 'Rebels take
    ...'"): their claims are a cited work's title, not the author's statement."""
    flags = []
    for sentence in sentences:
        paragraph = text.rfind("\n\n", 0, sentence.start)
        opening = text[paragraph + 2 if paragraph >= 0 else 0:sentence.end].lstrip()
        flags.append(opening.startswith(_NOTE_MARKS))
    return flags


_NAME_WORD = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+")


def _parse_candidates(text: str, sentences, citation: list[bool], mentions,
                      lang: str) -> list[int]:
    """Sentences worth the statistical pipeline: a trigger word, and two names, or one
    name and a capitalised word that no name covers (an actor the base may lack), or
    two such words."""
    triggers = any_trigger(lang)  # any type's trigger word (`TypeLexicon.trigger`)
    by_sentence: dict[int, list] = {}
    starts = [s.start for s in sentences]
    for mention in mentions:
        if mention.actor_ids or mention.place_ids:
            index = bisect.bisect_right(starts, mention.start) - 1
            by_sentence.setdefault(index, []).append(mention)
    chosen = []
    for index, sentence in enumerate(sentences):
        named = by_sentence.get(index, [])
        if citation[index]:
            continue
        if len(named) < 2:
            uncovered = [m for m in _NAME_WORD.finditer(sentence.text)
                         if not any(n.start <= sentence.start + m.start() < n.end
                                    for n in named)]
            if len(named) + min(len(uncovered), 1 if named else 2) < 2:
                continue
        if next(triggers.finditer(sentence.text), None) is not None:
            chosen.append(index)
    return chosen


_ARMED_ACTS = frozenset({"ATTACKED", "CAPTURED", "EXECUTED", "FOUGHT", "CONTROLS"})


def _unarmed(actor_id: str | None, kb: KnowledgeBase) -> bool:
    """A body the knowledge base marks `armed: false` (a news agency, a monitor)."""
    return actor_id in kb.actors and kb.actors[actor_id].armed is False


def _sides_fit_the_type(claims, kb: KnowledgeBase, discovered) -> list:
    """Persons lead and belong; groups do not. A group "member of" another is
    AFFILIATED_WITH it; a state "leading" a coalition, or a person renamed, is no claim;
    a body that bears no arms attacks, captures, fights and holds nothing."""
    def kind(actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        if actor_id in kb.actors:
            return kb.actors[actor_id].type
        return discovered[actor_id].type if actor_id in discovered else None

    kept = []
    for claim in claims:
        source_kind = kind(claim.source)
        if claim.type == "MEMBER_OF" and source_kind not in ("person", None):
            claim.type = "AFFILIATED_WITH"
        elif claim.type == "LEADER_OF" and source_kind not in ("person", None):
            continue
        elif claim.type in ("RENAMED_TO", "SPLINTER_OF", "MERGED_INTO") and "person" in (
                source_kind, kind(claim.target)):
            continue
        elif claim.type in ("MEMBER_OF", "LEADER_OF") and kind(claim.target) == "person":
            continue  # "X, Zawahiri's deputy": a person is no group to belong to
        elif claim.type in _ARMED_ACTS and (
                _unarmed(claim.source, kb) or
                (claim.type == "FOUGHT" and _unarmed(claim.target, kb))):
            continue  # "SOHR said 30 militants were killed": the monitor attacked nobody
        kept.append(claim)
    return kept


def _records(claims, mentions: list[Mention], discovered, kb: KnowledgeBase,
             renamed: dict[str, set[str]]):
    """The actors and places that claims name, with the surface forms this text uses.

    A successor that a claim reached through a rename ("al-Nusra" in 2017 → HTS)
    also carries the forms this text used for that name.
    """
    surface: dict[str, list[str]] = {}
    place_surface: dict[str, list[str]] = {}
    for mention in mentions:
        if mention.how in ("coref", "possessive", "pair", "former"):
            continue
        for actor_id in mention.actor_ids[:1]:
            surface.setdefault(actor_id, [])
            if mention.text not in surface[actor_id]:
                surface[actor_id].append(mention.text)
        for place_id in mention.place_ids[:1]:
            place_surface.setdefault(place_id, [])
            if mention.text not in place_surface[place_id]:
                place_surface[place_id].append(mention.text)
    for new, olds in renamed.items():
        for old in sorted(olds):  # a set: sorted, so output does not vary by hash seed
            for form in surface.get(old, []):
                surface.setdefault(new, [])
                if form not in surface[new]:
                    surface[new].append(form)
    actors: dict[str, ActorRecord] = {}
    places: dict[str, PlaceRecord] = {}
    for claim in claims:
        sides = [claim.source] + ([] if claim.target_is_place else [claim.target])
        for actor_id in filter(None, sides):
            if actor_id in actors:
                continue
            if actor_id in kb.actors:
                kb_actor = kb.actors[actor_id]
                actors[actor_id] = ActorRecord(actor_id, kb_actor.name, kb_actor.type, "kb",
                                               surface.get(actor_id, []))
            elif actor_id in discovered:
                found = discovered[actor_id]
                actors[actor_id] = ActorRecord(
                    actor_id, found.name, found.type, "discovered",
                    surface.get(actor_id, [found.name]),
                    list(romanize(found.name)) if found.type == "person" else [])
        for place_id in filter(None, [claim.target if claim.target_is_place else None,
                                      claim.place]):
            if place_id in places:
                continue
            if place_id.startswith(DISCOVERED_PLACE):  # named after a place noun (actors.py)
                forms = place_surface.get(place_id, [])
                places[place_id] = PlaceRecord(place_id, forms[0] if forms else place_id,
                                               "discovered", forms)
                continue
            if place_id not in kb.places:
                continue
            kb_place = kb.places[place_id]
            places[place_id] = PlaceRecord(place_id, kb_place.name, "kb",
                                           place_surface.get(place_id, []))
    return actors, places
