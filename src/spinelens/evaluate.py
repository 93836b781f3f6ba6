"""Score SpineLens against a gold file (shared/spec/annotation.md).

Primary: micro P/R/F1 over (type, level, certainty) triples per report, all certainties
and each separately. Attributes on matched triples: side accuracy (gold null matches
anything), severity accuracy, nerve-root recall. Report-level detection per type
(LIRE study): sensitivity and specificity per type and their means. Correlation:
category accuracy on (type, level, side).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Triple = tuple[str, str | None, str]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Score:
    reports: int = 0
    overall: PRF = field(default_factory=PRF)
    by_certainty: dict[str, PRF] = field(default_factory=lambda: {c: PRF() for c in ("present", "possible", "absent")})
    side: list[int] = field(default_factory=lambda: [0, 0])
    severity: list[int] = field(default_factory=lambda: [0, 0])
    roots: list[int] = field(default_factory=lambda: [0, 0])
    category: list[int] = field(default_factory=lambda: [0, 0])
    detection: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    errors: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _ratio(pair: list[int]) -> float | None:
        return round(pair[0] / pair[1], 4) if pair[1] else None

    def detection_table(self) -> dict[str, dict[str, float | None]]:
        out = {}
        for t, (tp, fn, tn, fp) in sorted(self.detection.items()):
            out[t] = {"sensitivity": round(tp / (tp + fn), 4) if tp + fn else None,
                      "specificity": round(tn / (tn + fp), 4) if tn + fp else None,
                      "positives": tp + fn}
        return out

    def as_dict(self) -> dict[str, Any]:
        det = self.detection_table()
        sens = [v["sensitivity"] for v in det.values() if v["sensitivity"] is not None]
        spec = [v["specificity"] for v in det.values() if v["specificity"] is not None and v["positives"]]
        return {
            "reports": self.reports,
            "findings": self.overall.as_dict(),
            "by_certainty": {c: p.as_dict() for c, p in self.by_certainty.items()},
            "side_accuracy": self._ratio(self.side),
            "severity_accuracy": self._ratio(self.severity),
            "nerve_root_recall": self._ratio(self.roots),
            "category_accuracy": self._ratio(self.category),
            "mean_sensitivity": round(sum(sens) / len(sens), 4) if sens else None,
            "mean_specificity": round(sum(spec) / len(spec), 4) if spec else None,
            "per_type": det,
        }


def _triples(findings: Iterable[dict[str, Any]]) -> set[Triple]:
    return {(f["type"], f.get("level"), f["certainty"]) for f in findings}


def score_report(score: Score, gold: dict[str, Any], pred: dict[str, Any], types: set[str]) -> None:
    score.reports += 1
    g_f, p_f = gold.get("findings", []), pred.get("findings", [])
    g, p = _triples(g_f), _triples(p_f)
    for prf, gs, ps in [(score.overall, g, p)] + [
        (score.by_certainty[c], {t for t in g if t[2] == c}, {t for t in p if t[2] == c})
        for c in score.by_certainty
    ]:
        prf.tp += len(gs & ps)
        prf.fp += len(ps - gs)
        prf.fn += len(gs - ps)
    if g != p:
        score.errors.append({"id": gold["id"], "missed": sorted(map(str, g - p)), "extra": sorted(map(str, p - g))})
    by_triple: dict[Triple, list[dict[str, Any]]] = defaultdict(list)
    for f in p_f:
        by_triple[(f["type"], f.get("level"), f["certainty"])].append(f)
    for f in g_f:
        t = (f["type"], f.get("level"), f["certainty"])
        if t not in by_triple:
            continue
        preds = by_triple[t]
        score.side[1] += 1
        if f.get("side") is None or any(x.get("side") == f.get("side") for x in preds):
            score.side[0] += 1
        if "severity" in f:
            score.severity[1] += 1
            if any(x.get("severity") == f.get("severity") for x in preds):
                score.severity[0] += 1
        for root in f.get("nerve_roots") or []:
            score.roots[1] += 1
            if any((r.get("root"), r.get("side")) == (root.get("root"), root.get("side"))
                   for x in preds for r in x.get("nerve_roots") or []):
                score.roots[0] += 1
    pred_cat = {(f["type"], f.get("level"), f.get("side")): (f.get("assessment") or {}).get("category") for f in p_f}
    for c in gold.get("categories") or []:
        score.category[1] += 1
        if pred_cat.get((c["type"], c.get("level"), c.get("side"))) == c["category"]:
            score.category[0] += 1
    g_pos = {f["type"] for f in g_f if f["certainty"] == "present"}
    p_pos = {f["type"] for f in p_f if f["certainty"] == "present"}
    for t in types:
        cell = score.detection[t]
        if t in g_pos:
            cell[0 if t in p_pos else 1] += 1
        else:
            cell[2 if t not in p_pos else 3] += 1


def load_gold(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(entry, dict) or "id" not in entry or not isinstance(entry.get("findings"), list):
            raise ValueError(f"{path}:{n}: each line needs an 'id' and a 'findings' list")
        out.append(entry)
    return out


def evaluate(gold_path: Path, reports_dir: Path,
             analyze: Callable[[str, str], dict[str, Any]]) -> Score:
    """Score analyze(text, id) -> result dict over every gold report found in reports_dir."""
    gold = load_gold(gold_path)
    types = {f["type"] for g in gold for f in g["findings"]}
    score = Score()
    missing = []
    for entry in gold:
        path = reports_dir / f"{entry['id']}.txt"
        if not path.is_file():
            missing.append(entry["id"])
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        score_report(score, entry, analyze(text, entry["id"]), types)
    if missing:
        score.errors.append({"missing_reports": missing})
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
    lines.append("")
    lines.append(f"{'type':<32}{'sens':>7}{'spec':>7}{'pos':>5}")
    for t, d in result["per_type"].items():
        s = "n/a" if d["sensitivity"] is None else f"{d['sensitivity']:.2f}"
        p = "n/a" if d["specificity"] is None else f"{d['specificity']:.2f}"
        lines.append(f"{t:<32}{s:>7}{p:>7}{d['positives']:>5}")
    return "\n".join(lines)
