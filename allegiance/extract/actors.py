"""Find every mention of an actor or place, resolve it, and follow words that point back.

Four sources, in order of trust:

1. the knowledge base's names (the gazetteer), which beat any statistical label;
2. name patterns for groups and persons the base lacks (Liwa X, X Brigade, Abu X al-Y);
3. a parenthesis or apposition right after a name, read as another name of it;
4. descriptions and pronouns that point back ("the group", "the two groups",
   "the former", "its"), resolved to the nearest fitting antecedent.

Unknown groups and persons become *discovered* actors whose id is the slug of
their normalised name, so the same group found in two documents is one actor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from allegiance.extract.coref_ar import arabic_pointers, last_pair
from allegiance.extract.gazetteer import Gazetteer, Hit
from allegiance.extract.generic import GenericHit, generic_hits
from allegiance.extract.literals import Scanner
from allegiance.extract.names_ar import person_names
from allegiance.extract.normalize import name_key, skeleton, slug
from allegiance.extract.sentences import Sentence
from allegiance.extract.yaml_files import load_yaml
from allegiance.kb import KnowledgeBase

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
GROUP_TYPES = {"armed_group", "coalition"}


@dataclass
class Mention:
    """A span of text that names (or points back to) an actor or a place."""

    start: int
    end: int
    text: str
    how: str  # kb | pattern | person | alias | coref | pair | former | latter | possessive
    actor_ids: tuple[str, ...] = ()  # candidates, best first; two for "the two groups"
    place_ids: tuple[str, ...] = ()
    sentence: int = -1

    @property
    def actor_id(self) -> str | None:
        return self.actor_ids[0] if self.actor_ids else None

    @property
    def place_id(self) -> str | None:
        return self.place_ids[0] if self.place_ids else None

    @property
    def is_pair(self) -> bool:
        return self.how == "pair" and len(self.actor_ids) == 2


@dataclass
class Discovered:
    """An actor found by a pattern, absent from the knowledge base."""

    id: str
    name: str
    type: str


@dataclass
class ActorFindings:
    mentions: list[Mention]
    discovered: dict[str, Discovered] = field(default_factory=dict)
    headlines: list[tuple[int, int]] = field(default_factory=list)  # title-case sentences


@lru_cache(maxsize=4)
def load_actor_lexicon(lang: str) -> dict:
    path = LANG_DIR / lang / "actors.yaml"
    if not path.exists():
        path = LANG_DIR / "en" / "actors.yaml"
    return load_yaml(path)


@lru_cache(maxsize=4)
def _place_words(lang: str) -> dict[str, re.Pattern]:
    """The words around a name that make it a place (lang/<lang>/actors.yaml)."""
    lex = load_actor_lexicon(lang)

    def alt(*keys: str) -> str:
        return "|".join(re.escape(w) for k in keys for w in lex.get(k) or ())

    nouns, preps = alt("place_nouns_before"), alt("place_prepositions")
    return {
        # before a capitalised candidate: "in", "the town of"
        "before": re.compile(rf"\b(?:{preps}|{nouns})\s+(?:of\s+)?(?:the\s+)?$", re.I),
        # before an "al-X" alone: those, and the motion words ("from al-Karma")
        "article_before": re.compile(
            rf"\b(?:{preps}|{alt('place_motion_words')}|{nouns})\s+(?:the\s+)?$", re.I),
        "after": re.compile(rf"^\s+(?:{alt('place_nouns_after')})\b", re.I),
        "head": re.compile(rf"\b(?:{alt('place_name_heads')})$"),
        # before a two-word "al-X al-Y": the same, but "of" is the group's ("members of")
        "article_pair_before": re.compile(
            rf"\b(?:(?:{preps}|{nouns})\s+(?:of\s+)?|(?!of\b)(?:{alt('place_motion_words')})\s+)"
            rf"(?:the\s+)?$",
            re.I),
    }


@lru_cache(maxsize=4)
def _patterns(lang: str) -> dict[str, Scanner]:
    """The name patterns of a language, each tried only where its opening words stand, or
    only in the stretches of text that can hold a match (see `Scanner`)."""
    titles = load_actor_lexicon(lang)["person_titles"]
    read = {  # the characters each pattern can match, and strings every match holds
        "head": (r"[\w\s'’-]", ()),
        "named_acronym": (r"[\w\s'’()-]", ("(",)),
        "apposed_person": (r"[\w\s'’,-]", titles),  # a title in the look-ahead
    }
    return {key: Scanner(pattern, *read.get(key, (None, ())))
            for key, pattern in _name_patterns(lang).items()}


def _name_patterns(lang: str) -> dict[str, re.Pattern]:
    lex = load_actor_lexicon(lang)
    opener = "|".join(re.escape(w) for w in sorted(lex["group_openers"], key=len, reverse=True))
    head = "|".join(re.escape(w) for w in sorted(lex["group_heads"], key=len, reverse=True))
    # "Lashkar-e-Taiba", "Tehrik-i-Taliban", "Jamaat-ud-Dawa": Urdu joins take e, i, ud
    particle = r"(?:al|el|ul|wal|wa|ad|ash|as|at|ar|az|an|bi|li|fi|ud|us|ut|e|i)"
    tail = (r"(?:\s+(?:for|of)\s+(?:the\s+|an?\s+)?[A-Z][\w'’]*"
            r"(?:\s+(?:and\s+)?[A-Z][\w'’]*){0,3})?")
    cap = r"[A-Z][\w'’]*"
    name_word = rf"(?:{particle}-{cap}|{particle}-[a-z][\w'’]+|{cap})"
    titles = "|".join(re.escape(w) for w in lex["person_titles"])
    person = (rf"[A-Z][a-z'’]+(?:\s+(?:bin|ibn|abu|Abu|al-|el-)?\s?{cap}){{0,2}}"
              rf"(?:\s+(?:al|el)-{cap})?")
    return {
        "opener": re.compile(rf"\b(?:{opener})(?:[ -]{name_word}){{1,4}}"),
        # "Dawn of Islam Brigade", "Salafist Group for Preaching and Combat"
        "head": re.compile(rf"\b((?:{cap}|of|the|and|al-{cap}|el-{cap}|\d{{1,4}}(?:s|th)?)"
                           rf"(?:[ -](?:{cap}|of|the|"
                           rf"al-{cap}|el-{cap}|wal-{cap}|\d{{1,4}})){{0,4}})\s+(?:{head})\b{tail}"),
        # "Union of Communist Combatants", "Movement for an Islamic State"
        "head_first": re.compile(rf"\b(?:{head})\s+(?:of|for)\s+(?:the\s+|an?\s+)?{cap}"
                                 rf"(?:\s+(?:and\s+|of\s+|the\s+)?{cap}){{0,3}}"),
        "abu": re.compile(rf"\b(?:Abu|Abou|Umm)\s+{cap}(?:\s+(?:al|el)-{cap}|\s+{cap}){{0,2}}"),
        "titled": re.compile(rf"\b(?:{titles})\s+({person})"),
        "franchise": re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in lex["franchise_prefixes"]) +
            r")\s+(?:in|of)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|"
            r"August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter|"
            r"Early|Late|Mid)\b)(?:[A-Z][\w'’-]+)(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,3}"),
        # a capital that no word, dot, apostrophe or hyphen comes before (see _POSSESSIVE_ACRONYM)
        "acronym": re.compile(r"([A-Z](?<![\w.'’-][A-Z])[a-z]?(?:[A-Z][a-z]?){0,4}[A-Z])"
                              r"(?![\w'’-])"),
        # "Communists Organized for Proletarian Liberation (COLP)": capitalised words that
        # an acronym in brackets follows are a name, with or without a head noun
        "named_acronym": re.compile(
            rf"((?:{cap}|(?:al|el)-{cap})(?:[ -](?:(?:of|for|the|and|in|de|del|la|ng|al)\s+)"
            rf"{{0,2}}(?:{cap}|(?:al|el)-{cap}|\d{{1,4}})){{1,7}})\s*\((?:the\s+)?"
            r"((?:[A-Z][a-z]?){1,5}[A-Z][a-z]?(?:-[A-Z]+)?)\)"),
        # "al-Shabab", "Al Murabitoun": an article and one capitalised word, standing alone
        "article_name": re.compile(r"(?<![\w'’-])(?:[Aa]l|[Ee]l)[- ]([A-Z][a-z'’]{3,})"
                                   r"(?![\w'’-]|\s+(?:[A-Z]|(?:al|el|bin|ibn)\b))"),
        # "al-Jama'a al-Islamiya", "al-Ittihad al-Islami": two article words, one name
        "article_pair": re.compile(r"(?<![\w'’-])(?:[Aa]l|[Ee]l)[- ]([A-Z][a-z'’]{2,})\s+"
                                   r"(?:[Aa]l|[Ee]l)[- ][A-Z][a-z'’]{3,}"
                                   r"(?![\w'’-]|\s+(?:[A-Z]|(?:al|el|bin|ibn)\b))"),
        "apposed_person": re.compile(rf"\b({person})(?=,\s+(?:a|an|the)\s+(?:senior\s+)?"
                                     rf"(?:{titles})\b)"),
    }


@lru_cache(maxsize=4)
def _title_before(titles: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles) + r")\s+$")


def _after_title(text: str, start: int, lex: dict) -> bool:
    """Whether a person's title ("leader", "commander") stands right before `start`."""
    return bool(_title_before(tuple(lex["person_titles"])).search(text, max(0, start - 20),
                                                                  start))


