"""Arabic group names the knowledge base lacks (an opener and its name words), the
newswire actors of the 2000s in the knowledge base, and the subject of a verb-first
sentence ("وخطف مسلحون ...").

Every sentence here is written for these tests (none is taken from the event gold set
that bench/arabic_gsr.py scores).
"""

from __future__ import annotations

import pytest

from allegiance.extract.actors import _arabic_pattern_mentions
from allegiance.extract.pipeline import extract_document

EVENTS = {"ATTACKED", "FOUGHT", "CAPTURED", "EXECUTED"}


def names(text: str, kb) -> list[str]:
    kb_types = {a: kb.actors[a].type for a in kb.actors}
    return [m.text for m in _arabic_pattern_mentions(text, "ar", kb_types, {})]


def events(text: str, kb) -> set[tuple]:
    extraction = extract_document(text, kb, name="t", lang="ar", published="2007-06-10",
                                  use_model=False)
    return {(c.type, c.source, c.target) for c in extraction.claims if c.type in EVENTS}


@pytest.mark.parametrize(("text", "name"), [
    ("وأعلنت كتائب الفجر الأحمر مسؤوليتها عن تفجير الجسر.", "كتائب الفجر الأحمر"),
    ("وقال متحدث باسم جبهة تحرير الوادي إن مقاتليها انسحبوا.", "جبهة تحرير الوادي"),
    ("وتبنت سرايا النور الهجوم في بيان.", "سرايا النور"),
    ("هاجمت جماعة «رايات الحق» قافلة للجيش.", "جماعة «رايات الحق»"),
])
def test_an_opener_and_its_name_words_make_a_group(kb, text, name) -> None:
    assert name in names(text, kb), names(text, kb)


@pytest.mark.parametrize("text", [
    "وانتشرت قوات حكومية في المدينة.",
    "وانسحبت قوات الاحتلال من البلدة فجرا.",
    "وقالت جماعة مسلحة إنها خطفت المهندس.",
    "واجتمع ممثلو هيئة الأمم المتحدة مع الوزير.",
])
def test_descriptions_after_an_opener_are_no_names(kb, text) -> None:
    assert names(text, kb) == []


def test_a_name_the_knowledge_base_holds_is_left_to_it(kb) -> None:
    # and the mortar rounds it fired with are no target
    found = events("وقصفت كتائب عز الدين القسام معبرا حدوديا بقذائف الهاون صباح أمس.", kb)
    assert ("ATTACKED", "izz-ad-din-al-qassam-brigades", None) in found, found


def test_english_finds_no_arabic_pattern_names(kb) -> None:
    kb_types = {a: kb.actors[a].type for a in kb.actors}
    assert _arabic_pattern_mentions("Kataib al-Fajr attacked the bridge.", "en", kb_types,
                                    {}) == []


@pytest.mark.parametrize(("text", "claim"), [
    ("وهاجم مسلحون من حركة طالبان مركزا للشرطة في ولاية قندهار مساء الأحد.",
     ("ATTACKED", "taliban", "generic-police")),
    ("واشتبك مقاتلون من حركة الشباب المجاهدين مع القوات الإثيوبية في مقديشو أمس.",
     ("FOUGHT", "al-shabaab", "ethiopian-armed-forces")),
    ("واعتقلت القوات الإسرائيلية خمسة من نشطاء حركة الجهاد الإسلامي قرب نابلس فجر اليوم.",
     ("CAPTURED", "israel-defense-forces", "palestinian-islamic-jihad")),
])
def test_newswire_actors_are_named(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_opened_fire_is_not_fatah(kb) -> None:
    extraction = extract_document("وفتح الجنود النار على السيارة.", kb, name="t", lang="ar",
                                  use_model=False)
    assert all(m.actor_id != "fatah" for m in extraction.mentions)


@pytest.mark.parametrize(("text", "claim", "wrong"), [
    ("وخطف مسلحون سائق شاحنة على الطريق الدولي صباح الاثنين.",
     ("CAPTURED", "generic-gunmen", "generic-civilians"),
     ("CAPTURED", None, "generic-gunmen")),
    ("واختطف مجهولون ثلاثة عناصر من حركة فتح في مدينة غزة أمس.",
     ("CAPTURED", "generic-gunmen", "fatah"),
     ("CAPTURED", None, "generic-gunmen")),
])
def test_plural_subject_after_the_verb_is_the_subject(kb, text, claim, wrong) -> None:
    found = events(text, kb)
    assert claim in found and wrong not in found, found


def test_subject_after_the_verb_turns_an_agentless_reading_round(kb) -> None:
    found = events("واختطف مسلحون ملثمون في حي الزهور مساء أمس.", kb)
    assert ("CAPTURED", "generic-gunmen", None) in found, found


def test_a_passive_killing_of_gunmen_keeps_them_as_the_dead(kb) -> None:
    found = events("وقتل مسلحون في اشتباك مع الشرطة قرب المدينة أمس.", kb)
    assert ("ATTACKED", None, "generic-gunmen") in found, found
