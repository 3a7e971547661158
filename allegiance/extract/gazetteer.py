"""Find the knowledge base's names in text: one Aho-Corasick pass over normalised text.

Built once per knowledge base. Names are indexed under their normalised form and,
where they start with an article (al-, el-, the, ال), also without it. Capitalised
abbreviations (IS, FSA, SDF) are matched case-sensitively on the original text,
because their lowercase forms are ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from allegiance.extract.literals import Scanner
from allegiance.extract.normalize import normalize, normalize_document, skeleton
from allegiance.kb import KnowledgeBase

_ARABIC_PREFIXES = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ال",
                    "وال", "بال", "فال", "كال", "وبال", "ولل", "فلل", "وكال"}
_APOSTROPHES = "'’‘ʼ"
_LATIN_ARTICLES = ("al ", "el ", "the ")


@dataclass(frozen=True)
class Entry:
    """One indexed name: which entity it names and how."""

    entity: str  # "actor" or "place"
    id: str
    kind: str
    lang: str
    text: str  # the name as the knowledge base writes it


@dataclass(frozen=True)
class Hit:
    start: int  # offsets in the original text
    end: int
    entries: tuple[Entry, ...]


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _is_abbreviation(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isupper() and letters.isalpha()


class Gazetteer:
    """The multi-pattern matcher over every actor and place name of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        # each actor's type, for name patterns that meet a spelling of a known actor
        self.actor_types = {a: kb.actors[a].type for a in kb.actors}
        self.automaton = ahocorasick.Automaton()
        index: dict[str, list[Entry]] = {}
        abbreviations: dict[str, list[Entry]] = {}

        def add(key: str, entry: Entry) -> None:
            key = " ".join(key.split())
            if len(key) >= 2:
                index.setdefault(key, [])
                if entry not in index[key]:
                    index[key].append(entry)

        named = [("actor", a.id, a.names) for a in kb.actors.values()]
        named += [("place", p.id, p.names) for p in kb.places.values()]
        for entity, entity_id, names in named:
            for name in names:
                entry = Entry(entity, entity_id, name.kind, name.lang, name.text)
                if _is_abbreviation(name.text):
                    abbreviations.setdefault(name.text, []).append(entry)
                    continue
                key = normalize(name.text).text.strip()
                add(key, entry)
                for article in _LATIN_ARTICLES:
                    if key.startswith(article):
                        add(key[len(article):], entry)
                if _is_arabic(key) and key.startswith("ال"):
                    add(key[2:], entry)
        self.spellings = _spellings(kb)
        for key, entries in index.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        if index:
            self.automaton.make_automaton()
        self.abbreviations = abbreviations
        self._abbreviation_entries = {k: tuple(v) for k, v in abbreviations.items()}
        self._ids: dict[int, tuple] = {}  # id(entries) -> (entries, actor ids, place ids)
        self._abbrev_re = (  # tried only where an abbreviation stands (see Scanner)
            Scanner(re.compile(r"(?<![\w.])(" + "|".join(
                re.escape(a) for a in sorted(abbreviations, key=len, reverse=True)
            ) + r")(?![\w])")) if abbreviations else None
        )

    def find(self, text: str) -> list[Hit]:
        """Every name occurrence in `text`; overlapping hits are all returned."""
        norm = normalize_document(text)
        ntext = norm.text
        hits: list[Hit] = []
        if len(self.automaton):
            last = len(ntext) - 1
            for end_idx, (length, entries) in self.automaton.iter(ntext):
                start = end_idx - length + 1
                end = end_idx + 1
                # most hits end and begin at a word's edge: the checks are asked otherwise
                if end_idx < last and ntext[end].isalnum() and \
                        not self._right_ok(ntext, end, norm, text):
                    continue
                if start and ntext[start - 1].isalnum() and \
                        not self._left_ok(ntext, start, entries):
                    continue
                ostart, oend = norm.to_original(start, end)
                # a doubled last letter was folded away ("al-Haqq" → "al-haq"): keep it
                while oend < len(text) and text[oend].isascii() and text[oend].isalpha() and \
                        text[oend].lower() == text[oend - 1].lower():
                    oend += 1
                hits.append(Hit(ostart, oend, entries))
        if self._abbrev_re is not None:
            for match in self._abbrev_re.finditer(text):
                hits.append(Hit(match.start(), match.end(),
                                self._abbreviation_entries[match.group(1)]))
        return hits

    def ids(self, entries: tuple[Entry, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(actor ids, place ids) that a hit's entries name, each once, in order.

        Hits share their entries with the index, so the answer is kept per entries
        object (the cache holds it, so its id cannot be reused by another)."""
        cached = self._ids.get(id(entries))
        if cached is None or cached[0] is not entries:
            actors = tuple(dict.fromkeys(e.id for e in entries if e.entity == "actor"))
            places = tuple(dict.fromkeys(e.id for e in entries if e.entity == "place"))
            cached = self._ids[id(entries)] = (entries, actors, places)
        return cached[1], cached[2]

    @staticmethod
    def _right_ok(ntext: str, end: int, norm, text: str) -> bool:
        if end >= len(ntext) or not ntext[end].isalnum():
            return True
        # a possessive: "al-Qa'ida's" folds to "al qaidas"
        if ntext[end] == "s" and (end + 1 >= len(ntext) or not ntext[end + 1].isalnum()):
            _, oend = norm.to_original(end - 1, end)
            return oend < len(text) and text[oend] in _APOSTROPHES
        return False

    @staticmethod
    def _left_ok(ntext: str, start: int, entries: tuple[Entry, ...]) -> bool:
        if start == 0 or not ntext[start - 1].isalnum():
            return True
        if not any(e.lang == "ar" for e in entries):
            return False
        word_start = start
        while word_start > 0 and ntext[word_start - 1].isalnum():
            word_start -= 1
        return ntext[word_start:start] in _ARABIC_PREFIXES


def _spellings(kb: KnowledgeBase) -> dict[str, str]:
    """Skeleton key → actor, for the keys exactly one actor's names give: where a
    text spells a known name in a way the base does not list, the actor is still found."""
    owners: dict[str, set[str]] = {}
    for actor in kb.actors.values():
        for name in actor.names:
            key = skeleton(name.text)
            if key:
                owners.setdefault(key, set()).add(actor.id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def gazetteer_for(kb: KnowledgeBase) -> Gazetteer:
    """One gazetteer per knowledge-base object, built on first use."""
    cached = getattr(kb, "_gazetteer", None)
    if cached is None:
        cached = Gazetteer(kb)
        kb._gazetteer = cached  # type: ignore[attr-defined]
    return cached
