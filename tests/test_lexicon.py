"""Lexicons: every finding type has one complete card; a bad card, rule file or table fails at
load naming its file, entry and key."""

import json
import shutil

import pytest

from spinelens import lexicon
from spinelens.lexicon import FINDING_TYPES, LexiconError, lexicon_dir, load_target_rules
from spinelens.lexicon.cards import GROUPS


def test_every_finding_type_has_a_rule():
    direct = {r["category"] for _, r in load_target_rules()}
    rel = {e["type"] for e in lexicon.load_relations()["relations"]}
    missing = set(FINDING_TYPES) - direct - rel
    assert not missing


def test_types_match_the_result_schema():
    import spinelens

    schema = spinelens.schema()
    enum = schema["properties"]["findings"]["items"]["properties"]["type"]["enum"]
    assert set(enum) == set(FINDING_TYPES)


def test_every_rule_says_why():
    for file, rule in load_target_rules():
        if file == "relations" and rule["category"].startswith("REL_"):
            continue
        assert rule.get("metadata", {}).get("why") or rule.get("metadata", {}).get("file") is None, (file, rule["literal"])


def test_every_group_has_its_rule_and_every_red_flag_its_reason():
    from spinelens.correlate import GROUP_RULES

    assert set(GROUP_RULES) == set(GROUPS)
    for card in lexicon.load_cards().values():
        assert card.group in GROUP_RULES
        if card.group == "pathology":
            assert card.red_flag_reason, card.type


@pytest.fixture
def broken(tmp_path):
    target = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), target)
    yield target
    for f in (load_target_rules, lexicon.load_relations, lexicon.load_cards, lexicon.load_table, lexicon.prevalence_table):
        f.cache_clear()


def _edit(path, mutate):
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data))


# rules inside a card
@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["target_rules"][0].update(categroy="x"), "disc_bulge.json: target_rules[0] ('bulge'): unknown key 'categroy'"),
    (lambda d: d["target_rules"][0].update(category="disc_bulj"), "key 'category': unknown category 'disc_bulj'"),
    (lambda d: d["target_rules"][1].update(pattern=[{"NORM": {"INN": ["x"]}}]), "target_rules[1] ('degenerative disc bulge'): key 'pattern'"),
    (lambda d: d["target_rules"][2].pop("literal"), "key 'literal' must be a non-empty string"),
    (lambda d: d["exclusions"][0].update(category="disc_bulge"), "exclusions[0] ('retrobulge'): key 'category'"),
])
def test_bad_rule_names_file_entry_and_key(broken, mutate, message):
    _edit(broken / "findings" / "disc_bulge.json", mutate)
    with pytest.raises(LexiconError) as err:
        load_target_rules(str(broken))
    assert message in str(err.value)


# an incomplete or wrong card
@pytest.mark.parametrize("card, mutate, message", [
    ("neoplasm", lambda d: d.update(red_flag=None), "neoplasm.json: key 'red_flag': the 'pathology' group"),
    ("neoplasm", lambda d: d.update(red_flag={"reason": ""}), "neoplasm.json: key 'red_flag': needs a non-empty 'reason'"),
    ("disc_bulge", lambda d: d.pop("fhir"), "disc_bulge.json: missing key 'fhir'"),
    ("disc_bulge", lambda d: d["patient"].pop("what"), "disc_bulge.json: patient: missing key 'what'"),
    ("disc_bulge", lambda d: d["correlation"].update(group="bulges"), "disc_bulge.json: key 'correlation.group': 'bulges'"),
    ("disc_bulge", lambda d: d["correlation"].update(roles=["cause"]), "disc_bulge.json: key 'correlation.roles'"),
    ("disc_bulge", lambda d: d.update(level="vertebra"), "disc_bulge.json: key 'level': 'vertebra'"),
    ("disc_bulge", lambda d: d.update(type="disc_bulj"), "disc_bulge.json: key 'type': 'disc_bulj' must match"),
    ("disc_bulge", lambda d: d.update(zones=True), "disc_bulge.json: unknown key 'zones'"),
    ("fracture", lambda d: d["fhir"].update(snomed="123"), "fracture.json: key 'fhir.snomed'"),
])
def test_incomplete_card_fails_at_load(broken, card, mutate, message):
    _edit(broken / "findings" / f"{card}.json", mutate)
    with pytest.raises(LexiconError) as err:
        lexicon.load_cards(str(broken))
    assert message in str(err.value)


