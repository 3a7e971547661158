"""Normalise text for matching names, never for display.

`normalize` returns the normalised string with a map from each of its characters
back to the original text, so that every match found on normalised text gives
evidence offsets into the text the user sees.

What it folds, and why:

- case, and Latin diacritics (Ḥ → h, ā → a): spellings of one name vary in both;
- apostrophes and ayn/hamza marks (Qa'ida, Qaʿida → qaida; Jum'a → juma);
- hyphens, dashes, underscores and markup (*, _) → a space; runs of spaces → one;
- doubled letters (Jumaa → juma, Aarsal → arsal, Hizballah → hizbalah);
- Arabic: diacritics and tatweel dropped; alef forms (أ إ آ ٱ) → ا; ة → ه; ى → ي;
  ؤ → و; ئ → ي; Persian/Urdu letters (ک ی ه‍) → Arabic; Eastern Arabic digits → 0-9.

The Arabic article and attached particles are handled by the matcher, which
knows word boundaries; here every character maps to at most one character.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from allegiance.extract.literals import automaton

_APOSTROPHES = "'’‘ʿʾ`´ʼʻ′"
_SEPARATORS = "-‐‑‒–—―_*/\\|~"
_ARABIC_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640\u0654\u0655"
_ARABIC_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ۀ": "ه", "ە": "ه", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i)
                                                          for i in range(10)}


def _latin_base(ch: str) -> str:
    """The base letter of an accented Latin letter, or the letter itself."""
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x00C0, 0x0250):
        ch = chr(code)
        base = _latin_base(ch).lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional: ḥ, ṣ, ṭ, ẓ ...
        base = _latin_base(chr(code)).lower()
        if len(base) == 1:
            table[code] = base
    for ch in _APOSTROPHES:
        table[ord(ch)] = None
    for ch in _SEPARATORS:
        table[ord(ch)] = " "
    for ch in "\t\n\r\u00a0\u2009\u200a\u202f\u2002\u2003":
        table[ord(ch)] = " "
    for ch in _ARABIC_DIACRITICS:
        table[ord(ch)] = None
    for ch in "\u200c\u200d\u200e\u200f\u061c\ufeff":  # joiners and direction marks
        table[ord(ch)] = None
    for src, dst in (_ARABIC_FOLD | _DIGITS).items():
        table[ord(src)] = dst
    for code in range(0x0300, 0x0370):  # combining marks left after NFD
        table[code] = None
    return table


_TABLE = _build_table()
_DELETED = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TABLE.items() if v is None)
                      + "]")
# a letter or a space twice: where the runs that `_double_runs` folds begin (Python's
# regex would try a backreference at every letter of the text)
_DOUBLED = automaton({c + c for c in "abcdefghijklmnopqrstuvwxyz "})
# `str.translate` looks every character up in the table; most characters of a text are
# not in it, so a regex that finds those that are and a replacement for each is faster
_FOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE) + "]")
_REPLACEMENT = {chr(c): v or "" for c, v in _TABLE.items()}


def _fold(match: re.Match) -> str:
    return _REPLACEMENT[match.group()]


@dataclass(frozen=True)
class Normalized:
    """Normalised text and the way back from each of its characters to the original.

    Folding only drops characters (every other one maps to one character), so the way
    back is the list of the original offsets it dropped: the j-th character of the
    normalised text is the j-th one not dropped. A document keeps most of its
    characters, and only a few positions are ever mapped back, so that list, not one
    offset per character, is what is kept.
    """

    text: str
    dropped: tuple[int, ...]  # original offsets of the characters dropped, in order
    original_length: int
    # for each dropped offset, how many characters were kept before it (for `bisect`)
    kept_before: tuple[int, ...] = ()

    @property
    def offsets(self) -> list[int] | None:
        """The original offset of each character (None: the identity map), built when
        asked for."""
        if not self.dropped:
            return None
        return [self._original(pos) for pos in range(len(self.text))]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the normalised text back to the original text."""
        if not self.dropped:
            return start, end
        if start >= len(self.text):
            return self.original_length, self.original_length
        first = self._original(start)
        return first, self._original(end - 1) + 1 if end > start else first

    def _original(self, pos: int) -> int:
        # the characters dropped before the pos-th kept one are those with at most pos
        # kept characters before them
        return pos + bisect.bisect_right(self.kept_before, pos)


