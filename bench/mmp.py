"""Mapping Militants benchmark: does each row's sentence yield a claim of the row's kind?

Each row of ../shared/data/mmp/Militant-Group-Relationships-clean.csv is a
one-sentence description of a relation between two named groups, with a date
and a kind (all, riv, aff, spl, mer); the 9 rows without a description are left
out, leaving the 629 that the issue counts. The sentence becomes a document dated by
its row; a row counts as found when extraction yields, between the actors that
carry the two groups' names, a claim whose type fits the kind. A co-occurrence
guess (two names and one trigger word, no pattern) never counts.

Honesty: the rows are split in two halves by a hash of the row's pair of group
ids (SHA-1 of the smaller and larger id, "a|b"; even first byte → "tune", odd →
"held-out"), so every row about one pair of groups falls in the same half.
Lexicons and name patterns may be improved by looking at misses of the tune
half only (`--show` lists only those); the score that counts is the held-out
half's. Both halves and their per-kind breakdown are printed.

    python bench/mmp.py [--show 20] [--no-model]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from allegiance.extract.claims import _COOCCURRENCE  # noqa: E402
from allegiance.extract.normalize import name_key  # noqa: E402
from allegiance.extract.output import to_contract  # noqa: E402
from allegiance.extract.pipeline import extract_document  # noqa: E402
from allegiance.kb import load  # noqa: E402
from allegiance.resolve.lineage import successor_at  # noqa: E402

CSV = ROOT.parent / "shared" / "data" / "mmp" / "Militant-Group-Relationships-clean.csv"
KINDS = {
    "all": {"ALLIED_WITH", "AGREED_WITH", "SUPPORTS"},
    "riv": {"RIVAL_OF", "ATTACKED", "FOUGHT", "CAPTURED", "EXECUTED"},
    "aff": {"AFFILIATED_WITH", "MEMBER_OF", "SUPPORTS"},
    "spl": {"SPLINTER_OF"},
    "mer": {"MERGED_INTO"},
}


HALVES = ("tune", "held-out")


def half_of(row: dict) -> str:
    """The row's half: by a hash of its two group ids, so a pair never straddles halves."""
    ids = sorted((row["group1_id"].strip(), row["group2_id"].strip()), key=lambda i: (len(i), i))
    return HALVES[hashlib.sha1("|".join(ids).encode()).digest()[0] % 2]


def row_date(value: str) -> str | None:
    """MMP dates: M/D/YY, YYYY-MM-00 or YYYY-00-00, as an ISO partial date."""
    value = value.strip()
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2})", value):
        month, day, year = (int(g) for g in match.groups())
        year += 1900 if year > 30 else 2000
        return f"{year:04d}-{month:02d}-{day:02d}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        year, month, day = match.groups()
        if month == "00":
            return year
        return f"{year}-{month}" if day == "00" else f"{year}-{month}-{day}"
    return None


# MMP numbers a name that two groups share; the number is not part of the name.
_DISAMBIGUATED = {"Óglaigh na hÉireann 1": "Óglaigh na hÉireann"}


def names_of(group: str) -> set[str]:
    """A group's name, its bracketed abbreviation, its "/"-separated alternatives and
    the name without a leading "The"."""
    group = _DISAMBIGUATED.get(group.strip(), group.strip())
    if "/" in group:
        return set().union(*(names_of(part) for part in group.split("/")))
    names = {group}
    if match := re.search(r"\(([^)]+)\)", group):
        names.add(match.group(1))
        names.add(group[:match.start()].strip())
    return {name_key(n) for n in names if n}


_MINOR = {"of", "the", "in", "for", "and", "de", "del", "la", "wa", "wal", "li"}
_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul", "ud"}


