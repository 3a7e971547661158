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



def test_the_groups_after_a_sentence_naming_exactly_two_groups(kb) -> None:
    text = ("A commander of Hezbollah opened a channel to the Badr Organization in 2012. "
            "In 2013 the groups coordinated a raid on a depot.")
    allied = find(claims_of(text, kb), "ALLIED_WITH", "hezbollah", "badr-organization")
    assert allied is not None and allied.when == "2013"


def test_the_groups_with_three_groups_in_view_stays_unresolved(kb) -> None:
    text = ("Hezbollah, the Badr Organization and Jabhat al-Nusra sent envoys to Beirut. "
            "In 2013 the groups coordinated a raid on a depot.")
    assert find(claims_of(text, kb), "ALLIED_WITH") is None


def test_tensions_between_the_two_groups_is_a_rivalry(kb) -> None:
    text = ("Jabhat al-Nusra accused Ahrar al-Sham of hoarding fuel in 2015. "
            "Tensions had long simmered between the two groups.")
    assert find(claims_of(text, kb), "RIVAL_OF", "jabhat-al-nusra", "ahrar-al-sham")


def test_a_pointer_opening_a_clause_continues_the_subject(kb) -> None:
    text = ("In August 2017 the Islamic State accepted a deal with Hezbollah: its fighters "
            "would leave for eastern Syria.")
    extraction = claims_of(text, kb)
    assert find(extraction, "ARRIVED_IN", "islamic-state", "eastern-syria")
    assert not find(extraction, "WITHDREW_FROM", "hezbollah")
    assert not find(extraction, "ARRIVED_IN", "hezbollah")


def test_withdrawing_to_one_place_from_another(kb) -> None:
    extraction = claims_of("In 2017 the Islamic State withdrew to Raqqa from Tabqa.", kb)
    assert find(extraction, "WITHDREW_FROM", "islamic-state", "tabqa")
    assert not find(extraction, "WITHDREW_FROM", "islamic-state", "raqqa")
