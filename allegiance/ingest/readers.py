"""Turn files into `RawDocument`s: one reader per format, registered by extension.

A bad file must not stop a run over a folder of thousands, so `read_path`
never raises for bad input: each failure comes back as a `ReadProblem` holding
a numbered `InputError` (see `allegiance.errors.INPUT_CODES`). The text a
reader returns is what later stages show and count offsets into, so readers
change it as little as they can: decode, unify newlines, split off a header.
"""

from __future__ import annotations

import codecs
import datetime
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allegiance.config import DEFAULT_MAX_BYTES
from allegiance.errors import InputError
from allegiance.ingest.header import (
    clean_value,
    normalise_date,
    parse_header,
    sniff_front_matter,
)
from allegiance.ingest.language import detect_language, normalise_lang


@dataclass
class RawDocument:
    """One document's text and what its file says about it, before any analysis."""

    text: str  # the body (after the header if any), exactly as shown and offset into
    source_path: str  # file path; for JSONL "path#L12"
    name: str  # file stem, or the JSONL "id": the doc name in outputs
    title: str | None
    url: str | None
    published: str | None  # ISO partial date: "2014", "2014-12", "2014-12-15"
    lang: str | None  # "en" | "ar" | other ISO 639-1 | "und" | None
    fmt: str  # "txt" | "md" | "html" | "pdf" | "docx" | "jsonl"
    meta: dict[str, Any] = field(default_factory=dict)  # the rest; "warnings": list[str]


@dataclass
class ReadProblem:
    """A file (or one JSONL line) that could not be read, and why."""

    path: str
    error: InputError


@dataclass
class ReadOptions:
    """Limits that protect a run from one oversized file."""

    max_bytes: int = DEFAULT_MAX_BYTES


Reader = Callable[[Path, ReadOptions], Iterator[RawDocument | ReadProblem]]

#: Reader by lowercase extension (with its dot). Readers raise `InputError` for a
#: bad file; a reader that reads many documents from one file (JSONL) may also
#: yield a `ReadProblem` for one bad record and carry on.
READERS: dict[str, Reader] = {}


def register_reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader for `extensions` (".txt", "md" ...)."""

    def decorate(func: Reader) -> Reader:
        for ext in extensions:
            READERS["." + ext.lower().lstrip(".")] = func
        return func

    return decorate


# --- finding and dispatching files ---------------------------------------------------


def iter_paths(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Files to read, each once: named files as given, folders walked recursively.

    Inside a folder, hidden files and folders and files whose extension has no
    reader are skipped silently, and files come sorted so runs are repeatable.
    A file named explicitly is always yielded, whatever its extension, so that
    `read_path` can tell the user it is unsupported instead of ignoring it.
    """
    seen: set[str] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            found: list[Path] = []
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(
                    Path(folder, name)
                    for name in files
                    if not name.startswith(".") and Path(name).suffix.lower() in READERS
                )
            found.sort(key=lambda p: p.relative_to(root).parts)
        else:
            found = [root]
        for path in found:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path


def read_path(
    path: str | Path, options: ReadOptions | None = None
) -> Iterator[RawDocument | ReadProblem]:
    """Read one file (or a folder) into documents; bad input becomes a `ReadProblem`."""
    path = Path(path)
    options = options or ReadOptions()
    if path.is_dir():
        yield from read_all([path], options)
        return
    if not path.exists():
        yield _problem(path, "does not exist", "E100")
        return
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        what = f"extension {path.suffix!r}" if path.suffix else "no extension"
        supported = ", ".join(sorted(READERS))
        yield _problem(path, f"has {what}, which is not supported (supported: {supported})",
                       "E110")
        return
    try:
        yield from reader(path, options)
    except InputError as error:
        yield ReadProblem(str(path), error)
    except OSError as error:
        yield _problem(path, f"cannot be read ({error.strerror or error})", "E100")


def read_all(
    paths: Sequence[str | Path], options: ReadOptions | None = None
) -> Iterator[RawDocument | ReadProblem]:
    """Read every file under `paths` (see `iter_paths`), in order."""
    options = options or ReadOptions()
    for path in iter_paths(paths):
        yield from read_path(path, options)


def _problem(path: Path | str, reason: str, code: str, line: int | None = None) -> ReadProblem:
    return ReadProblem(str(path), InputError(path, reason, code=code, line=line))


