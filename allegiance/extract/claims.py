"""Find claims in sentences: mask mentions, run the lexicon's patterns, add modality and time.

A sentence is turned into a *masked* string in which each mention is a slot
token (``⟪3⟫``) and the rest is lower-cased. The patterns of lang/XX/claims.yaml
run over it; each match names its sides by slot and its trigger by position.
Modality comes from cues before the trigger in the same clause; time from the
nearest time expression in the sentence, else the clause's present tense, else
none (never silently the publication date).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from allegiance.extract.actors import Mention
from allegiance.extract.events import keep_events
from allegiance.extract.generic import generic_claim_types
from allegiance.extract.literals import Positions, latest_start, possible_starts
from allegiance.extract.patterns import (
    RELATIVE_OPENER,
    Pattern,
    TypeLexicon,
    forms_in,
    load_lexicon,
    sentence_words,
    verb_forms,
    word_starts,
)
from allegiance.extract.sentences import Sentence
from allegiance.extract.time import TimeMention, shift_date
from allegiance.extract.yaml_files import load_yaml
from allegiance.model import PLACE_TYPES, SYMMETRIC_TYPES, Claim, Evidence

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
_SLOT_RE = re.compile(r"⟪(\d+)p?⟫")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "*": " ", "“": '"', "”": '"', "\n": " ",
                            "\t": " ", "‐": "-", "‑": "-", "؛": ";", "،": ","})
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:while|but|whereas|although|however|when|after|before|"
                           r"because|since|until|unless|which|who)\b|, (?:and|but) ")
# "weapons from Iran", "orders from Tehran": the state that gives, not a place
_SUPPLIED_FROM = re.compile(r"\b(?:weapons|arms|funding|funds|money|support|aid|backing|help|"
                           r"assistance|training|orders|supplies|financing|protection|"
                           r"instructions|sanctuary)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
# a report that the sentence then denies: "Reports that X had allied with Y were denied"
_DENIED_REPORT = re.compile(r"\b(?:reports?|claims?|allegations?|rumou?rs?|accusations?)\s+that\b")
_DENIED_AFTER = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
                           r"(?:denied|dismissed|refuted|rejected|disproved)\b")
# a report verb or a hedge does not reach past a contrast into the next main clause
_CONTRAST = re.compile(r",\s+(?:but|yet|whereas)\b|;")
_LOCATIVE = re.compile(r"\b(?:in|into|inside|within|from|near|across|throughout|to|towards|"
                       r"entering|enter|entered|leave|left|reach|reached|via|through|of the "
                       r"(?:cities|city|town|towns) of)\s+(?:the\s+)?$", re.IGNORECASE)
_LIST_CONTINUES = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?$")
_PARENTHESIS = re.compile(r"(?:['’]s)?\s*\(([^()\n]{0,80})\)")
_GLOSS = re.compile(r"\s*\((?:the\s+)?[A-Z][\w.'’-]{1,12}\)")


@dataclass
class Masked:
    """A sentence with mentions replaced by slot tokens, and the way back to offsets."""

    text: str
    mentions: list[Mention]
    _masked_starts: list[int]
    _orig_starts: list[int]
    _is_slot: list[bool]

    def from_original(self, pos: int) -> int:
        """The masked position of an original offset (a slot's start for a mention)."""
        i = max(0, bisect.bisect_right(self._orig_starts, pos) - 1)
        if self._is_slot[i]:
            return self._masked_starts[i]
        return self._masked_starts[i] + (pos - self._orig_starts[i])

    def to_original(self, pos: int, end: bool = False) -> int:
        i = max(0, bisect.bisect_right(self._masked_starts, pos) - 1)
        if self._is_slot[i]:
            slot = _SLOT_RE.match(self.text, self._masked_starts[i])
            if slot is None:  # a time token: back to the time's own span
                start = self._orig_starts[i]
                nxt = self._orig_starts[i + 1] if i + 1 < len(self._orig_starts) else None
                return (nxt or start) if end else start
            mention = self.mentions[int(slot.group(1))]
            return mention.end if end else mention.start
        return self._orig_starts[i] + (pos - self._masked_starts[i])


def _local_view(text: str, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The sentence's mentions as this sentence reads them.

    A country after "in", "from", "into" ... is a place here, not a state actor
    (and so is every name in a list it opens); a parenthesis right after a name
    that only renames it ("Islamic State (IS; previously ISIS)") joins that name.
    """
    inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end
              and (m.actor_ids or m.place_ids)]
    view: list[Mention] = []
    place_list = False
    for mention in inside:
        if view and mention.start < view[-1].end:
            continue
        before = text[max(sentence.start, (view[-1].end if view else sentence.start)):
                      mention.start]
        local = Mention(mention.start, mention.end, mention.text, mention.how,
                        mention.actor_ids, mention.place_ids, mention.sentence)
        if mention.place_ids:
            before_name = text[max(sentence.start, mention.start - 40):mention.start]
            if _LOCATIVE.search(before_name) and not _SUPPLIED_FROM.search(before_name):
                place_list = True
            elif not (place_list and view and _LIST_CONTINUES.match(before)):
                place_list = False
            if place_list:
                local.actor_ids = ()
        else:
            place_list = False
        if view and view[-1].actor_ids and local.actor_ids and \
                local.actor_ids[0] == view[-1].actor_ids[0]:
            paren = _PARENTHESIS.match(text, view[-1].end)
            if paren and paren.end() >= local.end:
                view[-1].end = paren.end()
                continue
        if view and view[-1].actor_ids and view[-1].end < mention.start:
            # "Red Barbagia (BarbRo) and ...": a short parenthesis that names nothing
            # the text resolved is the name's own gloss, inside its slot
            gloss = _GLOSS.match(text, view[-1].end)
            if gloss and gloss.end() <= mention.start:
                view[-1].end = gloss.end()
        view.append(local)
    if view and view[-1].actor_ids and (gloss := _GLOSS.match(text, view[-1].end)) \
            and gloss.end() <= sentence.end:
        view[-1].end = gloss.end()
    return view


@lru_cache(maxsize=1)
def _not_triggers() -> re.Pattern | None:
    """Phrases whose first word looks like a trigger but is not one ("armed forces",
    "took place"): lang/en/claims.yaml `not_triggers`."""
    words = (load_yaml(LANG_DIR / "en" / "claims.yaml") or {}).get("not_triggers") or []
    if not words:
        return None
    alternation = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternation})\b")


def _blank_first_word(match: re.Match) -> str:
    word = re.match(r"\S+", match.group(0)).group(0)
    return "_" * len(word) + match.group(0)[len(word):]


def _plain_lower(text: str) -> str:
    """Text between slots as the patterns read it: lower-cased, one character for one;
    the first word of a phrase that only looks like a trigger is blanked out."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[:1] or " " for c in text)
    lowered = lowered.translate(_TRANSLATE)
    blank = _not_triggers()
    return blank.sub(_blank_first_word, lowered) if blank else lowered


def mask(text: str, sentence: Sentence, mentions: list[Mention],
         times: list[TimeMention] | None = None) -> Masked:
    """Mask the mentions that lie inside `sentence` (see `_local_view`).

    Time expressions become one word (``⟪t⟫``), so that a date between a
    subject and its verb does not stretch the gap a pattern allows.
    """
    inside = _local_view(text, sentence, mentions)
    parts: list[str] = []
    masked_starts: list[int] = []
    orig_starts: list[int] = []
    is_slot: list[bool] = []
    pos = sentence.start
    length = 0

    def plain(upto: int) -> None:
        nonlocal length
        chunk = _plain_lower(text[pos:upto])
        parts.append(chunk)
        masked_starts.append(length)
        orig_starts.append(pos)
        is_slot.append(False)
        length += len(chunk)

    spans: list[tuple[int, int, str]] = []
    for index, mention in enumerate(inside):
        spans.append((mention.start, mention.end,
                      f"⟪{index}p⟫" if mention.how == "possessive" else f"⟪{index}⟫"))
    for time in times or []:
        if sentence.start <= time.start and time.end <= sentence.end and time.end > time.start \
                and not any(s < time.end and time.start < e for s, e, _ in spans):
            spans.append((time.start, time.end, "⟪t⟫"))
    spans.sort()
    for start, end, token in spans:
        if start > pos:
            plain(start)
        parts.append(token)
        masked_starts.append(length)
        orig_starts.append(start)
        is_slot.append(True)
        length += len(token)
        pos = end
    if pos < sentence.end:
        plain(sentence.end)
    return Masked("".join(parts), inside, masked_starts, orig_starts, is_slot)


@lru_cache(maxsize=4)
def load_modality(lang: str) -> dict:
    path = LANG_DIR / lang / "modality.yaml"
    if not path.exists():
        path = LANG_DIR / "en" / "modality.yaml"
    data = load_yaml(path)
    compiled = {}
    for name in ("negated", "speculative", "reported", "void"):
        if name not in data:
            continue
        cues = sorted(data[name]["cues"], key=len, reverse=True)
        alternation = "|".join(re.escape(c.lower()).replace(r"\ ", r"\s+") for c in cues)
        compiled[name] = (re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])"),
                          int(data[name]["window"]))
        # cues that a following word turns off ("لا يزال": still), or that count only
        # before an imperfect verb ("قد يهاجم": may; "قد هاجم": had)
        compiled[name + ".except"] = tuple(data[name].get("exceptions") or ())
        compiled[name + ".imperfect"] = frozenset(data[name].get("before_imperfect") or ())
        # an auxiliary that makes such a cue a past perfect ("كان الجيش قد أعلن": had)
        aux = "|".join(re.escape(c) for c in data[name].get("not_after") or ())
        compiled[name + ".not_after"] = re.compile(
            rf"(?<!\w)(?:{aux})(?!\w)(?:\s+[^\s.;:؛]+){{0,8}}\s+$") if aux else None
    future = data.get("speculative", {}).get("future_prefix")
    compiled["future"] = re.compile(future) if future else None
    speakers = "|".join(re.escape(c) for c in data.get("commentators") or ())
    compiled["commentators"] = re.compile(rf"\b(?:{speakers})\b") if speakers else None
    present = "|".join(re.escape(c) for c in data["present_markers"])
    compiled["present"] = re.compile(rf"\b(?:{present})\b")
    return compiled


