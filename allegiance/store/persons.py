"""One actor for a person the knowledge base lacks, whichever script names them.

A discovered person named in Arabic ("تيسير دويات") carries the Latin spellings its
name romanises to (`ActorRecord.romanized`, extract/romanize.py); one named in Latin
letters ("Taysir Duwayat") carries none. Each name is stored with its `sound_key`
(indexed), so writing a document finds, for each of its discovered persons, a person
of the other script already stored whose spellings match (`same_person`: every word,
then the whole name). The document's mentions and claims then point to that actor;
its names are added to it, so a search in either script finds it. The stored actor
keeps its id and display name, and evidence offsets never change.

A person whose own id the store has already is left where it is: a link is made once,
when the second script first names the person, so ingesting again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from allegiance.extract.normalize import name_key
from allegiance.extract.romanize import same_person, sound_key
from allegiance.model import ActorRecord, Extraction
from allegiance.store import models as m

ROMANIZED = "romanized"  # the kind of the names a romanizer gave, not a text

#: what a batch has written already and the store does not show yet:
#: sound key -> [(actor id, text, kind)]
Pending = dict[str, list[tuple[str, str, str]]]


def name_rows(record: ActorRecord) -> list[dict]:
    """The actor_names rows of a discovered actor as one document names it: the forms
    the text uses, and for an Arabic person the Latin spellings of its name."""
    person = record.type == "person"
    texts = list(record.surface)
    if person and record.romanized and record.name not in texts:
        texts.append(record.name)  # the bare name ("القاضي" left out), for the linked actor
    rows = [{"actor_id": record.id, "text": text, "key": name_key(text), "lang": "und",
             "kind": "official", "sound": (sound_key(text) or None) if person else None}
            for text in texts]
    rows += [{"actor_id": record.id, "text": text, "key": name_key(text), "lang": "en",
              "kind": ROMANIZED, "sound": sound_key(text) or None}
             for text in (record.romanized if person else ())]
    return rows


def remember(pending: Pending, rows: Iterable[dict]) -> None:
    """Note rows a batch writes, so its later documents link to them too."""
    for row in rows:
        if row["sound"]:
            pending.setdefault(row["sound"], []).append((row["actor_id"], row["text"],
                                                         row["kind"]))


def link_persons(session: Session, extraction: Extraction, pending: Pending | None = None,
                 present: set[str] | None = None) -> Extraction:
    """`extraction` with each discovered person that another script's name of a stored
    person matches moved onto that person (see the module docstring).

    `pending`: names written earlier in the same batch; `present`: actor ids written
    earlier in it. Returns `extraction` itself when nothing moves.
    """
    persons = [r for r in extraction.actors.values()
               if r.origin == "discovered" and r.type == "person"]
    if not persons:
        return extraction
    ids = [r.id for r in persons]
    stored = set(session.scalars(select(m.Actor.id).where(m.Actor.id.in_(ids))))
    stored |= set(ids) & (present or set())
    mapping: dict[str, str] = {}
    for record in persons:
        if record.id in stored:
            continue
        target = _match(session, record, pending or {})
        if target is not None and target != record.id:
            mapping[record.id] = target
    return remap(extraction, mapping) if mapping else extraction


def _match(session: Session, record: ActorRecord, pending: Pending) -> str | None:
    """The stored person of the other script that `record` names, or None."""
    if record.romanized:  # Arabic: a Latin name of a stored person among its spellings
        spellings = [s for s in record.romanized if sound_key(s)]
        keys = {sound_key(s) for s in spellings}
        rows = _rows(session, keys, pending, romanized=False)
        hits = {actor for actor, text in rows if same_person(text, spellings)}
    else:  # Latin: the spellings of a stored Arabic person's name
        keys = {sound_key(s) for s in [record.name, *record.surface]} - {""}
        rows = _rows(session, keys, pending, romanized=True)
        spellings: dict[str, list[str]] = {}
        for actor, text in rows:
            spellings.setdefault(actor, []).append(text)
        hits = {actor for actor, texts in spellings.items()
                if any(same_person(name, texts) for name in [record.name, *record.surface])}
    hits.discard(record.id)
    return min(hits) if hits else None  # several: one person spelled two ways; any is fine


def _rows(session: Session, keys: set[str], pending: Pending,
          romanized: bool) -> list[tuple[str, str]]:
    """(actor id, text) of the discovered persons' names under `keys`: the romanizer's
    spellings, or the names texts use."""
    if not keys:
        return []
    kind = m.ActorName.kind == ROMANIZED if romanized else m.ActorName.kind != ROMANIZED
    rows = list(session.execute(
        select(m.ActorName.actor_id, m.ActorName.text).join(m.Actor)
        .where(m.ActorName.sound.in_(sorted(keys)), kind, m.Actor.origin == "discovered",
               m.Actor.type == "person")))
    for key in keys:
        rows += [(actor, text) for actor, text, k in pending.get(key, ())
                 if (k == ROMANIZED) == romanized]
    return rows


def remap(extraction: Extraction, mapping: dict[str, str]) -> Extraction:
    """A copy of `extraction` whose actor ids `mapping` renames: its actors, mentions
    and claims (sides and attributed sources). Offsets and texts are kept."""
    def new(actor_id: str | None) -> str | None:
        return mapping.get(actor_id, actor_id) if actor_id else actor_id

    actors: dict[str, ActorRecord] = {}
    for record in extraction.actors.values():
        record = replace(record, id=new(record.id))
        if record.id in actors:  # two names of one person: the forms of both
            kept = actors[record.id]
            kept.surface = kept.surface + [s for s in record.surface if s not in kept.surface]
            kept.romanized = kept.romanized + [s for s in record.romanized
                                               if s not in kept.romanized]
        else:
            actors[record.id] = record
    claims = [replace(c, source=new(c.source),
                      target=c.target if c.target_is_place else new(c.target),
                      attributed_to=new(c.attributed_to)) for c in extraction.claims]
    mentions = [replace(x, actor_id=new(x.actor_id)) for x in extraction.mentions]
    return replace(extraction, actors=actors, claims=claims, mentions=mentions)