# --- bytes and text ------------------------------------------------------------------


def _human(size: int) -> str:
    """1536 -> "1.5 KiB (1536 bytes)": a size a person takes in at a glance, and the exact one."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB"):
        value /= 1024
        if value < 1024 or unit == "GiB":
            break
    return f"{value:.1f} {unit} ({size} bytes)"


def _check_size(path: Path, size: int, options: ReadOptions) -> None:
    if size == 0:
        raise InputError(path, "is empty", code="E101")
    if size > options.max_bytes:
        raise InputError(
            path,
            f"is {_human(size)}, over the size limit of {_human(options.max_bytes)}; "
            "raise max_bytes to read it",
            code="E103",
        )


def _load_bytes(path: Path, options: ReadOptions) -> bytes:
    """The file's bytes, after checking its size with stat so a huge file is never loaded."""
    _check_size(path, path.stat().st_size, options)
    return path.read_bytes()


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that browsers (WHATWG) read as windows-1252, which is a superset.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252",
                  "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_CONTROL_SHARE = 0.05
_GUESS_TRUST_BYTES = 1024
_TEXT_WHITESPACE = frozenset("\t\n\r\f\v")


def _control_share(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if ch not in _TEXT_WHITESPACE and unicodedata.category(ch) == "Cc"
    )
    return bad / len(sample)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def _implausibility(text: str) -> float:
    """Share of words that no Arabic or Western European writer would produce.

    Flags words mixing Arabic and Latin script ("seًor": cp1256 read as Latin-1),
    letters of other scripts, and words made mostly of accented capitals and
    such ("ÇáäÕÑÉ": Arabic read as cp1252). Used to choose between decodings.
    """
    words = text[:20_000].split()
    if not words:
        return 0.0
    bad = 0
    for word in words:
        latin = arabic = other = accented = 0
        for ch in word:
            if _is_arabic(ch):
                arabic += 1
            elif ch.isalpha():
                if ord(ch) < 0x250:
                    latin += 1
                    accented += ord(ch) > 0x7F
                else:
                    other += 1
            elif unicodedata.category(ch) == "Cc":
                other += 1
        if other or (latin and arabic) or (accented >= 3 and accented * 2 > latin):
            bad += 1
    return bad / len(words)


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode bytes that are not UTF-8: charset-normalizer, checked against our two usual suspects.

    Reports in this domain that are not UTF-8 are almost always windows-1256
    (Arabic) or windows-1252/Latin-1. charset-normalizer is right on long texts
    but guesses wildly on a short one ("Café crème" as cp1250), so for short
    input cp1252 and cp1256 are tried first and the least implausible wins.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guessed = (str(best), best.encoding) if best is not None else None
    candidates: list[tuple[str, str]] = []
    if guessed and len(data) >= _GUESS_TRUST_BYTES:
        candidates.append(guessed)
    for encoding in ("cp1252", "cp1256"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            pass
    if guessed:
        candidates.append(guessed)
    if not candidates:
        return None
    return min(candidates, key=lambda c: _implausibility(c[0]))  # first of equals wins


def decode_text(data: bytes, path: Path | str, declared: str | None = None) -> tuple[str, str]:
    """Bytes to (text, encoding name); raises E102 for binary content, E108 if undecodable.

    Order: a byte-order mark (UTF-8/16/32) decides; else NUL bytes mean binary;
    else UTF-8 if the bytes are valid UTF-8 (legacy text almost never is, and
    pages labelled Latin-1 are often UTF-8); else the `declared` charset (an
    HTML meta tag); else a guess (see `_guess_legacy`). Decoded text whose
    characters are more than 5% control characters is binary too.
    """
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start})", code="E108") from None
            encoding = name
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(path, "contains NUL bytes: it is binary, not text", code="E102")
        labels = ["utf-8"]
        if declared:
            labels.append(_LABEL_ALIASES.get(declared.lower(), declared))
        for label in labels:
            try:
                encoding = codecs.lookup(label).name
                text = data.decode(encoding)
                break
            except (LookupError, UnicodeDecodeError):
                continue
    if text is None:
        guess = _guess_legacy(data)
        if guess is None:
            raise InputError(
                path, "cannot be decoded as text: not UTF-8 and no legacy encoding fits "
                "(convert it to UTF-8)", code="E108")
        text, encoding = guess
    if text.startswith("\ufeff"):  # a BOM that survived a declared/guessed codec
        text = text[1:]
    share = _control_share(text)
    if share > _CONTROL_SHARE:
        raise InputError(
            path, f"looks binary: {share:.0%} of its characters are control characters",
            code="E102")
    return text, encoding


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- building a document ------------------------------------------------------------


