"""Compile the claim lexicon (lang/XX/claims.yaml) into regular expressions.

Patterns run over a *masked* sentence in which each mention is a slot token
``⟪n⟫``; see the comment at the top of claims.yaml for the pattern language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from allegiance.errors import AllegianceError
from allegiance.extract import literals
from allegiance.extract.literals import Requirement
from allegiance.extract.yaml_files import load_yaml

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"

SLOT = r"⟪\d+p?⟫"  # "p": a possessive pronoun ("its", "their"), which a gap may also hold
# a coordinated slot: "⟪1⟫", "⟪1⟫ and ⟪2⟫", "⟪1⟫, ⟪2⟫ and ⟪3⟫" (a comma list needs its "and")
_Q = r"[\"“‘]?"  # a name may stand in quotes: the "Base 26"
_AND = (r"(?:and|or|as well as|(?:(?:fighters|commanders|members|units|forces)\s+)?and\s+"
        r"(?:other\s+|smaller\s+|several\s+)?(?:brigades|groups|factions|militias)\s+"
        r"(?:such\s+as|like|including))")
# a list: "A and B", "A, B and C", or three or more names between commas ("A, B, C and
# other militias"); two names between one comma alone are an apposition, not a list
_MEMBERS_OF = (r"(?:(?:members|fighters|militants|elements|units|remnants|cadres)\s+of\s+"
               r"(?:the\s+)?)?")
_ITEM = rf"\s*,\s*(?:the\s+)?{_MEMBERS_OF}{_Q}{SLOT}"
_AR_AND = rf"\s*,?\s*(?:و|أو)\s*{_Q}{SLOT}"  # Arabic و and أو glue to the next name
_COORD = (rf"{_Q}{SLOT}(?:(?:{_ITEM}){{2,}}(?:\s*,?\s+{_AND}\s+(?:the\s+)?{_MEMBERS_OF}{_Q}{SLOT})?"
          rf"|(?:{_ITEM})*\s*,?\s+{_AND}\s+(?:the\s+)?{_MEMBERS_OF}{_Q}{SLOT}"
          rf"|(?:{_ITEM})*(?:{_AR_AND})+)?")
_PLACE_GAP = r"(?!(?:in|near|at|of|from|to|inside|within|outside|around)\b)[^\s⟪;:]+\s+"
# (a name with "'s" after it opens an apposition, not the next place: "Mosul, Iraq's second city")
_PLACES = (rf"{_Q}{SLOT}(?:(?:\s*,\s*|\s*,?\s+and\s+)(?:{_PLACE_GAP}|(?:the|of)\s+){{0,8}}?"
           rf"{_Q}{SLOT}(?!['’]s\b))*")
_DET = r"(?:(?:the|a|an|its|their|his|her|both|all|some|several)\s+)?"
# a place may come with its kind: "entered the historic city of ⟪1⟫", "the town of ⟪1⟫"
_PLACE_NOUN_OF = (r"(?:(?:the|a|an)\s+(?:[a-z-]+\s+){0,2}?(?:city|town|village|province|"
                  r"governorate|region|district|countryside|suburbs?|outskirts|neighbourhood|neighborhood|area|"
                  r"capital|camp|border\s+town|border\s+city)\s+of\s+(?:the\s+)?)?")
# before an actor slot: a class the name exemplifies ("other rebel groups, including
# ⟪1⟫") and the members who stand for their group ("members of the ⟪1⟫", GUIDELINES rule 4)
_ACTOR_DET = (r"(?:(?:[\w-]+\s+|⟪\d+p?⟫\s+){0,3}(?:groups|factions|militias|organizations|"
              r"organisations|rebels|insurgents|movements)\s*,?\s+(?:including|such\s+as|like|among\s+them)\s+)?"
              rf"{_DET}{_MEMBERS_OF}")
_BREAK = r"(?:while|but|whereas|although|though|however|yet|which|who|whom|whose|where|when|after|before|because|if|unless|despite)"  # noqa: E501
# an apposition naming a leader or backer ("EIJ, led by al-Zawahiri, merged ...") may stand
# inside a gap: the name after "by" is not a side of the claim
_AGENT = r"(?:led|headed|commanded|founded|backed|supported)\s+by\s+(?:the\s+)?⟪\d+⟫,?"
# a gap never crosses into another clause: a subordinator, or a passive that closes one
# ("Jum'a was captured, rebel militias attacked ...")
# a relative clause between commas may stand inside a gap too, names and all: "the
# Houthis, who are allied with Iran, fired ...": Iran is not the subject of "fired"
RELATIVE_OPENER = r",\s*(?:who|which)\s+"  # also read by claims._in_closed_relative
_RELATIVE = rf"{RELATIVE_OPENER}[^,;:⟪]*(?:⟪\d+p?⟫[^,;:⟪]*){{0,2}},"
# and so may an apposition that a determiner opens: "the Badr Organization, the largest
# Shiite party in Iraq, opposes ..."
# (a name inside it only after a locative: "an ally of ⟪2⟫" may be what the claim is about)
_APPOSITION = r",\s*(?:the|a|an)\s+[^,;:⟪]*(?:\b(?:in|at|near)\s+⟪\d+⟫[^,;:⟪]*)?,"
_GAP_WORD = (rf"(?!(?:{_BREAK})\b)(?!(?:was|were)\s+\w+(?:ed|en|wn|ught)\s*,)"
             rf"(?:{_RELATIVE}|{_APPOSITION}|[^\s⟪;:]+|⟪\d+p⟫|⟪t⟫[,.]?|{_AGENT})\s+")
# (the last word of such a gap may stand right before the comma a pattern asks for:
# "of its new affiliate in ⟪2⟫, ⟪3⟫")
_SLOT_GAP_WORD = r"(?:[^\s;:]+\s+|[^\s;:,]+(?=,))"
# an object gap: a few words, but no preposition that would make the slot another role
_OBJ_GAP_WORD = (r"(?!(?:alongside|with|under|for|from|into|to|in|by|between|among|"
                 r"within|near|of)\b)(?:[^\s⟪;:]+|⟪\d+p⟫|⟪t⟫)\s+")
_BE = (r"(?:(?:has|have|had)\s+been|is|are|was|were|been|being|be|(?:will|would|could|may|might)"
       r"\s+be)(?:\s+(?:reportedly|allegedly|also|later|then|initially|not|never|subsequently|"
       r"eventually|apparently|officially|formally))*")


class LexiconError(AllegianceError):
    code = "E220"


@dataclass(frozen=True)
class VerbForms:
    all: tuple[str, ...]
    participles: tuple[str, ...]
    gerunds: tuple[str, ...]


def inflect(entry: str) -> VerbForms:
    """Forms of an English verb: "attack" or, when irregular, "lemma|past|participle|ing".

    Multi-word verbs inflect their first word ("break away" → "broke away").
    """
    parts = entry.split("|")
    lemma = parts[0]
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if len(parts) == 4:
        past, participle, ing = parts[1], parts[2], parts[3]
        third = _third(head)
        if " " not in past and tail:
            past, participle, ing = past + tail, participle + tail, ing + tail
        forms = {lemma, third + tail, past, participle, ing}
        return VerbForms(tuple(forms), (participle,), (ing,))
    if head.endswith("e"):
        past = head + "d"
        ing = head[:-1] + "ing"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        past = head[:-1] + "ied"
        ing = head + "ing"
    elif _doubles(head):
        past = head + head[-1] + "ed"
        ing = head + head[-1] + "ing"
    else:
        past = head + "ed"
        ing = head + "ing"
    pasts, ings = [past + tail], [ing + tail]
    if re.search(r"[^aeiou][aeiou]l$", head):  # expeled and expelled
        pasts.append(head + "led" + tail)
        ings.append(head + "ling" + tail)
    forms = {lemma, _third(head) + tail, *pasts, *ings}
    return VerbForms(tuple(forms), tuple(pasts), tuple(ings))


def _third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _doubles(verb: str) -> bool:
    """Short consonant-vowel-consonant verbs double their last letter (ban → banned)."""
    return (len(verb) <= 4 and len(verb) >= 3 and verb[-1] not in "aeiouwxy"
            and verb[-2] in "aeiou" and verb[-3] not in "aeiou")


_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]*")
_ARABIC_PARTICLES = re.compile(r"^(?:و|ف)?(?:ب|ل|ك|س)?(?:ال|لل)?")


def sentence_words(text: str) -> set[str]:
    """The words of a (masked, lower-cased) sentence, Arabic ones also without particles."""
    words = set(_WORD.findall(text))
    for word in list(words):
        if "\u0600" <= word[0] <= "\u06ff":
            bare = _ARABIC_PARTICLES.sub("", word)
            if bare:
                words.add(bare)
            for cut in (1, 2, 3):  # every particle split, for words that begin like one
                if len(word) - cut >= 2:
                    words.add(word[cut:])
    return words


@lru_cache(maxsize=8192)  # claims ask for the same templates over and over
def _split_template(template: str) -> tuple[str, ...]:
    """Split a pattern on spaces that are not inside parentheses."""
    items: list[str] = []
    depth = 0
    current = ""
    for char in template:
        if char == " " and depth == 0:
            if current:
                items.append(current)
            current = ""
            continue
        if not current.endswith("\\"):  # an escaped parenthesis opens no group
            depth += (char == "(") - (char == ")")
        current += char
    if current:
        items.append(current)
    return tuple(items)


# Arabic words take attached particles and the article: وهاجم، فالتنظيم، بالاتفاق، للجيش
_ARABIC_PREFIX = "(?:و|ف)?(?:ب|ل|ك|س)?(?:ال|لل)?"


def _alternation(words: list[str], lang: str = "en") -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"
    return _ARABIC_PREFIX + body if lang == "ar" else body


def _forms(entry: str, lang: str) -> VerbForms:
    """English verbs are inflected by rule; other languages list every form ("a|b|c")."""
    if lang == "en":
        return inflect(entry)
    forms = tuple(f.strip() for f in entry.split("|") if f.strip())
    return VerbForms(forms, forms, forms)


# words of patterns too common to mark a sentence as holding a claim
_NOT_TRIGGERS = {"between", "against", "under", "their", "which", "there", "where", "after",
                 "before", "about", "other", "these", "those", "itself", "himself", "themselves",
                 "order", "among", "with", "from", "into", "that", "this", "they", "them", "have",
                 "been", "were", "than", "then", "also", "only", "over", "most", "more", "some",
                 "such", "when", "what", "will", "both", "each", "once", "near", "whose", "its"}


@dataclass(frozen=True)
class Pattern:
    type: str
    source: str  # the pattern as written, for debugging and `--explain`
    regex: re.Pattern
    modality: str | None = None
    no_time: bool = False
    scope: str = "clause"  # where modality cues count: "clause", or "match" for appositions
    anchor: re.Pattern | None = None  # a word the sentence must hold before the pattern runs
    slots: int = 1  # how many mentions the pattern needs at least
    slot_first: bool = False  # it opens with a slot: try it only where slots start
    anchor_words: frozenset[str] | None = None  # the anchor as a set of first words (English)
    first_words: frozenset[str] | None = None  # words a match can begin with (English)
    anchor_forms: frozenset[str] | None = None  # other languages: the anchor's word forms
    anchor_in_tail: bool = False  # the anchor stands after the opening slot, never before
    near_slot: bool = False  # opens with glue (particles, a head noun) and then a slot
    # strings every match holds (see extract/literals.py), and the one at a bounded
    # distance from a match's start that says where to try the pattern
    required: tuple[Requirement, ...] = ()
    bounded: Requirement | None = None


@dataclass(frozen=True)
class TypeLexicon:
    type: str
    trigger: re.Pattern  # any of the type's words: a cheap pre-check per sentence
    patterns: tuple[Pattern, ...]
    trigger_words: frozenset[str] | None = None  # the same as a set of first words (English)
    trigger_forms: frozenset[str] | None = None  # other languages: the type's word forms
    core_words: frozenset[str] = frozenset()  # first words of the type's own verbs and nouns
    # finds the strings its patterns require (see `Pattern.required`); shared by the types
    literals: Any = field(default=None, compare=False)
    # which patterns each anchor word or form opens (see `patterns_for`)
    by_anchor: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    unanchored: tuple[int, ...] = ()  # patterns without anchor words or forms

    def literal_positions(self, text: str, read: dict[int, literals.Positions]
                          ) -> literals.Positions:
        """Where the strings that this type's patterns require stand in `text`. The
        types of a lexicon share one automaton: `read` keeps its result for the others."""
        if self.literals is None:
            return literals.Positions()
        key = id(self.literals)
        if key not in read:
            read[key] = literals.positions(self.literals, text)
        return read[key]

    def patterns_for(self, found: set[str]) -> list[Pattern]:
        """The patterns whose anchor words (English) or forms (other languages) are among
        `found`, and those without any, in lexicon order: one lookup per word found
        instead of one set test per pattern."""
        if not self.by_anchor:
            return list(self.patterns)
        chosen = set(self.unanchored)
        for key in found & self.by_anchor.keys():
            chosen.update(self.by_anchor[key])
        return [self.patterns[i] for i in sorted(chosen)]


def _anchor_index(patterns: list[Pattern]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """(anchor word or form → the patterns it anchors, the patterns without anchors)."""
    index: dict[str, list[int]] = {}
    unanchored = []
    for position, pattern in enumerate(patterns):
        keys = pattern.anchor_words if pattern.anchor_words is not None else pattern.anchor_forms
        if keys is None:
            unanchored.append(position)
            continue
        for key in keys:
            index.setdefault(key, []).append(position)
    return {k: tuple(v) for k, v in index.items()}, tuple(unanchored)


def _compile(template: str, verbs: list[VerbForms], nouns: list[str], lang: str = "en") -> str:
    return _join(_pieces(template, verbs, nouns, lang))


def _pieces(template: str, verbs: list[VerbForms], nouns: list[str], lang: str = "en"
            ) -> list[str]:
    """The regular expression of each item of a template, in order."""
    all_verbs = [f for v in verbs for f in v.all]
    participles = [f for v in verbs for f in v.participles]
    gerunds = [f for v in verbs for f in v.gerunds]
    pieces: list[str] = []
    for position, item in enumerate(_split_template(template)):
        optional = item.endswith("?") and len(item) > 1 and not item.startswith("\\")
        core = item[:-1] if optional else item
        # a pattern that opens with a slot is tried only where a slot starts (see
        # `Pattern.slot_first`), so its leading slot needs no article or quote before it
        det = "" if position == 0 else _DET
        actor_det = "" if position == 0 else _ACTOR_DET
        quote = "" if position == 0 else _Q
        if core in ("{A}", "{B}"):
            name = core[1]
            piece = rf"{actor_det}(?P<{name}>{_COORD})"
        elif core in ("{A1}", "{B1}"):  # one actor, never a list
            name = core[1]
            piece = rf"{actor_det}{quote}(?P<{name}>{SLOT})"
        elif core == "{P}":
            piece = rf"(?:{_PLACE_NOUN_OF if position else ''}|{det})(?P<P>{_PLACES})"
        elif core == "{PAIR}":
            piece = rf"{det}(?P<PAIR>{SLOT}\s*(?:,?\s+and\s+(?:the\s+)?{SLOT})?)"
        elif core == "{V}":
            piece = rf"(?P<T>\b{_alternation(all_verbs, lang)}\b)" if all_verbs else r"(?!x)x"
        elif core == "{VPP}":
            piece = rf"(?P<T>\b{_alternation(participles, lang)}\b)" if participles else r"(?!x)x"
        elif core == "{VING}":
            piece = rf"(?P<T>\b{_alternation(gerunds, lang)}\b)" if gerunds else r"(?!x)x"
        elif core == "{N}":
            piece = rf"(?P<T>\b{_alternation(nouns, lang)}\b)" if nouns else r"(?!x)x"
        elif core == "{BE}":
            piece = _BE
        elif core == "...":
            piece = rf"(?:{_GAP_WORD}){{0,9}}?"
        elif core == "..":
            piece = rf"(?:{_GAP_WORD}){{0,3}}?"
        elif core == "..*":  # greedy: "of al-Qaeda-allied al-Nusra" reaches the last name
            piece = rf"(?:{_SLOT_GAP_WORD}){{0,3}}"
        elif core == "...*":  # a long gap that may hold other names (appositions)
            piece = rf"(?:{_SLOT_GAP_WORD}){{0,10}}?"
        elif core == "~~":
            piece = rf"(?:{_OBJ_GAP_WORD}){{0,3}}?"
        elif core == "!by":
            piece = r"(?!\s*by\b)"
        elif core in (",", ",?"):
            piece = ","
        elif core.startswith("(") or "\\" in core or "|" in core:
            piece = re.sub(r"\s+", r"\\s+", core)
            if piece.startswith("(") and not piece.startswith("(?"):
                piece = "(?:" + piece[1:]
            if re.match(r"\(\?:[^\W\d]", piece):  # a group of words: whole words only
                piece = rf"(?<![\w'])(?:{piece})(?![\w])"
        else:
            word = re.escape(core)
            if lang == "ar" and core[0].isalpha():
                word = _ARABIC_PREFIX + word
            piece = rf"\b{word}\b" if core[0].isalnum() else word
        if optional:
            piece = f"(?:{piece})?"
        pieces.append(piece)
    return pieces


_JOIN = r"\s*"  # between the items of a template


def _join(pieces: list[str]) -> str:
    return _JOIN.join(pieces)


def _anchor(template: str, verbs: list[VerbForms], nouns: list[str], lang: str
            ) -> re.Pattern | None:
    """A cheap test that rules a pattern out: its trigger words, or its longest literal word."""
    items = _split_template(template)
    if any(i.rstrip("?") in ("{V}", "{VPP}", "{VING}") for i in items) and verbs:
        return re.compile(_alternation([f for v in verbs for f in v.all], lang), re.I)
    if "{N}" in items and nouns:
        return re.compile(_alternation(nouns, lang), re.I)
    words = [i for i in items if re.fullmatch(r"[^\W\d_][\w'-]{2,}", i)]
    if words:
        return re.compile(re.escape(max(words, key=len)), re.I)
    return None


_COMMON = {"to", "with", "of", "the", "a", "an", "in", "on", "by", "from", "for", "and", "or",
           "is", "was", "are", "were", "its", "their", "his", "as", "at", "into"}


def _slot_anchor(items: tuple[str, ...], verbs: list[VerbForms], nouns: list[str],
                 word: Callable[[str], str]) -> frozenset[str] | None:
    """A pattern with a trigger slot ({V}, {N}) is anchored on its trigger words."""
    if any(i.rstrip("?") in ("{V}", "{VPP}", "{VING}") for i in items) and verbs:
        return frozenset(word(f) for v in verbs for f in v.all)
    if "{N}" in items and nouns:
        return frozenset(word(n) for n in nouns)
    return None


def _anchor_words(template: str, verbs: list[VerbForms], nouns: list[str], lang: str
                  ) -> frozenset[str] | None:
    """The anchor as first words, so a set intersection can stand in for a regex search.

    The trigger words if the pattern has them; else the most selective required
    literal: a word, or a group of words "(ties|relations|links)" without common ones.
    Arabic keeps its regex anchors: its words also take suffixes (اتفاق، اتفاقية).
    """
    if lang != "en":
        return None
    items = _split_template(template)
    slots = _slot_anchor(items, verbs, nouns, lambda form: form.split()[0].lower())
    if slots is not None:
        return slots
    options: list[frozenset[str]] = []
    for item in items:
        if item.endswith("?"):
            continue
        if re.fullmatch(r"[^\W\d_][\w'-]{2,}", item):
            options.append(frozenset([item.lower()]))
        elif re.fullmatch(r"\(([a-z' -]+\|)*[a-z' -]+\)", item):
            firsts = frozenset(alt.split()[0] for alt in item.strip("()").split("|")
                               if alt.split())
            if firsts:
                options.append(firsts)
    options = [o for o in options if not o & _COMMON]
    if not options:
        return None
    return min(options, key=lambda o: (len(o), -max(len(w) for w in o)))

def _first_words(template: str, verbs: list[VerbForms], nouns: list[str], lang: str
                 ) -> frozenset[str] | None:
    """The words a match of a pattern that opens with a word can begin with, or None.

    English only: Arabic words carry particles and diacritics that split them.
    """
    if lang != "en":
        return None
    first = _split_template(template)[0]
    if first.endswith("?") and not first.startswith("\\"):
        return None
    if first == "{N}":
        return frozenset(n.split()[0].lower() for n in nouns) or None
    if first in ("{V}", "{VPP}", "{VING}"):
        return frozenset(f.split()[0].lower() for v in verbs for f in v.all) or None
    if first.startswith("{") or first in ("...", "..", "..*", "...*", "~~"):
        return None
    body = first.strip("()")
    if re.fullmatch(r"[a-z\u0621-\u064a' |-]+", body):
        return frozenset(alt.split()[0] for alt in body.split("|") if alt.split())
    return None


def word_starts(text: str) -> dict[str, list[int]]:
    """Where each word of a masked sentence starts."""
    starts: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        starts.setdefault(match.group(0), []).append(match.start())
    return starts


def _anchor_forms(template: str, verbs: list[VerbForms], nouns: list[str], lang: str
                  ) -> frozenset[str] | None:
    """Other languages: the anchor's forms, tested as substrings (particles attach)."""
    if lang == "en":
        return None
    items = _split_template(template)
    slots = _slot_anchor(items, verbs, nouns, str.lower)
    if slots is not None:
        return slots
    options: list[frozenset[str]] = []
    for item in items:
        if item.endswith("?"):
            continue
        if re.fullmatch(r"[^\W\d_][\w'-]{2,}", item):
            options.append(frozenset([item.lower()]))
        elif re.fullmatch(r"\(([\u0621-\u064a ]+\|)*[\u0621-\u064a ]+\)", item):
            alternatives = frozenset(a.strip() for a in item.strip("()").split("|") if a.strip())
            if alternatives and min(len(a) for a in alternatives) >= 3:
                options.append(alternatives)
        elif item.startswith(("(", "[")) and "(?!" not in item and "(?<!" not in item \
                and "⟪" not in item:
            # a raw item such as [وف]?(ضمت|استوعبت|ابتلعت): its required word group
            for group in _ARABIC_GROUP.finditer(item):
                before = item[:group.start()]
                if before.count("(") != before.count(")"):
                    continue  # nested inside another group, which may be optional
                alternatives = frozenset(a for a in group.group(1).split("|") if a)
                if len(alternatives) > 1 and min(len(a) for a in alternatives) >= 3:
                    options.append(alternatives)
                    break
    options = [o for o in options if min(len(w) for w in o) >= 3]
    if not options:
        return None
    return min(options, key=lambda o: (len(o), -max(len(w) for w in o)))