def _clause_start(masked: str, pos: int) -> int:
    start = 0
    for match in _CLAUSE_BREAK.finditer(masked, 0, pos):
        start = match.end()
    return start


def _words_between(masked: str, start: int, end: int) -> int:
    return len(masked[start:end].split())


def modality_of(masked: Masked, trigger: int, span: tuple[int, int], lang: str,
                scope: str = "clause") -> tuple[str, str | None]:
    """(modality, attributed_to) for a claim whose trigger stands at `trigger`.

    Negation and hedges count in the claim's own clause before the trigger;
    report verbs anywhere before it in the sentence ("X said that ..."), and
    "according to" or a closing ", X said" anywhere. With scope "match" (an
    apposition such as "X, the leader of Y") only cues inside the match count.
    """
    cues = load_modality(lang)
    text = masked.text
    if "void" in cues:
        void, window = cues["void"]
        for cue in void.finditer(text, 0, trigger):
            if _words_between(text, cue.end(), trigger) <= window:
                return "void", None
    if scope == "match":
        lo, hi = span
        clause = lo
    else:
        lo, hi = 0, len(text)
        clause = min(_clause_start(text, trigger), span[0])
    negation, window = cues["negated"]
    for cue in negation.finditer(text, clause, min(trigger + 1, hi)):
        if _words_between(text, cue.end(), trigger) <= window and _cue_holds(
                text, cue, cues, "negated"):
            return "negated", None
    if scope != "match" and _DENIED_REPORT.search(text, 0, trigger) and \
            _DENIED_AFTER.search(text, trigger):
        return "negated", None  # "reports that X had allied with Y were denied"
    future = cues.get("future")
    if future is not None and _future_verb(text, trigger, future, lang):
        return "speculative", None  # سـ on the verb itself: سينسحب
    speculative, window = cues["speculative"]
    for cue in speculative.finditer(text, clause if scope == "match" else lo, trigger):
        if _words_between(text, cue.end(), trigger) <= window and _cue_holds(
                text, cue, cues, "speculative") and not _CONTRAST.search(text, cue.end(), trigger):
            return "speculative", None
    reported, _ = cues["reported"]
    for cue in reported.finditer(text, lo, hi):
        word = cue.group(0)
        if cue.start() < trigger and _CONTRAST.search(text, cue.end(), trigger):
            continue  # "..., who is believed to be in X, but the split emerged": not reported
        if cue.start() < trigger or word.startswith("according") or (
                word in ("said", "says", "reported", "claimed") and cue.start() > trigger
                and text[cue.end():].strip(" .\"'") == ""):
            return "reported", _attribution(masked, cue)
    return "asserted", None


