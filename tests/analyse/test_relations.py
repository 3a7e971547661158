"""Relation periods from claims: turning, events, contradiction, place scope, lineage."""

from __future__ import annotations

from allegiance.analyse.network import changes, measures, network, shifts
from allegiance.analyse.relations import (
    LAPSE_YEARS,
    ClaimRecord,
    active_at,
    derive_relations,
    holds_until,
)


def claim(i, type_, source, target, when, until=None, doc=None, place=None,
          modality="asserted", confidence=0.7) -> ClaimRecord:
    return ClaimRecord(id=i, type=type_, source=source, target=target, when=when,
                       until=until, modality=modality, confidence=confidence,
                       document_id=doc or i, document=f"doc{doc or i}", title=None,
                       published="2020", quote=f"quote {i}", place=place)


def test_an_alliance_turned_by_rivalry_ends_where_the_rivalry_begins():
    periods = derive_relations([
        claim(1, "ALLIED_WITH", "nusra", "isis", "2011"),
        claim(2, "ALLIED_WITH", "nusra", "isis", "2012"),
        claim(3, "RIVAL_OF", "isis", "nusra", "2014"),
    ])
    allied = next(p for p in periods if p.kind == "cooperative")
    rival = next(p for p in periods if p.kind == "hostile")
    assert (allied.a, allied.b) == ("isis", "nusra")
    assert allied.start == "2011" and allied.end == "2014" and allied.end_reason == "turned"
    assert rival.end_reason == "open" and active_at(rival, "2017-06")
    assert not active_at(allied, "2016")


def test_an_open_relation_lapses_when_nobody_mentions_it_for_years():
    periods = derive_relations([
        claim(1, "ALLIED_WITH", "nusra", "ahrar", "2013"),
        claim(2, "ALLIED_WITH", "nusra", "ahrar", "2014-03"),
    ])
    assert len(periods) == 1 and periods[0].end_reason == "open"
    assert holds_until(periods[0]) == f"{2014 + LAPSE_YEARS}-12-31"
    assert active_at(periods[0], f"{2014 + LAPSE_YEARS}-06")
    assert not active_at(periods[0], f"{2015 + LAPSE_YEARS}-01")


def test_events_close_with_their_last_event_and_negations_open_nothing():
    periods = derive_relations([
        claim(1, "ATTACKED", "isis", "ypg", "2014-09"),
        claim(2, "AGREED_WITH", "ypg", "isis", "2016", modality="negated"),
    ])
    assert len(periods) == 1
    assert periods[0].end_reason == "event" and not active_at(periods[0], "2016")


def test_rivalry_in_one_place_and_cooperation_in_another_are_both_kept():
    periods = derive_relations([
        claim(1, "RIVAL_OF", "isis", "nusra", "2014-08", place="deir-ez-zor"),
        claim(2, "ALLIED_WITH", "isis", "nusra", "2014-08", place="aarsal"),
    ])
    assert {(p.kind, p.place) for p in periods} == {("hostile", "deir-ez-zor"),
                                                     ("cooperative", "aarsal")}
    assert not any(p.contradicted for p in periods)


def test_overlapping_opposite_claims_mark_both_and_lower_confidence():
    alone = derive_relations([claim(1, "ALLIED_WITH", "a", "b", "2015")])[0]
    periods = derive_relations([claim(1, "ALLIED_WITH", "a", "b", "2015"),
                                claim(2, "FOUGHT", "a", "b", "2015")])
    assert all(p.contradicted for p in periods)
    allied = next(p for p in periods if p.kind == "cooperative")
    assert allied.confidence < alone.confidence


def test_confidence_grows_with_independent_sources():
    one = derive_relations([claim(1, "ALLIED_WITH", "a", "b", "2015", doc=1),
                            claim(2, "ALLIED_WITH", "a", "b", "2015", doc=1)])[0]
    two = derive_relations([claim(1, "ALLIED_WITH", "a", "b", "2015", doc=1),
                            claim(2, "ALLIED_WITH", "a", "b", "2015", doc=2)])[0]
    assert one.sources == 1 and two.sources == 2
    assert two.confidence > one.confidence


def test_folding_renamed_actors_joins_their_relations():
    claims = [claim(1, "RIVAL_OF", "isis", "nusra", "2014"),
              claim(2, "RIVAL_OF", "isis", "hts", "2017")]
    apart = derive_relations(claims)
    folded = derive_relations(claims, fold=lambda a: "hts" if a == "nusra" else a)
    assert len({(p.a, p.b) for p in apart}) == 2
    assert {(p.a, p.b) for p in folded} == {("hts", "isis")}


def test_network_changes_and_shifts():
    periods = derive_relations([
        claim(1, "RIVAL_OF", "isis", "nusra", "2013"),
        claim(2, "AGREED_WITH", "isis", "nusra", "2017-02"),
        claim(3, "ALLIED_WITH", "hezbollah", "syria-army", "2013"),
    ])
    graph = network(periods, at="2013-06")
    assert graph.number_of_edges() == 2
    stats = measures(graph)
    assert ["hezbollah", "syria-army"] in stats["communities"]
    change = changes(periods, "2013-06", "2017-02")
    assert any({b.a, b.b} == {"isis", "nusra"} and (a.kind, b.kind) == ("hostile", "cooperative")
               for a, b in change["turned"])
    assert any({p.a, p.b} == {"hezbollah", "syria-army"} for p in change["ended"])  # lapsed
    assert not any({p.a, p.b} == {"hezbollah", "syria-army"}
                   for p in changes(periods, "2013-06", "2016-06")["ended"])
    found = shifts(periods)
    assert found and found[0]["from"].kind == "hostile" and found[0]["to"].kind == "cooperative"
    assert shifts(periods, since="2018") == []
