"""The shortcuts of extract/literals.py find exactly what the plain regular expressions find.

They only decide where a pattern is tried; these tests run both ways over the
example reports (and a few written traps) and compare every match.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from allegiance.extract import generic
from allegiance.extract.actors import (
    _CANDIDATE,
    _POSSESSIVE_ACRONYM,
    _name_patterns,
    _patterns,
    _pointer_pattern,
)
from allegiance.extract.literals import Scanner
from allegiance.extract.normalize import normalize

REPORTS = Path(__file__).resolve().parents[2] / "examples" / "reports"
TRAPS = [
    "Liwa al-Tawhid and Liwa-Ahrar Souriya met Abu Omar al-Shishani, a senior commander.",
    "xLiwa Fajr; Jaish al-Islam (JAI), Harakat Nour al-Din al-Zenki and the Army of Islam.",
    "Al Qaeda in the Islamic Maghreb, al-Qa'ida of Iraq, Sheikh Ahmed and President Assad.",
    "Umm Hassan, Abou Ali al-Masri, AbuAli, Al-Shabab, al Nusra and El-Mourabitoun.",
    "Red Brigades (BR) and the 1st Division, 5th Corps; Union of Communist Combatants (UCC).",
    "Omar al-Masri, a senior commander; Ali Hassan, the leader5 of it; Sami, an emir.",
    "Dawn Brigade\nfor the Liberation of Syria (DBLS)-led Army of Islam’s Front.",
]


def _shuffled(texts: list[str], count: int = 300) -> list[str]:
    """Texts made of the reports' words and marks in random order: edges a report lacks."""
    words = [w for text in texts for w in text.split()]
    marks = [",", ".", ";", "(", ")", "\n", "-", "’s", " (", "5"]
    rng = random.Random(5)
    return [" ".join(rng.choice(words) if rng.random() < 0.85 else rng.choice(marks)
                     for _ in range(rng.randint(1, 60))) for _ in range(count)]


def _texts(suffix: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob(f"*{suffix}"))]


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("key", sorted(_name_patterns("en")))
def test_name_patterns_find_what_finditer_finds(key: str) -> None:
    plain, scanner = _name_patterns("en")[key], _patterns("en")[key]
    for text in _texts(".en.txt") + TRAPS + _shuffled(_texts(".en.txt") + TRAPS):
        assert _spans(scanner.finditer(text)) == _spans(plain.finditer(text))


def test_scanner_tries_a_pattern_at_its_opening_words_only() -> None:
    scanner = Scanner(re.compile(r"\b(?:Liwa|Jaish)(?:[ -][A-Z]\w*){1,2}"))
    assert scanner.bounded is not None and scanner.bounded.hi == 0
    text = "Liwa Liwa Fajr Jaish-Islam xJaish Tawhid Liwa"
    assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text))


def test_a_pattern_that_ignores_case_reads_its_words_on_lower_cased_text() -> None:
    pointer = _pointer_pattern("en")
    assert pointer.lowered and pointer.found is not None
    texts = _texts(".en.txt") + TRAPS + [
        "THE TWO GROUPS said It was Their fight; against IT, BOTH Factions ... He and him.",
        "İt has fought; ıt has; against ıt the former leader, the latter",  # İ lowers to two
        "Against ıt the two groups fought: ſo they did, and then he left.",
    ]
    for text in texts + _shuffled(texts):
        assert _spans(pointer.finditer(text)) == _spans(pointer.pattern.finditer(text))


def test_generic_sides_found_where_the_forms_stand_are_finditer_s() -> None:
    lexicon = generic._lexicon("ar")
    assert lexicon is not None and lexicon.forms is not None
    for text in _texts(".ar.txt") + ["وللشرطة والمسلحون فالمسلحين مسلحونمسلحون"]:
        folded = normalize(text).text
        assert _spans(generic._matches(lexicon, folded)) == \
            _spans(lexicon.pattern.finditer(folded))


# the forms these patterns had with the look-behind first; they are written to open with
# the capital so that Python skips ahead to capitals (see actors._POSSESSIVE_ACRONYM)
LOOK_BEHIND_FIRST = {
    "acronym": r"(?<![\w.'’-])((?:[A-Z][a-z]?){1,5}[A-Z])(?![\w'’-])",
    "possessive": r"(?<![\w.'’-])((?:[A-Z][a-z]?){1,5}[A-Z])s(?![\w'’-])",
    "candidate": r"(?<![\w'’-])((?:[A-Z][\w'’]*|[ÓÉÁÍÚ][\w'’]*)(?:-[A-Za-z][\w'’]*)*"
                 r"(?:\s+(?:(?:of|for|na|de|del|la|al|the)\s+){0,2}(?:[A-Z\d][\w'’]*)"
                 r"(?:-[A-Za-z][\w'’]*)*){0,4})",
}


@pytest.mark.parametrize("key", sorted(LOOK_BEHIND_FIRST))
def test_patterns_that_open_with_the_capital_find_what_the_look_behind_found(key) -> None:
    pattern = {"acronym": _name_patterns("en")["acronym"], "possessive": _POSSESSIVE_ACRONYM,
               "candidate": _CANDIDATE}[key]
    before = re.compile(LOOK_BEHIND_FIRST[key])
    rng = random.Random(1)
    pieces = ["A", "B", "AI", "s", "a", "-", ".", "'", "’", " ", "Ó", "x", "\n", "IS", "AIs"]
    texts = _texts(".en.txt") + TRAPS + _shuffled(_texts(".en.txt")) + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    for text in texts:
        assert _spans(pattern.finditer(text)) == _spans(before.finditer(text))
