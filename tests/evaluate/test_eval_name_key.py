"""Tests for name_key: what it unifies, and what it deliberately does not."""

import pytest

from allegiance.evaluate import name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # apostrophes and ayn/hamza marks of every kind
        ("Hay'at Tahrir al-Sham", "Hay’at Tahrir al-Sham"),
        ("Hay'at Tahrir al-Sham", "Hayʾat Tahrir al-Sham"),
        ("Saʿd", "Sa`d"),
        ("Qa´ida", "Qaida"),
        # diacritics and case
        ("Ḥarakat al-Nūr", "harakat al-nur"),
        ("İdlib", "idlib"),
        # hyphens and spaces
        ("Jaysh al-Nur", "Jaysh al Nur"),
        ("Jaysh al–Nur", "Jaysh  al Nur"),
        # the article, in every word, in its Latin and English forms
        ("al-Nur Brigade", "Nur Brigade"),
        ("Liwa el-Fajr", "Liwa al-Fajr"),
        ("the Northern Front", "Northern Front"),
        # markup and dots
        ("*Jaysh al-Nur*", "Jaysh al-Nur"),
        ("<b>Jaysh</b> al-Nur", "Jaysh al-Nur"),
        ("U.S.", "US"),
        # Arabic: article, alef forms, ta marbuta, alef maqsura, harakat, tatweel
        ("الجبهة الشمالية", "جبهه شماليه"),
        ("الإسلامية", "الاسلامية"),
        ("أنصار", "انصار"),
        ("آمن", "امن"),
        ("مصطفى", "مصطفي"),
        ("جَيْشُ النُّور", "جيش النور"),
        ("جيـــش", "جيش"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_article_dropped_from_every_word() -> None:
    assert name_key("al-Qa'ida") == "qaida"
    assert name_key("Abu Bakr al-Baghdadi") == "abu bakr baghdadi"
    assert name_key("الدولة الإسلامية") == "دوله اسلاميه"


def test_transliteration_is_not_fixed() -> None:
    # Different spellings of a sound stay different: the KB's aliases bridge them.
    assert name_key("al-Qa'ida") == "qaida"
    assert name_key("al-Qaeda") == "qaeda"
    assert name_key("al-Qa'ida") != name_key("al-Qaeda")


def test_distinct_names_stay_distinct() -> None:
    assert name_key("Jaysh al-Nur") != name_key("Jaysh al-Fajr")
    assert name_key("Nur") != name_key("Nuri")


def test_short_arabic_word_keeps_its_letters() -> None:
    # "ال" is only stripped when at least two letters are left.
    assert name_key("الي") == "الي"


def test_name_of_articles_only_is_kept() -> None:
    assert name_key("Al") == "al"
    assert name_key("the") == "the"


def test_empty_and_punctuation_give_empty_key() -> None:
    assert name_key("") == ""
    assert name_key(" -*- ") == ""