def _near_slot(template: str) -> bool:
    """Whether a pattern opens with a raw glue group and then a slot: it can only begin
    at a slot or at one of the few words glued before it (تنظيم "⟪0⟫")."""
    items = _split_template(template)
    return len(items) > 1 and items[0].startswith("(") and items[1].rstrip("?") in (
        "{A}", "{B}", "{A1}", "{B1}", "{P}", "{PAIR}")


_ARABIC_GROUP = re.compile(r"\(((?:[\u0621-\u0652]+\|)+[\u0621-\u0652]+)\)(?![?*])")


def _anchor_in_tail(template: str) -> bool:
    """Whether the anchor word is a required item after the first (it cannot precede it)."""
    items = _split_template(template)
    return bool(items) and items[0].startswith("{") and not items[0].endswith("?")


def _slot_count(template: str) -> int:
    """The mentions a pattern needs; an optional place ("{P}?": an event's scope) needs none."""
    items = [i.rstrip("?") for i in _split_template(template) if i != "{P}?"]
    return max(1, sum(i in ("{A}", "{B}", "{A1}", "{B1}", "{P}") for i in items))


@lru_cache(maxsize=8)
def verb_forms(lang: str) -> frozenset[str]:
    """Every verb form of a language's claim lexicon."""
    path = LANG_DIR / lang / "claims.yaml"
    if not path.exists():
        return frozenset()
    data = load_yaml(path)
    forms: set[str] = set()
    for spec in (data.get("types") or {}).values():
        for verb in spec.get("verbs") or []:
            forms.update(f.lower() for f in _forms(verb, lang).all)
    return frozenset(forms)


