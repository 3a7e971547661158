"""Arabic assault events with generic sides: "مسلحون", "الشرطة", "مدنيين", a car bomb.

Every sentence here is written for these tests (none is taken from the event gold
set that bench/arabic_gsr.py scores). Generic sides take part in events only.
"""

from __future__ import annotations

import pytest

from allegiance.extract.generic import generic_hits
from allegiance.extract.pipeline import extract_document

EVENTS = {"ATTACKED", "FOUGHT", "CAPTURED", "EXECUTED"}


def events(text: str, kb) -> set[tuple]:
    extraction = extract_document(text, kb, name="t", lang="ar", published="2008-03-02",
                                  use_model=False)
    return {(c.type, c.source, c.target, c.modality) for c in extraction.claims
            if c.type in EVENTS}


def test_generic_descriptions_keep_their_glued_particles_outside() -> None:
    text = "هاجم مسلحون مجهولون دورية للشرطة وقتلوا ثلاثة مدنيين."
    found = {(text[h.start:h.end], h.actor_id) for h in generic_hits(text, "ar")}
    assert ("مسلحون مجهولون", "generic-gunmen") in found
    assert ("مدنيين", "generic-civilians") in found
    assert any(a == "generic-police" for _, a in found)


@pytest.mark.parametrize(("text", "claim"), [
    ("قتل خمسة أشخاص في بلدة شمال المدينة صباح السبت.",
     ("ATTACKED", None, "generic-civilians", "asserted")),
    ("اغتال مسلحون مجهولون قاضياً أمام منزله يوم الأحد.",
     ("ATTACKED", "generic-gunmen", "generic-officials", "asserted")),
    ("انفجرت سيارة مفخخة قرب سوق شعبي مساء الجمعة.",
     ("ATTACKED", "generic-bombers", None, "asserted")),
    ("خطف مسلحون ثلاثة صحافيين أجانب على طريق المطار.",
     ("CAPTURED", "generic-gunmen", "generic-civilians", "asserted")),
])
def test_assault_with_generic_sides(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_a_named_side_beats_the_generic_word_inside_it(kb) -> None:
    found = events("هاجم الجيش الأمريكي مسلحين قرب الحدود.", kb)
    assert ("ATTACKED", "us-armed-forces", "generic-gunmen", "asserted") in found, found


def test_members_of_a_named_group_stand_for_it(kb) -> None:
    found = events("أعدم تنظيم الدولة جنوداً من الجيش السوري في الرقة عام 2014.", kb)
    assert any(c[1:3] == ("islamic-state", "syrian-army") for c in found), found


@pytest.mark.parametrize("text", [
    "لم يقتل أي شخص في الحادث.",
    "دعا الوزير إلى وقف الهجمات على المدنيين.",
    "هدد مسلحون بخطف صحافيين أجانب.",
])
def test_no_assault_is_claimed_from_a_denial_call_or_threat(kb, text) -> None:
    assert not {c for c in events(text, kb) if c[3] in ("asserted", "reported")}, \
        events(text, kb)


def test_generic_sides_take_no_part_in_standing_relations(kb) -> None:
    extraction = extract_document("كان الرهائن محتجزين لدى كتائب حزب الله، وهي ميليشيا "
                                  "وثيقة الصلة بإيران، منذ عام 2015.", kb, name="t",
                                  lang="ar", published="2017-04-12")
    structural = [c for c in extraction.claims if c.type not in EVENTS]
    assert structural and all(not (c.source or "").startswith("generic-")
                              and not (c.target or "").startswith("generic-")
                              for c in structural), structural


@pytest.mark.parametrize(("text", "claim"), [
    # the dead first, then the blast or the attack that killed them
    ("قتل أربعة حراس في انفجار عبوة زرعت قرب بوابة المصنع صباح الأحد.",
     ("ATTACKED", None, "generic-police", "asserted")),
    ("أكدت مصادر طبية ان ستة مدنيين قتلوا ليل الخميس جراء اشتباكات في حي شرق المدينة.",
     ("ATTACKED", None, "generic-civilians", "reported")),
    # an attack carried out with a weapon: the weapon stands for whoever used it
    ("تعرضت قافلة للإمدادات لهجوم بعبوة ناسفة قرب جسر القرية مساء الجمعة.",
     ("ATTACKED", "generic-bombers", None, "asserted")),
    # who fired: برصاص، بنيران، على يد
    ("قتل شرطي برصاص مسلحين مجهولين وسط البلدة فجر الاثنين.",
     ("ATTACKED", "generic-gunmen", "generic-police", "asserted")),
    ("أصيب ثلاثة مزارعين بنيران القوات الحكومية في قرية جنوب المدينة يوم السبت.",
     ("ATTACKED", "generic-soldiers", "generic-civilians", "asserted")),
    ("اغتيل قاض على يد مسلحين أمام منزله مساء الثلاثاء.",
     ("ATTACKED", "generic-gunmen", "generic-officials", "asserted")),
    # a suicide bomber at the wheel is the attacker, not only his car
    ("قالت الشرطة ان انتحاريا يقود شاحنة مفخخة فجر نفسه عند حاجز للجيش صباح أمس.",
     ("ATTACKED", "generic-gunmen", None, "reported")),
    # a civilian site hit is the target
    ("هاجم مسلحون ملثمون مسجدا في القرية فجر الجمعة.",
     ("ATTACKED", "generic-gunmen", "generic-sites", "asserted")),
])
def test_more_assault_shapes(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_the_dead_of_an_attack_are_never_its_attackers(kb) -> None:
    # "خمسة أشخاص قتلوا في هجوم": the victims come first, the verb is passive
    found = events("أعلنت الشرطة ان خمسة أشخاص قتلوا أمس في هجوم انتحاري استهدف حافلة "
                   "قرب السوق.", kb)
    assert found and not any(c[1] in ("generic-civilians", "generic-sites") for c in found), \
        found


@pytest.mark.parametrize("text", [
    # a noun phrase names a past war or attack without reporting it
    "يتذكر الناس هجوم إسرائيل على قرية حدودية قبل عقود.",
    # a future attack, and one announced in advance
    "قال المسؤول إن أي عملية اجتياح ستؤدي إلى مقتل العشرات من الجنود.",
    "تلقت الشرطة اتصالا يفيد بأن هجوما بعبوة ناسفة سينفذ ظهر الغد.",
    # a confession about a past bombing, and a kidnapping someone is accused of
    "بث التلفزيون اعترافات رجال قالوا إنهم نفذوا الاعتداء بسيارة مفخخة قرب المطار.",
    "قال التقرير إن الضابط كان متورطا في خطف طيار قبل سنوات.",
    # the day after a killing dates another event
    "وفي اليوم التالي لمقتل الوزير أعلنت الحكومة الحداد ثلاثة أيام.",
    # a whole country's violence, not a kidnapping by it
    "هذا ما يفسر ما يجري في العراق من قتل وخطف.",
])
def test_talk_about_an_attack_is_no_event(kb, text) -> None:
    assert not {c for c in events(text, kb) if c[3] in ("asserted", "reported")}, \
        events(text, kb)


def test_a_noun_phrase_between_two_states_reports_no_attack(kb) -> None:
    # "هجوم X على Y" as the topic of a debate: a named attack, not a reported one
    found = events("كان هجوم الولايات المتحدة على إيران موضوع النقاش في الندوة.", kb)
    assert not any(c[1:3] == ("united-states", "iran") for c in found), found


@pytest.mark.parametrize("text", [
    # an aim: ل and an attacker's verbal noun
    "داهمت الشرطة في بغداد امس مخبأ لخلية كانت تعد لتفجير سيارات مفخخة.",
    "وقالت الشرطة إن مسلحين خططوا لاستهداف حزب الله قرب الحدود.",
    # a protest or grief over an attack
    "تظاهر المئات في المدينة امس احتجاجا على مقتل ثلاثة مدنيين برصاص الشرطة.",
    "وأعرب السفير عن أسفه لمقتل خمسة جنود في الهجوم.",
    # a topic: what is said about an attack
    "وتضاربت الروايات امس حول ملابسات مقتل ثلاثة مدنيين في بغداد.",
    # a known attack: a definite noun and a relative clause
    "وشارك الوزير امس في تشييع الجنود الذين قتلوا في بغداد.",
    "ووصف الوزير امس الميليشيات التي خطفت الموظفين بأنها عصابات.",
    # a court, a fear
    "وقضت محكمة في بغداد امس بالسجن على رجل قتل خمسة أشخاص في السوق.",
    "أعربت الحكومة امس عن قلقها من خطف مسلحين صحافيين في المدينة.",
    # years ago
    "وكان صاحب الفندق قد قتل برصاص مسلحين في بغداد قبل عامين.",
    # a vehicle's driver is a bomber; a coalition's leader is not
    "وقال المتحدث إن قوات التحالف التي تقودها الولايات المتحدة ستبقى في البلاد.",
])
def test_an_attack_as_aim_reaction_topic_or_background_is_no_event(kb, text) -> None:
    assert not {c for c in events(text, kb) if c[3] in ("asserted", "reported")}, \
        events(text, kb)


@pytest.mark.parametrize(("text", "claim"), [
    # a reply is told after the attack it answers
    ("ورداً على خطف الجندي، قصفت طائرات حربية مواقع المسلحين قرب البلدة امس.",
     ("ATTACKED", "generic-soldiers", "generic-gunmen", "asserted")),
    # an indefinite attack with a relative clause is a fresh one
    ("قتل خمسة أشخاص في هجوم انتحاري استهدف سوقا في بغداد امس.",
     ("ATTACKED", None, "generic-civilians", "asserted")),
    # a shooter described, then its gunfire and its target
    ("وشاهد السكان مسلحين من العشائر يطلقون النار على دورية للجيش قرب المدينة امس.",
     ("ATTACKED", "generic-gunmen", "generic-soldiers", "asserted")),
    # a verb with its patient as a pronoun, then the subject
    ("وكان الشرطي عائدا الى منزله في بعقوبة امس عندما هاجمه مسلحون مجهولون.",
     ("ATTACKED", "generic-gunmen", None, "asserted")),
    # the capital is a place of the event
    ("وقتلت القوات مسلحا خلال عمليات في العاصمة.",
     ("ATTACKED", "generic-soldiers", "generic-gunmen", "asserted")),
    ("انفجرت سيارة مفخخة يقودها انتحاري قرب حاجز للشرطة صباح امس.",
     ("ATTACKED", "generic-bombers", None, "asserted")),
])
def test_attacks_beside_those_cues_are_still_events(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_the_lam_of_taarrada_is_no_aim(kb) -> None:
    # "تعرض ... لاستهداف": subjected to an attack, not an aim
    found = events("تعرض موكب المحافظ لاستهداف بعبوة ناسفة في المدينة صباح امس.", kb)
    assert any(c[0] == "ATTACKED" and c[3] == "asserted" for c in found), found


@pytest.mark.parametrize("text", [
    # a stance toward an attack, a comment on it, a link to it
    "وأيدت الحكومة هجوم الجيش على طالبان في سوات.",
    "ورفض الجيش الإسرائيلي التعليق على الغارة على سوريا الأسبوع الماضي.",
    "ونفت حماس أي علاقة لها بخطف الجندي الإسرائيلي في غزة.",
    # a judgement: the attack is the subject of هو / ليس
    "ويرى الكاتب أن هجوم الولايات المتحدة على إيران هو الخيار الوحيد.",
    "ويقول محللون إن ضرب إسرائيل لحزب الله ليس الحل.",
    # a condition: إن before a perfect verb; "whoever": كل من before a verb
    "وقال إن إسرائيل إن هاجمت لبنان فسترد المقاومة.",
    "وأكد أن كل من هاجم الجيش اللبناني في مخيم نهر البارد سيحاكم.",
    # an obligation is a demand
    "وقال النائب إنه يجب على الجيش الباكستاني مهاجمة طالبان في وزيرستان.",
    "وأكد أنه لا بد من مهاجمة مواقع طالبان في هلمند.",
    # a question and a case are no assertion
    "هل هاجمت إسرائيل سوريا أمس؟",
    "وفي حال هاجمت إسرائيل لبنان سيرد حزب الله.",
    # an attack prevented, any attack
    "ونشرت الشرطة قوات إضافية في بغداد لمنع هجوم المسلحين على السوق.",
    "وتوعد حزب الله بالرد على أي هجوم إسرائيلي على لبنان.",
    # an opening "when" clause dates the main clause's act
    "عندما اغتيل القائد في دمشق، أعلن الحزب الحرب على خصومه.",
    # a verbal attack: criticism in a speech or with a sharp word
    "وهاجم حزب الله الحكومة اللبنانية بشدة في خطاب أمس.",
    "وشنت حماس هجوما لاذعا على حركة فتح في بيروت أمس.",
    # ضرب in an idiom: "ignored"
    "وضربت إسرائيل بعرض الحائط قرارات الأمم المتحدة بشأن لبنان.",
    # a belief is no report
    "وأعتقد أن نحو مئة شخص تعرضوا للخطف في بغداد أمس.",
])
def test_stance_judgement_condition_obligation_or_question_is_no_event(kb, text) -> None:
    assert not {c for c in events(text, kb) if c[3] in ("asserted", "reported")}, \
        events(text, kb)


@pytest.mark.parametrize(("text", "claim"), [
    # a reported deed and a plain one keep their claims
    ("وقال إن مسلحين هاجموا القرية فجر اليوم وقتلوا خمسة أشخاص.",
     ("ATTACKED", "generic-gunmen", "generic-civilians", "reported")),
    ("هاجم مسلحون مجهولون نقطة تفتيش للشرطة جنوب بغداد أمس مما أسفر عن مقتل ثلاثة.",
     ("ATTACKED", "generic-gunmen", "generic-police", "asserted")),
])
def test_plain_reports_survive_the_new_cues(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_a_suspected_affiliation_leaves_the_attack_told(kb) -> None:
    # يشتبه doubts who the gunmen are, not that they attacked
    found = events("وقال مسؤول إن مسلحين يشتبه في انتمائهم إلى طالبان هاجموا قافلة للجيش "
                   "قرب قندهار أمس.", kb)
    assert any(c[0] == "ATTACKED" and c[3] == "reported" for c in found), found


@pytest.mark.parametrize(("text", "claim"), [
    ("داهمت قوات الأمن حياً في المدينة فجر الثلاثاء واعتقلت ثلاثة صحافيين.",
     ("CAPTURED", "generic-police", "generic-civilians", "asserted")),
    ("اقتحم مسلحون مقهى في وسط البلدة مساء الخميس وقتلوا خمسة مدنيين.",
     ("ATTACKED", "generic-gunmen", "generic-civilians", "asserted")),
])
def test_a_second_verb_after_wa_shares_the_first_verbs_subject(kb, text, claim) -> None:
    assert claim in events(text, kb), events(text, kb)


def test_a_second_verb_that_does_not_agree_keeps_its_own_subject(kb) -> None:
    found = events("هاجم مسلحون حاجزاً أمس واعتقلت الشرطة اثنين منهم.", kb)
    assert not any(c[0] == "CAPTURED" and c[1] == "generic-gunmen" for c in found), found


def test_an_attack_on_a_facility_keeps_its_attacker_without_a_target(kb) -> None:
    found = events("قصفت كتائب القسام مطار المدينة فجر الأحد.", kb)
    assert ("ATTACKED", "izz-ad-din-al-qassam-brigades", None, "asserted") in found, found


def test_an_attacked_place_is_the_claims_scope_not_its_target(kb) -> None:
    extraction = extract_document("دك الجيش الإسرائيلي مدينة غزة بالمدفعية صباح الأحد.", kb,
                                  name="t", lang="ar", published="2008-03-02", use_model=False)
    attacks = [c for c in extraction.claims if c.type == "ATTACKED"]
    assert [(c.source, c.target, c.place) for c in attacks] == [
        ("israel-defense-forces", None, "gaza-strip")], attacks


def test_a_place_after_an_arabic_locative_scopes_the_event(kb) -> None:
    extraction = extract_document("هاجم مسلحون مركزاً للشرطة في الموصل أمس.", kb, name="t",
                                  lang="ar", published="2008-03-02", use_model=False)
    attacks = [c for c in extraction.claims if c.type == "ATTACKED"]
    assert attacks and all(c.place == "mosul" for c in attacks), attacks


def test_an_unknown_place_after_a_place_noun_is_discovered(kb) -> None:
    extraction = extract_document("هاجم مسلحون حاجزاً للشرطة في بلدة حلحول أمس.", kb,
                                  name="t", lang="ar", published="2008-03-02", use_model=False)
    places = {c.place for c in extraction.claims if c.type == "ATTACKED"}
    assert len(places) == 1 and (place := places.pop()) is not None, extraction.claims
    assert extraction.places[place].origin == "discovered"
    assert extraction.places[place].name == "حلحول"


def test_an_adjective_after_a_place_noun_is_no_place(kb) -> None:
    extraction = extract_document("انفجرت عبوة ناسفة في منطقة سكنية صباح الأحد.", kb,
                                  name="t", lang="ar", published="2008-03-02", use_model=False)
    assert not extraction.places, extraction.places


def test_an_attack_carried_out_on_a_town_keeps_its_attacker(kb) -> None:
    found = events("شنت حركة طالبان هجوما على بلدة نائية في جنوب البلاد مساء الجمعة.", kb)
    assert ("ATTACKED", "taliban", None, "asserted") in found, found


def test_an_attack_carried_out_on_an_actor_is_left_to_the_frames(kb) -> None:
    found = events("شن الجيش الأمريكي غارة على مواقع طالبان صباح الأحد.", kb)
    assert ("ATTACKED", "us-armed-forces", "taliban", "asserted") in found, found
    assert ("ATTACKED", "us-armed-forces", None, "asserted") not in found, found


def test_an_operation_that_is_no_attack_is_no_event(kb) -> None:
    assert not events("نفذت الحكومة عملية إصلاح واسعة في الوزارات صباح الأحد.", kb)


def test_qama_bi_with_a_verbal_noun_of_capture(kb) -> None:
    found = events("قامت قوات الاحتلال باعتقال أربعة صحافيين قرب المخيم فجر الأحد.", kb)
    assert ("CAPTURED", "generic-soldiers", "generic-civilians", "asserted") in found, found