def _resolve_hit(hit: Hit, text: str, gazetteer: Gazetteer) -> Mention:
    actors, places = gazetteer.ids(hit.entries)
    return Mention(hit.start, hit.end, text[hit.start:hit.end], "kb", actors, places)


def _chain_same_names(candidates: list[Mention], text: str) -> list[Mention]:
    """Two overlapping knowledge-base names of the same actor are one mention: "Assad
    regime" and "regime troops" make "Assad regime troops", not Assad and the troops."""
    out = list(candidates)
    kb_hits = sorted((m for m in candidates if m.how == "kb" and m.actor_ids),
                     key=lambda m: m.start)
    for i, one in enumerate(kb_hits):
        for two in kb_hits[i + 1:]:
            if two.start >= one.end:
                break
            if one.start < two.start and one.end < two.end and \
                    one.actor_ids == two.actor_ids:
                out.append(Mention(one.start, two.end, text[one.start:two.end], "kb",
                                   one.actor_ids, one.place_ids))
    return out


def _select(candidates: list[Mention], text: str | None = None) -> list[Mention]:
    """Keep non-overlapping mentions: longer first, then knowledge-base names first."""
    rank = {"kb": 0, "alias": 1, "pattern": 2, "person": 3, "model": 4}
    if not candidates:
        return []
    if text is not None:
        candidates = _chain_same_names(candidates, text)
    taken = bytearray(max(m.end for m in candidates) + 1)
    chosen: list[Mention] = []
    for cand in sorted(candidates, key=lambda m: (-(m.end - m.start), rank.get(m.how, 9),
                                                  m.start)):
        if taken.find(1, cand.start, cand.end) == -1:
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
    return sorted(chosen, key=lambda m: m.start)


def _clean_group_name(name: str, lex: dict) -> str | None:
    words = name.split()
    # "Later the Lebanese Army": a name starts after an inner "the" not bound by "of"
    for i in range(len(words) - 1, 0, -1):
        if words[i] in ("the", "The") and words[i - 1] not in ("of", "for"):
            words = words[i + 1:]
            break
    # "Members of the Communist Brigades": who belongs to a group is not its name
    openers = set(lex.get("not_name_openers") or ())
    dropped = False
    while words and (words[0] in ("The", "the", "A", "An", "and", "of") or words[0] in openers
                     or (dropped and words[0].isdigit())):  # "In 1981 Tamarind Resistance"
        dropped = dropped or words[0] in openers
        words = words[1:]
    if not words:
        return None
    content = [w for w in words[:-1] if w not in lex["not_group_words"]
               and w.lower() not in lex["name_connectors"]]
    if len(words) < 2 or not content:
        return None
    return " ".join(words)


def _pattern_mentions(text: str, lang: str, kb_types: dict[str, str],
                      discovered: dict[str, Discovered]) -> list[Mention]:
    if lang != "en":
        return []
    lex = load_actor_lexicon(lang)
    pats = _patterns(lang)
    found: list[Mention] = []

    heads = set(lex["group_heads"])

    def add(start: int, end: int, actor_type: str, how: str) -> None:
        name = re.sub(r"['’]s?$", "", text[start:end]).strip(" ,.;:'’")
        if not name:
            return
        # "the Islamic Army of Iraq and Mujahideen Army": two names, each with its head
        # ("Reformation and Jihad Front" is one: its first half has none)
        if (joint := re.search(r"\s+and\s+", name)) and \
                heads & set(name[:joint.start()].split()) and \
                heads & set(name[joint.end():].split()):
            add(start, start + joint.start(), actor_type, how)
            add(start + joint.end(), start + len(name), actor_type, how)
            return
        actor_id = slug(name)
        if actor_id in kb_types:  # a spelling the base lacks of a name it has: that actor
            if kb_types[actor_id] != "person" and actor_type != "person":
                found.append(Mention(start, start + len(name), name, "pattern", (actor_id,)))
            return
        discovered.setdefault(actor_id, Discovered(actor_id, name, actor_type))
        found.append(Mention(start, start + len(name), name, how, (actor_id,)))

    for match in pats["franchise"].finditer(text):
        add(match.start(), match.end(), "armed_group", "pattern")
    for match in pats["opener"].finditer(text):
        add(match.start(), match.end(), "armed_group", "pattern")
    for match in pats["head"].finditer(text):
        cleaned = _clean_group_name(match.group(0), lex)
        if cleaned:
            start = match.start() + match.group(0).index(cleaned.split()[0])
            add(start, start + len(cleaned), "armed_group", "pattern")
    for match in pats["head_first"].finditer(text):
        add(match.start(), match.end(), "armed_group", "pattern")
    skip = set(lex.get("not_actor_acronyms") or [])
    for match in pats["acronym"].finditer(text):
        if match.group(1) not in skip and sum(c.isupper() for c in match.group(1)) >= 2:
            add(match.start(1), match.end(1), "armed_group", "pattern")
    for match in _POSSESSIVE_ACRONYM.finditer(text):
        # "AIs top leaders": a possessive that lost its apostrophe, of an acronym the
        # text also uses alone
        bare = match.group(1)
        if bare not in skip and re.search(rf"(?<![\w'’-]){bare}(?![\w'’-])", text):
            actor_id = slug(bare)
            if actor_id not in kb_types:
                discovered.setdefault(actor_id, Discovered(actor_id, bare, "armed_group"))
            found.append(Mention(match.start(), match.end(), match.group(0), "pattern",
                                 (actor_id,)))
    for match in pats["named_acronym"].finditer(text):
        span = _named_before_acronym(match, lex, skip)
        if span and _after_title(text, span[0], lex):
            continue  # "leader Oskar Brenn (KVF)": a person and their group
        if span:
            add(span[0], span[1], "armed_group", "pattern")
    for match in pats["article_name"].finditer(text):
        if _article_name_ok(text, match, lex, lang):
            add(match.start(), match.end(), "armed_group", "pattern")
    for match in pats["article_pair"].finditer(text):
        # "of al-Jama'a al-Islamiya" is the group's (a place takes "in", "the town of")
        if _article_name_ok(text, match, lex, lang, motion=False):
            add(match.start(), match.end(), "armed_group", "pattern")
    for key in ("abu",):
        for match in pats[key].finditer(text):
            add(match.start(), match.end(), "person", "person")
    for key in ("titled", "apposed_person"):
        for match in pats[key].finditer(text):
            add(match.start(1), match.end(1), "person", "person")
    return found


