"""Command line: a thin layer over the library. Library errors become messages here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import formats
from .errors import InputError, LexiconError, SpineLensError, UsageError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
# Library errors by kind: exit code and message label (first match; any other SpineLensError: 1, "error").
LIBRARY_ERRORS: list[tuple[type[SpineLensError], int, str]] = [
    (InputError, EXIT_USAGE, "error"),
    (UsageError, EXIT_USAGE, "error"),
    (LexiconError, EXIT_FAIL, "lexicon error"),
]


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def _read_input(source: str | None, stdin: TextIO) -> tuple[str, list[str], str]:
    """Report text from a file, '-' (stdin) or an interactive paste."""
    from .inputs import clean_text, decode_report

    if source in (None, "-"):
        if source is None and stdin.isatty():
            print("Paste the report, then press Ctrl-D on a new line (Ctrl-Z Enter on Windows):", file=sys.stderr)
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:  # a text stream with no bytes under it: already decoded
            text, notes = clean_text(stdin.read(), "stdin")
            return text, notes, "stdin"
        text, notes = decode_report(buffer.read(), "stdin")
        return text, notes, "stdin"
    path = Path(source)
    if path.is_dir():
        raise CliError(f"{source}: is a folder; give one report file (batch processing: see README)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{source}: no such file") from None
    except OSError as exc:
        raise CliError(f"{source}: cannot read: {exc.strerror}") from None
    text, notes = decode_report(data, path.name)
    return text, notes, path.stem


def cmd_analyze(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .analyze import analyze

    text, notes, default_id = _read_input(args.file, stdin)
    symptoms = args.symptoms
    if args.symptoms_file:
        try:
            symptoms = Path(args.symptoms_file).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise CliError(f"{args.symptoms_file}: cannot read: {exc.strerror}") from None
    result = analyze(text, symptoms=symptoms, age=args.age, sex=args.sex,
                               id=args.id or default_id, warnings=notes)
    fmt = formats.get(args.format)
    try:
        rendered = fmt.render(result, text)
    except ImportError:  # a format's optional extra is not installed
        if fmt.extra is None:
            raise
        raise CliError(f"--format {fmt.name} needs the '{fmt.extra}' extra: pip install '.[{fmt.extra}]' in SpineLens's "
                       f"source folder (from an index that holds its wheel: pip install 'spinelens[{fmt.extra}]')") from None
    out.write(rendered)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .analyze import analyze
    from .evaluate import GoldError, evaluate, format_table

    gold, reports = Path(args.gold), Path(args.reports)
    if not gold.is_file():
        raise CliError(f"{gold}: no such gold file")
    if not reports.is_dir():
        raise CliError(f"{reports}: no such folder of reports")
    try:
        score = evaluate(gold, reports, lambda text, rid: analyze(text, id=rid).to_dict())
    except GoldError as exc:  # every problem, one per line, then the warnings
        for line in exc.problems:
            print(f"spinelens: error: {line}", file=sys.stderr)
        for line in exc.warnings:
            print(f"spinelens: warning: {line}", file=sys.stderr)
        return EXIT_USAGE
    for line in score.warnings:
        print(f"spinelens: warning: {line}", file=sys.stderr)
    result = score.as_dict()
    if args.errors:
        result["errors"] = score.errors
    if args.json:
        json.dump(result, out, indent=2)
        out.write("\n")
    else:
        out.write(format_table(result) + "\n")
        if args.errors:
            for e in score.errors:
                out.write(json.dumps(e) + "\n")
    return EXIT_OK


def cmd_batch(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .batch import Options, format_counts, run

    opts = Options(glob=args.glob, text_column=args.text_column, id_column=args.id_column,
                   symptoms_column=args.symptoms_column, age_column=args.age_column, sex_column=args.sex_column)
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers must be at least 1")
    progress = not args.quiet and sys.stderr.isatty()
    if args.engine == "spark":
        if args.resume:
            raise CliError("--resume is for the local engine; Spark rewrites the output folder, so run it again")
        from .batch import spark

        summary = spark.run(args.inputs, args.out, args.format, opts, args.spark_master, args.workers, progress)
    else:
        if args.spark_master:
            raise CliError("--spark-master needs --engine spark")
        workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
        summary = run(args.inputs, Path(args.out), args.format, workers, args.resume, opts, progress)
    failed = sum(summary.errors.values())
    for note in summary.notes:  # an input with no report: not a failure, but never silent
        print(f"spinelens: warning: {note}", file=sys.stderr)
    if args.summary:
        out.write(summary.text() + "\n")
    elif failed:
        print(f"spinelens: {failed} of {summary.ok + failed} inputs failed "
              f"({format_counts(summary.errors)}); see the error records in "
              f"{args.out}", file=sys.stderr)
    return EXIT_FAIL if failed else EXIT_OK


def cmd_indication(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .indication import assess_indication, render_indication

    if args.text in (None, "-"):
        text, notes, _ = _read_input(args.text, stdin)
    else:
        text = args.text
    if not text.strip():
        raise CliError("give the clinical description as TEXT, or '-' to read it from standard input")
    result = assess_indication(text, age=args.age)
    if args.format == "json":
        json.dump(result.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_indication(result))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    try:
        from .server import serve
    except ImportError as exc:
        raise CliError(f"the web page needs the 'web' extra ({exc.name} missing): pip install '.[web]' in SpineLens's "
                       "source folder (from an index that holds its wheel: pip install 'spinelens[web]')") from None
    serve(args.host, args.port, args.timeout)  # a busy or impossible port: UsageError, one line
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from .contract import schema_text

    out.write(schema_text())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spinelens",
        description="Structured findings and clinical correlation from lumbar spine MRI reports.",
        epilog="example: spinelens analyze samples/us-structured-l45-left-protrusion-radiculopathy.txt",
    )
    from .version import __version__

    parser.add_argument("--version", action="version", version=f"spinelens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze", help="analyse one report",
        description="Analyse one report: findings by level, with side, severity and certainty.",
        epilog="examples:\n  spinelens analyze report.txt\n  spinelens analyze --format json report.txt\n"
               "  spinelens analyze --format patient report.txt\n  spinelens analyze --format html report.txt > r.html\n"
               "  cat report.txt | spinelens analyze -\n"
               "  spinelens analyze report.txt --symptoms 'left leg pain to the big toe' --age 45",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", help="report text file; '-' or nothing reads standard input")
    p.add_argument("--format", choices=formats.names(), default="text",
                   help=", ".join(f"{f.name} ({f.help})" for f in formats.FORMATS.values()))
    p.add_argument("--json", dest="format", action="store_const", const="json", help="the same as --format json")
    p.add_argument("--id", help="id to put in the result (default: the file name)")
    p.add_argument("--symptoms", help="the patient's symptoms, as free text")
    p.add_argument("--symptoms-file", help="file holding the patient's symptoms")
    p.add_argument("--age", type=float, help="age in years (wins over the report)")
    p.add_argument("--sex", choices=["female", "male"], help="sex (wins over the report)")
    p.set_defaults(func=cmd_analyze)

    b = sub.add_parser(
        "batch", help="analyse folders, files and tables of reports",
        description="Analyse many reports: folders (recursive), files, and tables (CSV, TSV, JSONL, Parquet: one "
                    "report per row). Results are written in input order, one line per report (JSONL) or one row "
                    "per finding (CSV, Parquet); an input that fails gets an error record. A killed run is finished "
                    "with --resume. With --engine spark, inputs and --out are paths Spark reads and writes (local, "
                    "HDFS, S3, ...), --out is a folder of part files and output order is Spark's. Exit code 0: all "
                    "analysed; 1: some inputs failed; 2: usage error.",
        epilog="examples:\n  spinelens batch reports/ --out results.jsonl\n"
               "  spinelens batch export.csv --text-column report --id-column accession --age-column age "
               "--out findings.csv --format csv --summary\n  spinelens batch reports/ --out results.jsonl --resume\n"
               "  spinelens batch export.parquet --text-column report --id-column accession --engine spark "
               "--out findings.parquet --format parquet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("inputs", nargs="+", help="folders, report files or tables")
    b.add_argument("--out", required=True,
                   help="output file (with --engine spark: output folder); a missing folder above it is made")
    b.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl", help="output format (default jsonl)")
    b.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: the number of CPUs); with a local Spark, its cores")
    b.add_argument("--engine", choices=["local", "spark"], default="local",
                   help="local: worker processes on this machine (default); spark: Apache Spark (the 'spark' extra)")
    b.add_argument("--spark-master", help="Spark master URL (default: spark-submit's, else local[--workers])")
    b.add_argument("--resume", action="store_true", help="keep the output and finish what is not done yet")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--summary", action="store_true", help="print counts by category and type at the end")
    b.add_argument("--glob", default="*.txt",
                   help="which files to read in folders, whatever the case (default *.txt: also REPORT.TXT)")
    b.add_argument("--text-column", default="text", help="table column with the report text (default text)")
    b.add_argument("--id-column", help="table column with the report id (default: file name and row number)")
    b.add_argument("--symptoms-column", help="table column with the symptoms")
    b.add_argument("--age-column", help="table column with the age")
    b.add_argument("--sex-column", help="table column with the sex")
    b.set_defaults(func=cmd_batch)

    i = sub.add_parser(
        "indication", help="is lumbar MRI indicated for this presentation?",
        description="Rate lumbar MRI for a clinical description (ACR Appropriateness Criteria, Low Back Pain "
                    "2021): urgent, usually appropriate, may be appropriate or usually not appropriate; the red "
                    "flags found and denied; the questions to ask before ordering.",
        epilog="examples:\n  spinelens indication '45F, low back pain for 2 weeks, no leg symptoms, no red flags'\n"
               "  echo '67M, saddle numbness and urinary retention since this morning' | spinelens indication -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("text", nargs="?", help="the clinical description; '-' or nothing reads standard input")
    i.add_argument("--age", type=float, help="age in years (wins over the text)")
    i.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    i.add_argument("--json", dest="format", action="store_const", const="json", help="the same as --format json")
    i.set_defaults(func=cmd_indication)

    v = sub.add_parser(
        "serve", help="a local web page for pasting reports",
        description="Serve a page to paste a report (and symptoms), with red flags, highlighted findings and "
                    "their correlation, and the JSON API (POST /api/analyze, GET /api/health, /openapi.json). "
                    "Binds 127.0.0.1 unless told otherwise; report text is never logged.",
        epilog="example:\n  spinelens serve            # then open http://localhost:8765/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this computer only)")
    v.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    v.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="time budget per request (default 10): a longer analysis is stopped and answered 422")
    v.set_defaults(func=cmd_serve)

    s = sub.add_parser(
        "schema", help="print the JSON Schema of the results",
        description="Print the JSON Schema (draft 2020-12) that every JSON result follows (analyze --format json, "
                    "POST /api/analyze, batch's JSONL records but for error records): the contract "
                    "shared/spec/result.schema.json, shipped in the package. In Python: spinelens.schema().",
        epilog="examples:\n  spinelens schema > result.schema.json\n"
               "  spinelens analyze --format json report.txt | python -c 'import json, sys, jsonschema, spinelens; "
               "jsonschema.validate(json.load(sys.stdin), spinelens.schema())'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.set_defaults(func=cmd_schema)

    e = sub.add_parser(
        "evaluate", help="score SpineLens against a gold file",
        description="Score against gold annotations (JSON Lines, shared/spec/annotation.md): finding P/R/F1 "
                    "by certainty, side/severity/root accuracy, per-type sensitivity and specificity. The gold is "
                    "checked first: a line that breaks the format (unknown type, level or value), a duplicate id, "
                    "an id outside the reports folder or a missing report file is refused with 'file:line: "
                    "message' for each problem (exit 2); keys the format does not name are warnings.",
        epilog="example:\n  spinelens evaluate ../shared/corpus/gold/dev-sudirman.jsonl "
               "../shared/corpus/sudirman-radiologist-notes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("gold", help="gold file, one JSON object per line")
    e.add_argument("reports", help="folder holding <id>.txt for every gold id")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("--errors", action="store_true", help="also list each report's missed and extra findings")
    e.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(out)
        return EXIT_USAGE
    if argv is None and args.func is cmd_analyze:
        # The program (console script, python -m spinelens) reading one report, and then the process
        # ends: Python's cyclic garbage collector would walk the ~1 million objects of spaCy and the
        # pipeline again and again (a third of the time past spaCy's own start) to free next to nothing.
        import gc

        gc.disable()
    try:
        return args.func(args, out, stdin)
    except CliError as exc:
        print(f"spinelens: error: {exc}", file=sys.stderr)
        return exc.code
    except SpineLensError as exc:
        code, label = next(((c, lab) for kind, c, lab in LIBRARY_ERRORS if isinstance(exc, kind)), (EXIT_FAIL, "error"))
        print(f"spinelens: {label}: {exc}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        print("spinelens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