def test_a_new_card_is_a_new_type(broken):
    """Adding a finding type is adding a card: its rules load and its group rule judges it."""
    data = json.loads((broken / "findings" / "hemangioma.json").read_text())
    data.update(type="lipoma", target_rules=[{"literal": "lipoma", "category": "lipoma", "metadata": {"why": "test"}}],
                exclusions=[])
    (broken / "findings" / "lipoma.json").write_text(json.dumps(data))
    cards = lexicon.load_cards(str(broken))
    assert cards["lipoma"].group == "benign" and cards["lipoma"].level == "body"
    assert any(r["category"] == "lipoma" for _, r in load_target_rules(str(broken)))


# tables: the keys the code reads, and the names they point to
@pytest.mark.parametrize("table, mutate, message", [
    ("clinical", lambda d: d.pop("territory"), "clinical.json: missing key 'territory'"),
    ("clinical", lambda d: d["red_flag_symptoms"].append("headache"), "key 'red_flag_symptoms': unknown symptom type 'headache'"),
    ("attributes", lambda d: d.update(side=["left"]), "attributes.json: key 'side' must be an object"),
    ("attributes", lambda d: d["zone_priority"].pop(), "attributes.json: key 'zone_priority' must rank every zone"),
    ("attributes", lambda d: d["side_letters"]["letters"].update(r="up"), "attributes.json: key 'side_letters' needs"),
    ("explanations", lambda d: d["categories"].pop("red_flag"), "explanations.json: key 'categories': no entry for category 'red_flag'"),
    ("fhir", lambda d: d.pop("laterality"), "fhir.json: missing key 'laterality'"),
    ("spelling", lambda d: d["context_synonyms"][0].pop("norm"), "spelling.json: key 'context_synonyms' entry 0: needs"),
    ("spelling", lambda d: d["context_synonyms"][0].update(after="reduced"),
     "spelling.json: key 'context_synonyms' entry 0 ('lt'): 'after' must be a list"),
])
def test_bad_table_names_file_and_key(broken, table, mutate, message):
    _edit(broken / f"{table}.json", mutate)
    with pytest.raises(LexiconError) as err:
        lexicon.load_table(table, str(broken))
    assert message in str(err.value)


def test_prevalence_names_only_known_types(broken):
    path = broken / "prevalence.csv"
    path.write_text(path.read_text() + "disc_bulj,x,1,2,3,4,5,6,7\n")
    with pytest.raises(LexiconError, match=r"prevalence.csv:\d+: unknown finding type 'disc_bulj'"):
        lexicon.prevalence_table(str(broken))


def test_invalid_json_is_reported(broken):
    (broken / "findings" / "foraminal_stenosis.json").write_text("{not json")
    with pytest.raises(LexiconError, match="foraminal_stenosis.json: not valid JSON"):
        lexicon.load_cards(str(broken))


# the physician's-judgement phrases (nlp/attribution.py)
@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["context_rules"][0].update(category="CAUSES"), "attribution.json: context_rules[0] ('secondary to'): key 'category'"),
    (lambda d: d["context_rules"][0].update(direction="AFTER"), "context_rules[0] ('secondary to'): key 'direction'"),
    (lambda d: d.update(symptom_words=[]), "attribution.json: key 'symptom_words'"),
])
def test_bad_attribution_names_file_entry_and_key(broken, mutate, message):
    _edit(broken / "attribution.json", mutate)
    with pytest.raises(LexiconError) as err:
        lexicon.load_attribution(str(broken))
    assert message in str(err.value)


# the named-pattern lexicons: the words that tell imaging statements in a note (nlp/statements.py),
# the symptom reader's clinical words (nlp/symptom_words.py; case-sensitive: matched on lower-cased
# text), and the words of discourse (nlp/level_attach.py, extract.py, correlate.py)
@pytest.mark.parametrize("file, load, mutate, message", [
    ("statements", lexicon.load_statement_patterns, lambda d: d["patterns"][0].update(regex="(mri"),
     "statements.json: patterns[0] ('study'): key 'regex'"),
    ("statements", lexicon.load_statement_patterns, lambda d: d["patterns"][1].update(name="results"),
     "patterns[1] ('results'): key 'name' must be one of"),
    ("statements", lexicon.load_statement_patterns, lambda d: d["patterns"][2].pop("why"),
     "patterns[2] ('passive'): key 'why'"),
    ("statements", lexicon.load_statement_patterns, lambda d: d.update(patterns=d["patterns"][1:]),
     "statements.json: key 'patterns': no entry named 'study'"),
    ("symptom_words", lexicon.load_symptom_patterns, lambda d: d["patterns"][0].update(regex="(full"),
     "symptom_words.json: patterns[0] ('strength_normal'): key 'regex'"),
    ("symptom_words", lexicon.load_symptom_patterns, lambda d: d["patterns"][1].update(name="weak"),
     "patterns[1] ('weak'): key 'name' must be one of"),
    ("symptom_words", lexicon.load_symptom_patterns, lambda d: d.update(patterns=d["patterns"][1:]),
     "symptom_words.json: key 'patterns': no entry named 'strength_normal'"),
    ("discourse", lexicon.load_discourse_patterns, lambda d: d["patterns"][0].update(regex="(and"),
     "discourse.json: patterns[0] ('coordinated'): key 'regex'"),
    ("discourse", lexicon.load_discourse_patterns, lambda d: d["patterns"][1].update(why=""),
     "discourse.json: patterns[1] ('placed'): key 'why'"),
    ("discourse", lexicon.load_discourse_patterns, lambda d: d.update(patterns=d["patterns"][1:]),
     "discourse.json: key 'patterns': no entry named 'coordinated'"),
])
def test_bad_named_pattern_names_file_entry_and_key(broken, file, load, mutate, message):
    _edit(broken / f"{file}.json", mutate)
    with pytest.raises(LexiconError) as err:
        load(str(broken))
    assert message in str(err.value)


