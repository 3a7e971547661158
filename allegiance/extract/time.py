"""Find time expressions in a report and resolve them to ISO partial dates.

A claim is dated by the time words near it ("in late July", "since 2013",
"the first two years of the war"), so this module finds every such expression
and turns it into a `when` (and, for a period, an `until`) at the precision the
text gives: "2014", "2014-07" or "2014-07-31". It follows the dev annotators
(eval/GUIDELINES.md): a month without a year is the latest such month not after
the publication date, "over the past year" runs from twelve months before
publication to publication, a season with a year is that year.

Why our own rules and not dateparser: reports date facts with phrases that
dateparser misses or misreads ("late July", "the spring and summer of 2013",
"the last week of March") and it fills a bare year's month and day from its
base date, which would invent precision. The rules are regular expressions
built once per language from the word lists in ``lang/<lang>/time.yaml``, so a
text is scanned by the regex engine a fixed number of times and never walked
token by token in Python.

Anaphoric expressions ("days later", "after several months", "at the time",
"since then") cannot be dated on their own. They come back with ``when=None``,
``relative=True`` and a qualifier saying how to use the time of the event they
point to (the anchor), which the caller supplies:

- ``"after"``: the anchor or later ("days later", "the following week");
- ``"before"``: before the anchor ("two weeks earlier", "before that");
- ``"since"``: from the anchor until ``until`` (the publication month);
- ``"until"``: up to the anchor ("until then");
- ``None``: the anchor itself ("at the time", "that year").

Their ``precision`` is that of the unit they name ("days later" → ``"day"``).

Other conventions: "since X" gives ``until`` = the publication date cut to X's
precision; "until X" and "before X" give ``when=None, until=X``; "after X"
gives ``when=X``. Prepositions that only locate ("in", "on", "during", "في")
stay outside the mention; since/until/before/after/between/from are inside.
A leading "the" stays outside too, unless the phrase needs it ("the past
year" is a period, "last year" is not). Arabic particles attached to a word
(وفي، بعام) are not part of it.

Speed: each language's YAML is compiled once (cached by path) into one regex
per expression family, with word lists merged into tries. A first pass finds
trigger words (years, month names, units, fixed phrases) and the families run
only in short windows around them, each only where its kind of trigger is.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allegiance.extract import literals
from allegiance.extract.yaml_files import load_yaml

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"

_PD = tuple[int, int | None, int | None]  # (year, month, day), partial


@dataclass(frozen=True)
class TimeMention:
    """One time expression, its offsets in the text and its resolved period."""

    start: int  # char offset in the text given
    end: int
    text: str  # text[start:end]
    when: str | None  # ISO partial date: "2014", "2014-07", "2014-07-31"
    until: str | None  # ISO partial date or None (a single point/period has until None)
    precision: str  # "year" | "month" | "day"  (precision of `when`)
    qualifier: str | None  # "early" | "mid" | "late" | "since" | "before" | "after" | "until"
    relative: bool  # True when resolved against the publication date
    # an anaphoric expression's exact distance from its anchor ("a year later": ("year", 1),
    # "two months earlier": ("month", -2)); None where the count is vague ("days later")
    shift: tuple[str, int] | None = None


# --------------------------------------------------------------------------- dates


def _parse_iso(value: str | None) -> _PD | None:
    """A published date such as "2014", "2014-12" or "2014-12-15T10:00"; None if unusable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    y = int(m.group(1))
    if not 1000 <= y <= 9000:
        return None
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return (y, None, None)
    if d is not None and (mo is None or not 1 <= d <= calendar.monthrange(y, mo)[1]):
        d = None
    return (y, mo, d)


def _fmt(pd: _PD | None) -> str | None:
    if pd is None:
        return None
    y, m, d = pd
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _prec(pd: _PD | None) -> str | None:
    if pd is None:
        return None
    return "year" if pd[1] is None else "month" if pd[2] is None else "day"


_RANK = {"year": 0, "month": 1, "day": 2}


def _trunc(pd: _PD, precision: str | None) -> _PD:
    """`pd` cut to `precision` (never made finer than it is)."""
    if precision == "year":
        return (pd[0], None, None)
    if precision == "month":
        return (pd[0], pd[1], None)
    return pd


def _key(pd: _PD) -> tuple[int, int, int]:
    return (pd[0], pd[1] or 0, pd[2] or 0)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _concrete(pd: _PD) -> dt.date:
    """A day inside `pd` to compute with: mid-year or mid-month when unknown."""
    y, m, d = pd
    return dt.date(y, m or 7, d or 15)


def _shift(pub: _PD, unit: str, n: int) -> tuple[_PD, str]:
    """`pub` moved by `n` units (negative = earlier), with the precision the unit supports."""
    day = _concrete(pub)
    if unit in ("year", "decade"):
        k = n * (10 if unit == "decade" else 1)
        return (pub[0] + k, pub[1], pub[2]), "year"
    if unit == "month":
        y, m = _add_months(day.year, day.month, n)
        return (y, m, None), "month"
    days = {"week": 7, "day": 1, "hour": 0}[unit] * n
    moved = day + dt.timedelta(days=days)
    return (moved.year, moved.month, moved.day), "day"


def _coarsest(a: str, b: str | None) -> str:
    if b is None:
        return a
    return a if _RANK[a] <= _RANK[b] else b


def _since_until(when: _PD | None, pub: _PD | None) -> _PD | None:
    """The end of a "since X" period: publication, cut to X's precision."""
    if pub is None:
        return None
    end = _trunc(pub, _prec(when) if when else "month")
    if when is not None and _key(end) <= _key(when):
        return None
    return end


_HIJRI_EPOCH = dt.date(622, 7, 19).toordinal()  # 1 Muharram 1 AH (civil epoch, proleptic Gregorian)


def hijri_to_gregorian(year: int, month: int, day: int = 1) -> dt.date:
    """Arithmetic (tabular) Islamic calendar → Gregorian; within a day or two of the sighted one."""
    days = (day - 1) + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
    return dt.date.fromordinal(_HIJRI_EPOCH + days)


# --------------------------------------------------------------------------- words

_AR_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}
)
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DASHES = "-‐‑‒–—"
_APOS = "'’‘ʿʾ`"
_AR_CLASS = {"ا": "[اأإآٱ]", "أ": "[أا]", "إ": "[إا]", "آ": "[آا]", "ٱ": "[ٱا]",
             "ة": "[ةه]", "ى": "[ىي]", "ي": "[يى]"}
_HARAKAT = "[\u064b-\u0652]*"
_CLITIC = "[وف]?[بلك]?"  # Arabic particles written attached to the next word


def _norm(text: str, lang: str) -> str:
    """The lookup key of a matched word: case, dashes, apostrophes and Arabic spelling folded."""
    s = text.lower() if lang != "ar" else text.translate(_AR_FOLD)
    for ch in _DASHES:
        s = s.replace(ch, " ")
    for ch in _APOS + ".":
        s = s.replace(ch, "")
    return " ".join(s.split())


