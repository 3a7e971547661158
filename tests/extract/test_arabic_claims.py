"""Arabic extraction: one or two focused sentences per claim type, the modality cues,
the word orders of news Arabic, and what the Arabic example reports yield.

Every sentence here is written for these tests; expected ids are the knowledge
base's (see `allegiance kb list`). Reports are dated 2017-04-12, so a sentence
about Jabhat al-Nusra carries an earlier year: undated, the lineage resolver
would read the name as its 2017 successor, Hay'at Tahrir al-Sham.

Cases marked xfail need an engine change (see the reason); they are strict, so
they fail loudly once the engine handles them and can become plain cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from allegiance.extract.patterns import LANG_DIR, load_lexicon
from allegiance.extract.pipeline import extract_document
from allegiance.ingest.readers import read_all

PUBLISHED = "2017-04-12"
SYMMETRIC = ("ALLIED_WITH", "RIVAL_OF", "AGREED_WITH", "FOUGHT")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


def extract(text, kb, published=PUBLISHED):
    return extract_document(text, kb, name="t", lang="ar", published=published)


def find(extraction, claim_type, source=None, target=None):
    for claim in extraction.claims:
        if claim.type != claim_type:
            continue
        if claim_type in SYMMETRIC:
            if {source, target} <= {claim.source, claim.target}:
                return claim
        elif (source is None or claim.source == source) and \
                (target is None or claim.target == target):
            return claim
    return None


def describe(extraction):
    return [(c.type, c.source, c.target, c.when, c.modality) for c in extraction.claims]


def expect(text, kb, claim_type, source, target, modality="asserted"):
    extraction = extract(text, kb)
    claim = find(extraction, claim_type, source, target)
    assert claim is not None, describe(extraction)
    assert claim.modality == modality, describe(extraction)
    return claim


# --------------------------------------------------------------------------- lexicon files


def test_every_claim_type_has_an_arabic_lexicon() -> None:
    english = yaml.safe_load((LANG_DIR / "en" / "claims.yaml").read_text(encoding="utf-8"))
    arabic = yaml.safe_load((LANG_DIR / "ar" / "claims.yaml").read_text(encoding="utf-8"))
    assert set(arabic["types"]) == set(english["types"])
    compiled = {lex.type: lex for lex in load_lexicon("ar")}
    assert set(compiled) == set(english["types"])
    assert all(lex.patterns for lex in compiled.values())


def test_arabic_modality_and_actor_files_have_the_english_keys() -> None:
    english = yaml.safe_load((LANG_DIR / "en" / "modality.yaml").read_text(encoding="utf-8"))
    arabic = yaml.safe_load((LANG_DIR / "ar" / "modality.yaml").read_text(encoding="utf-8"))
    assert set(english) <= set(arabic)  # every category the engine reads
    actors = yaml.safe_load((LANG_DIR / "ar" / "actors.yaml").read_text(encoding="utf-8"))
    assert {"group_openers", "group_heads", "name_connectors", "not_group_words",
            "person_titles", "group_anaphors", "pair_anaphors", "relational_nouns",
            "not_after_former"} <= set(actors)
    for opener in ("لواء", "ألوية", "جيش", "حركة", "جبهة", "كتائب", "كتيبة", "هيئة", "تنظيم",
                   "فيلق", "سرايا", "قوات"):
        assert opener in actors["group_openers"]
    for title in ("أمير", "قائد", "زعيم"):
        assert title in actors["person_titles"]


# --------------------------------------------------------------------------- one case per type

CASES = [
    # ALLIED_WITH: قاتل إلى جانب; تحالف بين A وB (و glued to the slot); verb + pair
    ("ALLIED_WITH", "قاتلت حركة أحرار الشام إلى جانب جبهة النصرة في إدلب خلال عام 2015.",
     "ahrar-al-sham", "jabhat-al-nusra"),
    ("ALLIED_WITH", "قام تحالف بين أحرار الشام وجبهة النصرة في ربيع عام 2015.",
     "ahrar-al-sham", "jabhat-al-nusra"),
    ("ALLIED_WITH", "تحالف حزب الله والجيش السوري في معركة القصير عام 2013.",
     "hezbollah", "syrian-army"),
    ("ALLIED_WITH", "كان الرهائن محتجزين لدى كتائب حزب الله، وهي ميليشيا وثيقة الصلة بإيران، "
                    "منذ عام 2015.", "kataib-hezbollah", "iran"),
    # RIVAL_OF: noun between; predicate adjective with ل
    ("RIVAL_OF", "يرى محللون أن الخصومة بين تنظيم الدولة وتنظيم القاعدة تعمقت عام 2014.",
     "islamic-state", "al-qaeda"),
    ("RIVAL_OF", "كانت جبهة النصرة منافسة لتنظيم الدولة في دير الزور عام 2014.",
     "jabhat-al-nusra", "islamic-state"),
    # SPLINTER_OF: انشق عن (verb first); انفصالها عن (masdar after the subject)
    ("SPLINTER_OF", "انشق تنظيم الدولة عن تنظيم القاعدة في عام 2014.",
     "islamic-state", "al-qaeda"),
    ("SPLINTER_OF", "جاء انفصال حركة نور الدين الزنكي عن هيئة تحرير الشام في تموز 2017.",
     "nour-al-din-al-zenki", "hayat-tahrir-al-sham"),
    # MERGED_INTO: اندمج في; انضم إلى
    ("MERGED_INTO", "اندمجت جبهة فتح الشام في هيئة تحرير الشام في كانون الثاني 2017.",
     "jabhat-fateh-al-sham", "hayat-tahrir-al-sham"),
    ("MERGED_INTO", "انضم جيش المجاهدين إلى حركة أحرار الشام في أواخر كانون الثاني 2017.",
     "jaysh-al-mujahideen", "ahrar-al-sham"),
    # RENAMED_TO: تغيير اسمها إلى; "B، أي A سابقاً"
    ("RENAMED_TO", "غيرت جبهة النصرة اسمها إلى جبهة فتح الشام في تموز 2016.",
     "jabhat-al-nusra", "jabhat-fateh-al-sham"),
    ("RENAMED_TO", "جبهة فتح الشام، أي جبهة النصرة سابقاً، وسعت نفوذها في ريف حلب.",
     "jabhat-al-nusra", "jabhat-fateh-al-sham"),
    # AFFILIATED_WITH: بايع (verb first, direct object); "A الفرع الرسمي لـB"
    ("AFFILIATED_WITH", "بايعت جبهة النصرة تنظيم القاعدة في نيسان 2013.",
     "jabhat-al-nusra", "al-qaeda"),
    ("AFFILIATED_WITH", "باتت جبهة النصرة الفرع الرسمي لتنظيم القاعدة في سوريا عام 2014.",
     "jabhat-al-nusra", "al-qaeda"),
    # LEADER_OF: "A، زعيم B"; "زعيم B A"; يقود
    ("LEADER_OF", "ألقى أبو بكر البغدادي، زعيم تنظيم الدولة، خطبة في الموصل.",
     "abu-bakr-al-baghdadi", "islamic-state"),
    ("LEADER_OF", "ألقى زعيم حزب الله حسن نصر الله خطاباً مطولاً عام 2016.",
     "hassan-nasrallah", "hezbollah"),
    ("LEADER_OF", "يقود أبو محمد الجولاني هيئة تحرير الشام منذ عام 2017.",
     "abu-muhammad-al-julani", "hayat-tahrir-al-sham"),
    # MEMBER_OF: "A، المتحدث باسم B"; "القيادي في B A"
    ("MEMBER_OF", "قُتل أبو محمد العدناني، المتحدث باسم تنظيم الدولة، في غارة عام 2016.",
     "abu-muhammad-al-adnani", "islamic-state"),
    ("MEMBER_OF", "ظهر القيادي في جبهة النصرة أبو ماريا القحطاني في تسجيل مصور عام 2015.",
     "abu-maria-al-qahtani", "jabhat-al-nusra"),
    # SUPPORTS: دعم (verb first); "B المدعومة من A"; قدّم أسلحة لـ
    ("SUPPORTS", "دعمت إيران حزب الله بالسلاح والمال منذ الثمانينيات.", "iran", "hezbollah"),
    ("SUPPORTS", "تقدمت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة نحو الرقة عام 2017.",
     "united-states", "syrian-democratic-forces"),
    ("SUPPORTS", "قدمت تركيا أسلحة لحركة أحرار الشام عام 2016.", "turkey", "ahrar-al-sham"),
    # ATTACKED: V S O with an object head (مواقع); light verb + masdar; passive with من قبل
    ("ATTACKED", "هاجم تنظيم الدولة مواقع الجيش اللبناني في آب 2014.",
     "islamic-state", "lebanese-army"),
    ("ATTACKED", "شنّ حزب الله هجوماً على جبهة النصرة في جرود عرسال عام 2015.",
     "hezbollah", "jabhat-al-nusra"),
    ("ATTACKED", "هوجمت مواقع الجيش اللبناني من قبل تنظيم الدولة عام 2014.",
     "islamic-state", "lebanese-army"),
    # CAPTURED: V S O; passive with على يد
    ("CAPTURED", "اعتقل الجيش اللبناني عماد جمعة قرب عرسال في آب 2014.",
     "lebanese-army", "abu-ahmad-juma"),
    ("CAPTURED", "اعتُقل أبو أحمد جمعة على يد الجيش اللبناني عام 2014.",
     "lebanese-army", "abu-ahmad-juma"),
    # EXECUTED: members stand for their group (guidelines rule 4)
    ("EXECUTED", "أعدم تنظيم الدولة جنوداً من الجيش السوري في الرقة عام 2014.",
     "islamic-state", "syrian-army"),
    ("EXECUTED", "ذبح تنظيم الدولة عناصر من الجيش اللبناني عام 2014.",
     "islamic-state", "lebanese-army"),
    # AGREED_WITH: اتفاق مع; verb + pair; هدنة بين
    ("AGREED_WITH", "توصل حزب الله إلى اتفاق مع جبهة النصرة في تموز 2015.",
     "hezbollah", "jabhat-al-nusra"),
    ("AGREED_WITH", "وقّعت روسيا وتركيا اتفاقاً في أستانا عام 2017.", "russia", "turkey"),
    ("AGREED_WITH", "أُبرمت هدنة بين الجيش اللبناني وتنظيم الدولة في آب 2014.",
     "lebanese-army", "islamic-state"),
    # FOUGHT: اشتبك مع; اشتباكات بين
    ("FOUGHT", "اشتبك تنظيم الدولة مع جبهة النصرة في دير الزور عام 2014.",
     "islamic-state", "jabhat-al-nusra"),
    ("FOUGHT", "اندلعت اشتباكات عنيفة بين هيئة تحرير الشام وحركة أحرار الشام في تموز 2017.",
     "hayat-tahrir-al-sham", "ahrar-al-sham"),
    # WITHDREW_FROM / CONTROLS / ARRIVED_IN: a place as target
    ("WITHDREW_FROM", "انسحب مقاتلو تنظيم الدولة من كوباني في كانون الثاني 2015.",
     "islamic-state", "kobani"),
    ("CONTROLS", "سيطرت هيئة تحرير الشام على مدينة إدلب في تموز 2017.",
     "hayat-tahrir-al-sham", "idlib"),
    ("CONTROLS", "أثارت سيطرة تنظيم الدولة على الموصل في حزيران 2014 صدمة واسعة.",
     "islamic-state", "mosul"),
    ("CONTROLS", "كوباني التي تُدار من قبل وحدات حماية الشعب منذ عام 2012 صمدت أمام الهجوم.",
     "ypg", "kobani"),
    ("ARRIVED_IN", "دخلت قوات سوريا الديمقراطية مدينة الرقة في حزيران 2017.",
     "syrian-democratic-forces", "raqqa"),
    ("ARRIVED_IN", "وصل مقاتلو حزب الله إلى القصير عام 2013.", "hezbollah", "qusayr"),
]


@pytest.mark.parametrize(("claim_type", "text", "source", "target"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_claim_type(kb, claim_type, text, source, target) -> None:
    expect(text, kb, claim_type, source, target)


def test_every_type_has_a_case() -> None:
    english = yaml.safe_load((LANG_DIR / "en" / "claims.yaml").read_text(encoding="utf-8"))
    assert {case[0] for case in CASES} == set(english["types"])


def test_claim_carries_the_sentence_date(kb) -> None:
    claim = expect("سيطرت هيئة تحرير الشام على مدينة إدلب في تموز 2017.", kb, "CONTROLS",
                   "hayat-tahrir-al-sham", "idlib")
    assert claim.when == "2017-07"
    assert "سيطرت هيئة تحرير الشام على مدينة إدلب" in claim.evidence.text


# --------------------------------------------------------------------------- word order

def test_passive_does_not_reverse_the_roles(kb) -> None:
    extraction = extract("اعتُقل أبو أحمد جمعة من قبل الجيش اللبناني في آب 2014.", kb)
    assert find(extraction, "CAPTURED", "lebanese-army", "abu-ahmad-juma")
    assert not find(extraction, "CAPTURED", "abu-ahmad-juma", "lebanese-army")


def test_coordinated_subjects_are_not_subject_and_object(kb) -> None:
    extraction = extract("هاجم حزب الله والجيش السوري مواقع جبهة النصرة في حلب عام 2015.", kb)
    assert find(extraction, "ATTACKED", "hezbollah", "jabhat-al-nusra")
    assert find(extraction, "ATTACKED", "syrian-army", "jabhat-al-nusra")
    assert not find(extraction, "ATTACKED", "hezbollah", "syrian-army")


def test_subject_first_after_a_complementizer(kb) -> None:
    expect("أكد شهود أن الجيش اللبناني قصف مواقع تنظيم الدولة في آب 2017.", kb, "ATTACKED",
           "lebanese-army", "islamic-state", "reported")


def test_a_name_after_a_preposition_is_not_a_subject(kb) -> None:
    extraction = extract("بحسب المرصد السوري لحقوق الإنسان، هاجم تنظيم الدولة مواقع الجيش "
                         "السوري عام 2015.", kb)
    assert find(extraction, "ATTACKED", "islamic-state", "syrian-army")
    assert not find(extraction, "ATTACKED", "sohr", "islamic-state")


def test_a_clause_after_inna_has_its_own_subject(kb) -> None:
    extraction = extract("قالت الأمم المتحدة إن آلاف المدنيين فروا من إدلب خلال الأسبوع "
                         "الماضي.", kb)
    assert not [c for c in extraction.claims if c.type == "WITHDREW_FROM"]


def test_accused_of_supporting_keeps_the_direction(kb) -> None:
    extraction = extract("اتهمت روسيا الولايات المتحدة بدعم تنظيم الدولة.", kb)
    claim = find(extraction, "SUPPORTS", "united-states", "islamic-state")
    assert claim is not None and claim.modality == "reported"
    assert not find(extraction, "SUPPORTS", "islamic-state", "united-states")


def test_two_places_joined_by_waw(kb) -> None:
    extraction = extract("غادر مقاتلو حركة أحرار الشام الزبداني ومضايا في نيسان 2017.", kb)
    assert find(extraction, "WITHDREW_FROM", "ahrar-al-sham", "zabadani")
    assert find(extraction, "WITHDREW_FROM", "ahrar-al-sham", "madaya")


def test_quoted_name_with_head_noun(kb) -> None:
    expect('انشق تنظيم "داعش" عن تنظيم القاعدة في شباط 2014.', kb, "SPLINTER_OF",
           "islamic-state", "al-qaeda")


# --------------------------------------------------------------------------- modality

MODALITY = [
    # reported
    ("وفقاً لمصادر محلية، سيطر تنظيم الدولة على تدمر في أيار 2015.",
     "CONTROLS", "islamic-state", "palmyra", "reported"),
    ("بحسب مسؤولين أمنيين، هاجم تنظيم الدولة مواقع الجيش السوري عام 2015.",
     "ATTACKED", "islamic-state", "syrian-army", "reported"),
    ("ونقلاً عن مسؤولين أمنيين، وصل مقاتلو جبهة النصرة إلى إدلب في آب 2015.",
     "ARRIVED_IN", "jabhat-al-nusra", "idlib", "reported"),
    ("أفادت تقارير بأن حزب الله انسحب من القصير عام 2016.",
     "WITHDREW_FROM", "hezbollah", "qusayr", "reported"),
    ("قال مسؤولون إن تركيا دعمت حركة أحرار الشام عام 2016.",
     "SUPPORTS", "turkey", "ahrar-al-sham", "reported"),
    ("ذكرت وسائل إعلام أن هيئة تحرير الشام سيطرت على معبر باب الهوى في تموز 2017.",
     "CONTROLS", "hayat-tahrir-al-sham", "bab-al-hawa-crossing", "reported"),
    ("أعلنت جبهة النصرة في تموز 2016 تغيير اسمها إلى جبهة فتح الشام.",
     "RENAMED_TO", "jabhat-al-nusra", "jabhat-fateh-al-sham", "reported"),
    ("أكدت حركة نور الدين الزنكي في تموز 2017 انفصالها عن هيئة تحرير الشام.",
     "SPLINTER_OF", "nour-al-din-al-zenki", "hayat-tahrir-al-sham", "reported"),
    # speculative
    ("قد يهاجم تنظيم الدولة مواقع الجيش اللبناني قرب عرسال.",
     "ATTACKED", "islamic-state", "lebanese-army", "speculative"),
    ("ربما تنسحب روسيا من قاعدة حميميم.", "WITHDREW_FROM", "russia", "hmeimim", "speculative"),
    ("من المتوقع أن تدخل تركيا مدينة إدلب.", "ARRIVED_IN", "turkey", "idlib", "speculative"),
    ("يُرجّح أن تسيطر هيئة تحرير الشام على سراقب.",
     "CONTROLS", "hayat-tahrir-al-sham", "saraqib", "speculative"),
    ("سوف تنضم حركة نور الدين الزنكي إلى هيئة تحرير الشام.",
     "MERGED_INTO", "nour-al-din-al-zenki", "hayat-tahrir-al-sham", "speculative"),
    # negated
    ("لم يسيطر الجيش السوري على إدلب في عام 2015.", "CONTROLS", "syrian-army", "idlib",
     "negated"),
    ("لن تنسحب روسيا من قاعدة حميميم.", "WITHDREW_FROM", "russia", "hmeimim", "negated"),
    ("نفت هيئة تحرير الشام أن تكون مرتبطة بتنظيم القاعدة.",
     "AFFILIATED_WITH", "hayat-tahrir-al-sham", "al-qaeda", "negated"),
    ("لا تدعم تركيا وحدات حماية الشعب.", "SUPPORTS", "turkey", "ypg", "negated"),
    ("وحدات حماية الشعب ليست فرعاً لحزب العمال الكردستاني.",
     "AFFILIATED_WITH", "ypg", "pkk", "negated"),
    ("انسحب حزب الله دون اتفاق مع جبهة النصرة عام 2015.",
     "AGREED_WITH", "hezbollah", "jabhat-al-nusra", "negated"),
]


@pytest.mark.parametrize(("text", "claim_type", "source", "target", "modality"), MODALITY,
                         ids=[f"{m[4]}-{i}" for i, m in enumerate(MODALITY)])
def test_modality(kb, text, claim_type, source, target, modality) -> None:
    expect(text, kb, claim_type, source, target, modality)


@pytest.mark.parametrize("text", [
    "تسيطر هيئة تحرير الشام حالياً على مدينة إدلب.",
    "ما زالت هيئة تحرير الشام تسيطر على مدينة إدلب.",
    "تسيطر هيئة تحرير الشام اليوم على مدينة إدلب.",
])
def test_present_marker_dates_the_claim_to_publication(kb, text) -> None:
    # حالياً and اليوم are also time words (lang/ar/time.yaml); ما زالت only marks the tense
    claim = expect(text, kb, "CONTROLS", "hayat-tahrir-al-sham", "idlib")
    assert claim.when == "2017"
    assert claim.qualifier in (None, "as-of")


def test_a_call_is_not_the_act(kb) -> None:
    extraction = extract("دعت تركيا وحدات حماية الشعب إلى الانسحاب من منبج عام 2016.", kb)
    assert not find(extraction, "WITHDREW_FROM", "ypg", "manbij")


def test_undated_past_claim_has_no_time(kb) -> None:
    claim = expect("انسحب تنظيم الدولة من تدمر.", kb, "WITHDREW_FROM", "islamic-state",
                   "palmyra")
    assert claim.when is None


# --------------------------------------------------------------------------- engine limits

def _xfail(reason):
    return pytest.mark.xfail(strict=True, reason=reason)


def test_future_prefix_is_speculative(kb) -> None:
    expect("ستنسحب روسيا من قاعدة حميميم.", kb, "WITHDREW_FROM", "russia", "hmeimim",
           "speculative")


def test_la_yazal_is_not_a_negation(kb) -> None:
    expect("لا تزال هيئة تحرير الشام تسيطر على مدينة إدلب.", kb, "CONTROLS",
           "hayat-tahrir-al-sham", "idlib", "asserted")


def test_qad_with_past_verb_is_not_speculative(kb) -> None:
    expect("وكان تنظيم الدولة قد سيطر على الرقة في كانون الثاني 2014.", kb, "CONTROLS",
           "islamic-state", "raqqa", "asserted")


def test_shadda_does_not_make_a_cue(kb) -> None:
    expect("قدّمت تركيا أسلحة لحركة أحرار الشام عام 2016.", kb, "SUPPORTS", "turkey",
           "ahrar-al-sham", "asserted")


def test_arabic_semicolon_ends_a_clause(kb) -> None:
    expect("لم تتقدم الفصائل؛ فقد هاجم حزب الله مواقع جبهة النصرة في حلب عام 2015.", kb,
           "ATTACKED", "hezbollah", "jabhat-al-nusra", "asserted")


def test_three_member_subject_list(kb) -> None:
    expect("هاجم حزب الله والجيش السوري والحرس الثوري الإيراني مواقع جبهة النصرة عام 2015.",
           kb, "ATTACKED", "irgc", "jabhat-al-nusra")


def test_object_list(kb) -> None:
    expect("هاجم تنظيم الدولة الجيش اللبناني وقوى الأمن الداخلي في آب 2014.", kb,
           "ATTACKED", "islamic-state", "lebanese-internal-security-forces")


def test_group_anaphor(kb) -> None:
    expect("أعلنت هيئة تحرير الشام النفير العام. وسيطرت الهيئة على مدينة إدلب عام 2017.", kb,
           "CONTROLS", "hayat-tahrir-al-sham", "idlib")


def test_place_is_not_an_attack_target(kb) -> None:
    extraction = extract("شنّ حزب الله هجوماً على الزبداني عام 2015.", kb)
    assert not [c for c in extraction.claims if c.type == "ATTACKED" and c.target is None]


def test_led_by_a_state_is_not_leader_of(kb) -> None:
    extraction = extract("يقصف التحالف الدولي بقيادة الولايات المتحدة مواقع تنظيم الدولة "
                         "منذ عام 2014.", kb)
    assert not find(extraction, "LEADER_OF", "united-states", "international-coalition")


# --------------------------------------------------------------------------- example twins

TWIN_FACTS = [
    ("02-hts-first-months-2017", "SUPPORTS", "turkey", "ahrar-al-sham"),
    ("02-hts-first-months-2017", "RENAMED_TO", "jabhat-al-nusra", "jabhat-fateh-al-sham"),
    ("03-aarsal-2014-2017", "CAPTURED", "lebanese-army", "abu-ahmad-juma"),
    ("03-aarsal-2014-2017", "AGREED_WITH", "jabhat-al-nusra", "lebanon"),
    ("04-kobani-2015", "WITHDREW_FROM", "islamic-state", "kobani"),
    ("04-kobani-2015", "AFFILIATED_WITH", "ypg", "pkk"),
    ("04-kobani-2015", "ATTACKED", "islamic-state", "ypg"),
    ("06-isis-lineage-2014", "RENAMED_TO", "jamaat-al-tawhid-wal-jihad", "al-qaeda-in-iraq"),
    ("06-isis-lineage-2014", "LEADER_OF", "osama-bin-laden", "al-qaeda"),
    ("08-four-towns-2017", "CONTROLS", "ahrar-al-sham", "zabadani"),
    ("08-four-towns-2017", "WITHDREW_FROM", "ahrar-al-sham", "madaya"),
    ("10-raqqa-2017", "CONTROLS", "syrian-army", "mayadin"),
    ("12-damascus-2025", "LEADER_OF", "mazloum-abdi", "syrian-democratic-forces"),
    ("12-damascus-2025", "ATTACKED", "syrian-national-army", "syrian-democratic-forces"),
]


@pytest.mark.parametrize(("report", "claim_type", "source", "target"), TWIN_FACTS,
                         ids=[f"{f[0][:2]}-{f[1]}" for f in TWIN_FACTS])
def test_arabic_example_report(kb, report, claim_type, source, target) -> None:
    document = next(iter(read_all([EXAMPLES / f"{report}.ar.txt"])))
    assert document.lang == "ar"
    extraction = extract_document(document.text, kb, name=document.name, lang=document.lang,
                                  published=document.published)
    assert find(extraction, claim_type, source, target), describe(extraction)
