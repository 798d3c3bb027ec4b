import json

from communique.export import write
from communique.records import Commitment, Event, Span
from communique.store import Store


def _commitment(doc, start):
    return Commitment(id="cm_1", kind="agreement", title="Rail agreement", parties=[], sector="transport",
                      status="signed", date=None, documents=[doc],
                      evidence=[Span(doc=doc, start=start, end=start + 4, text="rail")], confidence=0.6)


def _event(doc):
    return Event(id="ev_1", doc=doc, plover="SUPPORT", mode=None, context=[], actor=[], recipient=[],
                 location=None, date=None, evidence=[Span(doc=doc, start=0, end=4, text="sign")],
                 confidence=0.7)


def test_a_commitment_told_twice_is_exported_once(tmp_path):
    out = tmp_path / "r.jsonl"
    with Store.open(str(tmp_path / "s.db")) as store:
        store.save_analysis([("a", [_commitment("a", 0), _event("a")], []),
                             ("b", [_commitment("b", 9), _event("b")], [])], version="v")
        write(store, fmt="jsonl", out=str(out))
        write(store, fmt="plover", out=str(tmp_path / "p.json"))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    [commitment] = [r for r in records if r["type"] == "commitment"]
    assert commitment["documents"] == ["a", "b"]
    assert [(e["doc"], e["start"]) for e in commitment["evidence"]] == [("a", 0), ("b", 9)]
    [event] = [r for r in records if r["type"] == "event"]
    assert event["documents"] == ["a", "b"] and len(event["evidence"]) == 2
    assert len(json.loads((tmp_path / "p.json").read_text())) == 1