def _variants(word: str, lang: str, elide: bool) -> list[str]:
    """Spellings to match: with `elide`, an Arabic definite word also loses its alef after
    ل (للعام). Only for year, unit and conflict words: لان is "because", not الآن."""
    if elide and lang == "ar" and word.startswith("ال") and len(word) > 3:
        return [word, word[1:]]
    return [word]


def _pieces(word: str, lang: str, cased: bool) -> tuple[str, ...]:
    """A word as regex pieces, one per character: spaces match any white space, spelling
    variants are character classes (so alternations can be merged into a trie)."""
    out: list[str] = []
    for i, tok in enumerate(word.split()):
        if i:
            out.append(r"\s+")
        if all(ch in _DASHES for ch in tok):
            out.append(_DASH)
            continue
        for ch in tok:
            if ch in _DASHES:
                out.append(r"(?:\s*" + _DASH + r"\s*|\s+)")
            elif ch in _APOS:
                out.append("[" + re.escape(_APOS) + "]?")
            elif lang == "ar" and ch in _AR_CLASS:
                out.append(_AR_CLASS[ch])
            elif lang == "ar" and ch == "ـ":
                out.append("ـ*")
            elif ch in "0123456789":  # a digit in a named phrase, in any script
                out.append(f"[{ch}{chr(0x660 + int(ch))}{chr(0x6F0 + int(ch))}]")
            elif not cased and ch.lower() != ch.upper() and len(ch.upper()) == 1:
                out.append(f"[{ch.lower()}{ch.upper()}]")
            else:
                out.append(re.escape(ch))
        if lang == "ar":
            out.append(_HARAKAT)
    return tuple(out)