def _generic_mentions(text: str, lang: str, discovered: dict[str, Discovered],
                      hits: list[GenericHit] | None = None) -> list[Mention]:
    """Arabic generic sides of events ("مسلحون", "الشرطة"): see extract/generic.py.
    `hits`: `generic_hits` of the text, where the caller has them already."""
    if lang != "ar":
        return []
    found = []
    for hit in generic_hits(text, lang) if hits is None else hits:
        discovered.setdefault(hit.actor_id, Discovered(hit.actor_id, hit.name, hit.type))
        found.append(Mention(hit.start, hit.end, text[hit.start:hit.end], "generic",
                             (hit.actor_id,)))
    return found


def _arabic_person_mentions(text: str, lang: str, kb_types: dict[str, str],
                            discovered: dict[str, Discovered],
                            named: list[Mention]) -> list[Mention]:
    """Arabic persons the knowledge base lacks ("العميد جبار مساعد"): see extract/names_ar.py.
    A name that the knowledge base knows as a person is that person."""
    if lang != "ar":
        return []
    taken = [(m.start, m.end) for m in named if m.actor_ids or m.place_ids]
    found: list[Mention] = []
    for hit in person_names(text, taken):
        actor_id = slug(hit.name)
        known = _KNOWN_AS.search(text, max(0, hit.start - 40), hit.start)
        if known:  # "هاشم الشيخ، المعروف بأبي جابر": another name of the person before
            before = [m for m in [*named, *found] if m.actor_ids and m.end <= known.start()
                      and known.start() - m.end <= 3]
            if before and (kb_types.get(before[-1].actor_ids[0]) == "person"
                           or before[-1].how == "person"):
                actor_id = before[-1].actor_ids[0]
        if actor_id in kb_types and kb_types[actor_id] != "person":
            continue
        if actor_id not in kb_types:
            discovered.setdefault(actor_id, Discovered(actor_id, hit.name, "person"))
        found.append(Mention(hit.start, hit.end, text[hit.start:hit.end], "person", (actor_id,)))
    return found


_KNOWN_AS = re.compile(r"[،,]?\s*(?:و?ال(?:معروف|ملقب|مكنى|مكني|شهير)\s+)ب(?:ـ)?\s*[«\"]?$")
_AR_LETTER = r"[\u0621-\u064a\u0660-\u0669\u0670-\u06d3\u064b-\u0652\u0640]"
_AR_TOKEN = re.compile(rf"{_AR_LETTER}+|[«»\"“”]|\S")
_AR_RUN = re.compile(rf"{_AR_LETTER}+")  # the tokens that are words
_NAME_TOKENS = 6  # a name reads at most this many tokens after its opener (quotes, 5 words)
_AR_QUOTES = {"«": "»", '"': '"', "“": "”"}
_AR_PARTICLES = re.compile(r"^(?:[وف]?[بلك]?)")


@lru_cache(maxsize=1)
def _arabic_name_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str],
                                    frozenset[str], frozenset[str]]:
    """Normalised word sets of the Arabic name pattern: openers, stops, words that void
    a name right after its opener, inner connectors, and the claim verbs."""
    from allegiance.extract.normalize import normalize
    from allegiance.extract.patterns import verb_forms

    lex = load_actor_lexicon("ar")

    def norm(words) -> frozenset[str]:
        return frozenset(normalize(str(w)).text.strip() for w in words or ())

    openers = norm(lex.get("name_pattern_openers"))
    stops = norm(lex.get("name_pattern_stops")) | norm(
        w for form in verb_forms("ar") for w in [form] if " " not in form)
    not_first = norm(lex.get("name_pattern_not_first")) | norm(lex.get("not_group_words"))
    connectors = norm(lex.get("name_connectors"))
    return openers, stops, not_first, connectors, norm(lex.get("group_openers"))


def _arabic_pattern_mentions(text: str, lang: str, kb_types: dict[str, str],
                             discovered: dict[str, Discovered],
                             named: list[Mention] = (),
                             generic: list[GenericHit] | None = None) -> list[Mention]:
    """Arabic group names the knowledge base lacks: an opener (لواء، كتائب، حركة ...; see
    `name_pattern_openers` in lang/ar/actors.yaml) and one to four name words after it,
    or the quoted words right after it. A name stops before a preposition, a verb, a time
    word or punctuation; a description ("قوات حكومية", "قوات الاحتلال") is no name, nor is
    a generic side ("قوات الأمن"). The particles glued to the opener stay outside. A name
    that would overlap an actor the knowledge base names (`named`) is left to it, and
    a place ends a name before it. `generic`: `generic_hits` of the text, where the
    caller has them already."""
    if lang != "ar":
        return []
    openers, stops, not_first, connectors, any_opener = _arabic_name_lexicon()
    if not openers:
        return []
    # the words that open a name (each a token of its own: a run of Arabic letters)
    opening = [(m.start(), m.end(), m.group(0)) for m in _AR_RUN.finditer(text)
               if _arabic_opener(_normal_word(m.group(0))) is not None]
    if not opening:
        return []
    generic_spans = [(h.start, h.end)
                     for h in (generic_hits(text, lang) if generic is None else generic)]
    actor_spans = [(m.start, m.end) for m in named if m.actor_ids]
    place_starts = {m.start for m in named if m.place_ids and not m.actor_ids}
    found: list[Mention] = []
    resume = 0  # an opener before this offset lies in a name already read
    for start, opener_end, word in opening:
        if start < resume:
            continue
        # the opener and the six tokens after it, all that a name can reach (tokens are
        # read from any token's start as from the text's)
        tokens = [(start, opener_end, word)] + [
            (m.start(), m.end(), m.group(0))
            for m in islice(_AR_TOKEN.finditer(text, opener_end), _NAME_TOKENS)]
        keys = [_normal_word(tok) for _, _, tok in tokens]
        opener = _arabic_opener(keys[0])
        name_start = start + len(keys[0]) - len(opener)  # the particles are plain letters
        words: list[int] = []
        cursor = 1
        if cursor < len(tokens) and tokens[cursor][2] in _AR_QUOTES:
            closing = _AR_QUOTES[tokens[cursor][2]]
            inner = cursor + 1
            while inner < len(tokens) and tokens[inner][2] != closing and inner - cursor <= 5:
                inner += 1
            if inner < len(tokens) and tokens[inner][2] == closing and 1 < inner - cursor <= 5:
                words = list(range(cursor + 1, inner))
                if all(_AR_TOKEN.fullmatch(tokens[i][2]) and tokens[i][2][0] not in _AR_QUOTES
                       for i in words):
                    end = tokens[inner][1]
                    if not any(s < end and name_start < e for s, e in actor_spans):
                        _add_arabic_name(text, name_start, end, kb_types, discovered, found)
                    resume = end
                    continue
            resume = opener_end
            continue
        while cursor < len(tokens) and len(words) < 4:
            tok, tkey = tokens[cursor][2], keys[cursor]
            if not re.fullmatch(r"[\u0621-\u064a\u064b-\u0652\u0640\u0670-\u06d3]+", tok):
                break
            if tkey in stops or tkey in any_opener and words:
                break
            if words and tkey.startswith("و") and not tkey.startswith("وال"):
                break  # "و" before a bare word opens another phrase ("وقتل", "وحماس")
            if tkey.startswith(("بال", "بت")):
                break  # an instrument or a verbal noun: "بتنفيذ", "بالصواريخ"
            if tokens[cursor][0] in place_starts:
                break  # "قوات بغداد": a place is no part of the name
            if not words and (tkey in not_first or _indefinite_adjective(tkey)):
                break
            if words and tkey in not_first:
                break  # "كتائب حزب الله العراقية": the adjective is not the name
            words.append(cursor)
            cursor += 1
        while words and keys[words[-1]] in connectors:
            words.pop()
        if not words or not any(keys[i] not in connectors and len(keys[i]) > 1 for i in words):
            resume = opener_end
            continue
        end = tokens[words[-1]][1]
        if any(s < end and name_start < e for s, e in actor_spans):
            resume = end
            continue
        if any(s <= name_start and end <= e for s, e in generic_spans) or any(
                s <= tokens[words[0]][0] < e for s, e in generic_spans):
            resume = opener_end
            continue
        _add_arabic_name(text, name_start, end, kb_types, discovered, found)
        resume = end
    return found


