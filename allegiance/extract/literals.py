"""Literal strings a compiled pattern cannot match without: cheap tests before the regex.

The Arabic claim patterns are large regular expressions (lookbehinds, glue groups,
gaps of up to nine words) that Python tries position by position, and most tries
fail. Their parse tree says once, per pattern, which elements a match cannot do
without that begin with a literal string (a word, or one of a group of words), and
how far into a match each stands (at least `lo`, at most `hi` characters). One
Aho-Corasick pass over a sentence then says where these strings stand, and so

- a pattern whose required strings are not all in the sentence is not tried;
- no match starts after the last place its required strings allow;
- a pattern with a required string at a bounded distance from its start is tried
  only just before where that string stands, not at every character.

Each test is a necessary condition of a match, so the matches found do not change.
The patterns run on lower-cased text: an IGNORECASE literal is read as every
lower-case character it matches there (see `_spellings`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]

import ahocorasick

_STOP = (None, None)  # an element after which nothing is known
_MAX_STRINGS = 2000  # give up on a larger set of strings: it would test little anyway
_MAX_LENGTH = 12  # characters of a literal worth reading: enough to tell words apart
UNBOUNDED = 10_000  # a distance past this is no bound at all
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_LITERAL_RUN = (sre.LITERAL, sre.IN)


@dataclass(frozen=True)
class Requirement:
    """One of `strings` starts between `lo` and `hi` characters into every match."""

    strings: frozenset[str]
    lo: int
    hi: int  # UNBOUNDED or more: no upper bound


class _TooMany(Exception):
    pass


def _spellings(char: str, ignorecase: bool) -> tuple[str, ...] | None:
    """The characters of lower-cased text that a pattern character matches, or None where
    that is not known. IGNORECASE also matches "ı" for "i" and "ſ" for "s" (re._casefix);
    beyond ASCII letters only uncased characters (Arabic letters, digits, marks) are read.
    """
    if not ignorecase:
        return (char,)
    if "A" <= char <= "Z" or "a" <= char <= "z":
        char = char.lower()
    elif not char.lower() == char == char.upper():
        return None
    return (char, *(chr(c) for c in _EXTRA_CASES.get(ord(char), ())))


def _chain(items: list, budget: int, ignorecase: bool) -> set[str]:
    """The literal strings (up to `budget` characters) that a match of `items` begins with,
    following literals and alternatives only; "" in the result: no literal at the start."""
    if budget == 0 or not items or items[0] is _STOP:
        return {""}
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _chain(rest, budget, ignorecase)
    if op is sre.LITERAL or op is sre.IN:
        if op is sre.LITERAL:
            codes = [av]
        elif all(kind is sre.LITERAL for kind, _ in av):
            codes = [code for _, code in av]
        else:
            return {""}
        chars = set()
        for code in codes:
            spellings = _spellings(chr(code), ignorecase)
            if spellings is None:
                return {""}
            chars.update(spellings)
        tails = _chain(rest, budget - 1, ignorecase)
        out = {c + tail for c in chars for tail in tails}
    elif op is sre.SUBPATTERN:
        out = _chain(list(av[-1]) + rest, budget, ignorecase)
    elif op is sre.BRANCH:
        out = set()
        for alternative in av[1]:
            out |= _chain(list(alternative) + rest, budget, ignorecase)
    elif op in _REPEATS:
        low, high, body = av
        # once (then what follows, if it cannot repeat), or not at all if it may be left out
        out = _chain(list(body) + (rest if high == 1 else [_STOP]), budget, ignorecase)
        if low == 0:
            out |= _chain(rest, budget, ignorecase)
    else:  # a class such as \s or \w, a reference, ...: the literal ends here
        return {""}
    if len(out) > _MAX_STRINGS:
        raise _TooMany
    return out


def _strings_at(items: list, ignorecase: bool, shorten: bool = False
                ) -> frozenset[str] | None:
    """The literal strings a match of `items` begins with, if each has two characters or
    more (one letter alone tests nothing). With `shorten`, a set too large is read again
    with shorter strings (the first words of a list of names, then their first letters)."""
    budget = _MAX_LENGTH
    while True:
        try:
            found = _chain(items, budget, ignorecase)
            break
        except _TooMany:
            if not shorten or budget <= 2:
                return None
            budget //= 2
    if min(len(s) for s in found) < 2:
        return None
    return frozenset(found)


def _required(items, lo: int, hi: int, out: list[Requirement], ignorecase: bool,
              shorten: bool = False) -> None:
    """Collect the requirements of a sequence whose match starts `lo`..`hi` characters
    into the whole match."""
    in_run = False  # inside a run of literals already read from its first character
    for index, (op, av) in enumerate(items):
        if op in _LITERAL_RUN or op is sre.BRANCH:
            if not in_run:
                strings = _strings_at(list(items[index:]), ignorecase, shorten)
                if strings is not None:
                    out.append(Requirement(strings, lo, hi))
            in_run = op in _LITERAL_RUN
        else:
            in_run = False
            if op is sre.SUBPATTERN:
                _required(av[-1], lo, hi, out, ignorecase, shorten)
            elif op in _REPEATS and av[0] >= 1:
                _required(av[2], lo, hi, out, ignorecase, shorten)
        width = sre_parse.SubPattern(items.state, [(op, av)]).getwidth()
        lo, hi = lo + width[0], min(hi + width[1], UNBOUNDED)


def _top_level_bar(piece: str) -> bool:
    """Whether `piece` holds a "|" outside any group: joined to others, it would split
    the whole pattern in two."""
    depth, index, in_class = 0, 0, False
    while index < len(piece):
        char = piece[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 2 if piece.startswith("^]", index + 1) else \
                1 if piece.startswith("]", index + 1) else 0  # "[]...]": "]" is a member
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


@lru_cache(maxsize=4096)  # the same glue, gaps and word lists recur across patterns
def _piece(piece: str, flags: int, shorten: bool = False
           ) -> tuple[tuple[Requirement, ...], tuple[int, int]] | None:
    """The requirements of one piece (offsets from its own start) and its width; None
    where the piece cannot be read alone."""
    if _top_level_bar(piece):
        return None
    try:
        parsed = sre_parse.parse(piece, flags)
    except Exception:  # noqa: BLE001 - a reference to a group of another piece, ...
        return None
    out: list[Requirement] = []
    _required(parsed, 0, 0, out, bool(flags & sre.SRE_FLAG_IGNORECASE), shorten)
    return tuple(out), parsed.getwidth()


def requirements(pieces: list[str], flags: int, joiner_width: tuple[int, int],
                 shorten: bool = False) -> tuple[Requirement, ...]:
    """The requirements of a pattern made of `pieces` joined by a separator of the given
    (least, most) width; see the module docstring. `shorten`: see `_strings_at`."""
    out: list[Requirement] = []
    lo = hi = 0
    for index, piece in enumerate(pieces):
        if index:
            lo, hi = lo + joiner_width[0], min(hi + joiner_width[1], UNBOUNDED)
        read = _piece(piece, flags, shorten)
        if read is None:
            if _top_level_bar(piece):
                return ()  # the pattern is not a sequence of its pieces
            hi = UNBOUNDED  # width unknown: at least 0, at most anything
            continue
        found, width = read
        out.extend(Requirement(r.strings, lo + r.lo, min(hi + r.hi, UNBOUNDED))
                   for r in found)
        lo, hi = lo + width[0], min(hi + width[1], UNBOUNDED)
    return tuple(out)


def bounded(required: tuple[Requirement, ...], spread: int = 16) -> Requirement | None:
    """The requirement that says best where a match starts: the nearest to a fixed
    distance from it (at most `spread` characters of play), then the longest strings."""
    near = [r for r in required if r.hi - r.lo <= spread]
    return min(near, key=lambda r: (r.hi - r.lo, -min(len(s) for s in r.strings)),
               default=None)


def automaton(strings: set[str]):
    """An Aho-Corasick automaton that finds every one of `strings`."""
    found = ahocorasick.Automaton()
    for string in strings:
        found.add_word(string, string)
    if strings:
        found.make_automaton()
    return found


class Positions(dict[str, list[int]]):
    """Where each string of an automaton starts in a text (its starts, in order), and
    `found`, the strings found as a set: a set meets a requirement's strings walking the
    smaller of the two, where a dict is walked whole."""

    found: frozenset[str] = frozenset()


def positions(found, text: str) -> Positions:
    """Where each string of the automaton starts in `text`, in order."""
    out = Positions()
    if len(found):
        for end, string in found.iter(text):
            out.setdefault(string, []).append(end - len(string) + 1)
        out.found = frozenset(out)
    return out


def latest_start(required: tuple[Requirement, ...], where: Positions) -> int:
    """The last position at which a match can start, given where the required strings
    stand (-1 or less: nowhere, a required string is missing)."""
    latest = sys.maxsize
    for requirement in required:
        found = requirement.strings & where.found
        if not found:
            return -1
        latest = min(latest, max(where[s][-1] for s in found) - requirement.lo)
    return latest


def possible_starts(requirement: Requirement, where: Positions, latest: int) -> list[int]:
    """Every position up to `latest` at which a match can start, given where the strings
    of a requirement at a bounded distance stand."""
    starts = set()
    for string in requirement.strings & where.found:
        for pos in where[string]:
            starts.update(range(max(0, pos - requirement.hi),
                                min(latest, pos - requirement.lo) + 1))
    return sorted(starts)


def openings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The strings every match of `pattern` begins with (as lower-cased text spells them,
    where it ignores case): of one to twelve characters, fewer where there would be too
    many. None where a match can begin otherwise (with a class such as `\\d`, or empty)."""
    items = list(sre_parse.parse(pattern, flags))
    budget = _MAX_LENGTH
    while True:
        try:
            found = _chain(items, budget, bool(flags & re.IGNORECASE))
        except _TooMany:
            if budget == 1:
                return None
            budget = max(1, budget // 2)
            continue
        return None if "" in found else frozenset(found)


def _is_word(char: str) -> bool:
    """Whether a character is a word character, as `\\w` and `\\b` read it."""
    return char.isalnum() or char == "_"


def _opens_at_boundary(items: list) -> bool:
    """Whether a parsed pattern (each of its alternatives) opens with `\\b`."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.AT:
        return av is sre.AT_BOUNDARY
    if op is sre.SUBPATTERN:
        return _opens_at_boundary(list(av[-1]))
    if op is sre.BRANCH:
        return all(_opens_at_boundary(list(alternative)) for alternative in av[1])
    return False


class Scanner:
    """`finditer` of a pattern over whole documents, tried only where it can match.

    A pattern such as "an opener word, then one to four name words" is a long
    alternation that Python tries at every character of a text. Where the pattern
    has a required string at a bounded distance from its start (see `bounded`), or
    every match begins with one of a set of strings (each alternative of a pattern
    "a|b|c" with its own), one automaton pass says the few places a match can start;
    the pattern is tried there alone, left to right, and each match resumes the scan
    at its end, as `finditer` does. `match` at a position still sees the text before
    it, for look-behinds and `\\b`. A pattern that ignores case has its strings read
    on the lower-cased text.

    Otherwise, given `within`, a class of characters (one regex item such as
    `[\\w\\s-]`) that holds `\\w` and every character any part of the pattern can
    match, look-arounds included, and `needs`, strings one of which every match holds
    (by default the pattern's required strings): the pattern is searched only in the
    stretches between two characters outside `within` that hold one of `needs`. No
    match crosses such a character, and searching a stretch alone reads its end as
    the character there reads (neither is a word character nor can be matched).
    Without either, a pattern is searched as usual.
    """

    def __init__(self, pattern: re.Pattern, within: str | None = None,
                 needs: Iterable[str] = ()) -> None:
        self.pattern = pattern
        self.lowered = bool(pattern.flags & re.IGNORECASE)
        required = requirements([pattern.pattern], pattern.flags, (0, 0), shorten=True)
        if bounded(required) is None:
            opening = _strings_at(list(sre_parse.parse(pattern.pattern, pattern.flags)),
                                  self.lowered, shorten=True)
            if opening is not None:
                required = (*required, Requirement(opening, 0, 0))
        self.required = required
        self.bounded = bounded(required)
        self.found = automaton({s for r in required for s in r.strings}) \
            if self.bounded is not None else None
        self.opening_only = len(required) == 1 and self.bounded is not None \
            and self.bounded.hi == 0
        # "\\b" before a word: a match starts where no word character stands before it
        self.at_word = self.bounded is not None and self.bounded.lo == self.bounded.hi == 0 \
            and _opens_at_boundary(list(sre_parse.parse(pattern.pattern, pattern.flags))) \
            and all(_is_word(s[0]) for s in self.bounded.strings)
        needed = set(needs) or (set(required[0].strings) if required else set())
        self.outside = re.compile(within.replace("[", "[^", 1)) \
            if within is not None and within.startswith("[") and not within.startswith("[^") \
            and needed and self.found is None and not self.lowered else None
        self.needed = automaton(needed) if self.outside is not None else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        """The matches `self.pattern.finditer(text)` gives, in its order."""
        if self.outside is not None:
            yield from self._in_stretches(text)
            return
        read = text.lower() if self.lowered else text
        if self.found is None or len(read) != len(text):  # "İ" lowers to two characters
            yield from self.pattern.finditer(text)
            return
        if self.opening_only:  # where the strings that open every match stand, alone
            starts = sorted({end - len(string) + 1 for end, string in self.found.iter(read)})
        else:
            where = positions(self.found, read)
            latest = latest_start(self.required, where)
            if latest < 0:
                return
            starts = possible_starts(self.bounded, where, latest)
        resume = 0
        for pos in starts:
            if pos < resume or self.at_word and pos and _is_word(read[pos - 1]):
                continue
            match = self.pattern.match(text, pos)
            if match:  # never empty: it holds the required strings
                yield match
                resume = match.end()

    def _in_stretches(self, text: str) -> Iterator[re.Match]:
        """The matches in the stretches of `within` characters that hold a needed string."""
        assert self.outside is not None and self.needed is not None
        backwards = None  # the text reversed, to find the outside character before a place
        searched_to = 0
        for end, string in self.needed.iter(text):
            start = end - len(string) + 1
            if start < searched_to:
                continue  # in the stretch just searched
            if backwards is None:
                backwards = text[::-1]
            before = self.outside.search(backwards, len(text) - start)
            stretch_start = max(len(text) - before.start() if before else 0, searched_to)
            after = self.outside.search(text, end + 1)
            searched_to = after.start() if after else len(text)
            yield from self.pattern.finditer(text, stretch_start, searched_to)
