"""Tests for score(): claim and actor matching, counting and diagnosis.

All documents here are small synthetic ones with invented groups and places.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from allegiance.evaluate import TypeScore, load_gold, score

# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------


def s_actor(actor_id: str, name: str, *aliases: str) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "type": "armed_group", "aliases": list(aliases)}


def s_claim(
    ctype: str,
    source: str | None,
    target: str | None,
    when: str | None = None,
    until: str | None = None,
    modality: str = "asserted",
    text: str = "some evidence",
) -> dict[str, Any]:
    return {
        "type": ctype,
        "source": source,
        "target": target,
        "when": when,
        "until": until,
        "modality": modality,
        "attributed_to": None,
        "place": None,
        "confidence": 0.8,
        "evidence": {"start": 0, "end": len(text), "text": text},
    }


def s_doc(
    claims: list[dict[str, Any]],
    actors: list[dict[str, Any]] | None = None,
    places: list[dict[str, Any]] | None = None,
    doc: str = "d1",
) -> dict[str, Any]:
    return {
        "doc": doc,
        "lang": "en",
        "published": "2014-12",
        "actors": ACTORS if actors is None else actors,
        "places": places or [],
        "claims": claims,
    }


def g_actor(name: str, *aliases: str) -> dict[str, Any]:
    return {"name": name, "type": "armed_group", "aliases": list(aliases)}


def g_claim(
    ctype: str,
    source: str,
    target: str,
    when: str | None = None,
    until: str | None = None,
    modality: str = "asserted",
) -> dict[str, Any]:
    claim = {"type": ctype, "source": source, "target": target, "modality": modality}
    if when is not None:
        claim["when"] = when
    if until is not None:
        claim["until"] = until
    claim["evidence"] = f"{source} {ctype} {target}"
    return claim


def g_doc(
    claims: list[dict[str, Any]],
    actors: list[dict[str, Any]] | None = None,
    doc: str = "d1",
) -> dict[str, Any]:
    return {"doc": doc, "actors": GOLD_ACTORS if actors is None else actors, "claims": claims}


# Invented actors: the system spells them differently from the gold.
ACTORS = [
    s_actor("nur", "Jaysh al-Nur", "Jaish al Nur"),
    s_actor("fajr", "Liwa el-Fajr"),
    s_actor("north", "The Northern Front", "Northern Front"),
]
GOLD_ACTORS = [
    g_actor("Jaysh al-Nur", "Army of Light"),
    g_actor("Liwa al-Fajr", "Dawn Brigade"),
    g_actor("Northern Front"),
]


def counts(s: TypeScore) -> tuple[int, int, int]:
    return s.tp, s.fp, s.fn


# --------------------------------------------------------------------------
# Claim matching
# --------------------------------------------------------------------------


def test_names_match_after_normalisation() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr", "2014")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (1, 0, 0)
    assert result.misses == [] and result.spurious == []


def test_symmetric_type_matches_in_either_order() -> None:
    system = [s_doc([s_claim("ALLIED_WITH", "fajr", "nur", "2014")])]
    gold = [g_doc([g_claim("ALLIED_WITH", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    assert counts(score(system, gold).overall) == (1, 0, 0)


@pytest.mark.parametrize("ctype", ["ALLIED_WITH", "RIVAL_OF", "AGREED_WITH", "FOUGHT"])
def test_every_symmetric_type_is_order_free(ctype: str) -> None:
    system = [s_doc([s_claim(ctype, "fajr", "nur")])]
    gold = [g_doc([g_claim(ctype, "Jaysh al-Nur", "Liwa al-Fajr")])]
    assert score(system, gold).overall.tp == 1


def test_directed_type_reversed_does_not_match() -> None:
    system = [s_doc([s_claim("ATTACKED", "fajr", "nur", "2014")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (0, 1, 1)
    assert result.misses[0]["reason"].startswith("direction reversed")
    assert result.spurious[0]["reason"].startswith("direction reversed")


def test_type_must_be_the_same() -> None:
    system = [s_doc([s_claim("SUPPORTS", "nur", "fajr", "2014")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (0, 1, 1)
    assert result.misses[0]["reason"] == "type differs (system had SUPPORTS)"
    assert result.spurious[0]["reason"] == "type differs (gold had ATTACKED)"


def test_time_compatible_at_coarser_precision() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr", "2014-07")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    assert score(system, gold).overall.tp == 1


def test_time_incompatible_is_a_miss_with_reason() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr", "2015")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2013", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (0, 1, 1)
    assert result.misses[0]["reason"] == "time incompatible (system: 2015)"
    assert result.spurious[0]["reason"] == "time incompatible (gold: 2013..2014)"


def test_missing_system_time_against_gold_time_needs_lenient_flag() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    strict = score(system, gold)
    assert counts(strict.overall) == (0, 1, 1)
    assert strict.misses[0]["reason"] == "time incompatible (system: none)"
    lenient = score(system, gold, lenient_time=True)
    assert counts(lenient.overall) == (1, 0, 0)
    assert lenient.lenient_time is True
    assert lenient.time_accuracy == 0.0


def test_gold_without_time_accepts_any_system_time() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr", "2014")])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr")])]
    result = score(system, gold)
    assert result.overall.tp == 1
    # ... but the invented time is not counted as right
    assert result.time_accuracy == 0.0


def test_gold_alias_and_system_alias_meet() -> None:
    actors = [s_actor("light", "Army of Light"), s_actor("dawn", "Dawn Brigade")]
    system = [s_doc([s_claim("SUPPORTS", "light", "dawn")], actors=actors)]
    gold = [g_doc([g_claim("SUPPORTS", "Jaysh al-Nur", "Liwa al-Fajr")])]
    assert score(system, gold).overall.tp == 1


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------


def test_place_matches_through_its_aliases() -> None:
    places = [{"id": "tall-khadra", "name": "Tall Khadra", "aliases": ["Tel Khadra", "تل خضراء"]}]
    system = [s_doc([s_claim("CONTROLS", "nur", "tall-khadra", "2014")], places=places)]
    gold = [g_doc([g_claim("CONTROLS", "Jaysh al-Nur", "Tel Khadra", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (1, 0, 0)


def test_arabic_place_alias_matches_latin_gold() -> None:
    places = [{"id": "p1", "name": "تل خضراء", "aliases": ["Tall Khadra"]}]
    system = [s_doc([s_claim("WITHDREW_FROM", "fajr", "p1", "2014")], places=places)]
    gold = [g_doc([g_claim("WITHDREW_FROM", "Liwa al-Fajr", "Tall Khadra", "2014")])]
    assert score(system, gold).overall.tp == 1


def test_plain_place_name_as_target() -> None:
    system = [s_doc([s_claim("ARRIVED_IN", "north", "the Eastern Plain", "2014")])]
    gold = [g_doc([g_claim("ARRIVED_IN", "Northern Front", "Eastern Plain", "2014")])]
    assert score(system, gold).overall.tp == 1


def test_wrong_place_is_not_a_match() -> None:
    system = [s_doc([s_claim("CONTROLS", "nur", "Wadi Sirr", "2014")])]
    gold = [g_doc([g_claim("CONTROLS", "Jaysh al-Nur", "Tel Khadra", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (0, 1, 1)
    assert result.misses[0]["reason"] == "place not extracted: Tel Khadra"
    assert result.spurious[0]["reason"] == "place not in gold: Wadi Sirr"


# --------------------------------------------------------------------------
# One-to-one counting
# --------------------------------------------------------------------------


def test_two_identical_system_claims_give_one_tp_one_fp() -> None:
    claim = s_claim("ATTACKED", "nur", "fajr", "2014")
    system = [s_doc([claim, dict(claim)])]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (1, 1, 0)
    assert result.spurious[0]["reason"] == "duplicate: the gold claim was already matched"


def test_one_system_claim_cannot_serve_two_gold_claims() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr", "2014")])]
    gold = [
        g_doc(
            [
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014"),
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014-07"),
            ]
        )
    ]
    result = score(system, gold)
    assert counts(result.overall) == (1, 0, 1)
    assert result.misses[0]["reason"] == "duplicate: the system claim went to another gold claim"


def test_matching_is_maximal_not_greedy() -> None:
    # s1's target carries the names of both gold targets; s2's only one.
    # Pairing s1 with the first gold claim would leave s2 unmatched.
    actors = [*ACTORS, s_actor("both", "Liwa al-Fajr", "Northern Front")]
    system = [
        s_doc(
            [
                s_claim("ATTACKED", "nur", "both", "2014"),
                s_claim("ATTACKED", "nur", "fajr", "2014"),
            ],
            actors=actors,
        )
    ]
    gold = [
        g_doc(
            [
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014"),
                g_claim("ATTACKED", "Jaysh al-Nur", "Northern Front", "2014"),
            ]
        )
    ]
    assert counts(score(system, gold).overall) == (2, 0, 0)


def test_matching_prefers_exact_times() -> None:
    # Either pairing gives two true positives; the exact one gives time accuracy 1.
    system = [
        s_doc(
            [
                s_claim("ATTACKED", "nur", "fajr", "2014"),
                s_claim("ATTACKED", "nur", "fajr", "2014-03"),
            ]
        )
    ]
    gold = [
        g_doc(
            [
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014-03"),
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014"),
            ]
        )
    ]
    result = score(system, gold)
    assert counts(result.overall) == (2, 0, 0)
    assert result.time_accuracy == 1.0


def test_null_sides_are_skipped() -> None:
    system = [
        s_doc(
            [
                s_claim("ATTACKED", None, "fajr", "2014"),
                s_claim("ATTACKED", "nur", None, "2014"),
                s_claim("ATTACKED", "nur", "fajr", "2014"),
            ]
        )
    ]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014")])]
    result = score(system, gold)
    assert counts(result.overall) == (1, 0, 0)
    assert result.spurious == []


# --------------------------------------------------------------------------
# Arithmetic
# --------------------------------------------------------------------------


def test_per_type_and_overall_arithmetic() -> None:
    system = [
        s_doc(
            [
                s_claim("ATTACKED", "nur", "fajr", "2014"),  # tp
                s_claim("ATTACKED", "north", "fajr", "2014"),  # fp
                s_claim("ALLIED_WITH", "nur", "north", "2014", modality="reported"),  # tp
                s_claim("SUPPORTS", "north", "nur"),  # fp, type absent from gold
            ]
        ),
        s_doc([s_claim("RIVAL_OF", "fajr", "nur", "2013")], doc="d2"),  # tp
    ]
    gold = [
        g_doc(
            [
                g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014"),
                g_claim("ATTACKED", "Liwa al-Fajr", "Jaysh al-Nur", "2014"),  # fn
                g_claim("ALLIED_WITH", "Jaysh al-Nur", "Northern Front", "2014"),
            ]
        ),
        g_doc(
            [
                g_claim("RIVAL_OF", "Jaysh al-Nur", "Liwa al-Fajr", "2013"),
                g_claim("CAPTURED", "Northern Front", "Jaysh al-Nur"),  # fn
            ],
            doc="d2",
        ),
    ]
    result = score(system, gold)
    assert counts(result.per_type["ATTACKED"]) == (1, 1, 1)
    assert counts(result.per_type["ALLIED_WITH"]) == (1, 0, 0)
    assert counts(result.per_type["SUPPORTS"]) == (0, 1, 0)
    assert counts(result.per_type["RIVAL_OF"]) == (1, 0, 0)
    assert counts(result.per_type["CAPTURED"]) == (0, 0, 1)
    assert counts(result.overall) == (3, 2, 2)
    assert result.overall.precision == pytest.approx(3 / 5)
    assert result.overall.recall == pytest.approx(3 / 5)
    assert result.overall.f1 == pytest.approx(3 / 5)
    assert result.per_type["ATTACKED"].f1 == pytest.approx(0.5)
    # per-type order follows the guidelines
    assert list(result.per_type) == ["ALLIED_WITH", "RIVAL_OF", "SUPPORTS", "ATTACKED", "CAPTURED"]
    assert result.modality_accuracy == pytest.approx(2 / 3)
    assert result.time_accuracy == 1.0
    assert len(result.misses) == 2 and len(result.spurious) == 2
    assert result.documents == 2


def test_type_score_zero_division() -> None:
    empty = TypeScore()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert TypeScore(tp=1, fp=1, fn=2).to_dict() == {
        "tp": 1,
        "fp": 1,
        "fn": 2,
        "precision": 0.5,
        "recall": pytest.approx(1 / 3),
        "f1": 0.4,
    }


def test_no_matches_gives_no_accuracy() -> None:
    result = score([s_doc([])], [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr")])])
    assert result.modality_accuracy is None and result.time_accuracy is None


# --------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------


def test_actors_one_to_one() -> None:
    actors = [
        s_actor("a", "Jaysh al-Nur"),
        s_actor("b", "Army of Light"),  # the same gold actor again: fp
        s_actor("c", "Liwa el-Fajr"),
        s_actor("d", "Southern Shield"),  # unknown to gold: fp
    ]
    result = score([s_doc([], actors=actors)], [g_doc([])])
    assert counts(result.actors) == (2, 2, 1)
    assert {a["name"] for a in result.missed_actors} == {"Northern Front"}
    assert {a["name"] for a in result.spurious_actors} == {"Army of Light", "Southern Shield"}


def test_actor_pairing_prefers_most_shared_names() -> None:
    # Both system actors could pair with the one gold actor; "full" shares two
    # names with it, "short" only one, so "short" is the one left over.
    actors = [s_actor("short", "Jaysh al Nur"), s_actor("full", "Jaysh al-Nur", "Army of Light")]
    gold_actors = [g_actor("Jaysh al-Nur", "Army of Light")]
    result = score([s_doc([], actors=actors)], [g_doc([], actors=gold_actors)])
    assert counts(result.actors) == (1, 1, 0)
    assert result.spurious_actors == [{"doc": "d1", "name": "Jaysh al Nur"}]


# --------------------------------------------------------------------------
# Documents and diagnosis
# --------------------------------------------------------------------------


def test_documents_are_matched_by_name() -> None:
    system = [s_doc([s_claim("ATTACKED", "nur", "fajr")], doc="other")]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr")])]
    result = score(system, gold)
    assert counts(result.overall) == (0, 0, 1)
    assert result.unscored_docs == ["other"]
    assert result.misses[0]["reason"] == "document not in system output"
    assert counts(result.actors) == (0, 0, 3)


def test_repeated_document_is_an_error() -> None:
    with pytest.raises(ValueError, match="twice"):
        score([s_doc([]), s_doc([])], [g_doc([])])


def test_miss_reasons() -> None:
    actors = [*ACTORS, s_actor("shield", "Southern Shield")]
    system = [s_doc([s_claim("SUPPORTS", "nur", "shield")], actors=actors)]
    gold = [
        g_doc(
            [
                g_claim("SUPPORTS", "Jaysh al-Nur", "Liwa al-Fajr"),
                g_claim("SUPPORTS", "Jaysh al-Nur", "Eastern Guard"),
            ],
            actors=[*GOLD_ACTORS, g_actor("Eastern Guard")],
        )
    ]
    result = score(system, gold)
    reasons = [m["reason"] for m in result.misses]
    assert reasons == [
        "no claim of this type between these actors",
        "actor not extracted: Eastern Guard",
    ]
    assert result.spurious[0]["reason"] == "actor not in gold: Southern Shield"


def test_error_rows_carry_names_time_and_evidence() -> None:
    system = [
        s_doc([s_claim("ATTACKED", "north", "fajr", "2014-05", text="the Front hit the Liwa")])
    ]
    gold = [g_doc([g_claim("ATTACKED", "Jaysh al-Nur", "Liwa al-Fajr", "2014", "2015")])]
    result = score(system, gold)
    assert result.misses[0] == {
        "doc": "d1",
        "type": "ATTACKED",
        "source": "Jaysh al-Nur",
        "target": "Liwa al-Fajr",
        "when": "2014",
        "until": "2015",
        "modality": "asserted",
        "evidence": "Jaysh al-Nur ATTACKED Liwa al-Fajr",
        "reason": "no claim of this type between these actors",
    }
    spurious = result.spurious[0]
    assert (spurious["source"], spurious["target"]) == ("The Northern Front", "Liwa el-Fajr")
    assert spurious["evidence"] == "the Front hit the Liwa"
    json.dumps(result.to_dict())


# --------------------------------------------------------------------------
# Gold files
# --------------------------------------------------------------------------


def test_load_gold_reads_folder(tmp_path: Path) -> None:
    (tmp_path / "b.gold.json").write_text(json.dumps(g_doc([], doc="b")), encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(
        json.dumps({"actors": [], "claims": []}), encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("not gold", encoding="utf-8")
    gold = load_gold(tmp_path)
    assert [g["doc"] for g in gold] == ["a", "b"]


def test_load_gold_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        load_gold(tmp_path / "nowhere")
