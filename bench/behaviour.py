"""Before/after behaviour check for changes that must not change what SpineLens says.

    python bench/behaviour.py snapshot /tmp/before          # on the old code
    python bench/behaviour.py snapshot /tmp/after           # on the new code
    python bench/behaviour.py compare /tmp/before /tmp/after [--ignore level_rule]

A snapshot holds, as files: the JSON of every sample in every output format (text, json,
patient, html, fhir; FHIR's clock and random ids replaced), indication answers for the samples'
histories, `spinelens evaluate --json` on every gold file beside its reports, and `spinelens batch`
JSONL over the whole shared corpus (read in place). `compare` prints every file that differs and
exits 1 if any does; `--ignore KEY` drops a key (a field the change adds on purpose) everywhere
in the JSON before comparing, and `--rule-entry` compares a mention's `rule` by its entry only
(the part after 'file:'), for a change that moves rules between lexicon files.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = {
    "dev-sudirman": "sudirman-radiologist-notes",
    "dev-notes": "clinical-notes",
    "dev-spine-cases": "spine-cases",
    "dev-spine-reports": "spine-reports",
}
_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _spinelens(*args: str) -> str:
    exe = Path(sys.executable).with_name("spinelens")
    done = subprocess.run([str(exe), *args], capture_output=True, text=True)
    return f"exit {done.returncode}\n{done.stdout}"


def snapshot(out: Path) -> None:
    import spinelens
    from spinelens.cli import main

    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for fmt in ("text", "json", "patient", "html", "fhir"):
            import io

            buf = io.StringIO()
            main(["analyze", str(path), "--format", fmt], out=buf)
            value = _UUID.sub("<uuid>", _CLOCK.sub("<clock>", buf.getvalue()))
            (out / f"sample.{path.stem}.{fmt}").write_text(value, encoding="utf-8")
        (out / f"indication.{path.stem}.json").write_text(
            json.dumps(spinelens.assess_indication(text, age=50).to_dict(), indent=1, sort_keys=True), encoding="utf-8")
    (out / "evaluate.samples.json").write_text(_spinelens("evaluate", str(SAMPLES / "gold.jsonl"), str(SAMPLES), "--json"))
    for gold, folder in GOLD.items():
        gold_path = CORPUS / "gold" / f"{gold}.jsonl"
        if gold_path.is_file():
            (out / f"evaluate.{gold}.json").write_text(
                _spinelens("evaluate", str(gold_path), str(CORPUS / folder), "--json", "--errors"))
    if CORPUS.is_dir():
        batch = out / "batch.corpus.jsonl"
        batch.unlink(missing_ok=True)
        log = _spinelens("batch", str(CORPUS), "--out", str(batch), "--quiet", "--workers", "2", "--summary")
        (out / "batch.corpus.log").write_text(log)
    print(f"snapshot written to {out}: {len(list(out.iterdir()))} files")


def _strip(value, ignore: set[str], rule_entry: bool):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ignore:
                continue
            if rule_entry and k == "rule" and isinstance(v, str) and ":" in v:
                v = v.split(":", 1)[1]
            out[k] = _strip(v, ignore, rule_entry)
        return out
    if isinstance(value, list):
        return [_strip(v, ignore, rule_entry) for v in value]
    return value


def _normal(path: Path, ignore: set[str], rule_entry: bool) -> object:
    text = path.read_text(encoding="utf-8")
    if not ignore and not rule_entry:
        return text
    body = text.split("\n", 1)[1] if text.startswith("exit ") else text
    try:
        return _strip(json.loads(body), ignore, rule_entry)
    except json.JSONDecodeError:
        pass
    try:  # JSON lines
        return [_strip(json.loads(line), ignore, rule_entry) for line in body.splitlines() if line.strip()]
    except json.JSONDecodeError:
        return text


def compare(a: Path, b: Path, ignore: set[str], rule_entry: bool) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    bad = 0
    for name in names:
        pa, pb = a / name, b / name
        if not pa.exists() or not pb.exists():
            print(f"only in {'after' if not pa.exists() else 'before'}: {name}")
            bad += 1
            continue
        if _normal(pa, ignore, rule_entry) != _normal(pb, ignore, rule_entry):
            print(f"differs: {name}")
            bad += 1
    print(f"{len(names) - bad} of {len(names)} files identical" + (f" (ignoring {sorted(ignore)})" if ignore else ""))
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--ignore", action="append", default=[], help="a JSON key to drop before comparing")
    c.add_argument("--rule-entry", action="store_true", help="compare mention rules by entry, not file")
    args = parser.parse_args()
    if args.cmd == "snapshot":
        snapshot(args.out)
        return 0
    return compare(args.before, args.after, set(args.ignore), args.rule_entry)


if __name__ == "__main__":
    sys.exit(main())
