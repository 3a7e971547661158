"""Latin spellings of Arabic person names (extract/romanize.py).

The names here are made up for these tests. `sound_key` and `same_person` are plain
string functions and always run; the tests that romanise need the optional
arabic-name-romanizer package and skip without it.
"""

from __future__ import annotations

import pytest

from allegiance.extract import romanize as rz
from allegiance.extract.romanize import romanize, same_person, sound_key

needs_romanizer = pytest.mark.skipif(not rz.available(),
                                     reason="arabic-name-romanizer is not installed")


@pytest.mark.parametrize(("a", "b"), [
    ("Nizar al-Khatib", "Nizar Khateeb"),      # article, ee for i
    ("Hachem Chikh", "Hashem al-Sheikh"),      # French ch
    ("Abd al-Salam Fares", "Abdessalam Fares"),  # an Abd name in one word or three
    ("Salim Duwayri", "Saleem Dweiri"),        # half vowels
])
def test_spellings_of_one_name_share_a_sound_key(a, b) -> None:
    assert sound_key(a) and sound_key(a) == sound_key(b)


@pytest.mark.parametrize("name", ["Nizar", "Al-Khatib", "Abu", "نزار الخطيب"])
def test_one_word_short_or_arabic_names_get_no_key(name) -> None:
    assert sound_key(name) == ""


@pytest.mark.parametrize(("latin", "spellings", "same"), [
    ("Salim Duwayri", ["Saleem Dweiri"], True),
    ("Nazir Khatib", ["Nizar Khatib", "Nezar Khatib"], False),   # vowels swap places
    ("Hamdi Saleh", ["Hamid Saleh"], False),                      # a vowel moves
    ("Muhannad Saleh", ["Mohannad Saleh", "Muhanad Salih"], True),
    ("Muhammad Fares", ["Mahmoud Fares"], False),                 # a vowel fewer
    ("Khalil Fares", ["Khaled Fares"], False),                    # other consonants
    ("Nizar Khatib", ["Nizar Khatib Fares"], False),              # a word more
])
def test_same_person_needs_every_word_and_its_vowels(latin, spellings, same) -> None:
    assert same_person(latin, spellings) is same


@needs_romanizer
def test_an_arabic_name_romanises_to_latin_spellings_it_matches() -> None:
    spellings = romanize("نزار الخطيب")
    assert spellings and all(s.isascii() for s in spellings)
    assert same_person("Nizar al-Khatib", spellings)
    assert same_person("Nizar Khateeb", spellings)
    assert not same_person("Nazir al-Khatib", spellings)  # نذير, another name


@needs_romanizer
def test_romanising_is_cached_and_leaves_latin_alone() -> None:
    assert romanize("Nizar Khatib") == ()
    romanize("فارس الدليمي")
    hits = romanize.cache_info().hits
    romanize("فارس الدليمي")
    assert romanize.cache_info().hits == hits + 1


def test_without_the_package_nothing_is_romanised(monkeypatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "arabic_name_romanizer", None)
    rz._transliterator.cache_clear()
    rz.romanize.cache_clear()
    try:
        assert not rz.available()
        assert romanize("نزار الخطيب") == ()
    finally:
        rz._transliterator.cache_clear()
        rz.romanize.cache_clear()