def _literal_tests(pieces: list[str], lang: str, template: str
                   ) -> tuple[tuple[Requirement, ...], Requirement | None]:
    """(required, bounded) of a pattern: see extract/literals.py."""
    required = literals.requirements(pieces, re.IGNORECASE, (0, literals.UNBOUNDED))
    items = _split_template(template)
    opens_with_word = not (items[0].rstrip("?") in ("{A}", "{B}", "{A1}", "{B1}", "{P}",
                                                    "{PAIR}") or _near_slot(template))
    return required, literals.bounded(required) if opens_with_word else None


@lru_cache(maxsize=8)
def _forms_automaton(lang: str):
    forms: set[str] = set()
    for type_lex in load_lexicon(lang):
        forms |= type_lex.trigger_forms or set()
        for pattern in type_lex.patterns:
            forms |= pattern.anchor_forms or set()
    return literals.automaton(forms)


def forms_in(text: str, lang: str) -> set[str]:
    """The lexicon's trigger forms that occur in `text` (one Aho-Corasick pass)."""
    automaton = _forms_automaton(lang)
    if not len(automaton):
        return set()
    return {form for _, form in automaton.iter(text)}


@lru_cache(maxsize=8)
def any_trigger(lang: str) -> literals.Scanner:
    """The trigger words of every type of a language's lexicon as one pattern, tried only
    where one of them begins: it matches where one of the types' `trigger`s would."""
    lexicon = load_lexicon(lang)
    return literals.Scanner(re.compile("|".join(f"(?:{t.trigger.pattern})" for t in lexicon)
                                       or "(?!)", re.IGNORECASE))


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> tuple[TypeLexicon, ...]:
    """The compiled claim lexicon of a language (read once per process)."""
    path = LANG_DIR / lang / "claims.yaml"
    if not path.exists():  # a language without a lexicon yields mentions but no claims
        return ()
    data = load_yaml(path)
    frames: dict[str, str] = data.get("frames") or {}
    lexicons: list[TypeLexicon] = []
    for claim_type, spec in (data.get("types") or {}).items():
        verbs = [_forms(v, lang) for v in spec.get("verbs") or []]
        nouns = list(spec.get("nouns") or [])
        templates: list[dict] = [{"pattern": frames[f]} for f in spec.get("frames") or []]
        for item in spec.get("patterns") or []:
            templates.append(item if isinstance(item, dict) else {"pattern": item})
        compiled = []
        for template in templates:
            pieces = _pieces(template["pattern"], verbs, nouns, lang)
            regex = _join(pieces)
            try:
                compiled_regex = re.compile(regex, re.IGNORECASE)
            except re.error as exc:
                raise LexiconError(f"{path}: {claim_type} pattern {template['pattern']!r} "
                                   f"does not compile: {exc}") from exc
            compiled.append(Pattern(claim_type, template["pattern"], compiled_regex,
                                    template.get("modality"), template.get("time") == "none",
                                    template.get("scope", "clause"),
                                    _anchor(template["pattern"], verbs, nouns, lang),
                                    _slot_count(template["pattern"]),
                                    _split_template(template["pattern"])[0].rstrip("?") in
                                    ("{A}", "{B}", "{A1}", "{B1}", "{P}", "{PAIR}"),
                                    _anchor_words(template["pattern"], verbs, nouns, lang),
                                    _first_words(template["pattern"], verbs, nouns, lang),
                                    _anchor_forms(template["pattern"], verbs, nouns, lang),
                                    _anchor_in_tail(template["pattern"]),
                                    _near_slot(template["pattern"]),
                                    *_literal_tests(pieces, lang, template["pattern"])))
        words = [f for v in verbs for f in v.all] + nouns
        literal = r"[a-z\u0621-\u064a][a-z'\u0621-\u064a-]{3,}"
        words += [w for t in templates for w in re.findall(literal, t["pattern"])
                  if w not in _NOT_TRIGGERS]
        trigger = re.compile(rf"\b{_alternation(words, lang)}", re.IGNORECASE)
        trigger_words = (frozenset(w.split()[0].lower() for w in words if w.split())
                         if lang == "en" else None)
        trigger_forms = frozenset(w.lower() for w in words) if lang != "en" else None
        core = frozenset(w.split()[0].lower() for w in [f for v in verbs for f in v.all] + nouns
                         if w.split())
        lexicons.append(TypeLexicon(claim_type, trigger, tuple(compiled), trigger_words,
                                    trigger_forms, core, None, *_anchor_index(compiled)))
    # one automaton for the strings of all types, so a sentence is read once
    required = {s for t in lexicons for p in t.patterns for r in p.required for s in r.strings}
    finder = literals.automaton(required) if required else None
    return tuple(dataclasses.replace(t, literals=finder) for t in lexicons)