@lru_cache(maxsize=65536)
def _arabic_opener(key: str) -> str | None:
    """The name opener a normalised word holds after the particles glued to it
    ("وقوات" → "قوات"), the longest such; None if it holds none."""
    openers = _arabic_name_lexicon()[0]
    particles = _AR_PARTICLES.match(key).group(0)
    return next((key[n:] for n in range(len(particles), -1, -1) if key[n:] in openers), None)


@lru_cache(maxsize=65536)
def _normal_word(word: str) -> str:
    from allegiance.extract.normalize import normalize

    return normalize(word).text


def _indefinite_adjective(key: str) -> bool:
    """"حكومية", "إسلامية", "مسلحة": an indefinite adjective after an opener makes a
    description ("قوات حكومية"), never a name."""
    return not key.startswith("ال") and bool(re.search(r"(?:يه|ي|يين|يون)$", key)) and \
        len(key) > 3


def _add_arabic_name(text: str, start: int, end: int, kb_types: dict[str, str],
                     discovered: dict[str, Discovered], found: list[Mention]) -> None:
    name = text[start:end]
    actor_id = slug(name)
    if actor_id in kb_types:  # a spelling the base lacks of a name it has: that actor
        if kb_types[actor_id] != "person":
            found.append(Mention(start, end, name, "pattern", (actor_id,)))
        return
    discovered.setdefault(actor_id, Discovered(actor_id, name, "armed_group"))
    found.append(Mention(start, end, name, "pattern", (actor_id,)))


_OF_NAMED = re.compile(r"\s*(?:من\s+|في\s+)?[«\"]?$")


def _members_of_named(text: str, mentions: list[Mention]) -> list[Mention]:
    """"جنوداً من الجيش السوري", "مسلحو التنظيم": a generic noun right before a named
    actor is that actor's members (GUIDELINES rule 4), so it is no side of its own."""
    kept = []
    for index, mention in enumerate(mentions):
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        if mention.how == "generic" and after is not None \
                and after.how not in ("generic", "person") \
                and after.actor_ids and after.start - mention.end <= 6 \
                and _OF_NAMED.match(text[mention.end:after.start]):
            continue
        kept.append(mention)
    return kept


# "(?<![\w.'’-])((?:[A-Z][a-z]?){1,5}[A-Z])s", written to open with the capital: Python
# then skips ahead to capitals, where a look-behind first is tried at every character
_POSSESSIVE_ACRONYM = re.compile(r"([A-Z](?<![\w.'’-][A-Z])[a-z]?(?:[A-Z][a-z]?){0,4}[A-Z])s"
                                 r"(?![\w'’-])")


def _article_name_ok(text: str, match: re.Match, lex: dict, lang: str,
                     motion: bool = True) -> bool:
    """An "al-X" alone names a group unless it ends a person's name ("Abu Bakr al-Baghdadi"),
    is a person's nisba (-i), or a place after a locative word ("the town of al-Karma")."""
    word = re.sub(r"['’]s?$", "", match.group(1))
    if word.endswith(("i", "y")) or word in set(lex.get("not_article_names") or ()):
        return False
    before = text[max(0, match.start() - 40):match.start()]
    if re.search(r"(?:[A-Z][\w'’-]*|\b(?:bin|ibn|abu|Abu))\s+$", before):
        return False
    return not _place_words(lang)["article_before" if motion else "article_pair_before"
                                  ].search(before)


def _named_before_acronym(match: re.Match, lex: dict, skip: set[str]) -> tuple[int, int] | None:
    """The span of the name before "(ACRONYM)": leading words that the acronym does not
    begin with ("In 1979 Prima Linea (PL)") and member nouns are left out; two words at least."""
    acronym = match.group(2)
    if acronym in skip:
        return None
    words = list(re.finditer(r"\S+", match.group(1)))
    openers = set(lex.get("not_name_openers") or ()) | {"The", "A", "An"}
    if any(w.group(0)[0] == acronym[0] for w in words):
        while words and words[0].group(0)[0] != acronym[0]:
            words = words[1:]
    while words and (words[0].group(0) in openers or words[0].group(0).lower() in
                     lex["name_connectors"]):
        words = words[1:]
    if len(words) < 2:
        return None
    return match.start(1) + words[0].start(), match.start(1) + words[-1].end()


_PAREN = re.compile(r"\s*\((?:the\s+|The\s+)?([A-Z][^();\n]{1,60}?)(?:;[^)]*)?\)")


def _parenthesised_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Liwa Fajr al-Islam (The Dawn of Islam Brigade)": the parenthesis names the same actor."""
    aliases: list[Mention] = []
    for mention in mentions:
        if not mention.actor_ids:
            continue
        match = _PAREN.match(text, mention.end)
        if not match:
            continue
        inner_start, inner_end = match.start(1), match.end(1)
        inside = [m for m in mentions if m.start < inner_end and inner_start < m.end]
        how = "candidate" if mention.how == "candidate" else "alias"  # as sure as its name
        if mention.how == "person" and inside and inside[0].text.isupper():
            continue  # "Stephen Warnock (LVF)": the person's group, not their name
        if len(inside) == 1 and inside[0].how in ("pattern", "candidate") \
                and len(inside[0].text) <= 8 \
                and sum(c.isupper() for c in inside[0].text) >= 2 \
                and inside[0].start == inner_start and inside[0].end == inner_end:
            # "Red Brigades (BR)": the acronym is this group's, not a group of its own
            inside[0].actor_ids = mention.actor_ids
            inside[0].how = how
            continue
        if inside:
            continue
        aliases.append(Mention(inner_start, inner_end, text[inner_start:inner_end], how,
                               mention.actor_ids))
    return aliases


def _actor_type(actor_id: str, kb: KnowledgeBase, discovered: dict[str, Discovered]) -> str:
    if actor_id in kb.actors:
        return kb.actors[actor_id].type
    if actor_id in discovered:
        return discovered[actor_id].type
    return "armed_group"


def _disambiguate(mentions: list[Mention], kb: KnowledgeBase) -> None:
    """Among several actors sharing a name, prefer one the document named more fully."""
    seen: dict[str, int] = {}
    for mention in mentions:
        if len(mention.actor_ids) > 1:
            best = max(mention.actor_ids, key=lambda a: (seen.get(a, 0), -mention.actor_ids.index(
                a)))
            mention.actor_ids = (best,) + tuple(a for a in mention.actor_ids if a != best)
        for actor_id in mention.actor_ids[:1]:
            seen[actor_id] = seen.get(actor_id, 0) + (mention.end - mention.start)