# NUL and lone surrogates (JSON "\ud800", file names that are not UTF-8) cannot be
# written to the store: PostgreSQL refuses NUL, and UTF-8 has no surrogates.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str, what: str, warnings: list[str]) -> str:
    """`value` with unstorable characters replaced by U+FFFD, one for one (offsets hold)."""
    fixed, count = _UNSTORABLE.subn("\ufffd", value)
    if count:
        warnings.append(f"{what} had {count} character(s) that cannot be stored (NUL or an "
                        "unpaired surrogate), replaced with U+FFFD")
    return fixed


def _make_document(
    *,
    text: str,
    path: Path,
    fmt: str,
    name: str | None = None,
    source_path: str | None = None,
    title: object = None,
    url: object = None,
    published: object = None,
    lang: object = None,
    meta: dict[str, Any] | None = None,
) -> RawDocument:
    """Clean the metadata the same way for every format; problems become warnings."""
    meta = dict(meta or {})
    warnings: list[str] = list(meta.pop("warnings", []))
    text = _storable(text, "the text", warnings)
    title = _storable(title, "the title", warnings) if isinstance(title, str) else title
    url = _storable(url, "the url", warnings) if isinstance(url, str) else url
    source_path = _storable(source_path or str(path), "the path", warnings)
    name = _storable(name or path.stem, "the name", warnings)
    iso = None
    raw_date = published if not isinstance(published, str) else clean_value(published)
    if raw_date is not None:
        iso = normalise_date(raw_date)
        if iso is None:
            shown = _UNSTORABLE.sub("\ufffd", str(raw_date))
            warnings.append(f"publication date {shown:.80} could not be read; left empty")
    code = None
    raw_lang = clean_value(lang)
    if raw_lang is not None:
        code = normalise_lang(raw_lang)
        if code is None:
            shown = _UNSTORABLE.sub("\ufffd", raw_lang)
            warnings.append(f"language {shown:.40} is not an ISO 639-1 code; detected instead")
    if code is None:
        code = detect_language(text)
        meta["lang_source"] = "detected"
    else:
        meta["lang_source"] = "metadata"
    if warnings:
        meta["warnings"] = warnings
    title_text = clean_value(title)
    return RawDocument(
        text=text,
        source_path=source_path,
        name=name,
        title=" ".join(title_text.split()) if title_text else None,
        url=clean_value(url),
        published=iso,
        lang=code,
        fmt=fmt,
        meta=meta,
    )


def document_warnings(doc: RawDocument) -> list[str]:
    """The document's warnings as one-line messages naming where they come from.

    A warning means the document is read and stored, with something left out
    (an unreadable date, an unknown language code): ``corpus.jsonl:4: publication
    date 'last spring' could not be read; left empty``.
    """
    where = doc.source_path
    if doc.fmt == "jsonl" and "#L" in where:
        where = where.rsplit("#L", 1)[0] + f":{doc.meta.get('line', '?')}"
    return [f"{where}: {' '.join(str(w).split())}" for w in doc.meta.get("warnings", [])]


def _require_text(text: str, path: Path, what: str = "has only whitespace") -> None:
    if not text.strip():
        raise InputError(path, what, code="E101")


# --- plain text and Markdown --------------------------------------------------------

_HEADER_FIELDS = frozenset({"url", "title", "lang", "language", "date", "published"})


@register_reader(".txt", ".text", ".md", ".markdown")
def read_text(path: Path, options: ReadOptions) -> Iterator[RawDocument]:
    """A text file, with the ``key: value`` header of our .txt convention if it has one.

    When the header lacks a title or a date (or there is no header), the first
    lines of the body are searched for a short title line and a dateline.
    """
    text, encoding = decode_text(_load_bytes(path, options), path)
    text = normalise_newlines(text)
    _require_text(text, path)
    header, body, offset = parse_header(text)
    _require_text(body, path, "has a header but no text after it" if header else
                  "has only whitespace")
    meta: dict[str, Any] = {"encoding": encoding, "body_offset": offset}
    extra = {k: v for k, v in header.items() if k not in _HEADER_FIELDS}
    if extra:
        meta["header"] = extra
    title = header.get("title")
    published = header.get("published", header.get("date"))
    if title is None or published is None:
        sniffed = sniff_front_matter(body)
        title = title if title is not None else sniffed.get("title")
        if published is None and "published" in sniffed:
            published = sniffed["published"]
            meta["published_source"] = "text"
    yield _make_document(
        text=body,
        path=path,
        fmt="md" if path.suffix.lower() in (".md", ".markdown") else "txt",
        title=title,
        url=header.get("url"),
        published=published,
        lang=header.get("lang", header.get("language")),
        meta=meta,
    )