_IMPERFECT = re.compile(r"\s+[وف]?[يتنأ]")


def _future_verb(text: str, trigger: int, future: re.Pattern, lang: str) -> bool:
    """The trigger word is a verb of the lexicon with the future prefix before it
    (سينسحب = س + ينسحب), not a verb that merely begins with س (سيطر)."""
    match = future.match(text, trigger)
    if not match:
        return False
    word = re.match(r"\S+", text[trigger:])
    if word is None:
        return False
    bare = word.group(0)[match.end() - trigger - 1:]  # keep the imperfect letter
    return bare in verb_forms(lang)


def _cue_holds(text: str, cue: re.Match, cues: dict, kind: str) -> bool:
    """A cue counts unless a word after it undoes it (see modality.yaml)."""
    if any(text.startswith(phrase, cue.start()) for phrase in cues.get(kind + ".except", ())):
        return False
    if cue.group(0) in cues.get(kind + ".imperfect", ()):
        aux = cues.get(kind + ".not_after")
        if aux is not None and aux.search(text, max(0, cue.start() - 120), cue.start()):
            return False
        return bool(_IMPERFECT.match(text, cue.end()))
    return True


def _attribution(masked: Masked, cue: re.Match) -> str | None:
    """Who a reported claim is attributed to: the mention or words after "according to"."""
    after = masked.text[cue.end():cue.end() + 80]
    slot = _SLOT_RE.search(after)
    if slot and slot.start() < 60:
        mention = masked.mentions[int(slot.group(1))]
        return mention.actor_id or mention.text
    before = masked.text[max(0, cue.start() - 40):cue.start()]
    slots = _SLOT_RE.findall(before)
    if slots:
        mention = masked.mentions[int(slots[-1])]
        return mention.actor_id or mention.text
    if cue.group(0).startswith("according"):
        words = re.split(r"[,.;]", after, maxsplit=1)[0].split()[:8]
        return " ".join(words) or None
    return None


_PARTICIPLE = re.compile(r"(?:ed|en|wn|ld|ught|ung|uck|ot|ken|aken|eld)$")


_AGENT_BEFORE = re.compile(r"\b(?:led|headed|commanded|founded|backed|supported)\s+by\s+"
                           r"(?:the\s+)?$"  # Arabic: "التحالف بقيادة الولايات المتحدة"
                           r"|(?<!\w)(?:بقيادة|بزعامة|بإشراف|باشراف|المدعوم\s+من|المدعومة\s+من)"
                           r"\s*$")
_AGENT_WORDS_AR = re.compile(r"مدعوم")  # a pattern of its own agent: "المدعومة من {A}"
_STATIVE_NEXT = re.compile(r"\s+(?:to|with|into|as|under|from)\b")


def _passive_misread(masked: str, trigger: int, pattern: str) -> bool:
    """An active pattern ("{A} ... V {B}") must not fire on a passive verb ("was captured")."""
    if "{BE}" in pattern or "by {A}" in pattern or "{A}" not in pattern:
        return False
    if pattern.index("{A}") > pattern.find("{V}") >= 0:
        return False
    word = re.match(r"[\w']+", masked[trigger:])
    if not word or not _PARTICIPLE.search(word.group(0)):
        return False
    if "{V}" not in pattern and _STATIVE_NEXT.match(masked, trigger + word.end()):
        return False  # a pattern's own "tied to", "incorporated into": passive by design
    return bool(re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$",
                          masked[:trigger]))


def _slot_mentions(masked: Masked, group: str | None) -> list[Mention]:
    if not group:
        return []
    return [masked.mentions[int(i)] for i in _SLOT_RE.findall(group)]


def _actor_sides(mentions: list[Mention]) -> list[str]:
    ids: list[str] = []
    for mention in mentions:
        if mention.is_pair:
            ids.extend(mention.actor_ids)
        elif mention.actor_ids:
            ids.append(mention.actor_ids[0])
    return list(dict.fromkeys(ids))


def _pick_time(times: list[TimeMention], sentence: Sentence, trigger_orig: int,
               span: tuple[int, int], context_start: int) -> tuple[TimeMention | None, str]:
    """The claim's time and where it came from: "clause"/"sentence", "context", or none.

    Context is the sentences just before, in the same paragraph: a narrative
    sentence without a date of its own continues the last date given. A sentence
    that opens with "Since then" or "After that" runs from that date onwards.
    """
    before = [t for t in _chained(times, context_start, sentence.start)
              if t.when is not None and t.qualifier not in ("until",)]
    anchored = [t for t in times if sentence.start <= t.start < trigger_orig
                and t.when is None and t.qualifier in ("since", "after")
                and t.start - sentence.start < 40]
    # "After a week, ... on 27 July" and "days after X was captured in late July": that date
    dated_here = any(t.when is not None and (sentence.start <= t.start < trigger_orig
                                             or span[0] <= t.start and t.end <= span[1])
                     for t in times)
    if anchored and before and not dated_here:
        anchor, last = anchored[0], before[-1]
        moved = _moved(anchor, last)
        if moved:  # "In May 2014 ... A year later, ...": May 2015
            return moved, "context"
        until = anchor.until if anchor.qualifier == "since" else None
        return TimeMention(anchor.start, anchor.end, anchor.text, last.when, until,
                           last.precision, anchor.qualifier, True), "context"
    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end
              and t.when is not None]
    if not inside:
        ends = [t for t in times if trigger_orig < t.start and t.end <= sentence.end
                and t.qualifier == "until" and t.until is not None
                and not _COMMA.search(sentence.text, trigger_orig - sentence.start,
                                      t.start - sentence.start)]
        if ends:  # "who led the Islamic State until 2019": an end and no start
            return ends[0], "clause"
        return (before[-1], "context") if before else (None, "")
    in_span = [t for t in inside if span[0] <= t.start and t.end <= span[1]
               and not _parenthetical(sentence, t, trigger_orig, span)]
    pool = in_span or [t for t in inside if not _parenthetical(sentence, t, trigger_orig, span)
                       ] or inside
    def distance(t: TimeMention) -> tuple[bool, int]:  # a comma between: another clause
        lo, hi = sorted((t.start, trigger_orig))
        return bool(_COMMA.search(sentence.text, lo - sentence.start, hi - sentence.start)), \
            abs(t.start - trigger_orig)

    return min(pool, key=distance), "clause" if in_span else "sentence"


