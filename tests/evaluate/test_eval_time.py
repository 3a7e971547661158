"""Tests for time compatibility (matching) and exactness (time accuracy)."""

import pytest

from allegiance.evaluate.scoring import parse_date, time_compatible, time_exact


def test_parse_date_precision_is_length() -> None:
    assert parse_date("2014") == (2014,)
    assert parse_date("2014-07") == (2014, 7)
    assert parse_date("2014-07-31") == (2014, 7, 31)
    assert parse_date(None) is None
    assert parse_date("sometime") is None


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        # gold without time fits anything
        (("2014", None), (None, None), True),
        ((None, None), (None, None), True),
        # truncation to the coarser precision
        (("2014-07", None), ("2014", None), True),
        (("2014", None), ("2014-07", None), True),
        (("2015", None), ("2013", "2014"), False),
        (("2014-07-15", None), ("2014-07", "2014-08"), True),
        (("2014-09", None), ("2014-07", "2014-08"), False),
        # intervals overlap at one end
        (("2012", "2013"), ("2013", "2014"), True),
        (("2011", "2012"), ("2013", "2014"), False),
        # an `until` earlier than `when` is read as the same interval
        (("2014", "2013"), ("2013", None), True),
    ],
)
def test_time_compatible(system: tuple, gold: tuple, expected: bool) -> None:
    assert time_compatible(*system, *gold) is expected


def test_missing_system_time_fails_unless_lenient() -> None:
    assert time_compatible(None, None, "2014", None) is False
    assert time_compatible(None, None, "2014", None, lenient_time=True) is True
    # a malformed date counts as missing
    assert time_compatible("soon", None, "2014", None) is False


def test_until_without_when_is_no_time() -> None:
    assert time_compatible(None, "2014", "2014", None) is False
    assert time_compatible("2015", None, None, "2014") is True


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        (("2014-07", None), ("2014", None), True),
        (("2014", None), ("2014-07", None), False),
        (("2013", "2014"), ("2013", "2014"), True),
        (("2013", None), ("2013", "2014"), False),
        (("2013-05", "2014-02"), ("2013", "2014"), True),
        ((None, None), (None, None), True),
        (("2014", None), (None, None), False),
        ((None, None), ("2014", None), False),
    ],
)
def test_time_exact(system: tuple, gold: tuple, expected: bool) -> None:
    assert time_exact(*system, *gold) is expected
