"""The command line: parses arguments, then calls the plain functions of :mod:`communique.api`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .config import DEFAULTS
from .errors import CommuniqueError, E

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="communique: international-relations news into traced, structured records.")
state = {"debug": False}

DB = typer.Option(DEFAULTS.db, "--db", help="the store (SQLite file)")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(err: Exception, code: int) -> None:
    if state["debug"]:
        raise err
    if isinstance(err, CommuniqueError):
        _err(f"error: {err}")
    else:  # a bug, not bad input: one line, and what was committed before it is kept
        _err(f"error: internal error ({type(err).__name__}: {err}); everything stored before it "
             f"is kept; run with --debug for the traceback")
    raise typer.Exit(code)


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.console import Console

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=Console(stderr=True), transient=True,
                    disable=not sys.stderr.isatty())


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="show tracebacks")) -> None:
    state["debug"] = debug


@app.command()
def ingest(paths: List[str] = typer.Argument(..., help="files, folders, .jsonl, .gz, feeds or - (stdin)"),
           db: str = DB,
           max_chars: int = typer.Option(DEFAULTS.max_chars, help="characters of text per document")):
    """Add articles to the store; re-ingesting the same text is a no-op."""
    from . import api

    try:
        report = api.ingest(paths, db=db, max_chars=max_chars)
    except CommuniqueError as err:
        _fail(err, 2)
    for rejected in report.rejected:
        _err(f"rejected: {rejected}")
    _err(f"ingested {len(report.added)} new document(s), {report.duplicates} already stored, "
         f"{len(report.rejected)} rejected -> {db}")
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def analyze(db: str = DB,
            batch_size: int = typer.Option(DEFAULTS.batch_size, help="documents per transaction")):
    """Run the pipeline on what is not yet analysed, then the corpus stages (resumable)."""
    from . import api

    try:
        report = _with_progress(lambda progress: api.analyze(db=db, batch_size=batch_size,
                                                             progress=progress))
    except CommuniqueError as err:
        _fail(err, 2)
    except Exception as err:  # noqa: BLE001 - reported as one line, see _fail
        _fail(err, 1)
    extra = f", {report.skipped_language} in unsupported languages (flagged)" \
        if report.skipped_language else ""
    _err(f"analysed {report.analyzed} document(s){extra} -> {db}")


def _with_progress(work):
    with _progress() as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return work(progress)


@app.command()
def export(db: str = DB,
           fmt: str = typer.Option(..., "--format", help="jsonl, csv, parquet or plover"),
           out: str = typer.Option(..., "--out", help="file (jsonl, plover; - for stdout) or folder "
                                                     "(csv, parquet)")):
    """Write the stored records."""
    from . import api
    from .export import FORMATS

    if fmt not in FORMATS:
        _fail(E.E401.exc(fmt=fmt, known=", ".join(FORMATS)), 2)
    if not Path(db).exists():
        _fail(E.E402.exc(path=db), 2)
    try:
        counts = api.export(db=db, fmt=fmt, out=out)
    except CommuniqueError as err:
        _fail(err, 2)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"
    _err(f"exported {summary} -> {out}")


@app.command()
def demo(out: str = typer.Option("demo-output", "--out", help="folder for the store and exports")):
    """Build a store from the bundled demo corpus, analyse it and summarise the results."""
    from .demo_run import run_demo

    try:
        run_demo(out=out, echo=typer.echo)
    except CommuniqueError as err:
        _fail(err, 2)
    except Exception as err:  # noqa: BLE001 - reported as one line, see _fail
        _fail(err, 1)


@app.command()
def report(db: str = DB, out: str = typer.Option("report", "--out")):
    """A static HTML report (not available yet)."""
    _fail(E.E103.exc(feature="the static HTML report (communique report)"), 2)


@app.command()
def serve(db: str = DB, host: str = "127.0.0.1", port: int = 8000):
    """The read-only web interface (not available yet)."""
    _fail(E.E103.exc(feature="the web interface (communique serve)"), 2)


@app.command()
def bench(as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
          articles: int = typer.Option(40, help="articles in the benchmark corpus"),
          repeat: int = typer.Option(1, help="repetitions (best time is kept)")):
    """Benchmarks: pipeline articles/s against a spaCy baseline on the same articles."""
    from .benchmark import run_bench

    result = run_bench(n_articles=articles, repeat=repeat)
    if as_json:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:>28}: {value}")


def run() -> None:
    app(prog_name="communique")


if __name__ == "__main__":
    run()