_COMMA = re.compile(r"[,،]")


def _moved(anchor: TimeMention, last: TimeMention) -> TimeMention | None:
    """An exact distance ("a year later") from the last date: that date moved."""
    moved = shift_date(last.when, anchor.shift) if anchor.shift and last.when else None
    return TimeMention(anchor.start, anchor.end, anchor.text, moved[0], None, moved[1], None,
                       True) if moved else None


def _chained(times: list[TimeMention], start: int, end: int) -> list[TimeMention]:
    """The times between `start` and `end`, each exact distance ("two months later")
    dated from the date before it, so that one such step can follow another."""
    chained: list[TimeMention] = []
    for t in times:
        if start <= t.start and t.end <= end:
            dated = [c for c in chained if c.when is not None and c.qualifier != "until"]
            moved = _moved(t, dated[-1]) if t.when is None and t.shift and dated else None
            chained.append(moved or t)
    return chained


_TIME_ASIDE = re.compile(r"\s*(?:(?:since|in|on|from|during|until|by|as of|after|before|"
                         r"منذ|في|خلال|حتى|بعد|قبل)\s+)?(?:the\s+)?", re.IGNORECASE)


def _parenthetical(sentence: Sentence, time: TimeMention, trigger: int,
                   span: tuple[int, int]) -> bool:
    """A date inside an aside between commas that leaves the trigger out dates the aside:
    "Hezbollah, which has fought there since 2013, launched an offensive"."""
    text, base = sentence.text, sentence.start
    lo, hi = max(span[0], base), min(span[1], sentence.end)
    left = [m.start() + base for m in _COMMA.finditer(text, lo - base, time.start - base)]
    right = _COMMA.search(text, time.end - base, hi - base)
    if not left or right is None:
        return False
    before = text[left[-1] + 1 - base:time.start - base]
    after = text[time.end - base:right.start()]
    if _TIME_ASIDE.fullmatch(before) and not after.strip():
        return False  # ", since late March," is the main clause's own time
    return not left[-1] < trigger < right.start() + base


def _present_tense(masked: Masked, trigger: int, lang: str) -> bool:
    """Whether the claim's clause speaks of the present ("is", "has", "remains", "now")."""
    cues = load_modality(lang)
    clause = _clause_start(masked.text, trigger)
    end = _CLAUSE_BREAK.search(masked.text, trigger)
    window = masked.text[clause:end.start() if end else len(masked.text)]
    return bool(cues["present"].search(window))


_PLACE_SCOPE_EN = re.compile(r"\b(?:in|near|around|outside|across|along)\s+(?:the\s+)?⟪(\d+)⟫")


@lru_cache(maxsize=1)
def _place_scope_ar() -> re.Pattern:
    """Arabic: a place after a locative of rest ("في ⟪1⟫", "قرب ⟪1⟫", "شمال ⟪1⟫"; not من
    or إلى, which move), a place noun of lang/ar/actors.yaml between them ("في مدينة ⟪1⟫",
    "قرب العاصمة ⟪1⟫"), or the preposition ب glued to it ("ب⟪1⟫")."""
    nouns = "|".join(re.escape(w) for w in
                     [*(load_yaml(LANG_DIR / "ar" / "actors.yaml").get("place_nouns") or ()),
                      "عاصمة"])
    return re.compile(
        r"(?:(?<!\w)[وف]?(?:في|قرب|بالقرب\s+من|داخل|خارج|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|"
        rf"غربي|وسط|أطراف|اطراف|ضواحي|محيط)\s+(?:[وفبل]?(?:ال)?(?:{nouns})\s+)?"
        r"|(?<!\w)[وف]?ب)[\"«]?⟪(\d+)⟫")


def _place_scope(masked: Masked, span: tuple[int, int], lang: str = "en") -> str | None:
    """The place a claim happened in: the first place-only slot after a locative."""
    locative = _place_scope_ar() if lang == "ar" else _PLACE_SCOPE_EN
    for match in locative.finditer(masked.text):
        mention = masked.mentions[int(match.group(1))]
        # a country after an Arabic locative is the place ("في ⟪العراق⟫"), not the state
        if mention.place_ids and (lang == "ar" or not mention.actor_ids):
            return mention.place_ids[0]
    return None


_COOCCURRENCE = "cooccurrence"
# characters from a pattern's opening slot to its anchor word: more than its gaps allow
_SLOT_TO_ANCHOR = 220
_GLUE_WORDS = 2


def _near_slot_starts(text: str, slot_starts: list[int]) -> dict[int, list[int]]:
    """For each slot, its start and the word starts of the few words just before it.

    Glue patterns open with ``(?<!\\w)``: a match never starts inside a word, only
    at its start or after a mark within it (a quote: «⟪3⟫).
    """
    near: dict[int, list[int]] = {}
    for pos in slot_starts:
        starts = {pos}
        cursor = pos
        for _ in range(_GLUE_WORDS + 1):
            word_end = cursor
            while cursor > 0 and not text[cursor - 1].isspace():
                cursor -= 1
            starts.update(i for i in range(cursor, word_end)
                          if i == 0 or not text[i - 1].isalnum())
            while cursor > 0 and text[cursor - 1].isspace():
                cursor -= 1
            if cursor == 0:
                break
        near[pos] = sorted(starts)
    return near


