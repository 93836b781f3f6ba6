"""Batch workers keep spaCy's vocabulary bounded over unique reports, with the same results."""

import gc
import json
import weakref

import pytest

from spinelens.analyze import load
from spinelens.batch import Task, records, run_outputs
from tests.conftest import SAMPLES


def unique_texts(n: int, tag: str) -> list[str]:
    """Samples wrapped in ids, names and dates that no other text has (as a real export's are)."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [f"Accession: {tag.upper()}{i:05d}X   MRN {7919 * (i + 1) + len(tag)}{tag}\n"
            f"Patient: {tag.upper()}OVSKI{i}, JANE   DOB: {i % 12 + 1:02d}/{i % 28 + 1:02d}/19{i % 90 + 10}\n\n"
            + samples[i % len(samples)]
            + f"\n\nElectronically signed by Dr. Q. {tag.capitalize()}berg{i}, MD at {i % 24:02d}:{i % 60:02d}."
            for i in range(n)]


def ids_only(n: int, tag: str, per_text: int = 40) -> list[str]:
    """Short texts of unique tokens, with one finding each: many new strings per report, quickly."""
    return [" ".join(f"{tag}{i}x{j}" for j in range(per_text)) + "\nL4-5: small left paracentral disc protrusion."
            for i in range(n)]


def tasks(texts: list[str]) -> list[Task]:
    return [Task(id=f"r{i}", source="test", text=t) for i, t in enumerate(texts)]


@pytest.fixture
def renew_after(monkeypatch):
    def set_to(value: int) -> None:
        monkeypatch.setattr(records, "RENEW_AFTER", value)
        monkeypatch.setattr(records, "_watched", None)

    return set_to


def test_same_results_with_a_new_pipeline_before_every_report(renew_after):
    texts = unique_texts(8, "same")
    renew_after(1)  # every new report adds strings: a new pipeline before each one but the first
    before = records.renewals
    renewed = [records.analyse_task(t) for t in tasks(texts)]
    assert records.renewals - before == len(texts) - 1
    renew_after(0)  # then one pipeline for all, which has seen them all
    stock = [records.analyse_task(t) for t in tasks(texts)]
    assert [json.dumps(r, sort_keys=True) for r in renewed] == [json.dumps(r, sort_keys=True) for r in stock]
    assert all("error" not in r for r in stock) and sum(len(r["findings"]) for r in stock) > 10


def test_same_results_in_worker_processes(renew_after):
    texts = unique_texts(10, "workers")
    renew_after(1)  # forked workers inherit it; the texts are new to the pipeline they inherit
    renewed = [o.text for o in run_outputs(tasks(texts), workers=2, chunk=2)]
    renew_after(0)
    assert [o.text for o in run_outputs(tasks(texts), workers=1)] == renewed


def test_vocabulary_stays_bounded(renew_after):
    renew_after(0)
    grown = []
    for t in tasks(ids_only(80, "stock")):
        records.analyse_task(t)
        grown.append(len(load().vocab.strings))
    assert grown[-1] - grown[0] > 3000  # 40 new strings a report, kept

    renew_after(600)
    before = records.renewals
    strings, lexemes, first = [], [], None
    for t in tasks(ids_only(80, "bounded")):
        records.analyse_task(t)
        nlp = load()
        if records.renewals > before:  # the grown stock pipeline is gone: from here on, bounded
            first = first or weakref.ref(nlp)
            strings.append(len(nlp.vocab.strings))
            lexemes.append(len(nlp.vocab))
        del nlp
    assert records.renewals - before >= 3
    assert max(strings) - min(strings) < 600 + 200  # the bound, and one report's strings past it
    assert max(lexemes) - min(lexemes) < 600 + 200
    gc.collect()
    assert first is not None and first() is None  # a renewed pipeline is freed: nothing else holds it


def test_same_rows_on_a_spark_executor(renew_after):
    """The Spark engine's executor function, run in process (no JVM): its partitions renew the same way."""
    pd = pytest.importorskip("pandas")
    from spinelens.batch.spark import _analyse_batches

    texts = unique_texts(6, "spark")
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(6)], "source": [None] * 6, "text": texts,
                          "symptoms": [None] * 6, "age": [None] * 6, "sex": [None] * 6, "content": [None] * 6,
                          "size": [float("nan")] * 6, "broken": [None] * 6})
    renew_after(1)
    before = records.renewals
    renewed = pd.concat(_analyse_batches(iter([frame]), "json"))
    assert records.renewals - before == 5
    renew_after(0)
    assert pd.concat(_analyse_batches(iter([frame]), "json")).equals(renewed)


def test_server_worker_bounds_its_vocabulary_too(renew_after):
    # a server's worker analyses report after report for days: it renews its pipeline the same way
    from spinelens.server.workers import run_job

    renew_after(10)
    before = load()
    outcomes = [run_job({"text": t}) for t in ids_only(3, "srv")]
    assert all(kind == "ok" for kind, _ in outcomes)
    assert load() is not before
    assert [json.loads(body)["findings"][0]["type"] for _, body in outcomes] == ["disc_protrusion"] * 3


def test_a_renewal_hands_freed_memory_back(renew_after, monkeypatch):
    """glibc keeps a freed pipeline's heap pages unless asked (malloc_trim): every renewal asks, so a
    worker's RSS does not step up at each one (bench/memory.py measures it)."""
    trims = []
    monkeypatch.setattr(records, "_return_free_memory", lambda: trims.append(1))
    renew_after(1)
    before = records.renewals
    for t in tasks(ids_only(3, "trim")):
        records.analyse_task(t)
    assert len(trims) == records.renewals - before == 2


def test_returning_free_memory_never_fails():
    records._return_free_memory()  # glibc: trims; elsewhere (no libc.so.6): a no-op, never an error
