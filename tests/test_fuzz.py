"""A seeded slice of the fuzz inputs (tests/fuzz.py): no input may raise anything but InputError,
and every result must serialise to UTF-8 JSON."""

from tests.fuzz import run


def test_fuzzed_inputs_never_fail(nlp):
    analysed, refused, failures = run(1500, seed=13)
    assert not failures, failures[:5]
    assert analysed > 1000 and refused > 50  # both paths exercised
