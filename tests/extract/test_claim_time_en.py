"""Which time a claim takes when the sentence holds a date between commas."""

from __future__ import annotations

import pytest

from allegiance.extract.model import load_english_model
from allegiance.extract.pipeline import extract_document
from tests.extract.test_claims_en import claims_of, find


def test_a_time_set_off_by_commas_dates_the_main_clause(kb) -> None:
    text = "Hezbollah, since the last week of March, has been fighting the Islamic State."
    claim = find(claims_of(text, kb, published="2015-05-01"), "ATTACKED", "hezbollah",
                 "islamic-state")
    assert claim is not None and claim.when == "2015-03"


def test_a_date_inside_a_relative_clause_dates_only_that_clause(kb) -> None:
    if load_english_model() is None:
        pytest.skip("the subject across a relative clause needs the English parse")
    text = ("Hezbollah, which has fought in Syria since 2013, attacked the Islamic State near "
            "Aarsal in July 2015.")
    extraction = extract_document(text, kb, name="t", lang="en", published="2015-09-01")
    claim = find(extraction, "ATTACKED", "hezbollah", "islamic-state")
    assert claim is not None and claim.when == "2015-07"


def test_an_end_alone_dates_the_claim_until_then(kb):
    extraction = extract_document("Abu Bakr al-Baghdadi, who led the Islamic State until "
                                  "2019, was killed in Barisha.", kb, name="t", lang="en",
                                  published="2020-03-01", use_model=False)
    led = [c for c in extraction.claims if c.type == "LEADER_OF"]
    assert led and led[0].when is None and led[0].until == "2019"


def test_a_date_inside_the_claim_beats_an_anchor_after_an_earlier_date(kb) -> None:
    # "days after" would carry the previous sentence's date, but the capture has its own
    text = ("The talks began in May 2014. The raid came only days after Abu Malik had been "
            "captured in early July by Hezbollah near the border.")
    claim = find(claims_of(text, kb, published="2014-12-01"), "CAPTURED", "hezbollah")
    assert claim is not None and claim.when == "2014-07"


def test_exact_distances_date_claims_from_the_date_before_them(kb) -> None:
    text = ("In May 2014 Jabhat al-Nusra stormed the outpost. A year later Hezbollah attacked "
            "the Islamic State. Two months later, Hezbollah attacked Jabhat al-Nusra again.")
    claims = sorted((c for c in claims_of(text, kb, published="2016-01-01").claims
                     if c.source == "hezbollah"), key=lambda c: c.evidence.start)
    assert [c.when for c in claims] == ["2015-05", "2015-07"]
    # a vague count keeps the anchor, with "after"
    vague = find(claims_of("In May 2014 Jabhat al-Nusra stormed the outpost. Several months "
                           "later Hezbollah attacked Jabhat al-Nusra.", kb,
                           published="2016-01-01"), "ATTACKED", "hezbollah")
    assert vague is not None and (vague.when, vague.qualifier) == ("2014-05", "after")


def test_a_sentence_opening_with_an_earlier_event_takes_its_date(kb):
    text = ("In late March 2015 the Lebanese Army arrested Abu Ahmad Jum'a near Aarsal.\n\n"
            "Shortly after Jum'a was arrested, Jabhat al-Nusra attacked the Lebanese Army. "
            "The Islamic State attacked Hezbollah near the town.")
    extraction = claims_of(text, kb, published="2015-10-01")
    first = find(extraction, "ATTACKED", "jabhat-al-nusra", "lebanese-army")
    assert first is not None and (first.when, first.qualifier) == ("2015-03", "after")
    following = find(extraction, "ATTACKED", "islamic-state", "hezbollah")
    assert following is not None and following.when == "2015-03"


def test_an_event_the_text_never_dated_dates_nothing(kb):
    text = ("The Lebanese Army arrested Abu Ahmad Jum'a near Aarsal.\n\n"
            "Shortly after Jum'a was arrested, Jabhat al-Nusra attacked the Lebanese Army.")
    claim = find(claims_of(text, kb, published="2015-10-01"), "ATTACKED", "jabhat-al-nusra",
                 "lebanese-army")
    assert claim is not None and claim.when is None


def test_a_publication_date_that_is_no_iso_date_dates_nothing(kb):
    extraction = extract_document("Last month Hezbollah attacked the Islamic State.", kb,
                                  published="11/18/2016", use_model=False)
    claim = find(extraction, "ATTACKED", "hezbollah", "islamic-state")
    assert claim is not None and claim.when is None and extraction.published is None
