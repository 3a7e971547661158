"""Arabic person names the knowledge base lacks ("العميد جبار مساعد", "أبو مصعب", "تيسير دويات").

Arabic script has no capitals, so a name is told by what stands before it (the word
lists are in lang/ar/names.yaml, which explains them):

1. a title or role noun with the article ("العميد", "النائب", "المواطن"), up to two
   adjectives ("الرئيس الأفغاني", "اللواء الركن"), then one to four name words. A
   definite noun cannot take a bare word as its adjective, so a bare word right
   after it is its name, unless the word is a verb, an adverb or a particle;
2. a kunya: "أبو"/"أم" and a name word ("أبو مصعب الزرقاوي"), not after a place noun
   ("معبر كرم أبو سالم");
3. a common given name and one to three name words after it ("تيسير دويات").

Name words are bare words, a word with the article after a connector ("عبد الكريم"),
or a family name with the article that ends in the nisba -i ("الجبوري"). The span
returned covers the title (without the particles glued to it: "للنائب" gives
"نائب ..."), so that the title's generic reading ("الشرطي") gives way to the person;
the name is the name words alone. Mentions are built by the caller
(extract/actors.py), which leaves to the knowledge base any name it knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from allegiance.extract.normalize import normalize
from allegiance.extract.yaml_files import load_yaml

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
_TOKEN = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640\u0670-\u06d3]+|\S")
_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640\u0670-\u06d3]+")
_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
MAX_NAME_WORDS = 4
_QUOTES = set("«»\"“”")


@dataclass(frozen=True)
class PersonName:
    """A person's name in a text: the span (title included) and the name words."""

    start: int
    end: int
    name_start: int
    name: str


@dataclass(frozen=True)
class _Lexicon:
    titles: frozenset[str]
    two_word_titles: frozenset[str]
    adjectives: frozenset[str]
    connectors: frozenset[str]
    kunya: frozenset[str]
    kunya_not_after: frozenset[str]
    stops: frozenset[str]
    given: frozenset[str]
    maqsura: frozenset[str]
    speech: frozenset[str]


def _fold(word: str) -> str:
    return normalize(str(word)).text.strip()


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    from allegiance.extract.patterns import verb_forms

    data = load_yaml(LANG_DIR / "ar" / "names.yaml")
    actors = load_yaml(LANG_DIR / "ar" / "actors.yaml")

    def fold(key: str, data=data) -> frozenset[str]:
        return frozenset(_fold(w) for w in data.get(key) or ())

    claims = load_yaml(LANG_DIR / "ar" / "claims.yaml")
    nouns = {_fold(n) for spec in (claims.get("types") or {}).values()
             for n in spec.get("nouns") or () if " " not in str(n)}
    titles = fold("person_titles")
    raw_stops = [str(w) for w in (data.get("not_name_words") or [])
                 + (actors.get("name_pattern_stops") or [])]
    stops = frozenset(map(_fold, raw_stops)) | frozenset(
        _fold(f) for f in verb_forms("ar") if " " not in f) | frozenset(nouns)
    # "على" folds to "علي": a stop written only with alef maqsura is no stop where the
    # text writes a final ya ("علي" the name)
    maqsura = frozenset(_fold(w) for w in raw_stops if w.endswith("ى")) - frozenset(
        _fold(w) for w in raw_stops if w.endswith("ي"))
    return _Lexicon(
        titles=frozenset(t for t in titles if " " not in t),
        two_word_titles=frozenset(t for t in titles if " " in t),
        adjectives=fold("title_adjectives"),
        connectors=fold("name_connectors"),
        kunya=fold("kunya_words"),
        kunya_not_after=fold("kunya_not_after"),
        stops=stops - fold("name_connectors"),
        given=fold("given_names"),
        maqsura=maqsura,
        speech=fold("speech_verbs"))


def _strip(key: str, words: frozenset[str]) -> tuple[int, str] | None:
    """How many characters of glued particles stand before a word of `words` in `key`
    (and the word): "للنايب" is ل + النايب, whose article kept only its lam."""
    for prefix in _PREFIXES:
        if not key.startswith(prefix):
            continue
        rest = key[len(prefix):]
        if rest in words:
            return len(prefix), rest
        if prefix.endswith("ل") and rest.startswith("ل") and "ا" + rest in words:
            return len(prefix) + 1, "ا" + rest
    return None


def _nisba(key: str) -> bool:
    """A definite nisba adjective or family name: "الأفغاني", "الجبوري", "الشيعية"."""
    return key.startswith("ال") and len(key) >= 5 and key.endswith(("ي", "يه"))


