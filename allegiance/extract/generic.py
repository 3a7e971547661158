"""Generic descriptions of an assault's sides in Arabic text ("مسلحون", "الشرطة", "مدنيين").

Newswire names the sides of most attacks by what they are, not by who: gunmen,
a suicide bomber, police, soldiers, civilians. An event claim needs two sides,
so each class of description in lang/ar/actors.yaml (`generic_actors`) stands
for one generic actor. Matching runs on normalised text (see `normalize`) and
returns spans in the original text, without the particles glued before a form:
"والشرطة" and "بالشرطة" give "الشرطة"; after the preposition ل the article keeps
only its lam ("للشرطة" = ل + الشرطة), which is no word alone, so the span drops
both lams and gives the bare noun "شرطة".

Knowledge-base names win where they overlap (the caller keeps the longest
mention), so "الجيش الأمريكي" stays the US forces and only a bare "الجيش" is generic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from allegiance.extract import literals
from allegiance.extract.normalize import normalize, normalize_document
from allegiance.extract.yaml_files import load_yaml

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"


@dataclass(frozen=True)
class GenericHit:
    """One generic description: its span in the original text and its class."""

    start: int
    end: int
    actor_id: str
    name: str
    type: str


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern  # a form, after the particles glued before it, as a whole word
    by_form: dict[str, tuple[str, str, str]]  # form -> (actor id, name, type)
    forms: Any  # an automaton of every form, to know where to try `pattern`; None: everywhere
    lam_article: frozenset[str]  # forms read as an article's lam and a noun ("لشرطة")


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _Lexicon | None:
    path = LANG_DIR / lang / "actors.yaml"
    if not path.exists():
        return None
    entries = load_yaml(path).get("generic_actors") or []
    by_form: dict[str, tuple[str, str, str]] = {}
    written: set[str] = set()
    lam_article: set[str] = set()  # an article's lam and its noun ("لشرطة" of للشرطة)
    for entry in entries:
        for form in entry["forms"]:
            key = " ".join(normalize(str(form)).text.split())
            written.add(key)
            by_form.setdefault(key, (entry["id"], entry["name"], entry["type"]))
            if key.startswith("ال"):  # after ل the article loses its alef: للشرطة
                by_form.setdefault(key[1:], (entry["id"], entry["name"], entry["type"]))
                lam_article.add(key[1:])
    if not by_form:
        return None
    alternation = "|".join(re.escape(f).replace(r"\ ", " ")
                           for f in sorted(by_form, key=len, reverse=True))
    # particles before the form: و ف, then ب ل ك (ل before ال leaves one ل: للشرطة)
    pattern = re.compile(rf"(?<![\w])(?:[وف]?[بلك]?)(?P<form>{alternation})(?![\w])")
    # an empty form would let the pattern match at any word: no automaton can say where
    forms = literals.automaton(set(by_form)) if "" not in by_form else None
    return _Lexicon(pattern, by_form, forms, frozenset(lam_article - written))


@lru_cache(maxsize=4)
def generic_claim_types(lang: str) -> frozenset[str]:
    """The claim types whose sides may be generic (events, never standing relations)."""
    path = LANG_DIR / lang / "actors.yaml"
    if not path.exists():
        return frozenset()
    data = load_yaml(path) or {}
    return frozenset(data.get("generic_claim_types") or ())


def generic_hits(text: str, lang: str) -> list[GenericHit]:
    """Every generic description in `text` (non-overlapping, longest first at each place)."""
    lexicon = _lexicon(lang)
    if lexicon is None:
        return []
    norm = normalize_document(text)
    hits: list[GenericHit] = []
    for match in _matches(lexicon, norm.text):
        form = match.group("form")
        form_start = match.start("form")
        if form in lexicon.lam_article:  # "للشرطة": the article's lam is no part of the noun
            form_start += 1
        start, end = norm.to_original(form_start, match.end("form"))
        while end < len(text) and "\u064b" <= text[end] <= "\u0652":  # tanween: جنوداً
            end += 1
        actor_id, name, actor_type = lexicon.by_form[form]
        hits.append(GenericHit(start, end, actor_id, name, actor_type))
    return hits


def _matches(lexicon: _Lexicon, text: str):
    """What `lexicon.pattern.finditer(text)` finds, tried only where it can match.

    The pattern is a long alternation that Python tries form by form at every
    character. A match holds a form right at its start or after one or two particle
    letters, so it can only start at most two characters before a place where the
    automaton finds a form; it is tried there alone, left to right, and each match
    resumes the scan at its end, as `finditer` does. (`match` at a position still
    sees the character before it for the look-behind.)
    """
    if lexicon.forms is None:
        yield from lexicon.pattern.finditer(text)
        return
    tries: set[int] = set()
    for end, form in lexicon.forms.iter(text):
        start = end - len(form) + 1
        tries.update(range(max(0, start - 2), start + 1))
    resume = 0
    for pos in sorted(tries):
        if pos < resume:
            continue
        match = lexicon.pattern.match(text, pos)
        if match:
            yield match
            resume = match.end()
