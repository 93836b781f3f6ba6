"""Lexicons: every finding type has a rule; a bad lexicon names file, entry and key."""

import json
import shutil

import pytest

from spinelens import lexicon
from spinelens.lexicon import FINDING_TYPES, LexiconError, lexicon_dir, load_target_rules


def test_every_finding_type_has_a_rule():
    direct = {r["category"] for _, r in load_target_rules()}
    rel = {e["type"] for e in lexicon.load_relations()["relations"]}
    missing = set(FINDING_TYPES) - direct - rel
    assert not missing


def test_types_match_the_result_schema():
    from tests.conftest import SHARED
    schema_path = SHARED / "spec" / "result.schema.json"
    if not schema_path.is_file():
        pytest.skip("../shared is not present")
    schema = json.loads(schema_path.read_text())
    enum = schema["properties"]["findings"]["items"]["properties"]["type"]["enum"]
    assert set(enum) == set(FINDING_TYPES)


def test_every_rule_says_why():
    for file, rule in load_target_rules():
        if file == "relations" and rule["category"].startswith("REL_"):
            continue
        assert rule.get("metadata", {}).get("why") or rule.get("metadata", {}).get("file") is None, (file, rule["literal"])


@pytest.fixture
def broken(tmp_path):
    target = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), target)
    yield target
    load_target_rules.cache_clear()
    lexicon.load_relations.cache_clear()


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["target_rules"][0].update(categroy="x"), "disc.json: target_rules[0] ('bulge'): unknown key 'categroy'"),
    (lambda d: d["target_rules"][0].update(category="disc_bulj"), "key 'category': unknown category 'disc_bulj'"),
    (lambda d: d["target_rules"][1].update(pattern=[{"NORM": {"INN": ["x"]}}]), "target_rules[1] ('degenerative disc bulge'): key 'pattern'"),
    (lambda d: d["target_rules"][2].pop("literal"), "key 'literal' must be a non-empty string"),
])
def test_bad_lexicon_names_file_entry_and_key(broken, mutate, message):
    path = broken / "disc.json"
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data))
    with pytest.raises(LexiconError) as err:
        load_target_rules(str(broken))
    assert message in str(err.value)


def test_invalid_json_is_reported(broken):
    (broken / "canal.json").write_text("{not json")
    with pytest.raises(LexiconError, match="canal.json: not valid JSON"):
        load_target_rules(str(broken))