def person_names(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[PersonName]:
    """Every person name of `text` found by a title, a kunya or a given name; names that
    would overlap a span of `taken` (names the knowledge base knows) are left out."""
    lex = _lexicon()
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    keys = [_fold(tok) if _WORD.fullmatch(tok) else "" for _, _, tok in tokens]
    found: list[PersonName] = []
    index = 0
    while index < len(tokens):
        span_start, skip = None, 0
        title = _title_at(keys, index, lex)
        if title is not None:
            length, skip = title
            cursor = index + length
            adjectives = 0
            while cursor < len(tokens) and adjectives < 2 and keys[cursor]:
                if keys[cursor] in lex.adjectives or _nisba(keys[cursor]) \
                        or keys[cursor] in lex.titles:
                    cursor += 1
                elif cursor + 1 < len(keys) and \
                        f"{keys[cursor]} {keys[cursor + 1]}" in lex.two_word_titles:
                    cursor += 2  # "المرجع الشيعي آية الله ..."
                else:
                    break
                adjectives += 1
            words = _name_words(tokens, keys, cursor, lex)
            span_start = tokens[index][0] + skip
        elif _kunya_at(keys, index, lex):
            words = _name_words(tokens, keys, index, lex, kunya=True)
            span_start = tokens[index][0] + (len(keys[index]) - len(_strip(
                keys[index], lex.kunya)[1]))
            if len(words) < 2:
                words = []
        elif _given_at(keys, index, lex):
            offset = len(keys[index]) - len(_strip(keys[index], lex.given)[1])
            words = _name_words(tokens, keys, index, lex, first_offset=offset)
            span_start = tokens[index][0] + offset
            if len(words) < 2 or (keys[words[1]].startswith("ال") and not _nisba(keys[words[1]])):
                words = []  # "صلاح الدين" alone is a compound given name, or a place
        else:
            index += 1
            continue
        if not words:
            index += 1
            continue
        name_start = tokens[words[0]][0] + (span_start - tokens[index][0]
                                            if words[0] == index else 0)
        end = tokens[words[-1]][1]
        if any(s < end and name_start < e for s, e in taken) or _speaker(tokens, keys, index, lex):
            index = words[-1] + 1
            continue
        found.append(PersonName(span_start, end, name_start, text[name_start:end]))
        index = words[-1] + 1
    return found


def _speaker(tokens, keys: list[str], index: int, lex: _Lexicon, reach: int = 8) -> bool:
    """Whether the name at `index` is the subject of a speech verb before it, in its
    clause: "وقال المتحدث باسم الشرطة العقيد X" (no punctuation, no أن between)."""
    words = 0
    for back in range(index - 1, -1, -1):
        key = keys[back]
        if not key and tokens[back][2] in _QUOTES:
            continue  # a quoted name in between: "رئيس «القوات» X"
        if not key or key in ("ان", "انه", "انها", "بان", "لان") or words >= reach:
            return False
        if key in lex.speech:
            return True
        words += 1
    return False


def _title_at(keys: list[str], index: int, lex: _Lexicon) -> tuple[int, int] | None:
    """(tokens, glued particle characters) of a title at `index`, or None."""
    key = keys[index]
    if not key:
        return None
    if index + 1 < len(keys) and keys[index + 1]:
        stripped = _strip(f"{key} {keys[index + 1]}", lex.two_word_titles)
        if stripped is not None:
            return 2, stripped[0]
    stripped = _strip(key, lex.titles)
    return (1, stripped[0]) if stripped is not None else None


def _kunya_at(keys: list[str], index: int, lex: _Lexicon) -> bool:
    key = keys[index]
    if not key or _strip(key, lex.kunya) is None:
        return False
    before = keys[index - 1] if index else ""
    before = before[2:] if before.startswith("ال") else before
    return before not in lex.kunya_not_after and _strip(before, lex.kunya_not_after) is None


def _given_at(keys: list[str], index: int, lex: _Lexicon) -> bool:
    key = keys[index]
    if not key or key in lex.stops:
        return False
    for back in keys[max(0, index - 2):index]:  # "منطقة ديرا اسماعيل خان": a place
        if (back[2:] if back.startswith("ال") else back) in lex.kunya_not_after:
            return False
    stripped = _strip(key, lex.given)
    return stripped is not None and stripped[0] <= 1 and key[:stripped[0]] in ("", "و")


def _name_words(tokens, keys: list[str], cursor: int, lex: _Lexicon, *, kunya: bool = False,
                first_offset: int = 0) -> list[int]:
    """The indices of the name words from `cursor` (see the module docstring)."""
    words: list[int] = []
    after_connector = False
    if kunya:  # the kunya itself is the name's first word
        words.append(cursor)
        cursor += 1
        after_connector = True
    while cursor < len(tokens) and len(words) < MAX_NAME_WORDS:
        key = keys[cursor]
        if not key:
            break
        first = not words
        bare = key[first_offset:] if first else key
        if bare.startswith("ال"):
            given_before = len(words) == 1 and keys[words[0]] in lex.given
            if first or not (after_connector or bare == "الله" or _nisba(bare)
                             or given_before) or bare in lex.stops or bare in lex.titles:
                break
            words.append(cursor)
            cursor += 1
            if not after_connector:
                break  # a family name with the article ends the name
            after_connector = False
            continue
        if (bare in lex.stops and not (bare in lex.maqsura and tokens[cursor][2].endswith("ي"))) \
                or bare in lex.titles or len(bare) < 2:
            break
        if re.match(r"^[وفبلك]{1,2}ال", bare) or bare.startswith("لل"):
            break  # a glued particle and article: "بالرصاص", "للشرطة"
        if not first and bare.startswith("و") and bare not in lex.given:
            break  # "و" opens another phrase
        if bare[0] in "بلك" and len(bare) >= 5 and bare not in lex.given:
            break  # a preposition glued to a noun: "بانفجار", "برصاص", "لمحاولة"
        if tokens[cursor][2].endswith(("اً", "ًا")):
            break  # an accusative adverb: "سابقاً"
        words.append(cursor)
        after_connector = bare in lex.connectors
        cursor += 1
    while words and keys[words[-1]] in lex.connectors | lex.kunya:
        words.pop()
    return words