def _confidence(modality: str, mentions: list[Mention], pattern: str) -> float:
    if pattern == _COOCCURRENCE:
        return 0.3
    value = 0.7
    if any(m.how in ("coref", "possessive", "pair", "former") for m in mentions):
        value -= 0.15
    if "..." in pattern:
        value -= 0.1
    if modality in ("speculative", "reported"):
        value -= 0.1
    return round(max(0.1, value), 2)


def sentence_claims(text: str, sentence: Sentence, mentions: list[Mention],
                    times: list[TimeMention], lang: str, published: str | None,
                    lexicon: tuple[TypeLexicon, ...] | None = None,
                    context_start: int | None = None) -> list[Claim]:
    """Every claim that the lexicon's patterns find in one sentence.

    `context_start` is where the sentence's narrative context begins (the
    sentences before it in its paragraph), for claims without a date of their own.
    """
    context_start = sentence.start if context_start is None else context_start
    lexicon = lexicon or load_lexicon(lang)
    if lang == "en" and not _any_trigger(sentence.text, lexicon):
        return []
    if lang != "en" and not _any_trigger_form(sentence.text, lexicon, lang):
        return []
    generic_types = generic_claim_types(lang)
    if generic_types and any(t.type not in generic_types for t in lexicon) and any(
            m.how == "generic" and sentence.start <= m.start < sentence.end for m in mentions):
        # generic sides ("مسلحون", "الشرطة") take part in events only: the other types
        # read the sentence as if they were plain words
        named = [m for m in mentions if m.how != "generic"]
        others = tuple(t for t in lexicon if t.type not in generic_types)
        events = tuple(t for t in lexicon if t.type in generic_types)
        return sentence_claims(text, sentence, named, times, lang, published, others,
                               context_start) + (sentence_claims(
            text, sentence, mentions, times, lang, published, events, context_start)
            if events else [])
    masked = mask(text, sentence, mentions, times)
    if not masked.mentions or not any(m.actor_ids for m in masked.mentions):
        return []
    claims: list[Claim] = []
    lowered = masked.text
    slot_starts = [m.start() for m in _SLOT_RE.finditer(lowered)]
    english = lang == "en"  # word tests for English; form and literal tests for others
    words = sentence_words(lowered) if english else set()
    starts_of_words = word_starts(lowered) if english else {}
    near = None  # the starts of the words glued before each slot, once a pattern asks
    present = forms_in(lowered, lang) if not english else set()
    read: dict[int, Positions] = {}  # the lexicon's required strings, once read
    for type_lex in lexicon:
        if type_lex.trigger_words is not None:
            if not words & type_lex.trigger_words:
                continue
        elif type_lex.trigger_forms is not None:
            if not present & type_lex.trigger_forms:
                continue
        elif not type_lex.trigger.search(lowered):
            continue
        where = None  # where the strings the type's patterns require stand, once asked
        for pattern in type_lex.patterns_for(words if english else present):
            if pattern.slots > len(masked.mentions):
                continue
            if pattern.anchor_words is None and pattern.anchor_forms is None and \
                    pattern.anchor is not None and not pattern.anchor.search(lowered):
                continue
            latest = None
            if pattern.required:
                if where is None:
                    where = type_lex.literal_positions(lowered, read)
                latest = latest_start(pattern.required, where)
                if latest < 0:
                    continue  # a string the pattern cannot match without is missing
            if pattern.near_slot and near is None:
                near = _near_slot_starts(lowered, slot_starts)
            for match in _matches(pattern, lowered, slot_starts, starts_of_words, near,
                                  where, latest):
                claims.extend(_claims_from_match(text, masked, sentence, match, pattern,
                                                 times, lang, published, context_start,
                                                 type_lex.trigger))
    if len(claims) > 1 and lang == "en":
        claims = _without_prepositional_subjects(text, claims)
    if not claims and lang == "en":
        claims = _cooccurrence(text, masked, sentence, lexicon, starts_of_words, times, lang,
                               published, context_start)
    if claims and lang != "en":  # an attack talked about is no event (see extract/events.py)
        claims = keep_events(claims, sentence.text, lang, generic_claim_types(lang), any(
            m.place_ids and sentence.start <= m.start < sentence.end for m in mentions),
            sentence.start, frozenset(m.actor_ids[0] for m in mentions if m.how == "person"))
    return claims


_PREPOSITION_BEFORE = re.compile(r"\b(?:from|against|to|into|onto|on|at|of|toward|towards|"
                                 r"over|than)\s+(?:the\s+)?$", re.IGNORECASE)


def _without_prepositional_subjects(text: str, claims: list[Claim]) -> list[Claim]:
    """Drop a claim whose first side stands after a preposition when a longer match of
    the same type, around it, shares one side and names another subject: in "the latter
    had taken them from the regime through joint operations with the FSA" the regime
    is the object of "from"; the latter is the FSA's partner."""
    def inside(claim: Claim, other: Claim) -> bool:
        return (other is not claim and other.type == claim.type
                and other.evidence.start < claim.evidence.start
                and other.evidence.end >= claim.evidence.end
                and len({claim.source, claim.target} & {other.source, other.target}) == 1)

    return [c for c in claims
            if not (_PREPOSITION_BEFORE.search(text, max(0, c.evidence.start - 20),
                                               c.evidence.start)
                    and any(inside(c, o) for o in claims))]


def _any_trigger(sentence: str, lexicon) -> bool:
    """Whether an English sentence holds any trigger word at all (before masking it)."""
    words = set(_LOWER_WORD.findall(sentence.lower()))
    return any(words & t.trigger_words for t in lexicon if t.trigger_words is not None)


_LOWER_WORD = re.compile(r"[a-z][a-z'’]*")


def _any_trigger_form(sentence: str, lexicon, lang: str) -> bool:
    """Whether a sentence (other languages) may hold a trigger form of any type.

    Read before masking: a form in the masked sentence stands in a stretch between
    slots, which `_plain_lower` made from the same characters of the sentence, so
    masking can hide a form but never make one. That holds for forms that cannot
    reach into a slot token and hold no Greek sigma, the one letter that lowers by
    context (`_plain_forms`); otherwise the answer is yes, and masking decides.
    """
    if not _plain_forms(lang) or any(t.trigger_forms is None for t in lexicon):
        return True
    present = forms_in(_plain_lower(sentence), lang)
    return any(present & t.trigger_forms for t in lexicon)