def acronyms(group: str) -> set[str]:
    """Initials a text may use for a group: "Islamic Movement of Kurdistan" → IMK,
    "Lashkar-e-Taiba" → LeT, "Tehrik-i-Taliban Pakistan" → TTP (compared in capitals)."""
    # letters with accents count ("Óglaigh na hÉireann" → ONH)
    plain = unicodedata.normalize("NFKD", group).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z][\w']*", re.sub(r"\(.*?\)", " ", plain))
    # each small word ("of", "ul", "al") may or may not give its letter: HuJI keeps
    # the "ul" of Harkat-ul-Jihadi al-Islami and drops the "al"
    small = [i for i, w in enumerate(words) if w.lower() in _MINOR | _ARTICLES]
    out = set()
    for mask in range(2 ** min(len(small), 6)):
        kept = {small[b] for b in range(min(len(small), 6)) if mask >> b & 1}
        for single in (False, True):
            initials = "".join(w[0] for i, w in enumerate(words)
                               if (i not in small or i in kept)
                               and not (single and len(w) == 1))
            if len(initials) >= 2:
                out.add(initials.upper())
    return out


def carries(actor: dict, keys: set[str], initials: set[str]) -> bool:
    for alias in [actor["name"], *actor["aliases"]]:
        letters = re.sub(r"[^A-Za-z]", "", alias)
        if 2 <= len(letters) <= 7 and sum(c.isupper() for c in letters) >= 2 and \
                letters.upper() in initials:
            return True
        key = name_key(alias)
        if key in keys or any(fuzz.token_set_ratio(key, k) >= 90 for k in keys if len(k) > 3):
            return True
    return False


def _with_lineage(actor: dict, kb) -> dict:
    """A group's row in MMP spans its renames (AQI is "The Islamic State"): give an
    actor the names of the group its renames led to, as `--lineage` views do."""
    final = successor_at(actor["id"], "9999", kb)
    if final == actor["id"] or final not in kb.actors:
        return actor
    names = [n.text for n in kb.actors[final].names]
    return {**actor, "aliases": [*actor["aliases"], *names]}


def _why_missed(out: dict, extraction, actors: dict, one: tuple, two: tuple) -> str:
    """Why a row whose two groups are both named was missed, in a word."""
    kinds = set()
    for claim, record in zip(out["claims"], extraction.claims, strict=True):
        source, target = actors.get(claim["source"]), actors.get(claim["target"])
        if source and target and ((carries(source, *one) and carries(target, *two)) or
                                  (carries(source, *two) and carries(target, *one))):
            kinds.add("guess only" if record.pattern == _COOCCURRENCE else "other type")
    if "other type" in kinds:
        return "both named, a claim of another type"
    if kinds:
        return "both named, only a co-occurrence guess"
    return "both named, no claim between them"


def _report(label: str, found: Counter, total: Counter) -> None:
    n = sum(total.values())
    if not n:
        return
    print(f"Mapping Militants rows, {label}: {sum(found.values())}/{n} = "
          f"{sum(found.values()) / n:.3f}")
    for kind in KINDS:
        if total[kind]:
            print(f"  {kind}: {found[kind]}/{total[kind]} = {found[kind] / total[kind]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0,
                        help="print this many failed rows of the tune half")
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()
    kb = load()
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    found = {half: Counter() for half in HALVES}
    total = {half: Counter() for half in HALVES}
    failures = []
    reasons = {half: Counter() for half in HALVES}
    for row in rows:
        kind = row["type"].strip()
        if kind not in KINDS or not row["description"].strip():
            continue  # 9 rows have no description: 629 rows describe a relation
        half = half_of(row)
        total[half][kind] += 1
        extraction = extract_document(row["description"], kb, name=row["unique_id"], lang="en",
                                      published=row_date(row["date"]),
                                      use_model=not args.no_model)
        out = to_contract(extraction, kb)
        actors = {a["id"]: _with_lineage(a, kb) for a in out["actors"]}
        one, two = names_of(row["group1_name"]), names_of(row["group2_name"])
        one_i, two_i = acronyms(row["group1_name"]), acronyms(row["group2_name"])
        ok = False
        for claim, record in zip(out["claims"], extraction.claims, strict=True):
            if claim["type"] not in KINDS[kind] or record.pattern == _COOCCURRENCE:
                continue
            source, target = actors.get(claim["source"]), actors.get(claim["target"])
            if not source or not target:
                continue
            if (carries(source, one, one_i) and carries(target, two, two_i)) or \
                    (carries(source, two, two_i) and carries(target, one, one_i)):
                ok = True
                break
        if ok:
            found[half][kind] += 1
            continue
        named = sorted({m.text for m in extraction.mentions})
        known = [*actors.values(), *({"name": m, "aliases": []} for m in named)]
        seen = [any(carries(actor, keys, initials) for actor in known)
                for keys, initials in ((one, one_i), (two, two_i))]
        why = "a group not named" if not all(seen) else _why_missed(
            out, extraction, actors, (one, one_i), (two, two_i))
        reasons[half][why] += 1
        if half == "tune":
            failures.append((kind, row["group1_name"].strip(), row["group2_name"].strip(),
                             row["description"].strip(), named, why,
                             [(c["type"], c["source"], c["target"]) for c in out["claims"]]))
    for half in HALVES:
        _report(half, found[half], total[half])
    _report("all rows", sum(found.values(), Counter()), sum(total.values(), Counter()))
    for half in HALVES:  # counts only: held-out rows themselves are never shown
        print(f"{half} misses:", dict(reasons[half].most_common()))
    for kind, one, two, text, named, why, claims in failures[:args.show]:
        print(f"- [{kind}] {one} | {two} ({why})\n    {text}\n    mentions: {named}\n"
              f"    claims: {claims}")


if __name__ == "__main__":
    main()
