"""Guess a document's language from its script and a handful of stopwords.

Allegiance only needs to route a document to the English or the Arabic
pipeline, so counting letters by script is enough and costs microseconds; a
statistical identifier would add a dependency for no gain. Metadata (a header's
``lang:``, ``<html lang>``, a JSONL field) always wins over this guess.
"""

from __future__ import annotations

import re

SAMPLE_CHARS = 5000

# Arabic, Arabic Supplement, Arabic Extended-A, Presentation Forms A and B.
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                  (0xFE70, 0xFEFF))

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in a is that for on with as by was were are from at it its this "
        "which has have had be been not but they their he his she her or an who said "
        "between against after".split()
    ),
    "fr": frozenset(
        "le la les des du de et en un une est que qui dans pour par sur au aux avec "
        "ce cette ont été sont il elle ils ne pas plus à sa son ses leur l d qu".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine einen dem den des von mit sich auf für "
        "im zu auch als wurde sind wie bei nach".split()
    ),
    "es": frozenset(
        "el la los las del de y en un una es que por para con se al su sus como más "
        "fue han ha pero entre".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")  # "l'été" gives "l" and "été": elisions mark French

# Spellings seen in metadata for the languages we route; anything else must be ISO 639-1.
_LANG_ALIASES = {
    "english": "en", "eng": "en", "arabic": "ar", "ara": "ar", "العربية": "ar",
    "عربي": "ar", "french": "fr", "fra": "fr", "fre": "fr", "german": "de", "deu": "de",
    "ger": "de", "spanish": "es", "spa": "es", "und": "und",
}


def _is_arabic(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _ARABIC_RANGES)


def detect_language(text: str) -> str | None:
    """Return "ar", "en", "fr", "de", "es", "und" (letters but unsure), or None (no letters).

    Only the first `SAMPLE_CHARS` characters are looked at. Arabic wins when
    Arabic letters are the majority of all letters; a Latin-script text is
    named by whichever stopword list it hits most, and is "und" when it hits
    none (a list of names, a table of numbers with captions).
    """
    sample = text[:SAMPLE_CHARS]
    arabic = latin = other = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        if ord(ch) < 0x250:
            latin += 1
        elif _is_arabic(ch):
            arabic += 1
        else:
            other += 1
    letters = arabic + latin + other
    if letters == 0:
        return None
    if arabic * 2 > letters:
        return "ar"
    if latin * 2 <= letters:
        return "und"
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return "und"
    hits = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(hits, key=lambda lang: (hits[lang], lang == "en"))
    # One stopword in a long run of words is chance ("a", "de" inside names).
    if hits[best] == 0 or (len(words) >= 20 and hits[best] < 0.05 * len(words)):
        return "und"
    return best


def normalise_lang(value: object) -> str | None:
    """Map a metadata language ("en-US", "English", "ar_SY") to ISO 639-1, else None."""
    if not isinstance(value, str):
        return None
    raw = value.strip().lower()
    if not raw:
        return None
    if raw in _LANG_ALIASES:
        return _LANG_ALIASES[raw]
    primary = re.split(r"[-_]", raw, maxsplit=1)[0]
    if primary in _LANG_ALIASES:
        return _LANG_ALIASES[primary]
    if re.fullmatch(r"[a-z]{2}", primary):
        return primary
    return None