# --- HTML ------------------------------------------------------------------------------

# Never article text. <header>/<footer> are dropped only outside <article>/<main>,
# where they hold site chrome; inside an article they hold its headline and byline.
_HTML_DROP = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "aside", "head", "iframe",
    "object", "embed", "canvas", "select", "button",
})
_HTML_CHROME = frozenset({"header", "footer"})
_HTML_BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "title", "tr", "ul",
})
_PARA = "\x00"  # markers: NUL never reaches here (decode_text rejects it)
_LINE = "\x01"
_META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished",
                   "date", "pubdate", "publishdate", "publish-date", "publish_date",
                   "publication_date", "dc.date.issued", "dcterms.issued", "dc.date",
                   "dcterms.date", "dcterms.created", "citation_publication_date",
                   "citation_date", "sailthru.date", "parsely-pub-date")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def _declared_charset(head: bytes) -> str | None:
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    # A page cannot really be UTF-16 if its meta tag was readable as ASCII.
    return None if label.startswith(("utf-16", "utf-32")) else label


def _soup(markup: str) -> Any:
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(markup, "lxml")
    except Exception:  # lxml missing (FeatureNotFound) or choking: the stdlib parser
        return BeautifulSoup(markup, "html.parser")


def _html_metadata(soup: Any) -> dict[str, str]:
    """Title, url, language and publication date from the page's tags, in one pass."""
    from bs4.element import Tag

    by_key: dict[str, str] = {}  # <meta> content by property/name/itemprop, first wins
    first: dict[str, Any] = {}
    ld_scripts: list[Any] = []
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        name = tag.name
        if name == "meta":
            key = (tag.get("property") or tag.get("name") or tag.get("itemprop")
                   or tag.get("http-equiv") or "")
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str) and content.strip():
                by_key.setdefault(key.strip().lower(), content.strip())
        elif name == "link" and "canonical" in (tag.get("rel") or ()):
            first.setdefault("canonical", tag)
        elif name == "script" and tag.get("type") == "application/ld+json":
            ld_scripts.append(tag)
        elif name == "time" and tag.get("datetime"):
            first.setdefault("pubdate" if tag.has_attr("pubdate") else "time", tag)
        elif name in ("title", "html"):
            first.setdefault(name, tag)
        if tag.get("itemprop") == "datePublished":
            first.setdefault("itemprop", tag)

    meta: dict[str, str] = {}
    title = by_key.get("og:title") or by_key.get("twitter:title")
    if not title and "title" in first:
        title = first["title"].get_text(" ", strip=True)
    if title:
        meta["title"] = title
    url = first["canonical"].get("href") if "canonical" in first else None
    url = url if isinstance(url, str) and url.strip() else by_key.get("og:url")
    if url:
        meta["url"] = url.strip()
    lang = first["html"].get("lang") if "html" in first else None
    lang = lang or by_key.get("content-language") or by_key.get("og:locale")
    if isinstance(lang, str) and lang.strip():
        meta["lang"] = lang.strip()
    date = next((by_key[k] for k in _META_DATE_KEYS if k in by_key), None)
    if date is None and "itemprop" in first:
        tag = first["itemprop"]
        date = tag.get("content") or tag.get("datetime") or tag.get_text(strip=True)
    if date is None:
        for script in ld_scripts:
            found = _LD_DATE.search(script.get_text())
            if found:
                date = found.group(1)
                break
    if date is None:
        tag = first.get("pubdate") or first.get("time")
        date = tag.get("datetime") if tag is not None else None
    if isinstance(date, str) and date.strip():
        meta["published"] = date.strip()
    return meta


