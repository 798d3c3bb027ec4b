import json

from typer.testing import CliRunner

from communique.cli import app

runner = CliRunner()
GOOD = ("Lisbon Talks Close\n\nThe foreign ministers of Portugal and Angola met in Lisbon on Monday "
        "and agreed to open a joint trade office next year.")
RU = ("Министры обсудили транзит\n\nМинистры иностранных дел Казахстана и Узбекистана встретились в "
      "Ташкенте и договорились расширить перевозки грузов по железной дороге.")


def _mixed_folder(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "ru-cp1251.txt").write_bytes((RU + "\n" + RU.split("\n\n")[1]).encode("cp1251"))
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_bad_files_are_named_and_the_rest_kept(tmp_path):
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["ingest", str(_mixed_folder(tmp_path)), "--db", db])
    assert result.exit_code == 1
    assert "blob.bin" in result.stderr and "empty.txt" in result.stderr
    assert "Traceback" not in result.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "mixed"), "--db", db])
    assert "0 new document" in again.stderr and "2 already stored" in again.stderr
    out = tmp_path / "docs.jsonl"
    assert runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(d["language"] for d in docs) == ["en", "ru"]
    assert any("Ташкенте" in d["text"] for d in docs)


def test_stdin(tmp_path):
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["ingest", "-", "--db", db], input=GOOD)
    assert result.exit_code == 0 and "1 new document" in result.stderr


def test_missing_path_is_rejected_not_fatal(tmp_path):
    db = str(tmp_path / "c.db")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), str(good), "--db", db])
    assert result.exit_code == 1 and "nope.txt" in result.stderr and "1 new document" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "xml",
                               "--out", "x"]).exit_code == 2
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl",
                                  "--out", "-"])
    assert missing.exit_code == 2 and "ingest" in missing.stderr


def test_later_commands_say_so(tmp_path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 2 and "not available yet" in result.stderr


def test_stdout_export_is_only_data(tmp_path):
    db = str(tmp_path / "c.db")
    runner.invoke(app, ["ingest", "-", "--db", db], input=GOOD)
    result = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", "-"])
    assert result.exit_code == 0
    assert all(json.loads(line)["type"] for line in result.stdout.splitlines())


def test_csv_and_parquet_tables(tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "c.db")
    runner.invoke(app, ["ingest", "-", "--db", db], input=GOOD)
    assert runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv")]).exit_code == 0
    assert (tmp_path / "csv" / "document.csv").read_text().startswith("type,id,")
    assert runner.invoke(app, ["export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "pq")]).exit_code == 0
    assert pq.read_table(tmp_path / "pq" / "document.parquet").num_rows == 1


def test_an_internal_error_is_one_line_and_keeps_what_was_stored(tmp_path, monkeypatch):
    from communique import registry

    db = str(tmp_path / "c.db")
    runner.invoke(app, ["ingest", "-", "--db", db], input=GOOD)

    class Broken:
        name, version, requires, assigns = "broken", "1", ("document",), ()

        def __call__(self, docs):
            raise RuntimeError("component exploded")

    monkeypatch.setattr(registry, "default_components", lambda names=None: [Broken()])
    result = runner.invoke(app, ["analyze", "--db", db])
    assert result.exit_code == 1
    assert "component exploded" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    export = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "--out", "-"])
    assert '"type": "document"' in export.stdout


def test_demo_end_to_end(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "records:" in result.stdout and "stories:" in result.stdout
    records = [json.loads(line) for line in (tmp_path / "demo" / "records.jsonl").read_text().splitlines()]
    kinds = {r["type"] for r in records}
    assert {"document", "entity", "timex", "event", "commitment", "story", "claim"} <= kinds
    docs = {r["id"]: r["text"] for r in records if r["type"] == "document"}
    for record in records:  # every piece of evidence slices its document's text
        spans = record.get("mentions") or record.get("evidence") or record.get("support") or []
        for span in spans:
            assert docs[span["doc"]][span["start"]:span["end"]] == span["text"]
        assert record["type"] == "document" or 0.0 <= record["confidence"] <= 1.0
    again = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert again.exit_code == 0  # re-running is a no-op ingest and a resumed analysis
