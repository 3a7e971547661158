"""The knowledge base: the shipped files are valid and cover the theatres; mistakes name file
and line; a user's extra file extends an actor."""

from __future__ import annotations

from pathlib import Path

from allegiance.kb import load
from allegiance.resolve.lineage import predecessors, successor_at


def test_shipped_base_has_no_problems_and_enough_entries(kb):
    assert kb.problems == []
    assert len(kb.actors) >= 150
    assert len(kb.places) >= 100


def test_shipped_base_covers_the_lineages_with_dates(kb):
    assert successor_at("jabhat-al-nusra", "2016-08", kb) == "jabhat-fateh-al-sham"
    assert successor_at("jabhat-al-nusra", "2017-04-12", kb) == "hayat-tahrir-al-sham"
    assert successor_at("jabhat-al-nusra", "2015", kb) == "jabhat-al-nusra"
    assert "jabhat-al-nusra" in predecessors("hayat-tahrir-al-sham", kb)
    assert successor_at("al-qaeda-in-iraq", "2015", kb) == "islamic-state"


def test_every_actor_in_the_dev_gold_is_known_by_its_gold_name(kb):
    from allegiance.extract.normalize import name_key

    keys = {name_key(n.text) for a in kb.actors.values() for n in a.names}
    for name in ["Jabhat al-Nusra", "Islamic State", "al-Qaeda", "Liwa Fajr al-Islam",
                 "Abu Ahmad Jum'a", "Lebanese Army", "Hizballah", "Free Syrian Army",
                 "Abu Bakr al-Baghdadi", "Abu Muhammad al-Julani", "Ayman al-Zawahiri",
                 "Abu Hassan al-Homsi", "Qatar", "Hay'at Tahrir al-Sham", "Samir al-Kaka",
                 "Jaish al-Islam", "Jund al-Aqsa", "Syrian Democratic Forces", "United States",
                 "داعش", "جبهة النصرة", "حزب الله"]:
        assert name_key(name) in keys, name


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_mistakes_are_reported_with_file_and_line(tmp_path):
    bad = _write(tmp_path / "mine.yaml", """\
- id: liwa-test
  type: armed_group
  names:
    - {text: Liwa Test, lang: en, kind: official}
    - {text: Test Brigade, lang: en, kind: nickname}
- id: Bad Id
  type: armed_group
  names: [{text: X, lang: en, kind: official}]
- id: other-test
  type: militia
  names: [{text: Other, lang: en, kind: official}]
""")
    kb = load([bad], base=None)
    messages = [str(p) for p in kb.problems]
    assert any(m.startswith(f"{bad}:5:") and "nickname" in m for m in messages)
    assert any(m.startswith(f"{bad}:6:") and "Bad Id" in m for m in messages)
    assert any(m.startswith(f"{bad}:9:") and "militia" in m for m in messages)
    assert "liwa-test" in kb.actors


def test_yaml_syntax_errors_name_the_line(tmp_path):
    bad = _write(tmp_path / "broken.yaml", "- id: a\n  type: armed_group\n  names: [unclosed\n")
    kb = load([bad], base=None)
    assert len(kb.problems) == 1
    assert kb.problems[0].where.path == str(bad) and kb.problems[0].where.line >= 3


def test_an_extra_file_adds_names_to_a_shipped_actor(tmp_path, kb):
    extra = _write(tmp_path / "names.yaml", """\
- id: jabhat-al-nusra
  type: armed_group
  names: [{text: Nusrah Front of the Levant, lang: en, kind: exonym}]
""")
    merged = load([extra])
    assert merged.problems == []
    texts = [n.text for n in merged.actors["jabhat-al-nusra"].names]
    assert "Nusrah Front of the Levant" in texts
    assert len(merged.actors) == len(kb.actors)


def test_unknown_lineage_target_is_a_problem(tmp_path):
    bad = _write(tmp_path / "lineage.yaml", """\
- id: group-a
  type: armed_group
  names: [{text: Group A, lang: en, kind: official}]
  lineage: [{type: RENAMED_TO, target: group-zzz, date: 2015}]
""")
    kb = load([bad], base=None)
    assert any("group-zzz" in str(p) for p in kb.problems)


def test_newswire_actors_of_the_2000s_are_known_in_both_languages(kb):
    from allegiance.extract.normalize import name_key

    by_key: dict[str, set[str]] = {}
    for actor in kb.actors.values():
        for name in actor.names:
            by_key.setdefault(name_key(name.text), set()).add(actor.id)
    for name, actor_id in [("Taliban", "taliban"), ("طالبان", "taliban"),
                           ("حركة طالبان باكستان", "tehrik-i-taliban-pakistan"),
                           ("كتائب القسام", "izz-ad-din-al-qassam-brigades"),
                           ("كتائب شهداء الأقصى", "al-aqsa-martyrs-brigades"),
                           ("حركة فتح", "fatah"), ("NATO", "nato"), ("الناتو", "nato"),
                           ("ISAF", "isaf"), ("حركة الشباب المجاهدين", "al-shabaab"),
                           ("القاعدة في بلاد المغرب الإسلامي", "aqim"),
                           ("Islamic Jihad", "palestinian-islamic-jihad"),
                           ("الجيش الأفغاني", "afghan-national-army"),
                           ("الجيش الباكستاني", "pakistan-armed-forces"),
                           ("القوات الإثيوبية", "ethiopian-armed-forces"),
                           ("الشرطة العراقية", "iraqi-security-forces"),
                           ("القوات الإسرائيلية", "israel-defense-forces")]:
        assert by_key.get(name_key(name)) == {actor_id}, (name, by_key.get(name_key(name)))
    # words that are also common nouns or verbs name no actor
    for word in ("فتح", "الشباب", "القسام"):
        assert name_key(word) not in by_key, word
    assert successor_at("gspc", "2008", kb) == "aqim"
