"""The layout holds: plain layers load without spaCy, no import cycles (function-local imports
included), and nothing inside the package imports the package face."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "spinelens"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    base = PACKAGE.parent / Path(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _imports(path: Path) -> set[str]:
    """Every spinelens module a file imports, at module level or inside a function."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("spinelens"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("spinelens"):
                continue
            subs = [a.name for a in node.names if _is_module(f"{mod}.{a.name}")]  # "from . import formats"
            out.update(f"{mod}.{n}" for n in subs)
            if len(subs) < len(node.names):
                out.add(mod)
    return out - {name}


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_import_cycles():
    graph = {m: {i for i in _imports(p) if i in MODULES} for m, p in MODULES.items()}
    # a package imports its own modules; its modules may import siblings but never the package face
    for m, deps in graph.items():
        for d in deps:
            if MODULES[d].name == "__init__.py" and m.startswith(d + ".") or d == "spinelens" and m != "spinelens":
                pytest.fail(f"{m} imports the package face {d}")
    seen: dict[str, int] = {}

    def visit(m: str, stack: list[str]) -> None:
        seen[m] = 1
        for d in graph[m]:
            if MODULES[d].name == "__init__.py" and d != "spinelens.lexicon":
                continue  # a package's __init__ only re-exports
            if seen.get(d) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(d):] + [m, d]) if d in stack else d)
            if d not in seen:
                visit(d, stack + [m])
        seen[m] = 2

    for m in graph:
        if m not in seen:
            visit(m, [])


@pytest.mark.parametrize("module", ["spinelens.model", "spinelens.correlate", "spinelens.clinical",
                                    "spinelens.summary", "spinelens.errors", "spinelens.formats", "spinelens.levels", "spinelens.lexicon"])
def test_plain_layers_load_without_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", module


# Every format renders a hand-built result; spaCy must not be imported on the way.
CODE = """
import sys
from spinelens import formats
from spinelens.model import Assessment, ClinicalContext, Finding, Mention, Result, Summary
text = "L4-5: left paracentral disc protrusion."
finding = Finding("disc_protrusion", "L4-L5", "left", "present", [Mention(28, 38, "protrusion")], zone="paracentral",
                  assessment=Assessment("indeterminate", ["No symptoms given."]), id="f1")
result = Result([finding], ClinicalContext(), Summary("1 finding at L4-L5."), id="r1")
for name in formats.names():
    try:
        assert formats.get(name).render(result, text).strip(), name
    except ImportError:
        assert formats.get(name).extra, name  # only a format with an optional extra may miss it
print(sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy.")))
"""


def test_every_format_renders_without_spacy():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("text, expected", [
    # line breaks as exports write them become line breaks, padded to their own length (offsets hold)
    ("a<br>b", "a\n   b"), ("a<BR />b", "a\n     b"), ("a\\nb", "a\n b"), ("a\\r\\nb", "a\n   b"), ("a\rb", "a\nb"),
    # real line breaks and text without any stay as they are
    ("a\r\nb", "a\r\nb"), ("a\nb", "a\nb"), ("L4-5 < 3 mm; a\\b", "L4-5 < 3 mm; a\\b"),
    # an HTML break or block tag beside a real line break is a space (no blank line after every line)
    ("a<br>\nb", "a    \nb"), ("<p>a</p>\n<p>b</p>", "   a    \n   b    "), ("<p>a</p><p>b</p>", "   a\n      b    "),
    ("a\n<br>b", "a\n    b"),
    # other tags are spaces, entities their character; '<L5>' and '< 3 mm' are no HTML
    ("<b>L4-5</b>&nbsp;bulge &amp; &lt;3 mm", "   L4-5    " + " " * 6 + "bulge &     <   3 mm"),
    ("a <L5> b", "a <L5> b"), ("narrowed to <a third of normal (AP >5 mm)", "narrowed to <a third of normal (AP >5 mm)"),
    ("<a href=\"x\">link</a><td nowrap>", " " * 12 + "link" + " " * 15),
    # Word's and web pages' spaces, dashes and quotes are the plain ones
    ("L4\u20135\u00a0disc, Schmorl\u2019s \u201cnode\u201d", "L4-5 disc, Schmorl's \"node\""),
])
def test_written_line_breaks(text, expected):
    from spinelens.inputs import restore_line_breaks

    assert restore_line_breaks(text) == expected
    assert len(restore_line_breaks(text)) == len(text)


@pytest.mark.parametrize("text", [
    # headers found from their colon or dash back stay linear on text without line breaks
    "HISTORY:" * 25_000, ":" * 200_000, "a:" * 100_000, "history - " * 20_000, "FINDINGS " * 20_000,
])
def test_inline_headers_are_linear(text):
    import time

    from spinelens.nlp.sections import Sectionizer

    finder = Sectionizer()
    start = time.process_time()
    finder._headers(text)
    assert time.process_time() - start < 5  # quadratic took 27 s on 200 KB; linear takes ~0.4 s


def test_pipeline_stages_read_the_cached_text():
    """spaCy's Doc.text joins every token on each call: a stage that reads it per cue or per finding costs the
    whole text each time (a taken-back-denial check doubled the context stage so). The stages read
    tokens.doc_text(doc); only the tokenizer and tokens.py touch Doc.text."""
    allowed = {"tokens.py", "tokenizer.py"}
    found = []
    for path in sorted((PACKAGE / "nlp").glob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "text" and isinstance(node.value, ast.Name) \
                    and node.value.id == "doc":
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found
