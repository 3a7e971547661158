"""The metadata block at the top of a text file, and publication dates.

Our .txt convention (see ``eval/GUIDELINES.md``) is a few ``key: value`` lines,
a blank line, then the article exactly as published. Evidence offsets count
from the first character after that blank line, so `parse_header` returns the
body untouched and the offset where it starts. Markdown's ``---`` front matter
is read the same way. A file without a header may still open with a title and
a dateline; `sniff_front_matter` picks those up.
"""

from __future__ import annotations

import datetime as dt
import re

HEADER_MAX_LINES = 40
# A block counts as a header only if it names at least one of these, so that an
# article opening with "Note: ..." is not swallowed.
CORE_KEYS = frozenset({"url", "title", "lang", "language", "date", "published"})
# Values that people write to say "no value".
PLACEHOLDERS = frozenset({"", "unknown", "none", "null", "n/a", "na", "-", "?"})

_KEY_LINE = re.compile(r"([A-Za-z][\w-]{0,39})[ \t]*:[ \t]*(.*?)[ \t]*")
_FRONT_MATTER_FENCE = re.compile(r"---[ \t]*")
_FRONT_MATTER_END = re.compile(r"(?:---|\.\.\.)[ \t]*")


def _lines_with_ends(text: str) -> list[tuple[str, int]]:
    """(line without its newline, offset just past the newline) for each line."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        out.append((line.rstrip("\n"), pos))
    return out


def _key(raw: str) -> str:
    return raw.strip().lower().replace("-", "_")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_header(text: str) -> tuple[dict[str, str], str, int]:
    """Split `text` into (metadata, body, body_offset) with ``text[body_offset:] == body``.

    The body starts right after the blank line that ends the header; nothing
    else is stripped, so offsets into the body match the gold files. Keys are
    lowercased with hyphens as underscores; the first occurrence of a key wins.
    Without a header the metadata is empty and the body is the whole text.
    """
    lines = _lines_with_ends(text[: 200 * HEADER_MAX_LINES])
    if not lines:
        return {}, text, 0
    if _FRONT_MATTER_FENCE.fullmatch(lines[0][0]):
        parsed = _parse_front_matter(lines)
    else:
        parsed = _parse_key_block(lines, len(text))
    if parsed is None:
        return {}, text, 0
    meta, offset = parsed
    return meta, text[offset:], offset


def _parse_key_block(
    lines: list[tuple[str, int]], text_len: int
) -> tuple[dict[str, str], int] | None:
    meta: dict[str, str] = {}
    for index, (line, end) in enumerate(lines):
        if not line.strip():
            return (meta, end) if CORE_KEYS & meta.keys() else None
        if index >= HEADER_MAX_LINES:
            return None
        match = _KEY_LINE.fullmatch(line)
        if match is None:
            return None
        meta.setdefault(_key(match.group(1)), _unquote(match.group(2)))
    # A header with no body after it: keep it (the reader reports the empty body),
    # but only when we read the whole text, not a truncated prefix.
    if lines and lines[-1][1] == text_len and CORE_KEYS & meta.keys():
        return meta, text_len
    return None


def _parse_front_matter(lines: list[tuple[str, int]]) -> tuple[dict[str, str], int] | None:
    meta: dict[str, str] = {}
    for line, end in lines[1 : HEADER_MAX_LINES + 2]:
        if _FRONT_MATTER_END.fullmatch(line):
            return meta, end
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_LINE.fullmatch(line)
        if match is not None:
            meta.setdefault(_key(match.group(1)), _unquote(match.group(2)))
        # Lines we do not understand (YAML lists, nested keys) are skipped, not fatal.
    return None


def clean_value(value: object) -> str | None:
    """A metadata string, or None for blanks and placeholders such as "unknown"."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return None if value.lower() in PLACEHOLDERS else value


# --- dates -------------------------------------------------------------------------

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
# Both the Egyptian/Gulf month names and the Levantine/Iraqi ones, with common spellings.
_AR_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_EN = _alternation(_EN_MONTHS)
_AR = _alternation(_AR_MONTHS)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)

