"""Latin spellings of Arabic person names, to link an Arabic and an English mention.

An Arabic person the knowledge base lacks is a *discovered* actor whose id is a slug
of its Arabic name, and the same person reported in English is a discovered actor
under its Latin name. `romanize` gives the Arabic name's likely Latin spellings
(the optional `arabic-name-romanizer` package: a names dictionary first, a small
ONNX model for names it lacks), and `same_person` tells whether a Latin name is one
of them, so the store can keep the two on one actor (store/persons.py).

Without the package `romanize` returns nothing and nothing is linked. Spellings are
compared word by word (`sound_key`): articles dropped ("al-", "el-"), "Abd" glued to
the word after it, letter groups folded (ou → u, ch → sh, q → k), then each run of
vowels and half vowels read as one vowel; two spellings match when every word has
the same consonants with the same vowels in the same places (e standing for a or i)
and the whole names are close (rapidfuzz), so "Taysir Duwayat" is "Taysir Dawiat"
but "Hamdi Darwish" is not "Hamid Darwish", "Nazir" is not "Nizar" and "Mahmoud" is
not "Muhammad".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from allegiance.extract.normalize import name_key, normalize
from allegiance.extract.yaml_files import load_yaml

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
#: spellings asked of the romanizer for each name
TOP_K = 10
#: how close (rapidfuzz ratio, 0-100) two names with the same consonants must be
MIN_RATIO = 70.0
_ARABIC = re.compile(r"[\u0621-\u064a]")
_LOCK = threading.Lock()  # the romanizer reads one SQLite connection


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml(LANG_DIR / "ar" / "romanize.yaml")
    same = {variant: word for word, variants in data["same_word"].items()
            for variant in variants}
    folds = sorted(data["letter_folds"].items(), key=lambda kv: -len(kv[0]))
    return {"articles": frozenset(data["articles"]), "same": same,
            "glued_articles": tuple(sorted(data["articles"], key=len, reverse=True)),
            "glued": tuple(sorted(data["glued_openers"], key=len, reverse=True)),
            "folds": re.compile("|".join(re.escape(k) for k, _ in folds)),
            "fold_map": dict(folds), "vowels": re.compile(f"[{data['vowels']}]+")}


@lru_cache(maxsize=1)
def _transliterator():
    """The romanizer, loaded on first use; None when the package is not installed."""
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:
        return None
    return Transliterator()


def available() -> bool:
    """Whether Arabic names can be romanised (the optional package is installed)."""
    return _transliterator() is not None


@lru_cache(maxsize=20_000)
def romanize(name: str) -> tuple[str, ...]:
    """The likely Latin spellings of an Arabic person name, best first; () when the
    romanizer is not installed or the name is not in Arabic script."""
    if not _ARABIC.search(name):
        return ()
    translit = _transliterator()
    if translit is None:
        return ()
    with _LOCK:
        candidates = translit.transliterate(name, top_k=TOP_K)
    out: dict[str, str] = {}  # name key -> the best spelling ("Al-Khatib" and "Khatib": one)
    for candidate in candidates:
        text = candidate.text.strip()
        if text and not _ARABIC.search(text):
            out.setdefault(name_key(text), text)
    return tuple(out.values())


def _words(name: str) -> list[str]:
    """The name's words, folded: articles dropped, variants of one word unified, an
    "Abd" opener glued to the word after it ("abd al-karim" → "abdkarim")."""
    rules = _rules()
    words = [w for w in normalize(name).text.split() if w.isalpha()]
    out: list[str] = []
    glue = False
    for word in words:
        if word in rules["articles"]:
            continue
        word = rules["same"].get(word, word)
        if glue:
            out[-1] += word
            glue = False
            continue
        opener = next((g for g in rules["glued"] if word.startswith(g)), None)
        if opener is not None:
            rest = word[len(opener):]
            for article in rules["glued_articles"]:  # "abdelkrim", "abdessalam"
                if rest.startswith(article) and len(rest) - len(article) >= 3:
                    # an assimilated article shares its consonant with the word, whose
                    # double `normalize` folded: "essalam" → "esalam" → "salam"
                    rest = rest[len(article) if article.endswith("l") else 1:]
                    break
            word = "abd" + rest
            glue = not rest
        out.append(word)
    return [w for w in out if w]


def _folded(word: str) -> str:
    rules = _rules()
    return rules["folds"].sub(lambda m: rules["fold_map"][m.group()], word)


def _skeleton(word: str) -> str:
    """A folded word with each run of vowels and half vowels as one "a": where the
    vowels stand counts, not which they are (Hamid / Hamed, not Hamdi; Mahmoud /
    Mahmud, not Muhammad; Duwayat / Dawiat)."""
    return _rules()["vowels"].sub("a", _folded(word))


def sound_key(name: str) -> str:
    """The coarse key under which Latin spellings of one Arabic name meet: each word's
    consonants and where its vowels stand ("Taysir Duwayat" → "tasar dat"). Empty for names
    of one word, or too short to tell people apart, or not in Latin script."""
    words = _words(name)
    if len(words) < 2 or not all(w.isascii() for w in words):
        return ""
    key = " ".join(_skeleton(w) for w in words)
    return key if len(key.replace(" ", "")) >= 4 else ""


def _vowel_runs(word: str) -> list[frozenset[str]]:
    """Which vowels each run of vowels and half vowels of a folded word holds: a, i, u
    (o, w as u; y as i) or e, which romanisations write for a as well as for i
    (Aymen / Ayman, Hamed / Hamid)."""
    return [frozenset(_VOWEL_CLASS[c] for c in run)
            for run in _rules()["vowels"].findall(_folded(word))]


_VOWEL_CLASS = {"a": "a", "e": "e", "i": "i", "y": "i", "o": "u", "u": "u", "w": "u"}
_E_MAY_BE = frozenset("ai")


def _same_vowels(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether two runs may write one Arabic vowel sequence: each vowel of one is in the
    other, or the other has an e that may stand for it (Nizar / Nezar, not Nazir)."""
    def covered(a: frozenset[str], b: frozenset[str]) -> bool:
        room = (b - {"e"}) | (_E_MAY_BE if "e" in b else frozenset())
        return (a - {"e"}) <= room

    return covered(mine, theirs) and covered(theirs, mine)


def _same_word(mine: str, theirs: str) -> bool:
    runs, other = _vowel_runs(mine), _vowel_runs(theirs)
    return len(runs) == len(other) and all(
        _same_vowels(a, b) for a, b in zip(runs, other, strict=True))


def same_person(latin: str, spellings: Iterable[str]) -> bool:
    """Whether the Latin name `latin` is one of `spellings` (an Arabic name's
    romanisations) written another way: the same `sound_key`, the same vowels in
    each word (`_same_vowels`), and close as written (rapidfuzz)."""
    key = sound_key(latin)
    if not key:
        return False
    words = _words(latin)
    mine = " ".join(_folded(w) for w in words)
    for spelling in spellings:
        if sound_key(spelling) != key:
            continue
        other = _words(spelling)
        theirs = " ".join(_folded(w) for w in other)
        if all(_same_word(a, b) for a, b in zip(words, other, strict=True)) \
                and fuzz.ratio(mine, theirs) >= MIN_RATIO:
            return True
    return False
