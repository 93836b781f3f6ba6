"""The layout holds: plain layers load without spaCy, no import cycles (function-local imports
included), and nothing inside the package imports the package face."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "spinelens"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


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
            out.add(mod)
            for a in node.names:  # "from . import tokenizer": a submodule
                if (PACKAGE.parent / Path(*mod.split("."), a.name)).with_suffix(".py").is_file():
                    out.add(f"{mod}.{a.name}")
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
                                    "spinelens.summary", "spinelens.errors", "spinelens.levels", "spinelens.lexicon"])
def test_plain_layers_load_without_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", module