@lru_cache(maxsize=8)
def _plain_forms(lang: str) -> bool:
    """Whether no trigger form of a lexicon can match in or across a slot token ("⟪3p⟫",
    "⟪t⟫") or holds a sigma: see `_any_trigger_form`."""
    return all(not set(form) & set("⟪⟫σςΣ") and set(form) - set("0123456789pt")
               for t in load_lexicon(lang) for form in t.trigger_forms or ())
_COOCCURRENCE_MAX_WORDS = 40


_HYPHEN_BEFORE_NOUN = re.compile(r"[a-z]+\s+(?!(?:the\s+)?⟪)[a-z]")


def _cooccurrence(text, masked, sentence, lexicon, starts_of_words, times, lang, published,
                  context_start) -> list[Claim]:
    """A last resort for a short sentence that names exactly two actors and holds the
    trigger word of exactly one claim type between them, but fits no pattern: a claim
    of that type, source first, with low confidence (0.3) so views can leave it out."""
    if len(masked.text.split()) > _COOCCURRENCE_MAX_WORDS:
        return []
    actors = [(i, m) for i, m in enumerate(masked.mentions)
              if m.actor_ids and not m.is_pair and m.how != "possessive"]
    ids = list(dict.fromkeys(m.actor_ids[0] for _, m in actors))
    if len(ids) != 2:
        return []
    first = next(m for _, m in actors if m.actor_ids[0] == ids[0])
    second = next(m for _, m in actors if m.actor_ids[0] == ids[1])
    lo = masked.from_original(first.start)
    hi = masked.from_original(second.start)
    found = []
    for type_lex in lexicon:
        if type_lex.type in PLACE_TYPES:
            continue
        positions = [p for w in type_lex.core_words.intersection(starts_of_words)
                     for p in starts_of_words[w] if lo < p < hi]  # (walks the few words)
        if positions:
            found.append((type_lex.type, min(positions)))
    if len(found) != 1:  # several types: too uncertain to guess
        return []
    claim_type, trigger = found[0]
    if masked.text[trigger - 1:trigger] == "-" and _HYPHEN_BEFORE_NOUN.match(masked.text, trigger):
        return []  # "⟪1⟫-affiliated brigades and ⟪2⟫": the brigades are ⟪1⟫'s, not ⟪2⟫
    if _speech_between(masked.text, _word_end(masked.text, trigger), hi, lang) or \
            claim_type in _ACTS and (
                _speech_between(masked.text, _slot_end(masked.text, lo), trigger, lang)
                or _speaks_after(masked.text, hi, lang)):
        return []  # "the Coalition condemned the attack on X by Y", "..., Y said": no guess
    source, target = ids
    after = masked.text[trigger:hi]
    if re.search(r"\bby\s+(?:the\s+)?$", after):  # "X was attacked by Y"
        source, target = target, source
    elif re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", masked.text[:trigger]):
        return []  # "X were targeted near Y": X suffered it, and no agent is named
    pattern = Pattern(claim_type, _COOCCURRENCE, None)  # type: ignore[arg-type]
    end = masked.from_original(second.start) + 1
    return build_claims(text, masked, sentence, claim_type, [(source, target)], trigger,
                        (lo, max(end, trigger + 1)), times, lang, published, context_start,
                        pattern, [first, second])


def _matches(pattern: Pattern, text: str, slot_starts: list[int],
             word_starts: dict[str, list[int]],
             near_slot_starts: dict[int, list[int]] | None = None,
             where: Positions | None = None, latest: int | None = None):
    """Every match of a pattern, overlapping ones included, cheaply.

    A pattern that opens with a slot can only match where a slot starts, and one
    that opens with a word only where that word stands, so it is tried there alone
    instead of being searched for at every character. `where` (other languages)
    says where the strings a pattern requires stand, and so where a match can
    start (see extract/literals.py); none starts after `latest`.
    """
    if pattern.slot_first:
        starts: list[int] | None = slot_starts
    elif pattern.near_slot:
        near = near_slot_starts if near_slot_starts is not None else \
            _near_slot_starts(text, slot_starts)
        usable = slot_starts
        if pattern.anchor_forms is not None:
            # glue, a slot, then the verb or noun: only a slot before its last form counts
            last = max((text.rfind(f) for f in pattern.anchor_forms if f in text), default=-1)
            usable = [p for p in slot_starts if p < last]
        starts = sorted({p for slot in usable for p in near.get(slot, ())})
        if pattern.anchor_words is not None and pattern.anchor_in_tail:
            # the pattern reads slot → ... → anchor word within a bounded span: only a
            # slot with an anchor word shortly after it can begin a match
            anchors = sorted(p for w in pattern.anchor_words & word_starts.keys()
                             for p in word_starts[w])
            starts = [p for p in slot_starts
                      if (i := bisect.bisect_right(anchors, p)) < len(anchors)
                      and anchors[i] - p <= _SLOT_TO_ANCHOR]
    elif pattern.first_words is not None:
        starts = sorted({p for w in pattern.first_words for p in word_starts.get(w, ())})
    elif pattern.bounded is not None and where is not None:
        starts = possible_starts(pattern.bounded, where,
                                 len(text) if latest is None else latest)
    else:
        starts = None
    if starts is not None:
        for pos in starts:
            if latest is not None and pos > latest:
                break
            match = pattern.regex.match(text, pos)
            if match:
                yield match
        return
    pos = 0
    while True:
        match = pattern.regex.search(text, pos)
        if not match:
            return
        yield match
        pos = match.start() + 1