def test_bad_clause_hedge_ends_names_file_and_key(broken):
    # the hedges that end a denial (nlp/context.py) are data: a wrong shape fails at load, named
    _edit(broken / "context.json", lambda d: d["clause_hedge_ends"].update(words="for"))
    with pytest.raises(LexiconError) as err:
        lexicon.load_context(str(broken))
    assert "context.json: clause_hedge_ends: key 'words'" in str(err.value)


@pytest.mark.parametrize("key, value", [("joining_words", "of"), ("history_ends", []), ("history_ends_bare", [""])])
def test_bad_inline_headers_names_file_and_key(broken, key, value):
    # the words that decide a header inside a line (nlp/sections.py) are data: a wrong shape fails at load, named
    _edit(broken / "sections.json", lambda d: d["inline_headers"].update({key: value}))
    with pytest.raises(LexiconError) as err:
        lexicon.load_inline_headers(str(broken))
    assert f"sections.json: inline_headers: key {key!r}" in str(err.value)


@pytest.mark.parametrize("key", ["list_openers", "open_list_tails", "item_affirms", "list_affirming", "form_answers",
                                 "advice_words", "head_nouns", "adjectival_findings", "not_denied_by_comma_lists",
                                 "graded_findings", "marked_present", "list_predicates", "own_item_denials"])
def test_bad_list_words_name_file_and_key(broken, key):
    # the words that open a cue's list, over its separators or on the lines below it, and the answers that keep an
    # item out of it (nlp/context.py) are data: a wrong shape fails, named
    _edit(broken / "context.json", lambda d: d[key].update(words="of"))
    with pytest.raises(LexiconError) as err:
        lexicon.load_context(str(broken))
    assert f"context.json: {key}: key 'words'" in str(err.value)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["bracket_reassures"].update(words="fine"), "context.json: bracket_reassures: key 'words'"),
    (lambda d: d["bladder_volume"].update(retention_ml="300"), "context.json: bladder_volume: keys"),
    (lambda d: d["denial_taken_back"].update(regex="(unclosed"), "context.json: denial_taken_back: key 'regex'"),
])
def test_bad_form_answer_words_name_file_and_key(broken, mutate, message):
    # what a form answer's bracket says and a denial taken back are data: a wrong shape fails at load, named
    _edit(broken / "context.json", mutate)
    with pytest.raises(LexiconError) as err:
        lexicon.load_context(str(broken))
    assert message in str(err.value)


# the relation table: what an entry may say of a denied normal statement
@pytest.mark.parametrize("mutate, message", [
    (lambda d: next(e for e in d["relations"] if e.get("denied_says")).update(denied_says="absent"),
     "key 'denied_says' may only be 'present' or 'possible'"),
    (lambda d: d["relations"][0].update(denied_says="present"), "relations[0]: key 'denied_says'"),
    (lambda d: d["relations"][0].update(unless_named=True), "relations[0]: key 'unless_named' may only be true, on an entry"),
    (lambda d: d["table_columns"]["columns"][0].update(object="OBJ_NOPE"), "table_columns.columns[0]: key 'object'"),
    (lambda d: d["table_columns"]["columns"][0].update(regex="(unclosed"), "table_columns.columns[0]: key 'regex'"),
])
def test_bad_relation_entry_names_file_entry_and_key(broken, mutate, message):
    _edit(broken / "relations.json", mutate)
    with pytest.raises(LexiconError) as err:
        lexicon.load_relations(str(broken))
    assert message in str(err.value) and "relations.json" in str(err.value)