def _normalized(text: str, dropped: list[int], original_length: int) -> Normalized:
    return Normalized(text, tuple(dropped), original_length,
                      tuple(offset - index for index, offset in enumerate(dropped)))


def normalize(text: str) -> Normalized:
    """Fold `text` for matching; see the module docstring for what is folded."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lower to two characters
        lowered = "".join(c.lower()[0] for c in text)
    folded = _FOLDED.sub(_fold, lowered)  # lowered.translate(_TABLE), faster
    dropped: list[int] = []
    if len(folded) != len(text):
        dropped = [match.start() for match in _DELETED.finditer(lowered)]
    doubles = _double_runs(folded)
    if doubles:
        parts = []
        previous = 0
        repeated: list[int] = []  # offsets in `folded` of the letters the runs drop
        for start, end in doubles:  # a run keeps its first character
            repeated.extend(range(start + 1, end))
            parts.append(folded[previous:start + 1])
            previous = end
        parts.append(folded[previous:])
        back = _normalized(folded, dropped, len(text))
        dropped = sorted(dropped + [back._original(pos) for pos in repeated])
        folded = "".join(parts)
    return _normalized(folded, dropped, len(text))


def _double_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of one ASCII letter, or of spaces, two long or more, in order:
    what `re.finditer(r"([a-z])\\1+|( ) +", text)` finds."""
    runs: list[tuple[int, int]] = []
    for end, _ in _DOUBLED.iter(text):  # every pair, overlapping ones too, in order
        if runs and end - 1 < runs[-1][1]:  # "aaa": the pair goes on the run before
            runs[-1] = (runs[-1][0], end + 1)
        else:
            runs.append((end - 1, end + 1))
    return runs


@lru_cache(maxsize=2)
def normalize_document(text: str) -> Normalized:
    """`normalize` of a whole document, kept for the next step that reads the same text
    (knowledge-base names, then Arabic generic sides). The result is shared: read only."""
    return normalize(text)


def name_key(name: str) -> str:
    """The key under which two spellings of a name meet: normalised, trimmed, article-free.

    Drops a leading article (al-, el-, the, ال) from every word, so that
    "al-Qa'ida" and "Qa'ida" or "الجيش اللبناني" and "جيش لبناني" share a key.
    """
    words = normalize(name).text.split()
    out = []
    for word in words:
        if word in ("al", "el", "the", "an", "ad", "ar", "as", "ash", "at", "az", "ul"):
            continue
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        out.append(word)
    return " ".join(out) or normalize(name).text.strip()


def slug(name: str) -> str:
    """An ASCII-or-Arabic id for a discovered actor, stable across documents."""
    key = name_key(name)
    return re.sub(r"[^\w]+", "-", key).strip("-") or "unnamed"


# Urdu/Persian izafe and Arabic linking words that romanisations keep or drop at will
_LINK_WORDS = frozenset({"e", "i", "ul", "ud", "ur", "us", "al", "el", "wa", "wal", "o"})
_SOFT = re.compile(r"[hw]")  # letters that romanisations add or drop: Jaish/Jaysh, Tawhid/Tauhid
_VOWEL_RUN = re.compile(r"[aeiouy]+")


def skeleton(name: str) -> str:
    """A coarse key on which romanisations of one Arabic or Urdu name meet: Tehreek-e-Taliban
    and Tehrik-i-Taliban, Jabhat al-Nosra and Jabhat al-Nusra, Jaysh and Jaish.

    Linking words (e, i, ul, al) go; in each word h and w go, every run of vowels
    becomes one "a" and q becomes k. Empty for one-word or short names, which this
    would confuse, and for names not in Latin script.
    """
    words = [w for w in name_key(name).split() if w not in _LINK_WORDS]
    if len(words) < 2 or not all(w.isascii() and w.isalpha() for w in words):
        return ""
    out = []
    for word in words:
        letters = word[0] + _SOFT.sub("", word[1:])
        letters = _VOWEL_RUN.sub("a", letters.replace("q", "k").replace("c", "k"))
        out.append(re.sub(r"(.)\1+", r"\1", letters))
    key = " ".join(out)
    return key if len(key.replace(" ", "")) >= 6 else ""