def _claims_from_match(text, masked, sentence, match, pattern, times, lang, published,
                       context_start, trigger_re=None):
    groups = match.groupdict()
    claim_type = pattern.type
    a_mentions = _slot_mentions(masked, groups.get("A"))
    b_mentions = _slot_mentions(masked, groups.get("B"))
    pair_mentions = _slot_mentions(masked, groups.get("PAIR"))
    p_mentions = _slot_mentions(masked, groups.get("P"))
    pairs: list[tuple[str | None, str | None]] = []
    if claim_type not in SYMMETRIC_TYPES and any(m.is_pair for m in a_mentions + b_mentions):
        return []  # "the two groups" names both sides of a symmetric claim only
    if claim_type in PLACE_TYPES:
        near = {int(i) for i in re.findall(r"\bnear\s+(?:the\s+)?⟪(\d+)p?⟫", masked.text)}
        places = [m for m in p_mentions if m.place_ids
                  and masked.mentions.index(m) not in near]
        sources = _actor_sides(a_mentions)
        pairs = [(s, m.place_ids[0]) for s in sources for m in places]
    elif pair_mentions and not (a_mentions and b_mentions):
        ids = _actor_sides(pair_mentions)
        if len(ids) == 2:
            if b_mentions and not a_mentions:  # "{PAIR} allied under {B}": both → B
                pairs = [(i, t) for i in ids for t in _actor_sides(b_mentions)]
            else:
                pairs = [(ids[0], ids[1])]
        elif len(ids) == 1 and b_mentions:
            pairs = [(ids[0], t) for t in _actor_sides(b_mentions)]
    else:
        sources = _actor_sides(a_mentions)
        targets = _actor_sides(b_mentions)
        if not a_mentions and not b_mentions:
            return []
        if (a_mentions and not sources) or (b_mentions and not targets):
            return []  # a slot held a place, not an actor: no claim between actors
        if claim_type in SYMMETRIC_TYPES and not targets and len(sources) >= 2:
            # "X, Y and Z coordinated an attack": every two of them
            pairs = [(x, y) for i, x in enumerate(sources) for y in sources[i + 1:]]
        elif claim_type in SYMMETRIC_TYPES and not b_mentions:
            return []  # "X coordinated an attack": a relation with nobody named
        else:
            pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
    pairs = [(s, t) for s, t in pairs if s != t and (s or t)]
    if not pairs:
        return []
    start, end = match.span()
    if groups.get("T"):
        trigger = match.start("T")
    else:  # a literal pattern: its trigger is its anchor word, else the first trigger word
        word = _anchor_in(masked.text, start, end, pattern.anchor_words)
        if word is None and trigger_re:
            found = trigger_re.search(masked.text, start, end)
            word = found.start() if found else None
        trigger = start if word is None else word
    if claim_type not in PLACE_TYPES and _passive_misread(masked.text, trigger, pattern.source):
        return []
    if a_mentions and pattern.scope != "match" and "by {A" not in pattern.source and \
            not _AGENT_WORDS_AR.search(pattern.source) and \
            _AGENT_BEFORE.search(masked.text, 0, masked.from_original(a_mentions[0].start)):
        return []  # "X, led by Y, is part of Z": Y is X's leader, not the subject
    if a_mentions and pattern.scope != "match" and _in_closed_relative(
            masked.text, masked.from_original(a_mentions[0].start), trigger):
        return []  # "the Houthis, who are allied with Iran, fired ...": not Iran
    if a_mentions and lang == "en" and _object_of_earlier_gerund(
            masked.text, masked.from_original(a_mentions[0].start),
            masked.from_original(a_mentions[-1].start), trigger):
        return []  # "killing X fighters and capturing Y": X is killed, not the captor
    if a_mentions and lang == "en" and _object_before_joined_verb(
            masked.text, masked.from_original(a_mentions[0].start),
            masked.from_original(a_mentions[-1].start), trigger):
        return []  # "ended its ties with X and renamed itself Y": X renamed nothing
    if a_mentions and claim_type in _ACTS and _speech_between(masked.text, _slot_end(
            masked.text, masked.from_original(a_mentions[-1].start)), trigger, lang):
        return []  # "the Coalition condemned the attack on X": it attacked nobody
    first_b = masked.from_original(b_mentions[0].start) if b_mentions else 0
    last_b = masked.from_original(b_mentions[-1].start) if b_mentions else 0
    if b_mentions and lang == "en" and (
            _speech_between(masked.text, _word_end(masked.text, trigger), first_b, lang)
            or last_b > trigger and _speaks_after(masked.text, last_b, lang)):
        return []  # "X, head of the monitor, said the army ...", "... ten people, HRW said"
    place = None
    if claim_type not in PLACE_TYPES and p_mentions and lang != "en":
        # an event's place as its object ("قصفت الطائرات ⟪غزة⟫"): its scope, never a side
        if any(m.actor_ids or not m.place_ids for m in p_mentions):
            return []  # the slot names an actor: the frames read it as the target
        place = p_mentions[0].place_ids[0]
    used = a_mentions + b_mentions + pair_mentions
    return build_claims(text, masked, sentence, claim_type, pairs, trigger, (start, end),
                        times, lang, published, context_start, pattern, used, place)


_RELATIVE_OPEN = re.compile(rf"{RELATIVE_OPENER}[^,;:]*$")
# "… killing ⟪1⟫ fighters and capturing ⟪2⟫": a gerund joined by "and" to an earlier one
# shares that one's subject; the name between them is the earlier gerund's object
_JOINED_GERUND = re.compile(r"\s*(?:[a-z]+\s+){0,2}and\s+$")
_EARLIER_GERUND = re.compile(
    r"\b(?!(?:including|during|according|following|regarding|concerning|notwithstanding|"
    r"nothing|something|anything|morning|evening|spring|building|king)\b)[a-z]{3,}ing\s+"
    r"(?:[^\s,;:]+\s+){0,6}$")


def _object_of_earlier_gerund(masked: str, subject: int, last: int, trigger: int) -> bool:
    """The subject slots (first at `subject`, last at `last`) are the object of a gerund
    that the trigger, a gerund too, is joined to by "and": "succeeded in killing ⟪1⟫ and
    capturing ⟪2⟫" does not say that ⟪1⟫ captured anyone."""
    if trigger <= last or not re.match(r"[a-z]+ing\b", masked[trigger:trigger + 30]):
        return False
    slot_end = masked.find("⟫", last) + 1
    return bool(slot_end and _JOINED_GERUND.fullmatch(masked, slot_end, trigger)
                and _EARLIER_GERUND.search(masked, max(0, subject - 80), subject))