@lru_cache(maxsize=4)
def _group_noun(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The group nouns after a person's possessive ("Baghdadi's organisation"), and the
    ones before a person's name (Arabic idafa, "تنظيم البغدادي", read backwards from it)."""
    lexicon = load_actor_lexicon(lang)
    after = lexicon.get("person_group_nouns") or []
    before = lexicon.get("person_group_nouns_before") or []
    return (re.compile(rf"['’]s?\s+(?:{'|'.join(map(re.escape, after))})\b") if after
            else None,
            re.compile(rf"(?<![\w])[وفبلك]{{0,2}}(?P<noun>{'|'.join(map(re.escape, before))})\s+$")
            if before else None)


def _persons_groups(text: str, mentions: list[Mention], kb: KnowledgeBase,
                    discovered: dict[str, Discovered], lang: str,
                    published: str | None = None) -> None:
    """"Baghdadi's organisation", "Julani's fighters": the group the person leads, as
    the text says ("X, the leader of G") or else as the knowledge base's role at the
    publication date has it; a person who leads no known group stays the person
    (`person_group_nouns` in the language's actors.yaml)."""
    noun_after, noun_before = _group_noun(lang)
    if noun_after is None and noun_before is None:
        return
    for mention in mentions:
        if not mention.actor_ids or _actor_type(mention.actor_ids[0], kb,
                                                discovered) != "person":
            continue
        after = noun_after.match(text, mention.end) if noun_after else None
        before = noun_before.search(text, max(0, mention.start - 20), mention.start) \
            if noun_before and not after else None
        if after is None and before is None:
            continue
        person = kb.actors.get(mention.actor_ids[0])
        led = _led_group(text, mention, mentions, kb, discovered) or (
            _role_at(person.roles, published) if person else None)
        if led:
            mention.actor_ids = (led,)
            if after:
                mention.end = after.end()
            else:  # the particles glued to the noun stay outside, as with names
                mention.start = before.start("noun")
            mention.text = text[mention.start:mention.end]
            mention.how = "coref"


def _role_at(roles, published: str | None) -> str | None:
    """The group a person led at the publication date (the latest role begun by then;
    with no date, the latest of all)."""
    led = [r for r in roles if r.type == "LEADER_OF"]
    if published:
        led = [r for r in led if not r.date or r.date[:len(published)] <= published]
    return max(led, key=lambda r: r.date or "").target if led else None


@lru_cache(maxsize=4)
def _aid_noun(lang: str) -> re.Pattern | None:
    nouns = load_actor_lexicon(lang).get("state_aid_nouns") or []
    if not nouns:
        return None
    return re.compile(rf"\s+(?:{'|'.join(map(re.escape, nouns))})\b")


def _aid_givers_are_states(text: str, mentions: list[Mention], kb: KnowledgeBase,
                           lang: str) -> None:
    """A state's forces before an aid noun ("US military support") stand for the state:
    the aid is the state's (`state_aid_nouns` in the language's actors.yaml)."""
    aid = _aid_noun(lang)
    if aid is None:
        return
    for mention in mentions:
        force = kb.actors.get(mention.actor_id or "")
        if force is None or force.type != "state_force" or not force.country \
                or not aid.match(text, mention.end):
            continue
        state = next((a.id for a in kb.actors.values()
                      if a.type == "state" and a.country == force.country), None)
        if state:
            mention.actor_ids = (state,)


def _sentence_index(sentences: list[Sentence], pos: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= pos:
            lo = mid + 1
        elif sentences[mid].start > pos:
            hi = mid - 1
        else:
            return mid
    return max(0, min(lo, len(sentences) - 1))


_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")


@lru_cache(maxsize=4)
def _pointer_pattern(lang: str) -> Scanner:
    """The descriptions and pronouns that point back (English), as one pattern (tried only
    where one of its words stands)."""
    lex = load_actor_lexicon(lang)
    anaphor = "|".join(re.escape(w) for w in sorted(lex["group_anaphors"], key=len, reverse=True))
    pair = "|".join(re.escape(w) for w in sorted(lex["pair_anaphors"], key=len, reverse=True))
    relational = "|".join(re.escape(w) for w in lex["relational_nouns"])
    not_after = "|".join(re.escape(w) for w in lex["not_after_former"])
    return Scanner(re.compile(
        rf"\b(?P<pair>(?:the|both|these)\s+(?:{pair}))\b"
        rf"|\b(?P<groups>the\s+groups)\b(?!\s+(?:of|that|which|who|in|on|at)\b)"
        rf"|\b(?P<exfl>the\s+(?:former|latter))(?=\s+(?:{relational})\b)"
        rf"|\b(?P<fl>the\s+(?:former|latter))\b(?!\s+(?:{not_after}|{relational})\b)"
        rf"|\b(?P<itsub>[Ii]t)(?=\s+(?:had|has|was|is|would|will|could|may|might|did|also|"
        rf"then|still|operated|operates|fought|joined|became|declared|and|sent|launched|"
        rf"attacked|seized|captured|signed|announced|pledged|withdrew|entered|formed|"
        rf"merged|split|broke|claimed|recaptured|overran)\b)"
        rf"(?!\s+(?:is|was)\s+(?:believed|likely|possible|expected|said|unclear|clear|"
        rf"evident|not|hard|difficult|important|true|worth))"
        rf"|\b(?P<his>(?:his|her)\s+(?:own\s+)?(?:{anaphor}))\b"
        rf"|\b(?P<desc>(?:the|this|that)\s+(?:{anaphor}))\b(?!\s+(?:of|that|which|who)\b)"
        rf"|\b(?P<poss>[Ii]ts|[Tt]heir)\b"
        rf"|\b(?P<they>[Tt]hey)\b"
        rf"|\b(?P<he>[Hh]e|him)\b"
        rf"|\b(?:against|with|on|from|to|by|of|for|towards)\s+(?P<it>it|them)\b",
        re.IGNORECASE,
    ))


def _coreference(text: str, mentions: list[Mention], sentences: list[Sentence],
                 kb: KnowledgeBase, discovered: dict[str, Discovered], lang: str) -> list[Mention]:
    if lang == "ar":
        return _arabic_coreference(text, mentions, sentences, kb, discovered)
    if lang != "en":
        return []
    pattern = _pointer_pattern(lang)
    explicit = [m for m in mentions if m.actor_ids and m.how != "candidate"]
    out: list[Mention] = []
    all_starts = [m.start for m in mentions]
    explicit_starts = [m.start for m in explicit]
    for match in pattern.finditer(text):
        pos = match.start()
        inside = bisect.bisect_right(all_starts, pos) - 1
        if inside >= 0 and mentions[inside].start <= pos < mentions[inside].end:
            continue
        sentence = _sentence_index(sentences, pos)
        window_start = sentences[max(0, sentence - 3)].start if sentences else 0
        lo = bisect.bisect_left(explicit_starts, window_start)
        hi = bisect.bisect_right(explicit_starts, pos)
        before = [m for m in explicit[lo:hi] if m.end <= pos]
        before += [m for m in out[-12:] if window_start <= m.start and m.end <= pos
                   and m.how != "pair"]
        before.sort(key=lambda m: m.start)
        # an agent ("backed by the coalition") is seldom what "its" or "the group" means
        before = [m for m in before
                  if not _BY_BEFORE.search(text[max(0, m.start - 8):m.start])]
        groups = [m for m in before
                  if _actor_type(m.actor_ids[0], kb, discovered) in GROUP_TYPES]
        kind = span_group = match.lastgroup
        ids: tuple[str, ...] = ()
        wide_lo = bisect.bisect_left(explicit_starts, pos - 2500)
        wide = [m for m in explicit[wide_lo:hi] if m.end <= pos
                and _actor_type(m.actor_ids[0], kb, discovered) in GROUP_TYPES]
        if kind == "they":  # only as the pair just named: "the two groups ..., yet they"
            recent_pair = [m for m in out if m.how == "pair" and pos - m.end < 250
                           and sentence - m.sentence <= 1]
            if not recent_pair:
                continue
            kind, ids = "pair", recent_pair[-1].actor_ids
        if kind == "poss" and match.group(0).lower() == "their":
            recent_pair = [m for m in out if m.how == "pair" and pos - m.end < 400]
            if recent_pair:
                kind, ids = "pair", recent_pair[-1].actor_ids
        if kind == "groups":  # "the groups" are the pair named together just before
            kind = "pair"
            first = sentences[max(0, sentence - 1)].start if sentences else 0
            recent = [m for m in mentions if m.actor_ids and first <= m.start and m.end <= pos
                      and _actor_type(m.actor_ids[0], kb, discovered) in GROUP_TYPES]
            ids = _last_pair(text, recent, pos, strict=True) or _only_two(recent)
        elif kind == "pair":
            ids = ids or _last_pair(text, wide, pos)
        elif kind == "fl":
            distinct = []
            for m in reversed(before):
                if m.actor_ids[0] not in distinct:
                    distinct.append(m.actor_ids[0])
                if len(distinct) == 2:
                    break
            if len(distinct) == 2:
                ids = (distinct[1],) if match.group(0).endswith("former") else (distinct[0],)
        elif kind == "his":
            persons = [m for m in before
                       if _actor_type(m.actor_ids[0], kb, discovered) == "person"]
            led = _led_group(text, persons[-1], explicit, kb, discovered) if persons else None
            if led:
                ids = (led,)
            elif groups:
                ids = (groups[-1].actor_ids[0],)
        elif kind == "he":
            persons = [m for m in before
                       if _actor_type(m.actor_ids[0], kb, discovered) == "person"]
            if persons:
                ids = (persons[-1].actor_ids[0],)
        elif kind == "it":
            # "X's campaign against it": "it" is not X, the group just named before it
            distinct: list[Mention] = []
            for m in reversed(groups):
                if all(m.actor_ids[0] != d.actor_ids[0] for d in distinct):
                    distinct.append(m)
            if len(distinct) >= 2 and pos - distinct[0].end < 80:
                ids = (distinct[1].actor_ids[0],)
            elif distinct:
                ids = (distinct[0].actor_ids[0],)
        elif groups:
            ids = (groups[-1].actor_ids[0],)
            if kind in ("desc", "itsub", "poss") and sentences:
                ids = _subject_before(text, sentences, sentence, pos, groups) or ids
        if ids:
            start, end = match.span(span_group)
            how = {"pair": "pair", "fl": "former", "poss": "possessive"}.get(kind, "coref")
            out.append(Mention(start, end, text[start:end], how, ids, sentence=sentence))
    return out


_OPENING = re.compile(r"\s*(?:(?:then|later|soon|afterwards|subsequently|in\s+turn|"
                      r"however|meanwhile|after\s+that),?\s+)?(?:the|this|that|it)\b", re.I)


# a clause that a pointer opens: "...: its fighters", "..., and it became"
_CLAUSE_OPENS = re.compile(r"(?:[:;]|,\s*(?:and|but|yet|while)|\band\s+then)\s+$",
                           re.IGNORECASE)


def _subject_before(text: str, sentences: list[Sentence], sentence: int, pos: int,
                    groups: list[Mention]) -> tuple[str, ...]:
    """A pointer that opens a sentence or a clause continues with the subject before it,
    rather than with the group named last: "HTS attacked Ahrar al-Sham. The group then
    seized ..." and "Nusra acted as al-Qaeda's branch, and it became ..." are HTS and Nusra.

    The subject is the first group of the sentence (of the one before, when the pointer
    opens its sentence), if it stands within the sentence's first words.
    """
    here = sentences[sentence]
    opening = _OPENING.match(text, here.start)
    if opening and opening.end() >= pos:
        if sentence == 0:
            return ()
        scope = sentences[sentence - 1]
    elif _CLAUSE_OPENS.search(text, here.start, pos):
        scope = here
    else:
        return ()
    first = next((m for m in groups if scope.start <= m.start < min(scope.end, pos)), None)
    if first is None or len(text[scope.start:first.start].split()) > 4:
        return ()
    return (first.actor_ids[0],)


def _arabic_coreference(text: str, mentions: list[Mention], sentences: list[Sentence],
                        kb: KnowledgeBase, discovered: dict[str, Discovered]) -> list[Mention]:
    """"التنظيم", "الجبهة", "التنظيمان": see extract/coref_ar.py."""
    named = [m for m in mentions if m.actor_ids and m.how not in ("generic", "pair")]

    def names_of(actor_id: str) -> list[str]:
        actor = kb.actors.get(actor_id)
        return [n.text for n in actor.names if n.lang == "ar"] if actor else []

    pointers = arabic_pointers(
        text, named, lambda pos: _sentence_index(sentences, pos), [s.start for s in sentences],
        lambda a: _actor_type(a, kb, discovered) in GROUP_TYPES, names_of,
        load_actor_lexicon("ar"))
    taken = [(m.start, m.end) for m in mentions]
    return [Mention(p.start, p.end, text[p.start:p.end], p.how, p.actor_ids,
                    sentence=_sentence_index(sentences, p.start))
            for p in pointers if not any(s < p.end and p.start < e for s, e in taken)]


# "A and B", "A (AB) and the B", "A's and B": two groups named together
_JOINED = re.compile(r"\)?['’]?s?\s*(?:\([^()]{0,60}\))?\s*,?\s*(?:and|&)\s+(?:the\s+)?")


def _only_two(groups: list[Mention]) -> tuple[str, ...]:
    """The two groups, when exactly two distinct ones are named ("A's leader opened
    talks with B. The groups then ..."): with a third in view "the groups" is unclear."""
    distinct = list(dict.fromkeys(m.actor_ids[0] for m in groups))
    return tuple(distinct) if len(distinct) == 2 else ()


def _last_pair(text: str, groups: list[Mention], pos: int,
               strict: bool = False) -> tuple[str, ...]:
    """The two groups that "the two groups" at `pos` means (see `coref_ar.last_pair`)."""
    return last_pair(text, groups, _JOINED, strict=strict, before=pos)


def _led_group(text: str, person: Mention, mentions: list[Mention], kb: KnowledgeBase,
               discovered: dict[str, Discovered]) -> str | None:
    """The group a person is named anywhere in the text as leading ("X, the leader of G")."""
    named = [m for m in mentions if m.actor_ids and m.actor_ids[0] == person.actor_ids[0]]
    groups = [m for m in mentions if m.actor_ids
              and _actor_type(m.actor_ids[0], kb, discovered) in GROUP_TYPES]
    for person in named:
        led = _leads(text, person, groups)
        if led:
            return led
    return None


def _leads(text: str, person: Mention, groups: list[Mention]) -> str | None:
    for group in groups:
        if abs(group.start - person.end) > 60 and abs(person.start - group.end) > 60:
            continue
        lo, hi = sorted((person.end, group.start)) if person.end <= group.start else (
            group.end, person.start)
        between = text[lo:hi].lower()
        if len(between) < 40 and any(w in between for w in ("leader", "head", "commander",
                                                             "emir", "founder", "chief")):
            return group.actor_ids[0]
    return None


_HEADLINE_SMALL = frozenset({"a", "an", "the", "of", "on", "in", "at", "to", "for", "by",
                             "and", "or", "with", "from", "as", "after", "over", "into", "s"})


class _LowerWords:
    """The words a text writes in lower case, read once and only when first asked."""

    def __init__(self, text: str) -> None:
        self.text, self._words = text, None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(re.findall(r"\b[a-z][a-z'’-]+\b", self.text))
        return word in self._words


def _headlines(text: str, sentences: list[Sentence], lowered: _LowerWords
               ) -> list[tuple[int, int]]:
    """Sentences written in title case ("Syrian Army Foils Attack on Deir ez-Zor Killing
    60 Daesh Terrorists"): every word capitalised, or most and two of them words the
    text also writes in lower case. Their capitals mark no names, so no name is read
    from them but the knowledge base's."""
    spans = []
    for sentence in sentences:
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence.text)
                 if w.lower() not in _HEADLINE_SMALL]
        capitals = [w for w in words if w[0].isupper()]
        if len(capitals) < 5 or len(capitals) < 0.75 * len(words):
            continue
        if len(capitals) == len(words) >= 6 or \
                sum(w.lower() in lowered for w in capitals if not w.isupper()) >= 2:
            spans.append((sentence.start, sentence.end))
    return spans