def html_to_text(soup: Any) -> str:
    """Visible text: blocks become paragraphs (blank line between), <br> a line break.

    Whitespace inside a line is collapsed as a browser would, except in <pre>.
    The tree is walked with an explicit stack and left unmodified, so deeply
    nested markup costs linear time and cannot hit the recursion limit.
    """
    from bs4.element import NavigableString, PreformattedString

    pieces: list[str] = []
    pre = article = 0
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctypes, CDATA
                pieces.append(str(node).replace("\n", _LINE) if pre else str(node))
            continue
        name = node.name
        if leaving:
            pieces.append(_PARA if name in _HTML_BLOCKS else " " if name in ("td", "th") else "")
            pre -= name == "pre"
            article -= name in ("article", "main")
            continue
        if name in _HTML_DROP or (name in _HTML_CHROME and not article):
            continue
        if name == "br":
            pieces.append(_LINE)
            continue
        if name in _HTML_BLOCKS:
            pieces.append(_PARA)
        pre += name == "pre"
        article += name in ("article", "main")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    paragraphs = []
    for block in "".join(pieces).split(_PARA):
        lines = (" ".join(line.split()) for line in block.split(_LINE))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


@register_reader(".html", ".htm")
def read_html(path: Path, options: ReadOptions) -> Iterator[RawDocument]:
    """An HTML page's visible text and its metadata; broken markup is read as browsers do."""
    data = _load_bytes(path, options)
    markup, encoding = decode_text(data, path, declared=_declared_charset(data[:4096]))
    try:
        soup = _soup(markup)
        found = _html_metadata(soup)
        text = html_to_text(soup)
    except Exception as exc:  # a parser bug on hostile markup must not stop the run
        raise InputError(path, f"could not be parsed as HTML ({type(exc).__name__}: {exc})",
                         code="E111") from exc
    if not text.strip():
        raise InputError(path, "has no text after removing markup, scripts and navigation",
                         code="E111")
    yield _make_document(text=text, path=path, fmt="html", title=found.get("title"),
                         url=found.get("url"), published=found.get("published"),
                         lang=found.get("lang"), meta={"encoding": encoding})


# --- PDF -------------------------------------------------------------------------------


def _pdf_string(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\x00", "").strip()
    return text or None


@register_reader(".pdf")
def read_pdf(path: Path, options: ReadOptions) -> Iterator[RawDocument]:
    """A PDF's text layer, pages separated by a blank line; `meta["page_starts"]` maps back."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    data = _load_bytes(path, options)
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many types on broken files
        raise InputError(path, f"is not a readable PDF ({type(exc).__name__}: {exc})",
                         code="E104") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise InputError(path, f"is encrypted and cannot be opened here ({exc})",
                             code="E105") from exc
        except Exception as exc:
            raise InputError(path, f"is encrypted and could not be opened ({exc})",
                             code="E105") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise InputError(path, "is encrypted with a password; decrypt it first "
                             "(for example with qpdf --decrypt)", code="E105")
    warnings: list[str] = []
    pages: list[str] = []
    try:
        page_list = list(reader.pages)
    except Exception as exc:
        raise InputError(path, f"has an unreadable page tree ({type(exc).__name__}: {exc})",
                         code="E104") from exc
    if not page_list:
        raise InputError(path, "has no pages", code="E104")
    for number, page in enumerate(page_list, start=1):
        try:
            pages.append(normalise_newlines(page.extract_text() or ""))
        except Exception as exc:
            warnings.append(f"page {number}: text could not be extracted ({type(exc).__name__})")
            pages.append("")
    if not any(page.strip() for page in pages):
        raise InputError(path, f"has no text layer on any of its {len(pages)} page(s); "
                         "it needs OCR first", code="E106")
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 2
    info: dict[str, str | None] = {}
    try:
        found = reader.metadata
        for key in ("/Title", "/CreationDate"):
            info[key] = _pdf_string(found[key]) if found is not None and key in found else None
    except Exception:
        warnings.append("the document information dictionary could not be read")
    try:
        lang = _pdf_string(reader.trailer["/Root"].get("/Lang"))
    except Exception:
        lang = None
    yield _make_document(
        text="\n\n".join(pages),
        path=path,
        fmt="pdf",
        title=info.get("/Title"),
        published=info.get("/CreationDate"),
        lang=lang,
        meta={"pages": len(pages), "page_starts": starts, "warnings": warnings},
    )


# --- DOCX ------------------------------------------------------------------------------


def _docx_blocks(document: Any) -> Iterable[str]:
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep each text once per row
                    if cell.text.strip() and cell.text not in cells:
                        cells.append(cell.text)
                if cells:
                    yield " | ".join(cells)
        else:
            yield item.text


_PYTHON_DOCX_TEMPLATE_DATE = datetime.datetime(2013, 12, 23, 23, 15)


@register_reader(".docx")
def read_docx(path: Path, options: ReadOptions) -> Iterator[RawDocument]:
    """A Word document's paragraphs (and table rows) in order, separated by blank lines."""
    import docx

    data = _load_bytes(path, options)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [normalise_newlines(b) for b in _docx_blocks(document)]
        props = document.core_properties
        title, created, language = props.title, props.created, props.language
        if created is not None and created.replace(tzinfo=None) == _PYTHON_DOCX_TEMPLATE_DATE:
            created = None  # python-docx's blank template stamps every new file with this
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own types
        raise InputError(path, f"is not a readable DOCX file ({type(exc).__name__}: {exc})",
                         code="E107") from exc
    text = "\n\n".join(b for b in blocks if b.strip())
    _require_text(text, path, "has no text in its paragraphs or tables")
    yield _make_document(text=text, path=path, fmt="docx", title=title, published=created,
                         lang=language)


# --- JSONL -----------------------------------------------------------------------------

RECORD_FIELDS = frozenset({"text", "id", "url", "title", "published", "date", "lang"})


def _jsonl_record(path: Path, lineno: int, raw: bytes) -> RawDocument:
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not valid UTF-8 (byte {exc.start})", code="E109",
                         line=lineno) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"is not valid JSON ({exc.msg} at column {exc.colno})",
                         code="E109", line=lineno) from None
    if not isinstance(record, dict):
        raise InputError(path, f"holds a JSON {type(record).__name__}, not an object",
                         code="E109", line=lineno)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "has no \"text\" field" if "text" not in record else \
            "has an empty or non-string \"text\" field"
        raise InputError(path, problem, code="E109", line=lineno)
    return record_document(record, text, path, "jsonl", lineno)


