"""Arabic descriptions that point back to a group named before ("التنظيم", "الجبهة", "التنظيمان").

Arabic news names a group once in full ("جبهة النصرة", "تنظيم الدولة الإسلامية",
"حركة أحرار الشام") and then by its head noun with the article: "الجبهة",
"التنظيم", "الحركة". Such a word means the last group named before it (within a
few sentences) whose own name opens with that head noun, in the text or in the
knowledge base ("النصرة" is Jabhat al-Nusra, whose name opens with جبهة); the
general words (التنظيم، الجماعة، الفصيل) fall back on the last group named at all.
A dual ("التنظيمان", "الطرفان", "كلا الفصيلين") means the last two groups named
together ("بين A و B", "A و B"), else the last two distinct groups.

The words come from lang/ar/actors.yaml (`group_anaphors`, `pair_anaphors`);
`head_anaphors` there says which head noun each description stands for.
Mentions are built by the caller (extract/actors.py): this module returns spans
and the actor ids they point to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from allegiance.extract.literals import Scanner
from allegiance.extract.normalize import normalize

_PARTICLES = r"(?:[وف]?(?:[بك]|ل(?=ل))?)"  # وال، فال، بال، كال، and لل for ل + ال
WINDOW_SENTENCES = 3
WIDE_CHARS = 2500


@dataclass(frozen=True)
class Pointer:
    """A span that points back at one actor, or at the two actors of a pair."""

    start: int
    end: int
    actor_ids: tuple[str, ...]
    how: str  # "coref" | "pair"


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=8)  # one pattern per lexicon
def _pointer_scanner(pattern: str) -> Scanner:
    """The pointer words as one pattern, tried only where one of them begins."""
    return Scanner(re.compile(pattern))


@lru_cache(maxsize=8192)  # the same anaphors and names come back in every document
def _folded(word: str) -> str:
    return normalize(word).text


@lru_cache(maxsize=8192)
def _opens_with(name: str, head: str) -> bool:
    """The name's first word is the head noun, particles aside ("لتنظيم الدولة")."""
    words = _folded(name).split()
    if not words:
        return False
    first = words[0].strip("\"«»")
    return first == head or (first.endswith(head) and len(first) - len(head) <= 2
                             and set(first[:-len(head)]) <= set("وفبلك"))


def arabic_pointers(text: str, named: Sequence, sentence_of: Callable[[int], int],
                    sentence_starts: Sequence[int], is_group: Callable[[str], bool],
                    names_of: Callable[[str], Sequence[str]], lex: dict) -> list[Pointer]:
    """Spans of `text` that point back at groups of `named` (mentions with actor ids).

    `sentence_of(pos)` gives a position's sentence index and `sentence_starts` each
    sentence's start; `names_of(actor_id)` the names the knowledge base knows.
    """
    heads: dict[str, str] = {_folded(k): _folded(v)
                             for k, v in (lex.get("head_anaphors") or {}).items()}
    general = {_folded(w) for w in lex.get("general_anaphors") or ()}
    pairs = list(lex.get("pair_anaphors") or ())
    pronouns = list(lex.get("pair_pronouns") or ())
    singles = [w for w in lex.get("group_anaphors") or () if _folded(w) in heads
               or _folded(w) in general]
    if not singles and not pairs:
        return []
    pattern = _pointer_scanner(
        rf"(?<![\w])(?:(?P<pair>{_alternation(pairs)})"
        rf"|(?P<they>{_alternation(pronouns) or '(?!x)x'})"
        rf"|{_PARTICLES}(?P<one>{_alternation(singles) or '(?!x)x'}))(?![\w])")
    groups = sorted((m for m in named if m.actor_ids and is_group(m.actor_ids[0])),
                    key=lambda m: m.start)
    spans = sorted((m.start, m.end) for m in named)
    out: list[Pointer] = []
    for match in pattern.finditer(text):
        pos = match.start()
        if any(s <= pos < e for s, e in spans):  # part of a name: "الحركة الإسلامية ..."
            continue
        sentence = sentence_of(pos)
        window = sentence_starts[max(0, sentence - WINDOW_SENTENCES)] if sentence_starts else 0
        before = [m for m in groups if window <= m.start and m.end <= pos]
        if match.group("they"):  # "لكنهما": only the pair just pointed at
            recent = [p for p in out if p.how == "pair" and pos - p.end < 250]
            if recent:
                out.append(Pointer(match.start("they"), match.end("they"), recent[-1].actor_ids,
                                   "pair"))
            continue
        if match.group("pair"):
            # a group named by its description ("مسلحون من التنظيم ومن جبهة النصرة") counts
            pointed = [_Named(p.start, p.end, p.actor_ids) for p in out if p.how == "coref"]
            wide = sorted((m for m in [*groups, *pointed]
                           if pos - WIDE_CHARS <= m.start and m.end <= pos),
                          key=lambda m: m.start)
            ids = last_pair(text, wide, _JOINED)
            if len(ids) == 2:
                out.append(Pointer(match.start("pair"), match.end("pair"), ids, "pair"))
            continue
        word = _folded(match.group("one"))
        head = heads.get(word)
        chosen = None
        if head:  # a name with the same head noun may stand further back than the window
            wide = [m for m in groups if pos - WIDE_CHARS <= m.start and m.end <= pos]
            for mention in reversed(wide):
                names = [mention.text, *names_of(mention.actor_ids[0])]
                if any(_opens_with(n, head) for n in names):
                    chosen = mention
                    break
        if chosen is None and word in general and before:
            chosen = before[-1]
        if chosen is not None:
            out.append(Pointer(match.start("one"), match.end("one"), chosen.actor_ids[:1],
                               "coref"))
    return out


@dataclass(frozen=True)
class _Named:
    start: int
    end: int
    actor_ids: tuple[str, ...]


def last_pair(text: str, groups: Sequence, joined: re.Pattern, *, strict: bool = False,
              before: int | None = None, reach: int = 1500) -> tuple[str, ...]:
    """The two groups that "the two groups" means, in either language.

    The last two groups that `joined` shows were named together ("A and B",
    "A و B"; within `reach` characters of `before`, when given) win; else, unless
    `strict`, the last two distinct groups named.
    """
    for i in range(len(groups) - 1, 0, -1):
        first, second = groups[i - 1], groups[i]
        if first.actor_ids[0] == second.actor_ids[0]:
            continue
        if joined.fullmatch(text, first.end, second.start) and (
                before is None or before - second.end < reach):
            return (first.actor_ids[0], second.actor_ids[0])
    if strict:
        return ()
    distinct: list[str] = []
    for mention in reversed(groups):
        if mention.actor_ids[0] not in distinct:
            distinct.append(mention.actor_ids[0])
        if len(distinct) == 2:
            return (distinct[1], distinct[0])
    return ()


_JOINED = re.compile(r"[\"»«]?\s*[،,]?\s*(?:و|ومن)\s*[\"«]?")