# Full dates (day precision): safe to look for inside running text.
_DAY_PATTERNS: list[tuple[re.Pattern[str], tuple[str, str, str]]] = [
    (re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), ("y", "m", "d")),
    (re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_EN})\.?,?\s+(\d{{4}})(?!\d)",
                re.IGNORECASE), ("d", "m", "y")),
    (re.compile(rf"\b({_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)",
                re.IGNORECASE), ("m", "d", "y")),
    (re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?({_AR})(?![^\W\d_])\s*[،,]?\s*(?:عام\s+|سنة\s+)?(\d{{4}})"
                r"(?!\d)"), ("d", "m", "y")),
    # 31/12/2017 only when the day cannot be a month, so nothing is guessed.
    (re.compile(r"(?<!\d)(1[3-9]|2\d|3[01])[/.](\d{1,2})[/.](\d{4})(?!\d)"), ("d", "m", "y")),
    (re.compile(r"(?<!\d)(\d{1,2})[/.](1[3-9]|2\d|3[01])[/.](\d{4})(?!\d)"), ("m", "d", "y")),
]
# Coarser forms, accepted only when they are the whole metadata value.
_MONTH_PATTERNS: list[tuple[re.Pattern[str], tuple[str, str]]] = [
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), ("y", "m")),
    (re.compile(rf"({_EN})\.?,?\s+(\d{{4}})", re.IGNORECASE), ("m", "y")),
    (re.compile(rf"({_AR})(?![^\W\d_])\s*[،,]?\s*(\d{{4}})"), ("m", "y")),
]
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d/.\-])")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{2,6})?(?:[Zz+\-].*)?")


def _month(token: str) -> int:
    if token.isdigit():
        return int(token)
    key = token.lower().rstrip(".")
    return _EN_MONTHS.get(key) or _AR_MONTHS.get(token, 0)


def _iso(
    year: str | int, month: str | int | None = None, day: str | int | None = None
) -> str | None:
    """Format and validate; None for impossible dates such as 2017-02-30."""
    y = int(year)
    if not 1000 <= y <= 2999:
        return None
    if month is None:
        return f"{y:04d}"
    m = _month(month) if isinstance(month, str) else month
    if not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, int(day)).isoformat()
    except ValueError:
        return None


def _from_groups(match: re.Match[str], order: tuple[str, ...]) -> str | None:
    parts = dict(zip(order, match.groups(), strict=True))
    return _iso(parts["y"], parts["m"], parts.get("d"))


def find_date(text: str) -> str | None:
    """The first day-precision date written anywhere in `text` (a dateline), as ISO."""
    text = text.translate(_DIGITS)
    found: list[tuple[int, str]] = []
    for pattern, order in _DAY_PATTERNS:
        for match in pattern.finditer(text):
            iso = _from_groups(match, order)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def normalise_date(value: object) -> str | None:
    """An ISO partial date ("2014", "2014-12", "2014-12-15") from a metadata value.

    Accepts ISO dates and timestamps (the date as written, time zone ignored),
    PDF dates ("D:20170412..."), compact "20170412", "12 April 2017",
    "April 12, 2017", "Apr 2017", RFC 2822 ("Wed, 12 Apr 2017 10:00:00 GMT"),
    Arabic month names in both naming systems and Arabic-Indic digits.
    Returns None when nothing sure can be read: 03/04/2017 is not guessed.
    """
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        return _iso(value)
    if not isinstance(value, str):
        return None
    text = value.strip().translate(_DIGITS)
    if not text:
        return None
    for pattern, groups in ((_ISO_PREFIX, 3), (_PDF_DATE, 3)):
        match = pattern.match(text)
        if match:
            y, m, d = match.groups()[:groups]
            return _iso(y, m, d)
    match = _COMPACT.fullmatch(text)
    if match:
        return _iso(*match.groups())
    day = find_date(text)
    if day:
        return day
    for pattern, order in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _from_groups(match, order)
    return None


def sniff_front_matter(body: str, max_lines: int = 5) -> dict[str, str]:
    """Title and dateline from the first `max_lines` non-empty lines of a header-less text.

    The title is the first non-empty line when it is short (under 200
    characters) and is not itself the dateline; a dateline must be a short line
    (a date inside the first sentence of the article is not a publication date).
    """
    lines: list[str] = []
    for line in body[:20_000].splitlines():
        if line.strip():
            lines.append(line.strip())
            if len(lines) >= max_lines:
                break
    found: dict[str, str] = {}
    date_line = None
    for index, line in enumerate(lines):
        if len(line) <= 120:
            iso = find_date(line)
            if iso:
                found["published"] = iso
                date_line = index
                break
    for index, line in enumerate(lines):
        if index == date_line:
            continue
        title = line.lstrip("#").strip()
        if title and len(title) < 200:
            found["title"] = title
        break
    return found