def record_document(record: dict, text: str, path: Path, fmt: str, number: int) -> RawDocument:
    """A document from one record (a JSONL line, a Parquet row) whose text is checked.

    The known fields (RECORD_FIELDS) fill the document; others go to its meta.
    """
    ident = record.get("id")
    usable = isinstance(ident, str | int) and not isinstance(ident, bool)
    name = str(ident).strip() if usable and str(ident).strip() else None
    extra = {k: v for k, v in record.items() if k not in RECORD_FIELDS and v is not None}
    published = record.get("published")
    where = "line" if fmt == "jsonl" else "row"
    return _make_document(
        text=normalise_newlines(text),
        path=path,
        fmt=fmt,
        name=name or f"{path.stem}-{number}",
        source_path=f"{path}#{'L' if fmt == 'jsonl' else 'R'}{number}",
        title=record.get("title"),
        url=record.get("url"),
        published=published if published is not None else record.get("date"),
        lang=record.get("lang"),
        meta={where: number, **({"fields": extra} if extra else {})},
    )


@register_reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, options: ReadOptions) -> Iterator[RawDocument | ReadProblem]:
    """One document per line; a bad line is reported with its number and the rest still read.

    The file is streamed, so a corpus may be larger than `max_bytes`; the limit
    applies to each line instead.
    """
    if path.stat().st_size == 0:
        raise InputError(path, "is empty", code="E101")
    limit = options.max_bytes
    read = 0
    with path.open("rb") as handle:
        head = handle.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError(path, "is UTF-16; JSONL must be UTF-8", code="E108")
        if b"\x00" in head:
            raise InputError(path, "contains NUL bytes: it is binary, not JSONL", code="E102")
        handle.seek(0)
        lineno = 0
        while raw := handle.readline(limit + 1):
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                size = len(raw)
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    size += len(rest)
                size += len(rest)
                yield _problem(path, f"is {_human(size)}, over the size limit of "
                               f"{_human(limit)} for one record", "E103", line=lineno)
                read += 1
                continue
            if not raw.strip():
                continue
            item: RawDocument | ReadProblem
            try:
                item = _jsonl_record(path, lineno, raw)
            except InputError as error:
                item = ReadProblem(str(path), error)
            read += 1
            yield item
    if read == 0:
        raise InputError(path, "has only blank lines", code="E101")
