"""The output formats of `spinelens analyze`, in one registry. Each lives in formats/<name>.py,
whose ``render(result, text) -> str`` gives the whole output; a format is imported when used.

Adding a format: its module here, and its line in FORMATS."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..errors import UsageError
from ..model import Result


@dataclass(frozen=True)
class Format:
    name: str  # also the module's name
    help: str  # what `analyze --help` says after the name
    media_type: str
    extra: str | None = None  # the optional extra it needs: render raises ImportError without it

    def render(self, result: Result, text: str) -> str:
        """The result of the report ``text`` in this format (lone surrogates in text read as U+FFFD, one for
        one as analyze() reads them, so mention offsets still hold and the output encodes as UTF-8)."""
        from ..inputs import clean_text

        return import_module(f"{__name__}.{self.name}").render(result, clean_text(text)[0])


# In the order `analyze --help` lists them.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", "a clinician's table", "text/plain; charset=utf-8"),
    Format("json", "the result schema", "application/json"),
    Format("patient", "plain words", "text/plain; charset=utf-8"),
    Format("html", "a self-contained page to share", "text/html; charset=utf-8"),
    Format("fhir", "a FHIR R4 Bundle", "application/fhir+json", extra="fhir"),
)}


def names() -> list[str]:
    return list(FORMATS)


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r} (one of {', '.join(FORMATS)})") from None
