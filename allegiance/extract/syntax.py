"""Claims from a dependency parse, where an English pipeline is installed.

For each trigger verb of the claim lexicon, the parse says who did it (the
subject, or the agent of a passive) and to whom (the object, or the object of a
preposition the type allows: lang/en/syntax.yaml). Those words are mapped to
the mentions already found, so the knowledge base still decides who is who.
Only sentences that hold a trigger word and two mentions are parsed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from allegiance.extract.actors import Mention
from allegiance.extract.claims import build_claims, mask
from allegiance.extract.patterns import Pattern, inflect
from allegiance.extract.sentences import Sentence
from allegiance.extract.time import TimeMention
from allegiance.extract.yaml_files import load_yaml
from allegiance.model import PLACE_TYPES, Claim

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
_PARSE_PATTERN = "parse"


@dataclass(frozen=True)
class Frame:
    type: str
    object: bool
    preps: frozenset[str]
    pair: bool
    place: bool
    pattern: Pattern


@lru_cache(maxsize=2)
def load_frames(lang: str = "en") -> tuple[dict[str, list[Frame]], frozenset[str],
                                           frozenset[str]]:
    """verb form → frames, the member nouns and the formation verbs."""
    syntax = load_yaml(LANG_DIR / lang / "syntax.yaml")
    claims = load_yaml(LANG_DIR / lang / "claims.yaml")
    by_form: dict[str, list[Frame]] = {}
    for claim_type, spec in syntax["types"].items():
        frame = Frame(claim_type, bool(spec.get("object")), frozenset(spec.get("preps") or []),
                      bool(spec.get("pair")), bool(spec.get("place")),
                      Pattern(claim_type, _PARSE_PATTERN, None))  # type: ignore[arg-type]
        skip = set(spec.get("skip") or [])
        for verb in claims["types"].get(claim_type, {}).get("verbs") or []:
            lemma = verb.split("|")[0]
            if lemma in skip or " " in lemma:
                continue
            for form in inflect(verb).all:
                if " " not in form:
                    by_form.setdefault(form, []).append(frame)
    return (by_form, frozenset(syntax.get("member_nouns") or []),
            frozenset(syntax.get("formation_verbs") or []))


class _MentionIndex:
    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted((m for m in mentions if m.actor_ids or m.place_ids),
                               key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def at(self, start: int, end: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0:
            mention = self.mentions[i]
            if mention.end > start:
                return mention
            if start - mention.end > 200:
                break
            i -= 1
        return None


def _arguments(token, offset: int, index: _MentionIndex, members: frozenset[str],
               depth: int = 0) -> list[Mention]:
    """The mentions a noun phrase stands for, conjuncts included."""
    found: list[Mention] = []
    for word in [token, *token.conjuncts]:
        mention = index.at(offset + word.idx, offset + word.idx + len(word))
        if mention is None:  # a name whose head word the mention ends on ("Red Brigades")
            left = word.left_edge
            mention = index.at(offset + left.idx, offset + word.idx + len(word))
            if mention is not None and mention.end < offset + word.idx:
                mention = None
        if mention is None and depth < 2 and word.lower_ in members:
            for child in word.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found += _arguments(obj, offset, index, members, depth + 1)
                elif child.dep_ in ("poss", "compound"):
                    found += _arguments(child, offset, index, members, depth + 1)
        if mention is not None and mention not in found:
            found.append(mention)
    return found


def _subject(verb):
    """The verb's subject, inherited through "decided to split" and "split and formed".

    A participle that modifies a noun ("al-Qaeda, headed by Zawahiri") has that
    noun as its passive subject.
    """
    if verb.dep_ == "acl" or (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "relcl")
                               and any(c.dep_ == "agent" for c in verb.children)):
        return verb.head, True
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child, child.dep_ == "nsubjpass"
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head is not current:
            current = current.head
        else:
            break
    return None, False


def _sides(mentions: list[Mention], place: bool, pairs_allowed: bool = True) -> list[str]:
    ids: list[str] = []
    for mention in mentions:
        if place:
            ids += list(mention.place_ids[:1])
        elif mention.is_pair:
            if pairs_allowed:
                ids += list(mention.actor_ids)
        elif mention.actor_ids:
            ids.append(mention.actor_ids[0])
    return list(dict.fromkeys(ids))


def parse_claims(docs: dict, text: str, sentences: list[Sentence], mentions: list[Mention],
                 times: list[TimeMention], lang: str, published: str | None,
                 context_starts: dict[int, int]) -> list[Claim]:
    """Claims read off the dependency parses (`docs`: sentence index → parsed Doc)."""
    by_form, members, formation = load_frames(lang)
    index = _MentionIndex(mentions)
    claims: list[Claim] = []
    for i, doc in docs.items():
        if sum(1 for m in index.mentions
               if sentences[i].start <= m.start < sentences[i].end) < 2:
            continue
        sentence = sentences[i]
        masked = None
        for token in doc:
            if not token.tag_.startswith(("VB", "MD")):
                continue
            frames = by_form.get(token.lower_, [])
            if token.lower_ in formation:
                claims += _formation(token, sentence, mentions, index, members, text,
                                     times, lang, published, context_starts.get(i, 0))
            for frame in frames:
                pairs, used = _frame_pairs(token, frame, sentence.start, index, members)
                if not pairs:
                    continue
                masked = masked or mask(text, sentence, mentions)
                trigger = masked.from_original(sentence.start + token.idx)
                lo = min(m.start for m in used)
                hi = max(max(m.end for m in used), sentence.start + token.idx + len(token))
                span = (masked.from_original(lo), masked.from_original(hi - 1) + 1)
                claims += build_claims(text, masked, sentence, frame.type, pairs, trigger,
                                       span, times, lang, published,
                                       context_starts.get(i, sentence.start),
                                       frame.pattern, used)
    return claims


def _frame_pairs(verb, frame: Frame, offset: int, index: _MentionIndex,
                 members: frozenset[str]):
    subject, passive = _subject(verb)
    agents: list[Mention] = []
    targets: list[Mention] = []
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    agents += _arguments(obj, offset, index, members)
        elif child.dep_ == "dobj" and frame.object:
            targets += _arguments(child, offset, index, members)
        elif child.dep_ == "prep" and child.lower_ in frame.preps:
            if child.i > 0 and child.doc[child.i - 1].lower_ in ("along", "together"):
                continue  # "X joined it along with Y": Y is X's companion, not the target
            for obj in child.children:
                if obj.dep_ == "pobj":
                    targets += _arguments(obj, offset, index, members)
        elif child.dep_ == "prt" and child.lower_ in frame.preps:
            for grand in child.head.children:
                if grand.dep_ == "prep":
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            targets += _arguments(obj, offset, index, members)
    subjects = _arguments(subject, offset, index, members) if subject is not None else []
    if passive:
        sources, targets = agents, subjects if not frame.place else targets
        if frame.place:
            sources = subjects
    else:
        sources = subjects
    source_ids = _sides(sources, False, frame.pair)
    target_ids = _sides(targets, frame.place, frame.pair)
    pairs: list[tuple[str, str]] = []
    if frame.pair and not target_ids and len(source_ids) == 2:
        pairs = [(source_ids[0], source_ids[1])]
    else:
        pairs = [(s, t) for s in source_ids for t in target_ids if s != t]
    return pairs, sources + targets


def _formation(verb, sentence: Sentence, mentions, index, members, text, times, lang,
               published, context_start) -> list[Claim]:
    """"A and B merged to form C" → MERGED_INTO; "members of A split ... to form C" →
    SPLINTER_OF."""
    head = verb.head if verb.dep_ in ("xcomp", "conj", "advcl") else None
    if head is None:
        return []
    by_form, _, _ = load_frames(lang)
    kinds = {f.type for f in by_form.get(head.lower_, [])}
    created = [m for c in verb.children if c.dep_ == "dobj"
               for m in _arguments(c, sentence.start, index, members)]
    subject, _ = _subject(head)
    origin = _arguments(subject, sentence.start, index, members) if subject is not None else []
    if not created or not origin:
        return []
    new_ids = _sides(created, False)
    old_ids = _sides(origin, False)
    if "SPLINTER_OF" in kinds:
        claim_type, pairs = "SPLINTER_OF", [(n, o) for n in new_ids for o in old_ids if n != o]
    elif "MERGED_INTO" in kinds:
        claim_type, pairs = "MERGED_INTO", [(o, n) for o in old_ids for n in new_ids if n != o]
    else:
        return []
    if not pairs or claim_type in PLACE_TYPES:
        return []
    masked = mask(text, sentence, mentions)
    used = origin + created
    lo, hi = min(m.start for m in used), max(m.end for m in used)
    span = (masked.from_original(lo), masked.from_original(hi - 1) + 1)
    trigger = masked.from_original(sentence.start + head.idx)
    return build_claims(text, masked, sentence, claim_type, pairs, trigger, span, times, lang,
                        published, context_start, Pattern(claim_type, _PARSE_PATTERN, None),
                        used)
