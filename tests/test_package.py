"""What ships and how it installs: the result schema in the package (equal to the shared contract),
`spinelens schema`, dependency pins that resolve on every supported Python, install hints and README
commands that work."""

import io
import json
import re
import tomllib

import pytest

import spinelens
from spinelens.cli import main
from tests.conftest import ROOT, SHARED

CONTRACT = SHARED / "spec" / "result.schema.json"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not CONTRACT.is_file(), reason="../shared/spec is not present")
def test_packaged_schema_is_the_shared_contract():
    assert spinelens.schema_text() == CONTRACT.read_text(encoding="utf-8")
    assert spinelens.schema() == json.loads(CONTRACT.read_text(encoding="utf-8"))


def test_schema_is_valid_and_results_carry_its_version(nlp):
    schema = spinelens.schema()
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    result = spinelens.analyze("L4-5: left paracentral disc protrusion.").to_dict()
    assert result["schema_version"] == schema["properties"]["schema_version"]["const"]
    jsonschema.validate(result, schema)


def test_schema_is_a_new_dict_each_time():
    spinelens.schema()["properties"].clear()
    assert spinelens.schema()["properties"]["findings"]


def test_cli_schema_prints_the_schema(capsys):
    out = io.StringIO()
    assert main(["schema"], out=out) == 0
    assert out.getvalue() == spinelens.schema_text()
    assert json.loads(out.getvalue()) == spinelens.schema()
    with pytest.raises(SystemExit):
        main(["schema", "--help"])
    assert "spinelens schema > result.schema.json" in capsys.readouterr().out


def _requirements(python: str) -> dict[str, str]:
    """The project's dependencies that apply on ``python`` ('3.12'): name -> specifier."""
    from packaging.requirements import Requirement

    env = {"python_version": python, "python_full_version": python + ".0"}
    applied: dict[str, str] = {}
    for line in PYPROJECT["project"]["dependencies"]:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            assert req.name not in applied, f"two pins for {req.name} on Python {python}"
            applied[req.name] = str(req.specifier)
    return applied


@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13"])
def test_pins_follow_medspacys_own_split(python):
    """medSpaCy 1.3.1 needs spaCy < 3.8 on 3.11 and >= 3.8 on 3.12 and later; numpy 2 has no wheels
    for spaCy 3.7's thinc, and numpy < 2 none for 3.13."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    pins = _requirements(python)
    assert pins["medspacy"] == "==1.3.1"
    spacy, numpy = SpecifierSet(pins["spacy"]), SpecifierSet(pins["numpy"])
    if python == "3.11":
        assert Version("3.7.5") in spacy and Version("3.8.0") not in spacy and Version("2.0.0") not in numpy
    else:
        assert Version("3.8.7") in spacy and Version("3.7.5") not in spacy and Version("1.26.4") not in numpy
    assert Version(python + ".0") in SpecifierSet(PYPROJECT["project"]["requires-python"])


def test_install_hints_name_a_command_that_works():
    """spinelens is not on a public index: `pip install 'spinelens[web]'` works only from an index that
    holds the wheel. Each hint names '.[web]' (in the source folder) first, and an extra that exists."""
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    hints = 0
    for path in sorted((ROOT / "src").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"pip install 'spinelens\[([^\]]+)\]'", text):
            assert f"pip install '.[{m.group(1)}]'" in text[max(0, m.start() - 300):m.start()], (path, m.group(0))
        for extra in re.findall(r"pip install '\.\[(\w+)\]'", text):
            assert extra in extras, (path, extra)
            hints += 1
    assert hints >= 4


def test_readme_names_every_extra():
    for extra in PYPROJECT["project"]["optional-dependencies"]:
        assert f"'.[{extra}]'" in README, extra


def test_readme_starts_with_the_commands_to_set_up_run_and_test():
    """The README's first lines: set up, run (on a sample that exists), test."""
    first = README.split("```")[1]
    lines = [line.split("#")[0].strip() for line in first.splitlines()[1:] if line.strip()]
    assert lines[0].startswith("python3 -m venv .venv && .venv/bin/pip install")
    sample = re.search(r"spinelens analyze (samples/\S+)", lines[1])
    assert sample and (ROOT / sample.group(1)).is_file()
    assert lines[2] == ".venv/bin/python -m pytest"