_DATE_OR_ADVERB = re.compile(r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|"
                             r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$|\d|[A-Z][a-z]{3,}ly$")
_SENTENCE_END = re.compile(r"[.!?\"”]\s+$")


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_END.search(text[max(0, start - 4):start]))


def _not_common_words(text: str, mentions: list[Mention], lowered: _LowerWords
                      ) -> list[Mention]:
    """Without guesses (the model's, capitalised candidates) that are a sentence's
    capitalised first word or a date: a one-word guess the text also writes in lower
    case ("Heavy air strikes hit IS"), a one-word guess of the model's that the text
    writes only at a sentence's start ("More shells hit ..."), and a guess that opens
    with a day, a month, a number or an adverb ("Sun Apr", "Reportedly Engaged")."""
    guesses = [m for m in mentions if m.how in ("model", "candidate")]
    if not guesses:
        return mentions
    drop = set()
    for m in guesses:
        if _DATE_OR_ADVERB.match(m.text.split()[0]):
            drop.add(id(m))
        elif " " not in m.text and not m.text.isupper() and (
                m.text.lower() in lowered or m.how == "model" and not any(
                    not _opens_sentence(text, hit.start())
                    for hit in re.finditer(rf"\b{re.escape(m.text)}\b", text))):
            drop.add(id(m))
    return [m for m in mentions if id(m) not in drop]


