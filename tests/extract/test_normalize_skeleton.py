"""The skeleton key on which romanisations of one name meet."""

from __future__ import annotations

import pytest

from allegiance.extract.normalize import skeleton


@pytest.mark.parametrize(("one", "other"), [
    ("Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"),
    ("Lashkar-e-Tayyiba", "Lashkar-e-Taiba"),
    ("Hayaat Tahreer al-Shaam", "Hay'at Tahrir al-Sham"),
    ("Jaysh al-Mujahedeen", "Jaish al-Mujahideen"),
])
def test_spellings_of_one_name_share_a_skeleton(one, other):
    assert skeleton(one) and skeleton(one) == skeleton(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Jaish al-Thuwar", "Jaish al-Tahrir"),
    ("Islamic State", "Islamic Front"),
    ("Ansar al-Din", "Ansar al-Dawla"),
])
def test_different_names_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_short_one_word_and_arabic_names_have_none():
    assert skeleton("Hezbollah") == ""
    assert skeleton("جبهة النصرة") == ""
