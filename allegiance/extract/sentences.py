"""Split text into sentences, keeping offsets, without a model.

Rules: a sentence ends at . ! ? ؟ (and Arabic ۔) followed by space and a capital,
a digit, a quote, an Arabic letter or a footnote mark; or at a blank line or a
line break between lines that look like separate blocks (headings, bullets,
footnotes). Common abbreviations (U.S., Gen., c., e.g.) do not end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "gen", "lt", "col", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr",
    "st", "no", "vol", "c", "ca", "e.g", "i.e", "vs", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "fig", "pp", "p",
    "sheikh", "sh", "brig", "adm", "prof", "rev", "jr", "sr", "inc", "ltd", "co", "corp",
}
_END = re.compile(
    r"(?<=[.!?؟۔])[\"'”’)\]¹²³⁴⁵⁶⁷⁸⁹⁰]*(?=\s+[\"'“‘(\[*]?[A-Z0-9\u0600-\u06FF])"
    r"|\n[ \t]*\n"
    r"|(?<=[.!?؟:])[ \t]*\n"
    r"|\n(?=[ \t]*(?:[•\-–*]\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]|\d+\.\s))"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


_LAST_WORD = re.compile(r"(\b[\w.]+)\.[\"'”’)\]]*$")


def _ends_with_abbreviation(chunk: str) -> bool:
    # the match is the chunk's last word: searched from its last space, not from its start
    # (no space stands in or after a match; "\b" still sees the character before)
    match = _LAST_WORD.search(chunk, chunk.rfind(" ") + 1)
    if not match:
        return False
    word = match.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their offsets; whitespace around each is trimmed."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end() if match.group(0).strip() else match.start()
        if match.group(0).strip("\"'”’)]¹²³⁴⁵⁶⁷⁸⁹⁰") == "" and match.group(0) and \
                _ends_with_abbreviation(text[start:match.start()] + "."):
            continue
        if text[max(start, match.start() - 1):match.start()] == "." and \
                _ends_with_abbreviation(text[start:match.start()]):
            continue
        _add(text, start, end, sentences)
        start = match.end()
    _add(text, start, len(text), sentences)
    return sentences


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
