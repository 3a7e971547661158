"""Property-based tests: normalisation, time resolution and extraction on generated text.

Each property holds for *every* input, so hypothesis looks for the one that
breaks it: text mixing scripts, direction marks, odd dates and actor names in
odd places. Examples are bounded (`FUZZ_EXAMPLES`, default 60 per property) so
the suite stays fast; FUZZ_EXAMPLES=2000 searches longer.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.extract.normalize import name_key, normalize, slug
from allegiance.extract.pipeline import extract_document
from allegiance.extract.time import find_times
from allegiance.model import CLAIM_TYPES, MODALITIES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
bounded = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow,
                                          HealthCheck.function_scoped_fixture])

ISO_PARTIAL = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PRECISION_OF = {4: "year", 7: "month", 10: "day"}

# Pieces of real reports: names the knowledge base knows, trigger words, dates,
# direction marks and punctuation, so that generated text reaches deep into the rules.
NAMES = ["Jabhat al-Nusra", "Islamic State", "ISIS", "Hezbollah", "Hay'at Tahrir al-Sham",
         "HTS", "the Lebanese Army", "Ahrar al-Sham", "the Free Syrian Army", "the SDF",
         "Jabhat Fateh al-Sham", "al-Qaeda", "the YPG", "Jaysh al-Islam", "the group",
         "the two groups", "its", "he", "Abu Mohammad al-Jolani",
         "جبهة النصرة", "تنظيم الدولة", "داعش", "حزب الله", "هيئة تحرير الشام",
         "الجيش اللبناني", "أحرار الشام", "قسد", "الجيش السوري الحر", "الجماعة"]
WORDS = ["attacked", "allied with", "fought", "captured", "withdrew from", "renamed itself",
         "merged into", "split from", "pledged allegiance to", "agreed with", "clashed with",
         "is led by", "did not attack", "reportedly", "may have", "denied", "and", "in",
         "Aarsal", "Idlib", "Raqqa", "Kobani", "near", "against", "after", "since", "until",
         "هاجم", "هاجمت", "تحالف مع", "اشتبكت مع", "سيطرت على", "انسحبت من", "في", "و",
         "بايعت", "أعلنت", "عرسال", "إدلب", "الرقة", "¹", "[^1]", "(", ")", "—", "«", "»"]
DATES = ["in August 2014", "on 12 April 2017", "since 2013", "until March 2016",
         "in late July", "two weeks later", "over the past year", "in the spring of 2015",
         "2014-08-02", "12/31/2017", "between 2013 and 2015", "last year", "that month",
         "في آب 2014", "في 12 نيسان 2017", "منذ عام 2013", "في أواخر تموز", "عام ١٤٣٥ هـ",
         "in 1436 AH", "from January to March 2016", "the first two years of the war"]
MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067",
         "\u2069", "\ufeff", "\u200c", "\u200d", "\u0640", "\u064b", "\u0301"]
SEPARATORS = [" ", " ", " ", ", ", ". ", ".\n", "\n\n", "\t", "، ", "؛ ", "! ", "? ", ": "]

token = st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS), st.sampled_from(DATES),
                  st.sampled_from(MARKS), st.text(max_size=6))
report_text = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(t + s for t, s in parts))
any_text = st.one_of(report_text, st.text(max_size=200))
published = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(
        lambda d: d.isoformat()),
    st.integers(1000, 2999).map(str),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1000, 2999), st.integers(1, 12)),
    st.text(max_size=12),
)


def assert_valid_partial_date(value: str | None) -> None:
    if value is None:
        return
    assert ISO_PARTIAL.fullmatch(value), value
    parts = [int(p) for p in value.split("-")]
    dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))  # raises if impossible


# --- normalisation --------------------------------------------------------------------


@bounded
@given(any_text)
def test_normalize_maps_every_character_back_into_the_original(text):
    norm = normalize(text)
    offsets = norm.offsets if norm.offsets is not None else list(range(len(norm.text)))
    assert len(offsets) == len(norm.text)
    assert all(0 <= o < len(text) for o in offsets)
    assert offsets == sorted(set(offsets))  # strictly increasing: order is kept
    for index, origin in enumerate(offsets):  # each kept character is its original's fold
        assert normalize(text[origin]).text == norm.text[index], (text[origin], index)


@bounded
@given(any_text, st.data())
def test_normalized_spans_map_to_spans_of_the_original(text, data):
    norm = normalize(text)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    a, b = norm.to_original(start, end)
    assert 0 <= a <= b <= len(text)
    if end > start:
        assert normalize(text[a:b]).text.strip() == norm.text[start:end].strip() or \
            norm.text[start:end] in normalize(text[a:b]).text


@bounded
@given(any_text)
def test_normalize_is_idempotent(text):
    once = normalize(text).text
    assert normalize(once).text == once


@bounded
@given(any_text)
def test_name_keys_and_slugs_are_stable(text):
    key = name_key(text)
    assert name_key(key) == key
    value = slug(text)
    assert value and re.fullmatch(r"[\w-]+", value) and not value.startswith("-")


# --- time -----------------------------------------------------------------------------


@bounded
@given(any_text, published, st.sampled_from(["en", "ar"]))
def test_times_are_valid_dates_at_offsets_inside_the_text(text, pub, lang):
    mentions = find_times(text, pub, lang)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
        assert mention.start >= previous_end  # sorted and non-overlapping
        previous_end = mention.end
        assert_valid_partial_date(mention.when)
        assert_valid_partial_date(mention.until)
        assert mention.precision in ("year", "month", "day")
        if mention.when is not None:
            assert PRECISION_OF[len(mention.when)] == mention.precision, mention


# --- extraction -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def kb_module():
    from allegiance.kb import load_cached

    return load_cached()


def check_extraction(text: str, extraction) -> None:
    for mention in extraction.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
    for claim in extraction.claims:
        ev = claim.evidence
        assert 0 <= ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end <= len(text)
        assert text[ev.start:ev.end] == ev.text
        assert claim.type in CLAIM_TYPES
        assert claim.modality in MODALITIES
        assert claim.source is None or claim.source in extraction.actors, claim
        if not claim.target_is_place:
            assert claim.target is None or claim.target in extraction.actors, claim
        assert_valid_partial_date(claim.when)
        assert_valid_partial_date(claim.until)


@bounded
@given(text=report_text, pub=published, lang=st.sampled_from(["en", "ar", "fr", None]))
def test_extraction_never_raises_and_keeps_offsets_and_actors(kb_module, text, pub, lang):
    check_extraction(text, extract_document(text, kb_module, lang=lang, published=pub,
                                            use_model=False))


@settings(bounded, max_examples=max(EXAMPLES // 4, 5))
@given(text=report_text, pub=published)
def test_extraction_with_the_english_model_keeps_the_same_promises(kb_module, text, pub):
    from allegiance.extract.model import load_english_model

    if load_english_model() is None:
        pytest.skip("the English model is not installed")
    check_extraction(text, extract_document(text, kb_module, lang="en", published=pub))