_ACTS = frozenset({"ATTACKED", "CAPTURED", "EXECUTED", "FOUGHT", "CONTROLS", "WITHDREW_FROM",
                   "ARRIVED_IN"})


_SPACES = re.compile(r"\s*")


def _speech_between(masked: str, lo: int, hi: int, lang: str) -> bool:
    """A verb of speech or judgement stands in masked[lo:hi] (lang/*/modality.yaml
    `commentators`): who stands before it comments on what comes after."""
    speakers = load_modality(lang).get("commentators")
    return bool(speakers and 0 < lo < hi and speakers.search(masked, lo, hi))


def _slot_end(masked: str, slot: int) -> int:
    return masked.find("⟫", slot) + 1


def _word_end(masked: str, start: int) -> int:
    """Past the word at `start` (the trigger, which may itself be "denounced")."""
    return start + len(re.match(r"[\w'-]*", masked[start:start + 40]).group(0))


def _speaks_after(masked: str, slot: int, lang: str) -> bool:
    """The slot at `slot` is the subject of a verb of speech right after it ("..., Human
    Rights Watch said"): it reports the sentence, it is no side of it."""
    speakers = load_modality(lang).get("commentators")
    end = _slot_end(masked, slot)
    return bool(speakers and end and speakers.match(masked, _SPACES.match(masked, end).end()))


_OBJECT_PREPOSITION = re.compile(r"\b(?:with|from|against|of|to|into|on|at|over|toward|"
                                 r"towards)\s+(?:the\s+)?$")
_JOINED_VERB = re.compile(r"\s*,?\s*and\s+(?:(?:had|has|have|was|were|then|later|also|"
                          r"subsequently|eventually)\s+){0,3}$")


def _object_before_joined_verb(masked: str, subject: int, last: int, trigger: int) -> bool:
    """The subject slots follow a preposition and the trigger verb is joined to them by
    "and": they close the object of an earlier verb, whose subject the trigger shares
    ("the group ended its ties with ⟪1⟫ and renamed itself ⟪2⟫")."""
    slot_end = masked.find("⟫", last) + 1
    return bool(slot_end and trigger > slot_end
                and _JOINED_VERB.fullmatch(masked, slot_end, trigger)
                and _OBJECT_PREPOSITION.search(masked, max(0, subject - 30), subject))


def _in_closed_relative(masked: str, subject: int, trigger: int) -> bool:
    """The subject slot stands in a relative clause that a comma closes before the
    trigger: the clause's verb has another subject."""
    if trigger <= subject:
        return False
    opened = _RELATIVE_OPEN.search(masked, max(0, subject - 100), subject)
    return bool(opened) and "," in masked[subject:trigger]


_MASKED_WORD = re.compile(r"[^\W\d_][\w']*")


def _anchor_in(text: str, start: int, end: int, anchors: frozenset[str] | None) -> int | None:
    """Where the first of a pattern's anchor words stands in a match ("as a splinter group
    of": "splinter", not the "established" of "was established as ...")."""
    if not anchors:
        return None
    for word in _MASKED_WORD.finditer(text, start, end):
        if word.group(0) in anchors:
            return word.start()
    return None


def build_claims(text: str, masked: Masked, sentence: Sentence, claim_type: str,
                 pairs: list[tuple[str | None, str | None]], trigger: int,
                 span: tuple[int, int], times: list[TimeMention], lang: str,
                 published: str | None, context_start: int, pattern: Pattern,
                 used: list[Mention], place: str | None = None) -> list[Claim]:
    """Claims of one type for the given sides, with evidence, modality, time and place.

    `trigger` and `span` are positions in the masked sentence; whoever found the
    sides (a lexicon pattern, or the parse) hands them over here.
    """
    start, end = span
    orig_start = masked.to_original(start)
    orig_end = masked.to_original(end, end=True) if end > start else orig_start
    while orig_end > orig_start and text[orig_end - 1] in " ,;":
        orig_end -= 1
    modality, attributed = (pattern.modality, None) if pattern.modality else modality_of(
        masked, trigger, (start, end), lang, pattern.scope)
    if modality == "void":
        return []
    trigger_orig = masked.to_original(trigger)
    when = until = precision = qualifier = None
    if not pattern.no_time:
        chosen, _basis = _pick_time(times, sentence, trigger_orig, (orig_start, orig_end),
                                    context_start)
        if chosen is not None:
            when, until, precision, qualifier = (chosen.when, chosen.until, chosen.precision,
                                                 chosen.qualifier)
        elif published and (modality in ("speculative", "reported") or pattern.scope == "match"
                            or _present_tense(masked, trigger, lang)):
            # the source states it holds (or is expected) at publication: say so
            when, precision, qualifier = published[:4], "year", "as-of"
    if claim_type in PLACE_TYPES:
        place = None
    elif place is None:
        place = _place_scope(masked, (start, end), lang)
    evidence = Evidence(sentence.start, sentence.end, orig_start, orig_end,
                        text[orig_start:orig_end])
    confidence = _confidence(modality, used, pattern.source)
    out = []
    for source, target in pairs:
        if claim_type in SYMMETRIC_TYPES and source and target and target < source:
            source, target = target, source
        out.append(Claim(claim_type, source, target, evidence, when, until, precision,
                         qualifier, modality, attributed, place, confidence,
                         claim_type in PLACE_TYPES, pattern.source))
    return out


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per fact per document: drop repeats, keeping the most specific statement.

    Two claims are one fact when type, sides and modality agree and their times
    agree or one of them has none; the one with a time (then the higher
    confidence, then the earlier evidence) is kept.
    """
    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.when is None, -c.confidence,
                                               c.evidence.start)):
        duplicate = False
        for other in kept:
            if (other.type, other.source, other.target, other.modality) != (
                    claim.type, claim.source, claim.target, claim.modality):
                continue
            if claim.when is None or other.when is None or claim.when == other.when:
                duplicate = True
                break
        if not duplicate:
            kept.append(claim)
    return sorted(kept, key=lambda c: c.evidence.start)
