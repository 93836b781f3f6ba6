"""Every sample report gives exactly its golden result, and every result fits the schema."""

import json

import pytest

import spinelens
from tests.golden import cases, dump, expected_path, render

CASES = cases()


def test_enough_samples():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(nlp, case):
    expected = json.loads(expected_path(case).read_text(encoding="utf-8"))
    assert render(case) == expected


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_bytes(nlp, case):
    """Byte for byte, as written (key order, number formatting): a speed change must not change any
    output (bench/behaviour.py checks every format and the corpus before/after)."""
    assert dump(render(case)) == expected_path(case).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = spinelens.schema()  # the package's copy of ../shared/spec (tests/test_package.py keeps them equal)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_sample_results_validate(nlp, validator, case):
    errors = sorted(validator.iter_errors(render(case)), key=str)
    assert not errors, errors[0].message


@pytest.mark.parametrize("text", ["", "   \n", "Hello, this is a shopping list.", "L4-5: No stenosis.",
                                  "Compression fracture of C5.", "???"])
def test_edge_results_validate(analyze, validator, text):
    result = analyze(text, age=52, sex="female", id="x")
    errors = list(validator.iter_errors(result.to_dict()))
    assert not errors, errors[0].message