def _trie(seqs: Iterable[tuple[str, ...]]) -> str:
    """Alternatives merged on common prefixes. The regex engine skips a branch whose first
    character differs without entering it, so a trie costs a few checks per position where
    a flat list of words costs one attempt per word."""
    root: dict[str, Any] = {}
    for seq in seqs:
        node = root
        for piece in seq:
            node = node.setdefault(piece, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [piece + emit(child) for piece, child in node.items() if piece]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _alt(words: Iterable[str], lang: str, cased: bool = False, elide: bool = False) -> str:
    """An alternation of words (a trie), case-insensitive unless `cased`."""
    seqs = {_pieces(v, lang, cased) for w in words for v in _variants(str(w), lang, elide)}
    seqs.discard(())
    if not seqs:
        return "(?!)"
    return "(?:" + _trie(sorted(seqs)) + ")"


def _kw(name: str | None, words: Iterable[str], lang: str, cased: bool = False) -> str:
    """A whole-word alternation, optionally named; Arabic may carry attached particles."""
    return _wkw(name, _alt(words, lang, cased), lang)


def _g(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Rel:
    """A fixed relative phrase: what it means and the unit it counts in."""

    kind: str  # "rel" | "present" | "anaphor"
    unit: str = "year"
    shift: int = 0
    qualifier: str | None = None


_Handler = Callable[[re.Match[str], "_Lexicon", _PD | None], TimeMention | None]


@dataclass(frozen=True)
class _Lexicon:
    """One language's compiled patterns and the tables that give matched words their values."""

    lang: str
    patterns: tuple[tuple[_Handler, re.Pattern[str], int], ...]  # handler, regex, trigger kinds
    tables: Mapping[str, Mapping[str, Any]]
    conflict_start: _PD
    plural_default: int
    vague_numbers: frozenset[str]  # number words that count loosely ("several", "عدة")
    numeric_order: str
    season_block_after: re.Pattern[str] | None
    trigger: re.Pattern[str]
    trigger_kinds: Mapping[str, int]  # folded trigger word → the kinds of trigger it is
    # finds the strings a trigger word begins with (None: try `trigger` everywhere)
    trigger_openings: Any
    need_day_or_year: frozenset[str]  # month spellings that alone are other words

    def get(self, table: str, text: str | None) -> Any:
        """The value of a matched word in `table`, or None."""
        if not text:
            return None
        tbl = self.tables[table]
        key = _norm(text, self.lang)
        if key in tbl:
            return tbl[key]
        if self.lang == "ar" and key.startswith("ل"):
            return tbl.get("ا" + key)  # للعام: the particle ل took the article's alef
        return None


def _table(pairs: Iterable[tuple[Any, Iterable[str]]], lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value, words in pairs:
        for w in words:
            out.setdefault(_norm(str(w), lang), value)
    return out


def _words(d: Mapping[Any, Iterable[str]] | None) -> list[str]:
    return [str(w) for ws in (d or {}).values() for w in (ws or [])]


@functools.lru_cache(maxsize=16)
def _load_lexicon(path: str) -> _Lexicon:
    """Read a language's time.yaml once and compile it (cached by path)."""
    lang = Path(path).parent.name
    cfg: dict[str, Any] = load_yaml(path) or {}
    return _compile(cfg, lang)


def _lexicon(lang: str) -> _Lexicon:
    path = LANG_DIR / lang / "time.yaml"
    if not path.is_file():
        raise ValueError(f"no time expressions for language {lang!r} (missing {path})")
    return _load_lexicon(str(path))


def _compile(cfg: dict[str, Any], lang: str) -> _Lexicon:
    """Tables for lookups plus the patterns of each expression family."""
    units = cfg.get("units", {})
    unit_pairs: list[tuple[Any, list[str]]] = []
    for unit, forms in units.items():
        for hint_name, hint in (("one", 1), ("two", 2), ("many", None)):
            ws = [str(w) for w in forms.get(hint_name, [])]
            if lang == "ar":
                ws = ws + ["ال" + w for w in ws]
            unit_pairs.append(((unit, hint), ws))
    numbers = {int(k): [str(w) for w in v] for k, v in cfg.get("numbers", {}).items()}
    if lang == "ar":
        numbers = {k: v + ["ال" + w for w in v] for k, v in numbers.items()}
    rel_pairs: list[tuple[_Rel, list[str]]] = []
    for entry in cfg.get("relative", []):
        rel = _Rel("rel", str(entry["unit"]), int(entry.get("shift", 0)))
        rel_pairs.append((rel, [str(w) for w in entry["words"]]))
    rel_pairs.append((_Rel("present"), [str(w) for w in cfg.get("present", [])]))
    unit_table = _table(unit_pairs, lang)
    for qual, ws in (cfg.get("anaphora") or {}).items():
        for w in ws:
            unit = _unit_in(str(w), unit_table, lang)
            q = None if qual == "none" else str(qual)
            rel_pairs.append((_Rel("anaphor", unit, 0, q), [str(w)]))
    conflict = cfg.get("conflict", {})
    leads = cfg.get("leads", {})
    connectors = cfg.get("range_connectors", {})
    tables: dict[str, Mapping[str, Any]] = {
        "month": _table(((int(k), v) for k, v in cfg.get("months", {}).items()), lang),
        "season": _table(((int(k), v) for k, v in cfg.get("seasons", {}).items()), lang),
        "month_shift": _table(cfg.get("month_shift", {}).items(), lang),
        "qual": _table(cfg.get("qualifiers", {}).items(), lang),
        "lead": _table(((None if k == "none" else k, v) for k, v in leads.items()), lang),
        "conn": _table(((k == "needs_lead", v) for k, v in connectors.items()), lang),
        "rel": _table(rel_pairs, lang),
        "unit": unit_table,
        "num": _table(((k, v) for k, v in numbers.items()), lang),
        "hmonth": _table(((int(k), v) for k, v in cfg.get("hijri_months", {}).items()), lang),
        "dord": _table(((int(k), v) for k, v in cfg.get("day_ordinals", {}).items()), lang),
        "named": _table(((None if k == "none" else str(k), v)
                         for k, v in cfg.get("named", {}).items()), lang),
        "dur": _table(((k, v) for k, v in cfg.get("durations", {}).items()
                       if k not in ("hedges", "determiners")), lang),
    }
    start = _parse_iso(str(conflict.get("start", "2011"))) or (2011, None, None)
    block = [str(w) for w in cfg.get("season_not_before_word", [])]
    block_after = (re.compile(r"\s+" + _alt(block, lang) + r"(?!\w)") if block else None)
    build = _patterns_ar if lang == "ar" else _patterns_en
    trigger, kinds, openings = _trigger(cfg, lang, rel_pairs)
    return _Lexicon(
        lang=lang,
        # Every expression starts at a word start: testing that first is what makes the scan
        # fast, since most positions are inside words.
        patterns=tuple((h, re.compile(r"(?<!\w)(?:" + p + ")"), kinds)
                       for h, p, kinds in build(cfg, lang, rel_pairs)),
        tables=tables,
        conflict_start=start,
        plural_default=int(cfg.get("plural_default", 3)),
        vague_numbers=frozenset(_norm(w, lang) for w in _strs(cfg.get("vague_numbers"))),
        numeric_order=str(cfg.get("numeric_order", "dmy")),
        season_block_after=block_after,
        trigger=trigger,
        trigger_kinds=kinds,
        trigger_openings=literals.automaton(openings) if openings else None,
        need_day_or_year=frozenset(_strs(cfg.get("months_need_day_or_year"))),
    )


# Kinds of trigger word; each expression family runs only near the kinds it needs.
_DIGITS, _MONTH, _SEASON, _UNIT, _NOUN, _REL, _NAMED = 1, 2, 4, 8, 16, 32, 64
_DATED = _DIGITS | _MONTH | _SEASON
_MULTI = 128  # a window with two or more dated triggers: only there can a range be
_ANY = 255
_BLOCKED = "blocked"  # precision of a named non-time ("March 14 alliance"); never returned


def _fold(word: str, lang: str) -> str:
    """A word as `_windows` sees the text: lower case, or Arabic letters folded."""
    return " ".join((word.translate(_AR_FOLD) if lang == "ar" else word.lower()).split())


def _trigger(cfg: dict[str, Any], lang: str, rel_pairs: list[tuple[_Rel, list[str]]],
             ) -> tuple[re.Pattern[str], dict[str, int], frozenset[str] | None]:
    """Words at least one of which every time expression holds (years, month and season
    names, units, conflict nouns, fixed phrases), folded like `_windows` folds the text,
    with the kinds each is; a phrase also has the kinds of the words in it ("this year").
    Last, the strings the words begin with (see `_trigger_search`)."""
    units = cfg.get("units", {})
    unit_words = [str(w) for forms in units.values() for ws in forms.values() for w in ws]
    groups = [
        (_MONTH, _words(cfg.get("months")) + _words(cfg.get("hijri_months"))),
        (_SEASON, _words(cfg.get("seasons"))),
        (_UNIT, unit_words + (["ال" + w for w in unit_words] if lang == "ar" else [])),
        (_NOUN, _strs(cfg.get("conflict", {}).get("nouns"))),
        (_REL, [w for _, ws in rel_pairs for w in ws]),
        (_NAMED, _words(cfg.get("named"))),
    ]
    kinds: dict[str, int] = {}
    for kind, words in groups:
        for w in words:
            for v in _variants(w, lang, elide=kind in (_UNIT, _NOUN, _REL, _NAMED)):
                key = _fold(v, lang)
                kinds[key] = kinds.get(key, 0) | kind
    for key in list(kinds):
        for tok in key.split():
            kinds[key] |= kinds.get(tok, 0)
    seqs = {_pieces(k, "", cased=True) for k in kinds if k}
    # not followed by a letter ("Julani" holds no "jul"); the regex then tries shorter words
    words = "(?:" + _trie(sorted(seqs)) + r")(?![^\W\d_])"
    return re.compile(r"\d{4}|" + words), kinds, literals.openings(words)


def _unit_in(phrase: str, unit_table: Mapping[str, Any], lang: str) -> str:
    """The time unit an anaphoric phrase names ("the following day" → day), else year."""
    for tok in _norm(phrase, lang).split():
        hit = unit_table.get(tok)
        if hit:
            return str(hit[0])
    return "year"


# --------------------------------------------------------------------------- grammar

_YEAR = (r"(?<!\d)(?<![A-Za-z_.,/$£€#:])\d{4}(?!\d)"
         r"(?![%٪]|[.,:/]\d|[-‐][A-Za-z]|\s*(?:percent|per\s+cent)\b)")
_YEAR_LOOSE = r"(?<!\d)(?<![A-Za-z_.,/$£€#:])\d{4}"
_DAY = r"(?<![\d.,/:])\d{1,2}(?!\d)"
_DASH = "[" + re.escape(_DASHES) + "]"


def _strs(values: Iterable[Any] | None) -> list[str]:
    return [str(v) for v in (values or [])]


def _common(cfg: dict[str, Any], lang: str, rel_pairs: list[tuple[_Rel, list[str]]],
            ) -> dict[str, str]:
    """Unnamed alternations shared by a language's patterns."""
    ar = lang == "ar"
    units = cfg.get("units", {})
    every_unit = [str(w) for forms in units.values() for ws in forms.values() for w in ws]
    multi_unit = [str(w) for forms in units.values() for k, ws in forms.items() if k != "one"
                  for w in ws]
    numbers = _words(cfg.get("numbers"))
    bare_unit = list(every_unit)
    if ar:  # definite forms: السنوات الثلاث، الأشهر الستة
        every_unit += ["ال" + w for w in every_unit]
        multi_unit += ["ال" + w for w in multi_unit]
        numbers += ["ال" + w for w in numbers]
    rel_year = [w for r, ws in rel_pairs if r.kind == "rel" and r.unit == "year" for w in ws]
    count_nouns = _strs(cfg.get("count_nouns"))
    connectors = _words(cfg.get("range_connectors"))
    dashes = [w for w in connectors if all(ch in _DASHES for ch in w)]
    season_not_after = "".join(rf"(?<!{re.escape(w)}\s)"
                               for w in _strs(cfg.get("season_not_after_word")))
    return {
        "month": _alt(_words(cfg.get("months")), lang, cased=not ar),
        "season": _alt(_words(cfg.get("seasons")), lang, cased=not ar),
        "season_not_after": season_not_after,
        "month_shift": _alt(_words(cfg.get("month_shift")), lang),
        "month_word": _alt(_strs(cfg.get("month_words")), lang),
        "year_word": _alt(_strs(cfg.get("year_words")), lang, elide=True),
        "rel_year": _alt(rel_year, lang, elide=True),
        "lead": _alt(_words(cfg.get("leads")), lang),
        "qual": _alt(_words(cfg.get("qualifiers")), lang),
        "onward": _alt(_strs(cfg.get("onward")), lang),
        "range_lead": _alt(_strs(cfg.get("range_leads")), lang),
        "conn_words": _alt([w for w in connectors if w not in dashes], lang),
        "conn_dash": _DASH if dashes else "(?!)",
        "unit": _alt(every_unit, lang, elide=True),
        "unit_multi": _alt(multi_unit, lang, elide=True),
        "unit_bare": _alt(bare_unit, lang),  # بعد أيام، قبل عامين: never definite
        "num": r"(?:\d{1,3}(?!\d)|" + _alt(numbers, lang) + ")",
        "hedge": _alt(_strs(cfg.get("durations", {}).get("hedges")), lang),
        "notcount": (r"(?!\s+" + _alt(count_nouns, lang) + r"(?!\w))") if count_nouns else "",
        "hmonth": _alt(_words(cfg.get("hijri_months")), lang),
        "day_ordinal": _alt(_words(cfg.get("day_ordinals")), lang, elide=True),
        "hmark": _alt(_strs(cfg.get("hijri_markers")), lang),
    }


def _wkw(name: str | None, alt: str, lang: str) -> str:
    """`_kw` for an already built alternation: whole words, Arabic particles outside."""
    core = f"(?P<{name}>{alt})" if name else alt
    if lang == "ar":
        return r"(?<!\w)" + _CLITIC + core + r"(?!\w)"
    return r"(?<!\w)" + core + r"(?!\w)"


def _core_en(p: str, c: dict[str, str]) -> str:
    """English date core: day-month-year, month-day-year, month-year, season-year, year."""
    ordn = r"(?:st|nd|rd|th)?"
    the = r"(?:[Tt]he\s+)?"

    def mon(name: str) -> str:
        return r"(?<!\w)" + _g(name, c["month"]) + r"(?!\w)"

    season = c["season_not_after"] + r"(?<!\w)" + c["season"] + r"(?!\w)"
    d1 = _g(p + "d1", _DAY) + ordn + rf"(?:\s*{_DASH}\s*" + _g(p + "d1b", _DAY) + ordn + ")?"
    d2 = _g(p + "d2", _DAY) + ordn + rf"(?:\s*{_DASH}\s*" + _g(p + "d2b", _DAY) + ordn + ")?"
    year_part = (r"(?:,?\s+(?:of\s+)?(?:" + _g(p + "y", _YEAR) + "|"
                 + _wkw(p + "ry", c["rel_year"], "en") + "))?")
    day_month = the + d1 + r"\s+(?:of\s+)?" + mon(p + "m1")
    month_day = (r"(?:" + _wkw(p + "ms", c["month_shift"], "en") + r"\s+)?" + mon(p + "m2")
                 + r"(?:\s+(?:the\s+)?" + d2 + ")?")
    seasons = (r"(?:" + _wkw(p + "ms2", c["month_shift"], "en") + r"\s+)?" + the
               + season.replace(c["season"], _g(p + "s", c["season"]), 1)
               + r"(?:\s+(?:and|or|to|through|into)\s+" + the + r"(?:(?:early|late)\s+)?"
               + season + ")?")
    year = (r"(?:" + _wkw(p + "yw", c["year_word"], "en") + r"\s+)?" + _g(p + "yr", _YEAR)
            + _g(p + "dec", r"['’]?s(?!\w)") + "?" + c["notcount"])
    return f"(?:(?:{day_month}|{month_day}|{seasons}){year_part}|{year})"


def _core_ar(p: str, c: dict[str, str]) -> str:
    """Arabic date core: 28 تموز 2016، تموز/يوليو 2016، شهر آب، عام 2013، صيف 2013."""
    monx = r"(?:\s*[/(-]?\s*" + _wkw(None, c["month"], "ar") + r"\s*\)?)?"  # تموز/يوليو
    mw = r"(?:" + _wkw(p + "mw", c["month_word"], "ar") + r"\s+)?"
    d1 = (r"(?:(?:ال\u0640*)?" + _g(p + "d1", _DAY)
          + rf"(?:\s*{_DASH}\s*" + _g(p + "d1b", _DAY) + ")?"
          + "|" + _wkw(p + "do", c["day_ordinal"], "ar") + ")")  # الثامن من
    yw = _wkw(None, c["year_word"], "ar")
    season = r"(?<!\w)" + _CLITIC + "{s}" + r"(?!\w)"
    year_part = (r"(?:\s*[،,]?\s*(?:من\s+)?(?:" + yw + r"\s+)?(?:" + _g(p + "y", _YEAR) + "|"
                 + _wkw(p + "ry", c["rel_year"], "ar") + "))?")
    day_month = (d1 + r"\s+(?:من\s+)?(?:" + _wkw(None, c["month_word"], "ar") + r"\s+)?"
                 + _wkw(p + "m1", c["month"], "ar") + monx)
    month = mw + _wkw(p + "m2", c["month"], "ar") + monx
    seasons = (season.format(s=_g(p + "s", c["season"])) + r"(?:\s+و\s*"
               + season.format(s=c["season"]) + ")?")
    shift = r"(?:\s+" + _wkw(p + "ms", c["month_shift"], "ar") + ")?"
    year = (r"(?:" + _wkw(p + "yw", c["year_word"], "ar") + r"\s*)?" + _g(p + "yr", _YEAR)
            + c["notcount"])
    return f"(?:(?:{day_month}|{month}|{seasons}){shift}{year_part}|{year})"


def _patterns_en(cfg: dict[str, Any], lang: str, rel_pairs: list[tuple[_Rel, list[str]]],
                 ) -> list[tuple[_Handler, str, int]]:
    c = _common(cfg, lang, rel_pairs)
    return _patterns(cfg, lang, rel_pairs, c, _core_en, qual_sep=rf"(?:\s*{_DASH}\s*|\s+)",
                     the=r"(?:[Tt]he\s+)?")


def _patterns_ar(cfg: dict[str, Any], lang: str, rel_pairs: list[tuple[_Rel, list[str]]],
                 ) -> list[tuple[_Handler, str, int]]:
    c = _common(cfg, lang, rel_pairs)
    return _patterns(cfg, lang, rel_pairs, c, _core_ar, qual_sep=r"\s+", the="")


def _patterns(cfg: dict[str, Any], lang: str, rel_pairs: list[tuple[_Rel, list[str]]],
              c: dict[str, str], core: Callable[[str, dict[str, str]], str], qual_sep: str,
              the: str) -> list[tuple[_Handler, str, int]]:
    """The expression families of one language, each with the handler that resolves it."""
    ar = lang == "ar"
    lead = _wkw("lead", c["lead"], lang)
    qual = _wkw("q", c["qual"], lang)
    onward = r"(?:\s+" + _wkw("on", c["onward"], lang) + ")?"
    atom = rf"(?:{lead}\s+)?(?:{qual}{qual_sep})?{the}" + core("", c) + onward

    def side(p: str) -> str:
        return (rf"(?:{_wkw(p + 'q', c['qual'], lang)}{qual_sep})?{the}" + core(p + "_", c))

    # Arabic و is written on the next word: بين 2013 و2015
    words = (c["conn_words"] + r"\s*") if ar else (_wkw(None, c["conn_words"], lang) + r"\s+")
    conn = r"(?P<conn>\s*" + c["conn_dash"] + r"\s*|\s+" + words + ")"
    yw_opt = (r"(?:" + _wkw(None, c["year_word"], lang) + r"\s+)?") if ar else ""
    rng = (rf"(?:{_wkw('rl', c['range_lead'], lang)}\s+)?" + yw_opt + side("a") + conn
           + side("b"))
    two_digit = (rf"(?:{_wkw('rl', c['range_lead'], lang)}\s+)?" + _g("ya", _YEAR_LOOSE)
                 + r"\s*(?P<sep>[/" + re.escape(_DASHES) + r"])\s*"
                 + _g("yb", r"\d{2}") + r"(?![\d%٪]|[.,:/]\d)")

    units = cfg.get("units", {})
    unit_words = {_fold(str(w), lang) for f in units.values() for ws in f.values() for w in ws}
    fixed = [v for _, ws in rel_pairs for w in ws  # للعام الماضي
             for v in _variants(w, lang, elide=_fold(w, lang).split()[0][2:] in unit_words)]
    rel = rf"(?:{lead}\s+)?(?:{qual}{qual_sep})?" + _kw("rel", fixed, lang)

    dur = cfg.get("durations", {})
    num, unit, hedge = c["num"], c["unit"], c["hedge"]

    def hedged(name: str) -> str:
        return rf"(?:{_wkw(name, hedge, lang)}\s+)?"

    # "بعد عام 2013" is a date, not "a year later"; "بعد شهر رمضان" names the month
    not_year = (r"(?!\s*\d|\s+" + _wkw(None, c["month"], lang) + r"|\s+"
                + _wkw(None, c["hmonth"], lang) + ")")
    conflict = cfg.get("conflict", {})
    nouns = _wkw("cnoun", _alt(conflict.get("nouns", []), lang, elide=True), lang)
    adj = _alt(conflict.get("adjectives", []), lang)
    begin = _wkw("cb", _alt(conflict.get("begin", []), lang), lang)
    first = _wkw("cf", _alt(conflict.get("first", []), lang), lang)

    if ar:
        past = (_wkw("du", c["unit_multi"], lang) + rf"(?:\s+{_wkw('dn', num, lang)})?"
                + rf"(?:\s+{_kw(None, dur.get('few', []), lang)})?"
                + r"\s+" + _kw("dadj", list(dur.get("past", [])) + list(dur.get("recent", [])),
                               lang))
        ago = (_kw("al", list(dur.get("ago", [])) + list(dur.get("since", [])), lang) + r"\s+"
               + hedged("h1") + rf"(?:{_wkw('an', num, lang)}\s+)?"
               + _wkw("au", c["unit_bare"], lang)
               + not_year + rf"(?:\s+{_wkw('an2', num, lang)})?"
               + rf"(?:\s+{_kw(None, dur.get('few', []), lang)})?")
        later = (_kw("fl", dur.get("after_leads", []), lang) + r"\s+" + hedged("h2")
                 + rf"(?:{_wkw('fn', num, lang)}\s+)?" + _wkw("fu", c["unit_bare"], lang)
                 + not_year + rf"(?:\s+{_wkw('fn2', num, lang)})?"
                 + rf"(?:\s+{_kw(None, dur.get('few', []), lang)})?")
        conflict_re = (rf"(?:{lead}\s+)?(?:" + begin + r"|" + _wkw("cu", unit, lang)
                       + rf"(?:\s+{_wkw('cn', num, lang)})?\s+" + first
                       + r"\s+(?:من\s+(?:عمر\s+)?)?" + r")\s*" + nouns
                       + rf"(?:\s+{_wkw(None, adj, lang)})?")
        hijri = (r"(?:" + _g("hd", _DAY) + r"\s+)?(?:" + _wkw("hm", c["hmonth"], lang)
                 + r"\s+)?(?:" + _wkw(None, c["year_word"], lang) + r"\s+)?"
                 + _g("hy", r"(?<![\d.,/])\d{4}(?!\d)")
                 + r"(?:\s*" + _g("hk", c["hmark"]) + r"(?!\w))?")
    else:
        dets = _kw("ddet", dur.get("determiners", ["the"]), lang)
        past = (dets + r"\s+" + _kw("dadj", dur.get("past", []), lang) + r"\s+"
                + rf"(?:{_wkw('dn', num, lang)}\s+)?" + _wkw("du", unit, lang)
                + r"|" + _kw("drec", dur.get("recent", []), lang) + r"\s+"
                + _wkw("du2", unit, lang))
        ago = (hedged("h3") + rf"(?:{_wkw('an', num, lang)}\s+)?" + _wkw("au", unit, lang) + r"\s+"
               + _kw("al", dur.get("ago", []), lang))
        later = (hedged("h4") + rf"(?:{_wkw('fn', num, lang)}\s+)?" + _wkw("fu", unit, lang)
                 + r"\s+" + _kw("fdir", list(dur.get("later", [])) + list(dur.get("earlier", [])),
                                lang)
                 + r"|" + _kw("fl", dur.get("after_leads", []), lang) + r"\s+" + hedged("h5")
                 + rf"(?:{_wkw('fn2', num, lang)}\s+)?" + _wkw("fu2", unit, lang) + not_year)
        conflict_re = (rf"(?:{lead}\s+)?(?:[Tt]he\s+)?(?:" + begin + r"|" + first
                       + rf"\s+(?:{_wkw('cn', num, lang)}\s+)?" + _wkw("cu", unit, lang)
                       + r")\s+of\s+(?:[Tt]he\s+)?" + rf"(?:{_wkw(None, adj, lang)}\s+)?"
                       + nouns)
        hijri = (r"(?:" + _g("hd", _DAY) + r"(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:"
                 + _wkw("hm", c["hmonth"], lang) + r",?\s+)?"
                 + _g("hy", r"(?<![\d.,/])\d{4}(?!\d)")
                 + r"(?:\s*" + _g("hk", c["hmark"]) + r"(?!\w))?")
    numeric = (r"(?<![\w/.\-])(?:" + _g("iy", r"\d{4}") + _g("s1", "[-/.]")
               + _g("im", r"\d{1,2}") + r"(?P=s1)" + _g("id", r"\d{1,2}")
               + r"|" + _g("na", r"\d{1,2}") + _g("s2", "[/.]") + _g("nb", r"\d{1,2}")
               + r"(?P=s2)" + _g("ny", r"\d{4}") + r")(?![\w/\-]|\.\d)")
    named = _wkw("named", _alt(_words(cfg.get("named")), lang, elide=True), lang)
    return [
        (_on_named, named, _NAMED),  # first: on a tie, "14 آذار" the coalition beats the date
        (_on_atom, atom, _DATED),
        (_on_range, rng, _MULTI),
        (_on_two_digit, two_digit, _DIGITS),
        (_on_rel, rel, _REL),
        (_on_past, past, _UNIT),
        (_on_ago, ago, _UNIT),
        (_on_later, later, _UNIT),
        (_on_conflict, conflict_re, _NOUN),
        (_on_hijri, hijri, _DIGITS),
        (_on_numeric, numeric, _DIGITS),
    ]


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class _Parts:
    """What a date core says, before the year of a bare month is inferred."""

    year: int | None = None
    year_shift: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    season: int | None = None
    decade: bool = False
    month_shift: str | None = None
    cue: bool = False  # a word that makes a bare month a date ("شهر تموز")


def _parts(gd: Mapping[str, str | None], p: str, lx: _Lexicon) -> _Parts | None:
    ytext = gd.get(p + "y") or gd.get(p + "yr")
    year = int(ytext) if ytext else None
    if year is not None and not 1900 <= year <= 2099:
        return None
    rel = lx.get("rel", gd.get(p + "ry"))
    month = lx.get("month", gd.get(p + "m1") or gd.get(p + "m2"))
    dtext = gd.get(p + "d1") or gd.get(p + "d2")
    d2text = gd.get(p + "d1b") or gd.get(p + "d2b")
    day = int(dtext) if dtext else lx.get("dord", gd.get(p + "do"))
    day2 = int(d2text) if d2text else None
    if day is not None and not 1 <= day <= 31:
        return None
    if day2 is not None and (day is None or not day < day2 <= 31):
        day2 = None
    decade = bool(gd.get(p + "dec"))
    if decade and (year is None or year % 10):
        return None
    shift = lx.get("month_shift", gd.get(p + "ms") or gd.get(p + "ms2"))
    return _Parts(year=year, year_shift=rel.shift if rel else None, month=month, day=day,
                  day2=day2, season=lx.get("season", gd.get(p + "s")), decade=decade,
                  month_shift=shift, cue=bool(gd.get(p + "mw") or gd.get(p + "yw")))


def _infer_year(month: int, day: int | None, base: _PD, shift: str | None) -> int:
    """The year of a month given without one: the latest not after `base` (or per `shift`)."""
    by, bm, bd = base
    if bm is None:
        return by
    key = (month, day or 0)
    bkey = (bm, bd if (bd and day) else 0)
    if shift == "past":
        return by if key < bkey else by - 1
    if shift == "next":
        return by if key > bkey else by + 1
    return by if key <= bkey else by - 1


@dataclass(frozen=True)
class _Res:
    when: _PD
    until: _PD | None
    relative: bool


def _resolve(parts: _Parts, pub: _PD | None, ref: _PD | None = None,
             season_month: bool = False) -> _Res | None:
    """Turn parts into a period; a missing year comes from `ref`, else the publication."""
    y, rel = parts.year, False
    if y is None and parts.year_shift is not None:
        if pub is None:
            return None
        y, rel = pub[0] + parts.year_shift, True
    month = parts.month or parts.season
    if month is None:
        if y is None:
            return None
        if parts.decade:
            return _Res((y, None, None), (y + 9, None, None), rel)
        return _Res((y, None, None), None, rel)
    if y is None:
        base = ref or pub
        if base is None:
            return None
        y = _infer_year(month, parts.day if parts.month else None, base, parts.month_shift)
        rel = ref is None
    if parts.season:
        return _Res((y, parts.season if season_month else None, None), None, rel)
    if parts.day is not None:
        last = calendar.monthrange(y, month)[1]
        if parts.day > last:
            return None
        until = (y, month, parts.day2) if parts.day2 and parts.day2 <= last else None
        return _Res((y, month, parts.day), until, rel)
    return _Res((y, month, None), None, rel)


def _span_start(m: re.Match[str], skip: Iterable[str] = ()) -> int:
    """Where the mention starts: its first matched named group, ignoring `skip` groups."""
    skipped = set(skip)
    starts = [m.start(n) for n, v in m.groupdict().items() if v is not None and n not in skipped]
    return min(starts) if starts else m.start()


def _mention(m: re.Match[str], start: int, when: _PD | None, until: _PD | None,
             qualifier: str | None, relative: bool, precision: str | None = None,
             ) -> TimeMention:
    end = m.end()
    text = m.string
    while end > start and text[end - 1].isspace():
        end -= 1
    if when is not None and until is not None and _key(until) <= _key(when):
        until = None
    prec = precision or _prec(when) or _prec(until) or "year"
    return TimeMention(start, end, text[start:end], _fmt(when), _fmt(until), prec, qualifier,
                       relative)


def _apply_lead(lead: str | None, res: _Res, pub: _PD | None,
                ) -> tuple[_PD | None, _PD | None, bool]:
    """since/until/before/after turn a point into an open or closed period."""
    when, until, rel = res.when, res.until, res.relative
    if lead == "since":
        return when, _since_until(when, pub), rel or pub is not None
    if lead in ("until", "before"):
        return None, until or when, rel
    if lead == "after":
        return until or when, None, rel
    return when, until, rel


def _lead_of(m: re.Match[str], lx: _Lexicon, name: str = "lead") -> tuple[str | None, bool]:
    """(qualifier of the lead word, whether the lead is only a locating preposition)."""
    text = m.groupdict().get(name)
    if text is None:
        return None, False
    value = lx.get("lead", text)
    return value, value is None


def _on_atom(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    gd = m.groupdict()
    parts = _parts(gd, "", lx)
    if parts is None:
        return None
    lead, neutral = _lead_of(m, lx)
    qual = lx.get("qual", gd.get("q"))
    onward = gd.get("on") is not None
    no_year = parts.year is None and parts.year_shift is None
    if no_year and parts.day is None and parts.month_shift is None and not parts.cue:
        # A bare month or season ("May", "the March offensive", "the fall of") needs a cue,
        # a spelling that is also a common word (اب) needs a day or year, and a month name
        # with a particle attached (من باب) is another word.
        if gd.get("lead") is None and qual is None:
            return None
        if gd.get("m2") and (gd["m2"] in lx.need_day_or_year
                             or m.string[m.start("m2") - 1].isalpha()):
            return None
        if parts.season and lx.season_block_after and lx.season_block_after.match(
                m.string, m.end()):
            return None
    if onward and lead is None:
        lead, neutral = "since", False  # "from 2013 onwards": "from" is part of it
    res = _resolve(parts, pub, season_month=lead is not None)
    if res is None:
        return None
    when, until, rel = _apply_lead(lead, res, pub)
    qualifier = lead or (None if parts.season else qual)
    start = _span_start(m, ("lead",) if neutral else ())
    return _mention(m, start, when, until, qualifier, rel)


def _on_named(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """A date known by name ("9/11"), or a name that only looks like a date."""
    iso = lx.get("named", m.group("named"))
    start = m.start("named")
    if iso is None:
        return TimeMention(start, m.end(), m.group("named"), None, None, _BLOCKED, None, False)
    return _mention(m, start, _parse_iso(iso), None, None, False)


def _on_range(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    gd = m.groupdict()
    a, b = _parts(gd, "a_", lx), _parts(gd, "b_", lx)
    if a is None or b is None:
        return None
    needs_lead = lx.get("conn", gd["conn"].strip())
    if needs_lead and gd.get("rl") is None:
        return None
    dated = any(x.year is not None or x.year_shift is not None or x.day is not None
                for x in (a, b))
    if not dated and gd.get("rl") is None:
        return None
    rb = _resolve(b, pub)
    if rb is None:
        return None
    ra = _resolve(a, pub, ref=rb.when if (a.year is None and a.year_shift is None) else None)
    if ra is None:
        return None
    end = rb.until or rb.when
    if _key(end) < _key(ra.when):
        return None
    return _mention(m, _span_start(m), ra.when, end, None, ra.relative or rb.relative)


def _on_two_digit(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    ya, yb = int(m.group("ya")), int(m.group("yb"))
    if not 1900 <= ya <= 2099:
        return None
    y2 = ya // 100 * 100 + yb
    if ya < y2 <= ya + 20:
        return _mention(m, _span_start(m), (ya, None, None), (y2, None, None), None, False)
    if m.group("sep") in _DASHES and 1 <= yb <= 12 and m.group("rl") is None:
        return _mention(m, _span_start(m), (ya, yb, None), None, None, False)  # ISO "2014-07"
    return None


def _on_rel(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """Fixed phrases: "last year", "earlier this month", "now", "at the time", "since then"."""
    gd = m.groupdict()
    rel: _Rel | None = lx.get("rel", gd["rel"])
    if rel is None:
        return None
    lead, neutral = _lead_of(m, lx)
    whole_phrase = False
    if gd.get("lead") and not gd.get("q"):
        whole: _Rel | None = lx.get("rel", m.string[m.start("lead"):m.end()])
        if whole is not None:  # حتى الآن is one phrase ("so far"), not until + now
            rel, lead, neutral, whole_phrase = whole, None, False, True
    skip = [] if whole_phrase else ["lead"] if (neutral or lead is None) else []
    if rel.kind == "anaphor":  # منذ + ذلك الحين: the lead word gives the qualifier
        qualifier = rel.qualifier or lead
        until = _trunc(pub, "month") if (qualifier == "since" and pub) else None
        prec = {"hour": "day", "week": "day", "decade": "year"}.get(rel.unit, rel.unit)
        return _mention(m, _span_start(m, [*skip, "q"]), None, until, qualifier, True,
                        precision=prec)
    if pub is None:
        return None
    if rel.kind == "present":
        when: _PD = (pub[0], None, None)
    else:
        moved, prec = _shift(pub, rel.unit, rel.shift)
        if rel.unit == "week":
            prec = "month"
        when = _trunc(moved, _coarsest(prec, _prec(pub)))
    qual = lx.get("qual", gd.get("q")) if rel.kind == "rel" else None
    w, u, _ = _apply_lead(lead, _Res(when, None, True), pub)
    if rel.kind != "rel":
        skip.append("q")
    return _mention(m, _span_start(m, skip), w, u, lead or qual, True)


def _count(lx: _Lexicon, num: str | None, unit_text: str | None) -> tuple[str, int] | None:
    """(unit, how many) from a number word and a unit word ("two years", "عامين", "days")."""
    unit = lx.get("unit", unit_text)
    if unit is None:
        return None
    name, hint = unit
    n = None
    if num:
        n = int(num) if num.strip().isdigit() else lx.get("num", num)
    if n is None:
        n = hint if hint is not None else lx.plural_default
    if not 0 < n <= (30 if name in ("year", "decade") else 400):
        return None  # "999 decades ago" is no date
    return str(name), int(n)


def _on_past(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"the past two years", "in recent years", "الأشهر الستة الماضية": a period up to now."""
    if pub is None:
        return None
    gd = m.groupdict()
    got = _count(lx, gd.get("dn"), gd.get("du") or gd.get("du2"))
    if got is None:
        return None
    unit, n = got
    adj = gd.get("dadj")
    recent = gd.get("drec") is not None or lx.get("dur", adj) == "recent"
    start, _ = _shift(pub, unit, -n)
    if (recent and unit in ("year", "decade")) or pub[1] is None:
        when, until = _trunc(start, "year"), _trunc(pub, "year")
    else:
        when, until = _trunc(start, "month"), _trunc(pub, "month")
    return _mention(m, _span_start(m), when, until, None, True)


def _on_ago(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"two years ago", "قبل عامين" (a point); "منذ عامين" (from then until publication)."""
    if pub is None:
        return None
    gd = m.groupdict()
    got = _count(lx, gd.get("an") or gd.get("an2"), gd.get("au"))
    if got is None:
        return None
    unit, n = got
    point, prec = _shift(pub, unit, -n)
    if unit == "week":
        prec = "month"
    when = _trunc(point, _coarsest(prec, _prec(pub)))
    if lx.get("dur", gd.get("al")) == "since":
        return _mention(m, _span_start(m), when, _since_until(when, pub), "since", True)
    return _mention(m, _span_start(m), when, None, None, True)


def _on_later(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"days later", "after several months", "بعد أيام": after (or before) an anchor."""
    gd = m.groupdict()
    got = _count(lx, gd.get("fn") or gd.get("fn2"), gd.get("fu") or gd.get("fu2"))
    if got is None:
        return None
    unit = got[0]
    direction = lx.get("dur", gd.get("fdir")) if gd.get("fdir") else "after"
    qualifier = "before" if direction == "earlier" else "after"
    prec = {"hour": "day", "week": "day", "decade": "year"}.get(unit, unit)
    found = _mention(m, _span_start(m), None, None, qualifier, True, precision=prec)
    if _exact_count(lx, gd.get("fn") or gd.get("fn2"), gd.get("fu") or gd.get("fu2")):
        found = dataclasses.replace(found, shift=(unit, got[1] if qualifier == "after"
                                                  else -got[1]))
    return found


def _exact_count(lx: _Lexicon, num: str | None, unit_text: str | None) -> bool:
    """Whether a count is meant exactly: "a year", "two months", "عامين", not "several
    months" or a bare plural ("days later")."""
    if num:
        return num.strip().isdigit() or _norm(num, lx.lang) not in lx.vague_numbers
    unit = lx.get("unit", unit_text)
    return unit is not None and unit[1] is not None


def shift_date(when: str, shift: tuple[str, int]) -> tuple[str, str] | None:
    """`when` moved by an exact distance, with its precision ("2014-07" a year later is
    "2015-07"); None where the unit is finer than the date ("2014" two months later)."""
    start = _parse_iso(when)
    unit, n = shift
    if start is None or unit == "month" and start[1] is None or \
            unit in ("day", "week", "hour") and start[2] is None:
        return None
    moved, _ = _shift(start, unit, n)
    if unit in ("year", "decade"):
        moved = (moved[0], start[1], start[2])
    return _fmt(moved), _prec(moved) or "year"


def _on_conflict(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"the first two years of the war", "بداية الثورة": counted from the conflict's start."""
    gd = m.groupdict()
    lead, neutral = _lead_of(m, lx)
    sy, sm, _ = lx.conflict_start
    if gd.get("cb") is not None:
        res = _Res((sy, None, None), None, False)
        qualifier: str | None = "early"
    else:
        got = _count(lx, gd.get("cn"), gd.get("cu"))
        if got is None:
            return None
        unit, n = got
        end, prec = _shift((sy, sm or 1, 1), unit, n)
        if unit in ("year", "decade") or sm is None:
            res = _Res((sy, None, None), (end[0], None, None), False)
        else:
            res = _Res((sy, sm, None), (end[0], end[1], None), False)
        qualifier = None
    when, until, rel = _apply_lead(lead, res, pub)
    return _mention(m, _span_start(m, ("lead",) if neutral else ()), when, until,
                    lead or qualifier, rel)


def _on_hijri(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"رمضان 1435 هـ", "Ramadan 1435 AH": the Gregorian month in which the Hijri one starts."""
    gd = m.groupdict()
    if gd.get("hk") is None and gd.get("hm") is None:
        return None
    hy = int(m.group("hy"))
    if not 1300 <= hy <= 1500:
        return None
    month = lx.get("hmonth", gd.get("hm"))
    day = int(gd["hd"]) if gd.get("hd") and month else None
    if day is not None and not 1 <= day <= 30:
        return None
    g = hijri_to_gregorian(hy, month or 1, day or 1)
    when: _PD = (g.year, g.month if month else None, g.day if day else None)
    return _mention(m, _span_start(m), when, None, None, False)


def _on_numeric(m: re.Match[str], lx: _Lexicon, pub: _PD | None) -> TimeMention | None:
    """"2017-04-12", "12/04/2017" (order from the YAML when both could be the month)."""
    gd = m.groupdict()
    if gd.get("iy"):
        y, mo, d = int(gd["iy"]), int(gd["im"]), int(gd["id"])
    else:
        a, b, y = int(gd["na"]), int(gd["nb"]), int(gd["ny"])
        if a > 12 or (b <= 12 and lx.numeric_order == "dmy"):
            d, mo = a, b
        else:
            mo, d = a, b
    if not (1900 <= y <= 2099 and 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]):
        return None
    return _mention(m, m.start(), (y, mo, d), None, None, False)


# --------------------------------------------------------------------------- public


def _select(cands: list[TimeMention]) -> list[TimeMention]:
    """Non-overlapping mentions, longest first; among equals the earlier family wins."""
    starts: list[int] = []  # chosen spans, kept sorted and disjoint
    ends: list[int] = []
    chosen: list[TimeMention] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, c.start)
        if i and ends[i - 1] > c.start:
            continue  # overlaps the chosen span that starts at or before it
        if i < len(starts) and starts[i] < c.end:
            continue  # overlaps the next chosen span
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_BEFORE, _AFTER = 48, 32  # how far an expression may reach before/after its trigger word
_SPACE = re.compile(r"\s")


def _windows(text: str, lx: _Lexicon) -> list[tuple[int, int, int]]:
    """(start, end, trigger kinds) of the stretches of text around trigger words, cut at
    white space. Only these are searched: most of a report holds no time words."""
    if lx.lang == "ar":
        folded = text
        for ch in "أإآٱ":
            folded = folded.replace(ch, "ا")
        folded = folded.replace("ة", "ه").replace("ى", "ي")
    else:
        folded = text.lower()
        if len(folded) != len(text):
            folded = text.translate(_ASCII_LOWER)
    n = len(text)
    ar = lx.lang == "ar"
    kinds_of = lx.trigger_kinds
    raw: list[list[int]] = []
    search = _trigger_search(folded, lx)
    pos = 0
    while m := search(pos):
        start, end = m.span()
        pos = start + 1  # a rejected trigger may hide a shorter one inside it
        if folded[start].isdigit():
            word = folded[start:end]
            kind = _DIGITS if word.isdigit() else kinds_of.get(
                " ".join(word.translate(_WESTERN_DIGITS).split()), _DIGITS)
        else:
            k = start
            if k and ar and folded[k - 1] in "وفبلك":  # attached particles: وبعام
                k -= 2 if (k > 1 and folded[k - 2] in "وفل") else 1
            if k and folded[k - 1].isalpha():
                continue  # "know", "كتاب": inside another word
            kind = kinds_of.get(" ".join(folded[start:end].split()), _REL)
            if kind == _MONTH and not ar and not text[start].isupper():
                continue  # "may", "march": English month names are capitalised
        pos = end
        s, e = start - _BEFORE, end + _AFTER
        if raw and s <= raw[-1][1]:
            last = raw[-1]
            last[1] = e
            if kind & _DATED and last[2] & _DATED:
                kind |= _MULTI
            last[2] |= kind
            continue
        if s <= 0:
            s = 0
        else:
            cut = max(text.rfind(" ", s - _BEFORE, s), text.rfind("\n", s - _BEFORE, s))
            s = cut + 1 if cut >= 0 else s
        raw.append([s, e, kind])
    spans: list[tuple[int, int, int]] = []
    for s, e, kind in raw:
        if e >= n:
            e = n
        else:
            sp = _SPACE.search(text, e, min(n, e + _AFTER))
            e = sp.start() if sp else min(n, e + _AFTER)
        if spans and s <= spans[-1][1]:
            ps, pe, pk = spans[-1]
            if kind & _DATED and pk & _DATED:
                kind |= _MULTI
            spans[-1] = (ps, max(e, pe), pk | kind)
        else:
            spans.append((s, e, kind))
    return spans


_DIGIT_RUN = re.compile(r"\d{4,}")


def _trigger_search(text: str, lx: _Lexicon) -> Callable[[int], re.Match[str] | None]:
    """`lx.trigger.search(text, pos)`, for a `pos` that only grows: the trigger is tried
    only where four digits or the opening of a trigger word stand, not at every character.
    """
    if lx.trigger_openings is None:
        return lambda pos: lx.trigger.search(text, pos)
    found = {end - len(opening) + 1 for end, opening in lx.trigger_openings.iter(text)}
    for run in _DIGIT_RUN.finditer(text):
        found.update(range(run.start(), run.end() - 3))
    starts = sorted(found)
    match = lx.trigger.match
    index = 0

    def search(pos: int) -> re.Match[str] | None:
        nonlocal index
        index = bisect.bisect_left(starts, pos, index)
        while index < len(starts):
            hit = match(text, starts[index])
            if hit:
                return hit
            index += 1
        return None

    return search


def find_times(text: str, published: str | None, lang: str = "en") -> list[TimeMention]:
    """All time expressions in `text`, resolved against `published` (ISO partial date or None), sorted by start, non-overlapping (longest wins)."""  # noqa: E501
    lx = _lexicon(lang)
    pub = _parse_iso(published)
    cands: list[TimeMention] = []
    for ws, we, kinds in _windows(text, lx):
        for handler, pattern, needs in lx.patterns:
            if not kinds & needs:
                continue
            for m in pattern.finditer(text, ws, we):
                found = handler(m, lx, pub)
                if found is not None and found.end > found.start:
                    cands.append(found)
    return [c for c in _select(cands) if c.precision != _BLOCKED]
