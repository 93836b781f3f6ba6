"""Score SpineLens against a gold file (shared/spec/annotation.md).

Primary: micro P/R/F1 over (type, level, certainty) triples per report, all certainties
and each separately. Attributes on matched triples: side accuracy (gold null matches
anything), severity accuracy, nerve-root recall. Report-level detection per type
(LIRE study): sensitivity and specificity per type and their means. Correlation:
category accuracy on (type, level, side). Symptoms, where the gold has clinical.symptoms: micro
P/R/F1 over (type, certainty) pairs per report (a gold symptom with no certainty is present), and
side accuracy over the present gold symptoms with a side that a present predicted symptom of their
type meets.

The gold is checked first (check_gold): every line against the vocabulary and attribute rules of
findings.md, clinical.md and annotation.md, ids against the reports folder. A bad gold is refused
whole (GoldError, every problem as 'file:line: message'); keys the format does not name are warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError
from .gold import GoldError, check_gold, load_gold, report_path
from .score import PRF, Score, score_report, score_symptoms

__all__ = ["GoldError", "PRF", "Score", "check_gold", "evaluate", "format_table", "load_gold", "report_path",
           "score_report", "score_symptoms"]


def evaluate(gold_path: Path, reports_dir: Path,
             analyze: Callable[[str, str], dict[str, Any]]) -> Score:
    """Score analyze(text, id) -> result dict over every gold report, each read from reports_dir/<id>.txt.
    Raises GoldError when the gold breaks the annotation format or names a report that is not there."""
    gold, warnings = check_gold(gold_path, reports_dir)
    types = {f["type"] for g in gold for f in g["findings"]}
    score = Score(warnings=warnings)
    for entry in gold:
        path = report_path(reports_dir, entry["id"])
        assert path is not None  # checked above
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
            result = analyze(text, entry["id"])
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        score_report(score, entry, result, types)
    return score


def format_table(result: dict[str, Any]) -> str:
    lines = [f"reports scored: {result['reports']}", "", f"{'findings':<12}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"]

    def row(name: str, d: dict[str, Any]) -> str:
        return f"{name:<12}{d['precision']:>8.3f}{d['recall']:>8.3f}{d['f1']:>8.3f}{d['tp']:>6}{d['fp']:>6}{d['fn']:>6}"

    lines.append(row("all", result["findings"]))
    for c, d in result["by_certainty"].items():
        lines.append(row(c, d))
    lines.append("")
    for key in ("side_accuracy", "severity_accuracy", "nerve_root_recall", "category_accuracy",
                "mean_sensitivity", "mean_specificity"):
        v = result[key]
        lines.append(f"{key.replace('_', ' '):<22}{'n/a' if v is None else f'{v:.3f}':>8}")
    sym = result.get("symptoms") or {}
    if sym.get("reports"):
        lines.append("")
        lines.append(f"{'symptoms':<12}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}"
                     f"   ({sym['reports']} reports with gold symptoms)")
        lines.append(row("all", sym))
        v = sym["side_accuracy"]
        lines.append(f"{'symptom side accuracy':<22}{'n/a' if v is None else f'{v:.3f}':>8}")
    lines.append("")
    lines.append(f"{'type':<32}{'sens':>7}{'spec':>7}{'pos':>5}")
    for t, d in result["per_type"].items():
        s = "n/a" if d["sensitivity"] is None else f"{d['sensitivity']:.2f}"
        p = "n/a" if d["specificity"] is None else f"{d['specificity']:.2f}"
        lines.append(f"{t:<32}{s:>7}{p:>7}{d['positives']:>5}")
    return "\n".join(lines)
