""""The two groups ..., yet they cooperated": plural references to a pair just named."""

from __future__ import annotations

from tests.extract.test_claims_en import claims_of, find


def test_they_after_a_pair_anaphor_names_both_sides(kb) -> None:
    text = ("In 2014 the Islamic State and Jabhat al-Nusra stormed a checkpoint together. "
            "That year the two jihadist organisations were at war with each other in the "
            "east, yet near the border they cooperated.")
    extraction = claims_of(text, kb)
    assert find(extraction, "FOUGHT", "islamic-state", "jabhat-al-nusra")
    allied = find(extraction, "ALLIED_WITH", "islamic-state", "jabhat-al-nusra")
    assert allied is not None and allied.when == "2014"


def test_they_with_no_pair_just_named_stays_unresolved(kb) -> None:
    text = ("Hezbollah sent fighters to Qusayr in 2013. Local officials were worried. "
            "They cooperated with the mayor.")
    extraction = claims_of(text, kb)
    assert not any(c.type == "ALLIED_WITH" for c in extraction.claims)

