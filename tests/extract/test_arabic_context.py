"""Arabic: attacks talked about versus attacks reported, pointers back to groups, "كان ... قد".

Every sentence is written for these tests (none comes from the event gold set that
bench/arabic_gsr.py scores).
"""

from __future__ import annotations

import pytest

from allegiance.extract.pipeline import extract_document

EVENTS = {"ATTACKED", "FOUGHT", "CAPTURED", "EXECUTED"}


def claims(text: str, kb) -> set[tuple]:
    extraction = extract_document(text, kb, name="t", lang="ar", published="2008-03-02",
                                  use_model=False)
    return {(c.type, c.source, c.target, c.modality) for c in extraction.claims}


def events(text: str, kb) -> set[tuple]:
    return {c for c in claims(text, kb) if c[0] in EVENTS}


@pytest.mark.parametrize("text", [
    # a condemnation, a trial, a yearly count, an attack that only dates another act
    "أدان الوزير الهجوم الانتحاري الذي استهدف مركزاً للشرطة.",
    "بدأت أمس محاكمة ثلاثة متهمين قتلوا خمسة أشخاص في انفجار سيارة مفخخة وسط المدينة.",
    "وقع أكثر من مئة هجوم انتحاري في البلاد عام 2006.",
    "وهذا ثالث هجوم انتحاري تشهده المدينة هذا الشهر.",
])
def test_talk_about_an_attack_is_no_event(kb, text) -> None:
    assert not events(text, kb), events(text, kb)


@pytest.mark.parametrize(("text", "claim"), [
    ("قتل 12 شخصاً في هجوم انتحاري استهدف مركزاً للشرطة وسط المدينة أمس.",
     ("ATTACKED", None, "generic-civilians", "asserted")),
    # a place and a day make a report, whatever follows: the later attack dates nothing here
    ("قالت الشرطة إن مسلحين هاجموا مسجداً جنوب المدينة أمس بعد يوم من هجوم على سوق قريب.",
     ("ATTACKED", "generic-gunmen", None, "reported")),
    # a bomb, what is said of it, then its blast
    ("قالت الشرطة إن سيارة مفخخة مركونة على جانب الطريق انفجرت صباح أمس.",
     ("ATTACKED", "generic-bombers", None, "reported")),
])
def test_a_reported_attack_stays(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_a_past_perfect_is_not_a_hedge(kb) -> None:
    # "قد" before an imperfect hedges (قد يهاجم); "كان ... قد أعلن" is a past perfect,
    # although أعلن opens with أ like an imperfect
    found = events("وكان الجيش قد أعلن أمس مقتل جنديين في هجوم انتحاري شمال المدينة.", kb)
    assert found and all(c[3] != "speculative" for c in found), found
    assert ("ATTACKED", "generic-gunmen", "generic-police", "speculative") in events(
        "قد يهاجم المسلحون الشرطة في المدينة.", kb)


def test_head_noun_points_back_to_the_group_with_that_head(kb) -> None:
    # "الجبهة" is Jabhat al-Nusra, not the Islamic State named after it
    found = claims("قاتلت جبهة النصرة تنظيم الدولة في دير الزور عام 2014. "
                   "وسيطرت الجبهة على مدينة الميادين عام 2014.", kb)
    assert any(c[0] == "CONTROLS" and c[1] == "jabhat-al-nusra" for c in found), found


def test_dual_description_points_back_to_the_pair(kb) -> None:
    found = claims("أعلن البغدادي دمج دولة العراق الإسلامية وجبهة النصرة عام 2013. "
                   "ومنذ ذلك الحين بات التنظيمان متنافسين.", kb)
    assert any(c[0] == "RIVAL_OF" and {c[1], c[2]} == {"islamic-state-of-iraq",
                                                       "jabhat-al-nusra"} for c in found), found


def test_a_leading_state_is_not_the_subject(kb) -> None:
    found = claims("وقال إن التحالف الدولي بقيادة الولايات المتحدة، الذي بدأ قصف مواقع "
                   "تنظيم الدولة في سوريا في أيلول 2014، جعل المدينة هدفاً.", kb)
    assert not any(c[0] == "ATTACKED" and c[1] == "united-states" for c in found), found
