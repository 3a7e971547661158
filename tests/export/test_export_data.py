"""The shared pieces: partial dates made into days, and where the CSV tables go."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.export import EXPORTERS
from allegiance.export.data import first_day, last_day, parse_date
from allegiance.export.gexf import _merge
from allegiance.export.tables import csv_paths


def test_partial_dates_cover_their_whole_span():
    assert (first_day("2014"), last_day("2014")) == ("2014-01-01", "2014-12-31")
    assert (first_day("2014-07"), last_day("2014-07")) == ("2014-07-01", "2014-07-31")
    assert last_day("2015-02") == "2015-02-28" and last_day("2016-02") == "2016-02-29"
    assert first_day("2016-07-28") == last_day("2016-07-28") == "2016-07-28"


@pytest.mark.parametrize("bad", ["2014-13", "2015-02-29", "July 2014", "14", "2014/07", ""])
def test_parse_date_refuses_what_is_not_a_date(bad):
    with pytest.raises(ValueError, match="date"):
        parse_date(bad)


def test_parse_date_accepts_each_precision():
    assert [parse_date(d) for d in ("2014", "2014-07", " 2014-07-20 ")] == \
        ["2014", "2014-07", "2014-07-20"]


def test_csv_tables_sit_beside_the_named_file(tmp_path):
    assert csv_paths(Path("out/net.csv")) == (Path("out/net.claims.csv"),
                                             Path("out/net.relations.csv"))
    assert csv_paths(Path("net")) == (Path("net.claims.csv"), Path("net.relations.csv"))
    assert csv_paths(tmp_path) == (tmp_path / "claims.csv", tmp_path / "relations.csv")


def test_node_spells_merge_when_they_touch_or_overlap():
    spans = [("2014-01-01", "2014-12-31"), ("2015-01-01", "2015-03-31"),
             ("2014-06-01", "2014-07-01"), ("2017-01-01", "2017-01-01")]
    assert _merge(spans) == [("2014-01-01", "2015-03-31"), ("2017-01-01", "2017-01-01")]


def test_every_documented_format_is_registered():
    assert set(EXPORTERS) == {"gexf", "graphml", "csv", "json", "stix"}