def _not_places(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """Names without a group's marks (the model's, capitalised candidates) that their
    words or context make a place: "around Handarat Camp", "seized control of Ain
    Daqneh", "the Castello Road". A place is no actor."""
    if lang != "en":
        return mentions
    words = _place_words(lang)
    return [m for m in mentions
            if m.how not in ("model", "candidate", "person") or not (
                words["head"].search(m.text)
                or words["before"].search(text[max(0, m.start - 30):m.start])
                or words["after"].match(text[m.end:m.end + 20]))]


_COUNT_OR_MEMBERS = re.compile(r"(?:\d[\d,.]*\s+|(?:Forces|Fighters|Units|Troops|Elements|"
                               r"Members|Remnants)\s+of\s+(?:the\s+)?)+")


def _known_name_inside(text: str, candidates: list[Mention]) -> list[Mention]:
    """Without the pattern names that are a count or members before a name the knowledge
    base knows ("70 Nusra Front", "Forces of Syrian Democratic Forces"): that name wins."""
    known: dict[int, list[int]] = {}  # end → starts of the known names ending there
    for m in candidates:
        if m.how == "kb" and m.actor_ids:
            known.setdefault(m.end, []).append(m.start)
    return [m for m in candidates
            if m.how != "pattern" or not any(
                m.start < start and _COUNT_OR_MEMBERS.fullmatch(text, m.start, start)
                for start in known.get(m.end, ()))]


def _not_modifiers(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """Without the names that a suffix turns into a modifier ("Britain-based")."""
    suffixes = tuple(load_actor_lexicon(lang).get("not_actor_suffixes") or ())
    if not suffixes:
        return mentions
    return [m for m in mentions if not text.startswith(suffixes, m.end)
            and not (m.how != "kb" and m.text.endswith(suffixes))]


def _outside(spans: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """The mentions that begin outside every span."""
    if not spans:
        return mentions
    return [m for m in mentions if not any(lo <= m.start < hi for lo, hi in spans)]


def find_mentions(text: str, sentences: list[Sentence], kb: KnowledgeBase,
                  gazetteer: Gazetteer, lang: str = "en",
                  more: Callable[[list[Mention], dict[str, Discovered]], list[Mention]]
                  | None = None, published: str | None = None) -> ActorFindings:
    """All actor and place mentions of a text, resolved; see the module docstring.

    `more`, when given, adds mentions from another source (a statistical model)
    after names and patterns and before coreference; it sees what was found.
    """
    discovered: dict[str, Discovered] = {}
    kb_types = gazetteer.actor_types
    lowered = _LowerWords(text)
    headlines = _headlines(text, sentences, lowered) if lang == "en" else []
    candidates = [_resolve_hit(h, text, gazetteer) for h in gazetteer.find(text)]
    candidates += _outside(headlines, _not_places(
        text, _pattern_mentions(text, lang, kb_types, discovered), lang))
    generic = generic_hits(text, lang) if lang == "ar" else []  # read once, used twice
    candidates += _arabic_pattern_mentions(text, lang, kb_types, discovered, candidates,
                                           generic)
    candidates += _arabic_person_mentions(text, lang, kb_types, discovered, candidates)
    candidates += _generic_mentions(text, lang, discovered, generic)
    candidates += _backer_mentions(text, lang, kb)
    candidates += _arabic_place_mentions(text, lang, candidates)
    candidates = _not_modifiers(text, _known_name_inside(text, candidates), lang)
    mentions = _members_of_named(text, _select(candidates, text))
    aliases = _parenthesised_aliases(text, mentions)
    mentions = _select(mentions + aliases)
    if more is not None:
        mentions = _select(mentions + _not_common_words(text, _not_places(
            text, _outside(headlines, more(mentions, discovered)), lang), lowered))
    candidates = _not_common_words(text, _not_places(text, _outside(headlines, _candidate_names(
        text, sentences, mentions, kb_types, discovered, lang)), lang), lowered)
    if candidates:
        mentions = _select(mentions + candidates)
        mentions = _select(mentions + _parenthesised_aliases(text, mentions))
    _known_spellings(mentions, discovered, gazetteer)
    _disambiguate(mentions, kb)
    _aid_givers_are_states(text, mentions, kb, lang)
    _persons_groups(text, mentions, kb, discovered, lang, published)
    mentions += _coreference(text, mentions, sentences, kb, discovered, lang)
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        mention.sentence = _sentence_index(sentences, mention.start)
    used = {a for m in mentions for a in m.actor_ids}
    discovered = {k: v for k, v in discovered.items() if k in used}
    return ActorFindings(mentions, discovered, headlines)


DISCOVERED_PLACE = "place-ar-"  # the id prefix of a place found by its place noun


@lru_cache(maxsize=2)
def _arabic_place_pattern() -> re.Pattern | None:
    """A locative, a place noun with no article, and one name word (two after a head such
    as بيت or خان); see `place_nouns` in lang/ar/actors.yaml."""
    lex = load_actor_lexicon("ar")
    locatives, nouns = lex.get("place_locatives") or [], lex.get("place_nouns") or []
    if not locatives or not nouns:
        return None

    def alternation(words) -> str:
        return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                        for w in sorted(set(words), key=len, reverse=True))

    heads = alternation(lex.get("place_name_heads") or ["بيت"])
    return re.compile(
        rf"(?<!\w)[وف]?(?:{alternation(locatives)})\s+[وفبل]?(?:{alternation(nouns)})\s+"
        rf"[«\"]?(?P<name>(?:(?:{heads})\s+)?[^\W\d_][\w\u064b-\u0652]+)")


def _arabic_place_mentions(text: str, lang: str, found: list[Mention]) -> list[Mention]:
    """Places the knowledge base lacks, named after a locative and a place noun
    ("في بلدة حلحول"): they scope an event as a known place does."""
    if lang != "ar" or "\u0600" > max(text, default="a"):
        return []
    pattern = _arabic_place_pattern()
    if pattern is None:
        return []
    not_names = set(load_actor_lexicon("ar").get("place_not_names") or ())
    taken = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    for match in pattern.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        last = name.split()[-1]
        if last in not_names or (not last.startswith("ال") and last.endswith(("ية", "يه"))) \
                or any(s < end and start < e for s, e in taken):
            continue
        out.append(Mention(start, end, name, "place", (), (DISCOVERED_PLACE + slug(name),)))
    return out


@lru_cache(maxsize=4)
def _backer_pattern(lang: str) -> re.Pattern | None:
    demonyms = load_actor_lexicon(lang).get("backer_demonyms") or {}
    if not demonyms:
        return None
    names = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    # only before a name ("Iranian-backed Kataib Hezbollah"): "Turkish-backed rebels" names
    # no side that the state backs, and the adjective must not stand for a fighter
    return re.compile(rf"\b({names})(?=-(?:backed|supported|funded|armed|sponsored|trained)"
                      rf"\s+(?:the\s+)?[A-Z])")


def _backer_mentions(text: str, lang: str, kb: KnowledgeBase) -> list[Mention]:
    """"Iranian-backed", "Turkish-funded": the adjective names its state as the backer."""
    pattern = _backer_pattern(lang)
    if pattern is None or "-" not in text:
        return []
    states = load_actor_lexicon(lang)["backer_demonyms"]
    return [Mention(m.start(), m.end(), m.group(1), "kb", (states[m.group(1)],))
            for m in pattern.finditer(text) if states[m.group(1)] in kb.actors]


def _known_spellings(mentions: list[Mention], discovered: dict[str, Discovered],
                     gazetteer: Gazetteer) -> None:
    """A discovered name that is a known actor's name spelled another way ("Jabhat
    al-Nosra", "Tehreek-e-Taliban Pakistan") is that actor: see `normalize.skeleton`."""
    for mention in mentions:
        found = discovered.get(mention.actor_ids[0]) if mention.actor_ids else None
        if found is None:
            continue
        known = gazetteer.spellings.get(skeleton(mention.text))
        if known and (gazetteer.actor_types[known] == "person") == (found.type == "person"):
            mention.actor_ids = (known,)
            mention.how = "pattern"


_CANDIDATE = re.compile(  # a capital that no word comes before (see _POSSESSIVE_ACRONYM)
    r"([A-ZÓÉÁÍÚ](?<![\w'’-][A-ZÓÉÁÍÚ])[\w'’]*(?:-[A-Za-z][\w'’]*)*"
    r"(?:\s+(?:(?:of|for|na|de|del|la|al|the)\s+){0,2}(?:[A-Z\d][\w'’]*)(?:-[A-Za-z][\w'’]*)*){0,4})")


def _candidate_names(text: str, sentences: list[Sentence], mentions: list[Mention],
                     kb_types: dict[str, str], discovered: dict[str, Discovered],
                     lang: str) -> list[Mention]:
    """Capitalised names that nothing else resolved ("Prima Linea", "Red Barbagia").

    They are only *candidates*: a claim may take one as a side only through an
    explicit trigger pattern, and the pipeline drops the candidates no claim used
    (see `keep_used_candidates`). They never serve as antecedents of "the group".
    """
    if lang != "en":
        return []
    lex = load_actor_lexicon(lang)
    stop = _candidate_stopwords(lang)
    place_words = _place_words(lang)
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    sentence_starts = {s.start for s in sentences}
    found: list[Mention] = []
    for match in _CANDIDATE.finditer(text):
        words = match.group(1).split()
        start = match.start(1)
        # leading words that open a sentence or a phrase about members are not the name
        while words and (words[0] in stop or words[0].lower() in stop
                         or words[0] in lex["not_name_openers"]
                         or (start in sentence_starts and len(words) == 1
                             and _COMMON_OPENER.search(words[0]))):
            start, words = _after_word(text, start, words[0]), words[1:]
        while words and words[0].lower() in _CONNECTORS:
            start, words = _after_word(text, start, words[0]), words[1:]
        while words and (words[-1] in stop or words[-1].lower() in _CONNECTORS):
            words = words[:-1]
        if not words or not words[0][0].isalpha() or any(w in stop for w in words) or \
                all(_ADJECTIVE.search(w) for w in words):  # "Kurdish Islamist"
            continue
        end = start + len(text[start:].split(words[-1], 1)[0]) + len(words[-1])
        name = re.sub(r"['’]s?$", "", text[start:end])
        end = start + len(name)
        if len(name) < 4 or name.isupper() or (len(words) == 1 and _modified(lang).match(
                text, end)):  # "Philippine forces": a modifier of a common noun
            continue
        index = bisect.bisect_right(starts, end) - 1
        if index >= 0 and taken[index][1] > start:
            continue
        if place_words["before"].search(text[max(0, start - 30):start]) or \
                place_words["after"].match(text[end:end + 20]):
            continue
        actor_id = slug(name)
        if not actor_id or actor_id in kb_types:
            continue
        discovered.setdefault(actor_id, Discovered(actor_id, name, "armed_group"))
        found.append(Mention(start, end, name, "candidate", (actor_id,),
                             sentence=_sentence_index(sentences, start)))
    return found


_NEXT_WORD = re.compile(r"\S|$")


def _after_word(text: str, start: int, word: str) -> int:
    """Where the next word begins, after `word` (which stands at or after `start`)."""
    return _NEXT_WORD.search(text, text.index(word, start) + len(word)).start()


_ADJECTIVE = re.compile(r"(?:ians?|cans?|eans?|ese|ish|ists?|ic|ern|is?|al|ine)$")
# a sentence's first word is capitalised anyway: alone, it is a name only if it does not
# look like an ordinary word ("Fighting", "Clashes", "Reportedly")
_COMMON_OPENER = re.compile(r"(?:ing|ed|ly|s|ward|wards|day|ever|fore|ter|ther|thing)$")
_CONNECTORS = {"of", "for", "the", "and", "na", "de", "del", "la", "al"}


@lru_cache(maxsize=4)
def _modified(lang: str) -> re.Pattern:
    """The common nouns after which a lone capitalised word is a modifier ("Libyan
    affiliate", "Philippine forces"), not a name (lang/<lang>/actors.yaml)."""
    nouns = load_actor_lexicon(lang)["modifier_nouns"]
    return re.compile(rf"\s+(?:{'|'.join(re.escape(n) for n in nouns)})\b")


@lru_cache(maxsize=4)
def _candidate_stopwords(lang: str) -> frozenset[str]:
    """Capitalised words that never stand in a name: weekdays, months, titles, pronouns."""
    lex = load_actor_lexicon(lang)
    return frozenset(lex.get("not_candidate_words") or ()) | frozenset(lex["person_titles"])


_POINTERS = {"candidate", "coref", "pair", "possessive", "former", "latter"}


_PLACE_LIKE_TARGETS = ("ATTACKED", "CAPTURED")


def keep_used_candidates(findings: ActorFindings, claims: list) -> list:
    """Claims that take a candidate name as a side through an explicit pattern; the
    candidates they use become discovered actors, the others are forgotten."""
    candidate_ids = {a for m in findings.mentions if m.how == "candidate" for a in m.actor_ids}
    if not candidate_ids:
        return claims
    named = {a for m in findings.mentions if m.how not in _POINTERS for a in m.actor_ids}
    loose = candidate_ids - named
    # an unknown single word attacked or seized is a place far more often than a group
    # ("attacked Sirte"): only names of two words or more are taken there
    one_word = {a for a in candidate_ids if " " not in findings.discovered[a].name}
    kept = [c for c in claims if (c.pattern != "cooccurrence" or not ({c.source, c.target} & loose))
            and not (c.type in _PLACE_LIKE_TARGETS and c.target in one_word)]
    used = {a for c in kept for a in (c.source, c.target)}
    findings.mentions = [m for m in findings.mentions
                         if m.how != "candidate" or m.actor_ids[0] in used]
    findings.discovered = {k: v for k, v in findings.discovered.items()
                           if k not in loose or k in used}
    return kept


def display_key(name: str) -> str:
    """The key that merges discovered actors across documents."""
    return name_key(name)
