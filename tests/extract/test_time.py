"""Tests for time expressions: what each family of phrases resolves to, in English and Arabic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.extract import time as time_module
from allegiance.extract.time import TimeMention, find_times, hijri_to_gregorian


def only(text: str, published: str | None, lang: str = "en") -> TimeMention:
    """The single mention found in `text`."""
    found = find_times(text, published, lang)
    assert len(found) == 1, found
    return found[0]


def expect(text: str, phrase: str, when: str | None, until: str | None, precision: str,
           qualifier: str | None, published: str | None = "2014-12", lang: str = "en",
           relative: bool | None = None) -> TimeMention:
    """Assert that `phrase` is the one mention in `text`, with these values."""
    m = only(text, published, lang)
    start = text.index(phrase)
    got = (m.start, m.end, m.text, m.when, m.until, m.precision, m.qualifier)
    assert got == (start, start + len(phrase), phrase, when, until, precision, qualifier)
    if relative is not None:
        assert m.relative is relative
    return m


# --------------------------------------------------------------------------- English


def test_en_day_month_year_both_orders() -> None:
    expect("The convoy was hit on 3 August 2016 near Manbij.", "3 August 2016",
           "2016-08-03", None, "day", None, relative=False)
    expect("The convoy was hit on August 3, 2016 near Manbij.", "August 3, 2016",
           "2016-08-03", None, "day", None)
    expect("Talks resumed on Sept. 9, 2015.", "Sept. 9, 2015", "2015-09-09", None, "day", None)


def test_en_month_year_leaves_the_preposition_out() -> None:
    expect("The brigade was formed in March 2015 in Daraa.", "March 2015", "2015-03", None,
           "month", None)
    expect("Its founding was announced November 2012.", "November 2012", "2012-11", None,
           "month", None)


def test_en_standalone_year() -> None:
    expect("The front split from its parent in 2013 after a dispute.", "2013", "2013", None,
           "year", None, relative=False)


@pytest.mark.parametrize(
    "text",
    [
        "Some 2000 fighters crossed the border.",
        "The ruins are 2000-year-old columns.",
        "Turnout was 2014 percent of the target.",
        "Resolution 2254 was adopted.",
        "A total of 12,2013 was reported.",
        "See https://example.org/2014/07/report.",
    ],
)
def test_en_numbers_that_are_not_years(text: str) -> None:
    assert find_times(text, "2015") == []


def test_en_year_ranges() -> None:
    expect("The groups cooperated between 2012 and 2014 in the east.", "between 2012 and 2014",
           "2012", "2014", "year", None)
    expect("The alliance held 2012–2014 in the east.", "2012–2014", "2012", "2014", "year",
           None)
    expect("Its fighters stayed there in 2015-16.", "2015-16", "2015", "2016", "year", None)


def test_en_month_range_takes_the_year_of_its_end() -> None:
    expect("The siege lasted from November to February 2016.", "from November to February 2016",
           "2015-11", "2016-02", "month", None)


def test_en_two_years_joined_by_and_are_two_points() -> None:
    found = find_times("It fought there in 2012 and 2014.", "2015")
    assert [(m.text, m.when, m.until) for m in found] == [("2012", "2012", None),
                                                          ("2014", "2014", None)]


def test_en_season_with_year_is_the_year() -> None:
    expect("The town fell during the autumn and winter of 2012 after heavy shelling.",
           "autumn and winter of 2012", "2012", None, "year", None)
    expect("They withdrew in summer 2016.", "summer 2016", "2016", None, "year", None)


@pytest.mark.parametrize(
    ("text", "phrase", "when", "qualifier"),
    [
        ("Fighting resumed in mid-2016 around the dam.", "mid-2016", "2016", "mid"),
        ("The cell was set up in late 2012 by two brothers.", "late 2012", "2012", "late"),
        ("Early 2017 saw a wave of defections.", "Early 2017", "2017", "early"),
        ("By the end of 2013 the group controlled the crossing.", "the end of 2013", "2013",
         "late"),
    ],
)
def test_en_qualified_year(text: str, phrase: str, when: str, qualifier: str) -> None:
    expect(text, phrase, when, None, "year", qualifier, relative=False)


def test_en_month_without_year_is_the_latest_before_publication() -> None:
    text = "The commander defected in late August and fled north."
    expect(text, "late August", "2014-08", None, "month", "late", published="2014-12",
           relative=True)
    expect(text, "late August", "2013-08", None, "month", "late", published="2014-03")
    expect("Shelling intensified in early December.", "early December", "2014-12", None,
           "month", "early", published="2014-12-15")
    expect("Negotiations began in February.", "February", "2017-02", None, "month", None,
           published="2017-04-12")


def test_en_month_and_day_without_year() -> None:
    expect("The checkpoint was overrun on 20 April.", "20 April", "2017-04-20", None, "day",
           None, published="2017-05-02")
    expect("The checkpoint was overrun on 20 April.", "20 April", "2016-04-20", None, "day",
           None, published="2017-04-12")


def test_en_bare_month_needs_a_cue() -> None:
    assert find_times("The rebels may retreat, and May Day passed quietly.", "2014") == []
    assert find_times("Officials said the March offensive stalled.", "2014-12") == []


def test_en_this_year_last_year_last_month() -> None:
    expect("Earlier this year the two factions clashed.", "Earlier this year", "2014", None,
           "year", None, relative=True)
    expect("They signed a truce last year.", "last year", "2013", None, "year", None)
    expect("Two villages changed hands last month.", "last month", "2014-11", None, "month",
           None)
    expect("Prices rose this month.", "this month", "2017-04", None, "month", None,
           published="2017-04-12")
    expect("The deal was struck in March last year.", "March last year", "2013-03", None,
           "month", None)


def test_en_past_period_counts_back_from_publication() -> None:
    expect("Over the past year the militia doubled in size.", "the past year", "2013-12",
           "2014-12", "month", None, relative=True)
    expect("During the past two years it lost ground.", "the past two years", "2012-12",
           "2014-12", "month", None)
    expect("In recent years the movement splintered.", "recent years", "2011", "2014", "year",
           None)
    expect("The leader was killed two years ago.", "two years ago", "2012", None, "year", None)


def test_en_since_runs_to_publication() -> None:
    expect("Since the last week of March the group has pulled back.",
           "Since the last week of March", "2017-03", "2017-04", "month", "since",
           published="2017-04-12", relative=True)
    expect("They have been rivals since 2013.", "since 2013", "2013", "2014", "year", "since")
    expect("Attacks have grown since the spring.", "since the spring", "2014-03", "2014-12",
           "month", "since")
    expect("It has held the pass from 2012 onwards.", "from 2012 onwards", "2012", "2014",
           "year", "since")


def test_en_until_before_after() -> None:
    expect("The truce held until 2016.", "until 2016", None, "2016", "year", "until")
    expect("Few foreign fighters arrived before 2012.", "before 2012", None, "2012", "year",
           "before")
    expect("Relations soured after June 2014.", "after June 2014", "2014-06", None, "month",
           "after")


def test_en_years_of_the_conflict_count_from_its_start() -> None:
    expect("In the first two years of the war the two groups fought side by side.",
           "first two years of the war", "2011", "2013", "year", None, relative=False)
    expect("It was formed in the first year of the uprising.", "first year of the uprising",
           "2011", "2012", "year", None)
    expect("It has fought since the start of the Syrian revolution.",
           "since the start of the Syrian revolution", "2011", "2014", "year", "since")


@pytest.mark.parametrize(
    ("text", "phrase", "qualifier", "precision"),
    [
        ("Several weeks later the hostages were moved.", "Several weeks later", "after", "day"),
        ("The raid came just days after the ambush.", "just days after", "after", "day"),
        ("After several months of talks, they split.", "After several months", "after",
         "month"),
        ("Two weeks earlier the road had been cut.", "Two weeks earlier", "before", "day"),
        ("At the time, the town was quiet.", "At the time", None, "year"),
        ("Until then, the brigade was independent.", "Until then", "until", "year"),
    ],
)
def test_en_anaphoric_phrases_leave_when_to_the_caller(text: str, phrase: str,
                                                       qualifier: str | None,
                                                       precision: str) -> None:
    expect(text, phrase, None, None, precision, qualifier, relative=True)


def test_en_since_then_ends_at_publication() -> None:
    expect("Since then, the border has stayed closed.", "Since then", None, "2014-12", "year",
           "since")


@pytest.mark.parametrize("word", ["recently", "currently", "today", "now"])
def test_en_present_is_the_publication_year(word: str) -> None:
    text = f"The group {word} operates in two provinces."
    expect(text, word, "2014", None, "year", None, published="2014-12-15", relative=True)


def test_en_hijri_date_gives_the_gregorian_month_it_starts_in() -> None:
    expect("The offensive began in Ramadan 1435 AH.", "Ramadan 1435 AH", "2014-06", None,
           "month", None, relative=False)


def test_hijri_arithmetic() -> None:
    assert str(hijri_to_gregorian(1435, 9, 1)) == "2014-06-29"
    assert str(hijri_to_gregorian(1436, 1, 1)) == "2014-10-25"


def test_en_names_that_look_like_dates() -> None:
    assert find_times("The March 14 alliance boycotted the session.", "2014") == []
    expect("Security tightened after 9/11.", "9/11", "2001-09-11", None, "day", None)


def test_en_numeric_dates() -> None:
    expect("Posted 2017-04-12 by the editors.", "2017-04-12", "2017-04-12", None, "day", None)


def test_en_without_publication_date_relative_words_are_dropped() -> None:
    found = find_times("Last year the group held the town; it fell in May 2015.", None)
    assert [m.text for m in found] == ["May 2015"]


def test_en_longest_mention_wins_and_results_are_sorted() -> None:
    text = "From early 2013 until late 2014, and again since mid-2016, the two fronts allied."
    found = find_times(text, "2017")
    assert [m.text for m in found] == ["From early 2013 until late 2014", "since mid-2016"]
    assert found[0].when == "2013" and found[0].until == "2014"


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError):
        find_times("in 2014", "2015", "xx")


# --------------------------------------------------------------------------- Arabic


def test_ar_day_month_year() -> None:
    expect("في 3 آب 2016 قصفت الطائرات القافلة.", "3 آب 2016", "2016-08-03", None, "day", None,
           lang="ar")
    expect("وفي 9 سبتمبر، 2015 استؤنفت المفاوضات.", "9 سبتمبر، 2015", "2015-09-09", None,
           "day", None, lang="ar")


def test_ar_eastern_digits_and_double_month_names() -> None:
    expect("أعلن التشكيل في ٣ آب/أغسطس ٢٠١٦ عن حل نفسه.", "٣ آب/أغسطس ٢٠١٦", "2016-08-03", None,
           "day", None, lang="ar")
    expect("انسحبت القوات في تشرين الأول (أكتوبر) 2015 من البلدة.",
           "تشرين الأول (أكتوبر) 2015", "2015-10", None, "month", None, lang="ar")


def test_ar_ordinal_day() -> None:
    expect("جرت الانتخابات في الخامس من آذار 2012.", "الخامس من آذار 2012", "2012-03-05", None,
           "day", None, lang="ar")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("تأسس الفصيل عام 2013 في ريف إدلب.", "عام 2013"),
        ("تأسس الفصيل في العام 2013 في ريف إدلب.", "العام 2013"),
        ("تأسس الفصيل سنة 2013 في ريف إدلب.", "سنة 2013"),
        ("تأسس الفصيل بعام 2013 في ريف إدلب.", "عام 2013"),
        ("تأسس الفصيل في 2013 في ريف إدلب.", "2013"),
    ],
)
def test_ar_year_with_and_without_year_word(text: str, phrase: str) -> None:
    expect(text, phrase, "2013", None, "year", None, lang="ar", relative=False)


@pytest.mark.parametrize(
    ("text", "phrase", "when", "qualifier"),
    [
        ("وفي أواخر تموز اختطف المسلحون الجنود.", "أواخر تموز", "2014-07", "late"),
        ("وصلت التعزيزات في أوائل آب.", "أوائل آب", "2014-08", "early"),
        ("بدأ الهجوم مطلع تشرين الثاني.", "مطلع تشرين الثاني", "2014-11", "early"),
        ("بدأ الهجوم في بداية شهر أيلول.", "بداية شهر أيلول", "2014-09", "early"),
        ("توقفت المعارك منتصف 2013.", "منتصف 2013", "2013", "mid"),
        ("انشق القائد في أواخر عام 2011.", "أواخر عام 2011", "2011", "late"),
    ],
)
def test_ar_qualified_months_and_years(text: str, phrase: str, when: str,
                                       qualifier: str) -> None:
    expect(text, phrase, when, None, "month" if "-" in when else "year", qualifier, lang="ar")


def test_ar_month_without_year_uses_publication() -> None:
    expect("وفي أواخر تموز اختطف المسلحون الجنود.", "أواخر تموز", "2013-07", None, "month",
           "late", published="2014-03", lang="ar", relative=True)
    expect("انسحبوا في آذار الماضي من المدينة.", "آذار الماضي", "2014-03", None, "month", None,
           lang="ar")


def test_ar_attached_particle_is_not_a_month() -> None:
    assert find_times("قال إنه فعل ذلك من باب الحرص.", "2014-12", "ar") == []


@pytest.mark.parametrize(
    ("text", "phrase", "when", "precision"),
    [
        ("قتل القائد الشهر الماضي في كمين.", "الشهر الماضي", "2014-11", "month"),
        ("وقعت الاشتباكات العام الماضي.", "العام الماضي", "2013", "year"),
        ("تراجعت الهجمات هذا العام.", "هذا العام", "2014", "year"),
        ("تراجعت الهجمات خلال العام الجاري.", "العام الجاري", "2014", "year"),
        ("انسحب التنظيم حالياً من المنطقة.", "حالياً", "2014", "year"),
    ],
)
def test_ar_relative_phrases(text: str, phrase: str, when: str, precision: str) -> None:
    expect(text, phrase, when, None, precision, None, lang="ar", relative=True)


def test_ar_relative_with_qualifier() -> None:
    expect("تشكل التحالف في أواخر العام الماضي.", "أواخر العام الماضي", "2013", None, "year",
           "late", lang="ar")


def test_ar_since() -> None:
    expect("تتنافس الجماعتان منذ عام 2013 على المعابر.", "منذ عام 2013", "2013", "2014", "year",
           "since", lang="ar")
    expect("ومنذ أوائل آذار تتراجع الهجمات.", "منذ أوائل آذار", "2017-03", "2017-04", "month",
           "since", published="2017-04-12", lang="ar")
    expect("يسيطر الفصيل على البلدة منذ ثلاث سنوات.", "منذ ثلاث سنوات", "2011", "2014", "year",
           "since", lang="ar")


def test_ar_range() -> None:
    expect("تحالفت الجبهتان بين عامي 2012 و2014 في الشمال.", "بين عامي 2012 و2014", "2012",
           "2014", "year", None, lang="ar")
    expect("سيطر التنظيم على الحقول من 2013 إلى 2015.", "من 2013 إلى 2015", "2013", "2015",
           "year", None, lang="ar")


def test_ar_hijri() -> None:
    expect("بدأ الهجوم في رمضان 1435 هـ على الأطراف.", "رمضان 1435 هـ", "2014-06", None, "month",
           None, lang="ar", relative=False)


def test_ar_past_periods_and_ago() -> None:
    expect("تضاعف عدد المقاتلين خلال العامين الماضيين.", "العامين الماضيين", "2012-12",
           "2014-12", "month", None, lang="ar")
    expect("تفككت الفصائل في السنوات الأخيرة.", "السنوات الأخيرة", "2011", "2014", "year", None,
           lang="ar")
    expect("قتل القيادي قبل عامين.", "قبل عامين", "2012", None, "year", None, lang="ar")


def test_ar_years_of_the_revolution() -> None:
    expect("تعاون الطرفان في السنتين الأوليين من الثورة.", "السنتين الأوليين من الثورة", "2011",
           "2013", "year", None, lang="ar")
    expect("يقاتل الفصيل منذ بداية الثورة السورية.", "منذ بداية الثورة السورية", "2011", "2014",
           "year", "since", lang="ar")


@pytest.mark.parametrize(
    ("text", "phrase", "qualifier", "precision", "until"),
    [
        ("وبعد أيام قليلة أعدم الأسير.", "بعد أيام قليلة", "after", "day", None),
        ("في اليوم التالي انسحب المقاتلون.", "اليوم التالي", "after", "day", None),
        ("كان القائد آنذاك في السجن.", "آنذاك", None, "year", None),
        ("ومنذ ذلك الحين تغيب الجماعة.", "منذ ذلك الحين", "since", "year", "2014-12"),
    ],
)
def test_ar_anaphoric_phrases(text: str, phrase: str, qualifier: str | None, precision: str,
                              until: str | None) -> None:
    expect(text, phrase, None, until, precision, qualifier, lang="ar", relative=True)


def test_ar_so_far_is_one_phrase() -> None:
    expect("لم تتبن أي جهة الهجوم حتى الآن.", "حتى الآن", "2014", None, "year", None, lang="ar")


def test_ar_names_that_look_like_dates() -> None:
    assert find_times("انتقدت قوى 14 آذار الحكومة.", "2014", "ar") == []


# --------------------------------------------------------------------------- properties

_FRAGMENTS = st.sampled_from([
    "in late July", " 2014", "since 2013", "between 2012 and ", "the past two years", "days later",
    "mid-", "May", "28 July 2016", "recently", "first two years of the war", "Ramadan 1435 AH",
    "2013–", "14", "/", "أواخر تموز", "منذ عام ٢٠١٣", "و2015", "بين عامي", "رمضان 1435 هـ", "قبل",
    "العامين الماضيين", "للعام", " ", "\n", ",", "-", "الـ", "ـ", "ً", "since the spring of ",
    "للحادي عشر من سبتمبر", "قوى 14 آذار", "9/11", "the March 14 alliance", "Arab Spring",
    "وبعد أيام", "حتى الآن", "Jan.", "the 1990s", "4/12/2017", "2017-04-12", "١٤٣٥ هـ",
])
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=20).map("".join)
_PUBLISHED = st.one_of(st.none(), st.sampled_from(["2014", "2014-12", "2014-12-15", "2016-02-29",
                                                   "2014-13", "junk", ""]),
                       st.text(max_size=10))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, published=_PUBLISHED, lang=st.sampled_from(["en", "ar"]))
def test_find_times_never_raises_and_offsets_hold(text: str, published: str | None,
                                                  lang: str) -> None:
    found = find_times(text, published, lang)
    previous_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end  # sorted and non-overlapping
        previous_end = m.end
        assert m.precision in ("year", "month", "day")
        assert m.qualifier in (None, "early", "mid", "late", "since", "before", "after",
                               "until")


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, lang=st.sampled_from(["en", "ar"]))
def test_trigger_windows_lose_nothing(text: str, lang: str) -> None:
    """The speed-up (searching only near trigger words) finds what a full scan finds."""
    windowed = find_times(text, "2014-12-15", lang)
    full_scan = time_module._windows
    try:
        time_module._windows = lambda t, lx: [(0, len(t), time_module._ANY)]
        assert find_times(text, "2014-12-15", lang) == windowed
    finally:
        time_module._windows = full_scan


@pytest.mark.parametrize(("text", "phrase", "shift"), [
    ("A year later the truce broke down.", "A year later", ("year", 1)),
    ("Two months later the truce broke down.", "Two months later", ("month", 2)),
    ("Three weeks earlier the truce had broken down.", "Three weeks earlier", ("week", -3)),
    ("Several months later the truce broke down.", "Several months later", None),
    ("Days later the truce broke down.", "Days later", None),
    ("وبعد عامين انهارت الهدنة.", "بعد عامين", ("year", 2)),
    ("وبعد عدة أشهر انهارت الهدنة.", "بعد عدة أشهر", None),
])
def test_an_exact_distance_from_an_anchor_is_kept(text, phrase, shift) -> None:
    lang = "ar" if "ا" in text else "en"
    found = [t for t in find_times(text, "2016-01-01", lang) if t.text == phrase]
    assert found and found[0].when is None and found[0].shift == shift


def test_shift_date_keeps_the_anchors_precision() -> None:
    assert time_module.shift_date("2014-05", ("year", 1)) == ("2015-05", "month")
    assert time_module.shift_date("2014-11", ("month", 3)) == ("2015-02", "month")
    assert time_module.shift_date("2014-05-30", ("week", 1)) == ("2014-06-06", "day")
    assert time_module.shift_date("2014", ("month", 2)) is None  # no month to move
