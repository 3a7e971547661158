"""Script-share language detection and metadata language codes."""

import pytest

from allegiance.ingest.language import detect_language, normalise_lang


@pytest.mark.parametrize(("text", "expected"), [
    ("The group said that it had withdrawn from the town after the fighting.", "en"),
    ("قالت جبهة النصرة إنها انسحبت من البلدة بعد المعارك مع تنظيم الدولة.", "ar"),
    ("Le groupe a annoncé que les combattants se sont retirés de la ville.", "fr"),
    ("Die Gruppe hat sich nach den Kämpfen nicht aus der Stadt zurückgezogen.", "de"),
    ("El grupo dijo que los combatientes se retiraron de la ciudad.", "es"),
    ("Привет, мир, это текст на русском языке.", "und"),
    ("Jabhat Fateh Sham Ahrar Sham Zenki Faylaq Rahman Jaysh Islam", "und"),
    ("1234 — 5678 !!", None),
    ("", None),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_arabic_wins_when_arabic_letters_are_the_majority_despite_latin_names():
    text = "أعلنت هيئة تحرير الشام (HTS) اندماج فصائل عدة في إدلب وريف حلب الغربي"
    assert detect_language(text) == "ar"


def test_english_article_with_an_arabic_navigation_menu_is_english():
    menu = "أخبار المركز • الرئيسية • من نحن\n"
    body = "The recent agreement between the leaders of the two groups came as a surprise. " * 20
    assert detect_language(menu + body) == "en"


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"), ("EN-us", "en"), ("ar_SY", "ar"), ("English", "en"), ("العربية", "ar"),
    ("fr-FR", "fr"), ("klingon", None), ("", None), (None, None), (3, None),
])
def test_normalise_lang(value, expected):
    assert normalise_lang(value) == expected
