"""A sentence dated by an earlier event it names: "Soon after Jumaa was captured, ...".

Such a sentence has no date of its own, but the text gave the event's date where it
first stated it ("Jumaa had been captured in late July by the army"). Its claims,
and those of the sentences that continue its narrative (the ones whose context
reaches back to it), take that date with the qualifier "after". Nothing is guessed
when no earlier claim of the named event, with a date, is found.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from allegiance.extract.time import LANG_DIR
from allegiance.extract.yaml_files import load_yaml
from allegiance.model import Claim


@lru_cache(maxsize=4)
def _anchors(lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    path = LANG_DIR / lang / "time.yaml"
    cfg = (load_yaml(path) or {}).get("event_anchors") if path.is_file() else None
    if not cfg:
        return None
    verb_type = {verb: claim_type for claim_type, verbs in cfg["verbs"].items()
                 for verb in verbs}

    def alternation(words) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(words, key=len, reverse=True))

    pattern = re.compile(
        rf"^\W*(?:{alternation(cfg['openers'])})\s+(?P<who>[^,;]{{2,80}}?)\s+"
        rf"(?:was|were|had\s+been|has\s+been)\s+(?P<verb>{alternation(verb_type)})\b",
        re.IGNORECASE)
    return pattern, verb_type


def date_by_earlier_events(text: str, sentences, claims: list[Claim], mentions,
                           context_starts: dict[int, int], lang: str) -> list[Claim]:
    """Claims without a date, in or after a sentence that opens with an earlier event,
    dated by that event's claim."""
    table = _anchors(lang)
    if table is None or not any(c.when is None for c in claims):
        return claims
    pattern, verb_type = table
    dated: dict[int, Claim] = {}  # sentence start → the claim that dates it
    for index, sentence in enumerate(sentences):
        match = pattern.match(sentence.text)
        if not match:
            continue
        lo, hi = sentence.start + match.start("who"), sentence.start + match.end("who")
        named = {m.actor_ids[0] for m in mentions if m.actor_ids and lo <= m.start < hi}
        claim_type = verb_type[re.sub(r"\s+", " ", match.group("verb").lower())]
        earlier = [c for c in claims if c.type == claim_type and c.target in named
                   and c.when is not None and c.evidence.end <= sentence.start]
        if not earlier:
            continue
        event = max(earlier, key=lambda c: c.evidence.start)
        for later in range(index, len(sentences)):
            if later > index and context_starts.get(later, sentences[later].start) > \
                    sentence.start:
                break
            dated[sentences[later].start] = event
    if not dated:
        return claims
    out = []
    for claim in claims:
        event = dated.get(claim.evidence.sentence_start)
        if claim.when is None and event is not None and claim is not event:
            claim = replace(claim, when=event.when, until=None, precision=event.precision,
                            qualifier="after")
        out.append(claim)
    return out
