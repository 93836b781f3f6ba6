"""Scoring one report against its gold line: findings, attributes, detection, categories, symptoms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    symptom_reports: int = 0
    symptoms: PRF = field(default_factory=PRF)
    symptom_side: list[int] = field(default_factory=lambda: [0, 0])
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the gold file: keys it does not score

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
            "symptoms": {"reports": self.symptom_reports, **self.symptoms.as_dict(),
                         "side_accuracy": self._ratio(self.symptom_side)},
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
    error: dict[str, Any] = {"id": gold["id"], "missed": sorted(map(str, g - p)), "extra": sorted(map(str, p - g))}
    if score_symptoms(score, gold, pred, error) or g != p:
        score.errors.append(error)
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


SymptomPair = tuple[str, str]


def _symptom_pairs(symptoms: Iterable[dict[str, Any]]) -> set[SymptomPair]:
    return {(s["type"], s.get("certainty") or "present") for s in symptoms}


def score_symptoms(score: Score, gold: dict[str, Any], pred: dict[str, Any], error: dict[str, Any]) -> bool:
    """Symptoms (annotation.md): (type, certainty) pairs of gold and of the result's clinical.symptoms,
    and side accuracy. Only where the gold has clinical.symptoms (an empty list: no symptoms). True when
    the report's symptoms differ from the gold (error gets what was missed and what was extra)."""
    g_s = (gold.get("clinical") or {}).get("symptoms")
    if g_s is None:
        return False
    p_s = (pred.get("clinical") or {}).get("symptoms") or []
    score.symptom_reports += 1
    g, p = _symptom_pairs(g_s), _symptom_pairs(p_s)
    score.symptoms.tp += len(g & p)
    score.symptoms.fp += len(p - g)
    score.symptoms.fn += len(g - p)
    for s in g_s:
        if (s.get("certainty") or "present") != "present" or s.get("side") is None:
            continue
        sides = {x.get("side") for x in p_s if x["type"] == s["type"] and x.get("certainty") == "present"}
        if sides:
            score.symptom_side[1] += 1
            score.symptom_side[0] += s["side"] in sides
    if g == p:
        return False
    error["symptoms_missed"] = sorted(map(str, g - p))
    error["symptoms_extra"] = sorted(map(str, p - g))
    return True


