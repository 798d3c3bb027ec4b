"""Linking quality: gold canonical names on the demo corpus, and EN<->RU consistency on NTREX.

Both run the document pipeline up to ``link`` (segment -> ner -> link). Where the NER component is
not importable, spaCy's / natasha's own entities stand in for it. Floors are measured figures,
rounded down; raise them when linking improves.

Run: ``PYTHONPATH=src python -m pytest -m slow tests/eval/test_linking.py -s``
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from communique.components.link import EntityLinker
from communique.components.segment import Segmenter
from communique.kb import get_kb, normalize
from communique.pipeline import Doc
from communique.records import Document, Mention

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "src" / "communique" / "demo" / "manifest.json"
CORPUS = MANIFEST.parent / "corpus"
NTREX = ROOT / ".." / "shared" / "data" / "ntrex_en_ru"

# measured on this commit (see the report of each test), rounded down
DEMO_END_TO_END_FLOOR = 0.90  # measured 0.901 (674 gold mentions)
DEMO_LINKED_FLOOR = 0.92  # measured 0.922 (gold mentions the NER found)
NTREX_JACCARD_FLOOR = 0.25  # measured 0.253 (60 document pairs; 0.226 with kind-prefixed new ids)
NTREX_EN_FOUND_IN_RU_FLOOR = 0.38  # measured 0.381 (0.334 with kind-prefixed new ids)
NTREX_KB_IDS_IN_RU_FLOOR = 0.85  # measured 0.855 (207 KB ids in the English documents)

pytestmark = pytest.mark.slow


def _recognizer():
    try:
        from communique.components.ner import EntityRecognizer
    except ImportError:
        return _stand_in
    return EntityRecognizer()


def _stand_in(docs: list[Doc]) -> None:
    """Mentions from the parsers' own NER (spaCy for English, natasha for Russian)."""
    kinds = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC",
             "NORP": "GPE"}
    for doc in docs:
        if "spacy" in doc.extras:
            spans = [(e.start_char, e.end_char, kinds.get(e.label_), e.text, e.label_ == "NORP")
                     for e in doc.extras["spacy"].ents]
        else:
            from communique import models

            nat = doc.extras.get("natasha")
            spans = []
            for span in (nat.spans if nat else ()):
                span.normalize(models.natasha().morph_vocab)
                spans.append((span.start, span.stop, kinds.get(span.type), span.normal, False))
        for start, end, kind, normal, demonym in spans:
            if kind:
                doc.mentions.append(Mention(doc=doc.id, start=start, end=end, text=doc.text[start:end],
                                            kind=kind, normal=normal, demonym=demonym,
                                            extractor="stand-in", confidence=0.5))


def run_pipeline(docs: list[Doc]) -> list[Doc]:
    Segmenter()(docs)
    _recognizer()(docs)
    EntityLinker()(docs)
    return docs


def make_doc(doc_id: str, text: str, lang: str, published: str | None) -> Doc:
    return Doc(Document(id=doc_id, source=doc_id, url=None, outlet=None, attribution=None, title=None,
                        language=lang, published=published, date_source="metadata", sha256="",
                        n_chars=len(text), text=text))


# ---------------------------------------------------------------- demo corpus


def _demo_texts(manifest: dict) -> dict[str, str]:
    """Stored text per manifest key, read through ingest (so offsets are the store's)."""
    from communique.ingest import articles_from, build_document

    out: dict[str, str] = {}
    by_file: dict[str, list[str]] = defaultdict(list)
    for key in manifest["articles"]:
        by_file[key.split(":")[0].split("#")[0]].append(key)
    for name, keys in by_file.items():
        items = [a for a in articles_from(str(CORPUS / name), (CORPUS / name).read_bytes())
                 if hasattr(a, "text")]
        for key in keys:
            index = int(key.replace("#", ":").split(":")[1]) - 1 if (":" in key or "#" in key) else 0
            if index < len(items):
                out[key] = build_document(items[index], max_chars=10**7).text
    return out


def _matches(entity, canonical: str) -> bool:
    want = normalize(canonical)
    names = [entity.name, *entity.names.values(), *entity.aliases]
    return any(normalize(n) == want for n in names if n)


def _nearest(text: str, sub: str, start: int | None) -> int | None:
    hits, pos = [], text.find(sub)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(sub, pos + 1)
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h - (start or 0)))


def test_demo_corpus_linking_accuracy():
    if not MANIFEST.exists():
        pytest.skip("demo manifest absent")
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    texts = _demo_texts(manifest)
    keys = [k for k in manifest["articles"] if k in texts and manifest["articles"][k].get("entities")]
    if not keys:
        pytest.skip("no demo articles with gold entities")
    docs = run_pipeline([make_doc(f"demo{i}", texts[k], manifest["articles"][k]["language"],
                                  manifest["articles"][k].get("published")) for i, k in enumerate(keys)])
    total = found = right = 0
    for key, doc in zip(keys, docs):
        for gold in manifest["articles"][key]["entities"]:
            at = _nearest(doc.text, gold["text"], gold.get("start"))
            if at is None:
                continue
            total += 1
            end = at + len(gold["text"])
            overlapping = [m for m in doc.mentions if m.entity and m.start < end and at < m.end]
            if overlapping:
                found += 1
                right += any(_matches(doc.entities[m.entity], gold["canonical"]) for m in overlapping)
    end_to_end, linked = right / total, right / max(found, 1)
    print(f"\ndemo linking: {total} gold mentions, {found} found, end-to-end {end_to_end:.3f}, "
          f"given a mention {linked:.3f}")
    assert end_to_end >= DEMO_END_TO_END_FLOOR and linked >= DEMO_LINKED_FLOOR


# ---------------------------------------------------------------- NTREX EN<->RU


def _ntrex_docs() -> tuple[list[Doc], list[Doc]]:
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ru = (NTREX / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    grouped: dict[str, tuple[list[str], list[str]]] = {}
    for doc_id, e, r in zip(ids, en, ru):
        pair = grouped.setdefault(doc_id.strip(), ([], []))
        pair[0].append(e.strip())
        pair[1].append(r.strip())
    en_docs = [make_doc(f"en:{d}", "\n".join(p[0]), "en", None) for d, p in grouped.items()]
    ru_docs = [make_doc(f"ru:{d}", "\n".join(p[1]), "ru", None) for d, p in grouped.items()]
    return en_docs, ru_docs


def test_ntrex_cross_lingual_consistency():
    if not (NTREX / "DOCUMENT_IDS.tsv").exists():
        pytest.skip("NTREX data absent")
    en_docs, ru_docs = _ntrex_docs()
    run_pipeline(en_docs)
    run_pipeline(ru_docs)
    kb = get_kb()
    jaccards, shared, en_total, known_shared, known_en = [], 0, 0, 0, 0
    for en, ru in zip(en_docs, ru_docs):
        a = {m.entity for m in en.mentions if m.entity}
        b = {m.entity for m in ru.mentions if m.entity}
        if a or b:
            jaccards.append(len(a & b) / len(a | b))
        shared += len(a & b)
        en_total += len(a)
        known = {e for e in a if e in kb}
        known_shared += len(known & b)
        known_en += len(known)
    mean_jaccard = sum(jaccards) / len(jaccards)
    en_in_ru = shared / max(en_total, 1)
    known_in_ru = known_shared / max(known_en, 1)
    print(f"\nntrex: {len(jaccards)} document pairs, mean Jaccard of linked ids {mean_jaccard:.3f}, "
          f"EN ids also in RU {en_in_ru:.3f}, EN KB ids also in RU {known_in_ru:.3f} ({known_en})")
    assert mean_jaccard >= NTREX_JACCARD_FLOOR and en_in_ru >= NTREX_EN_FOUND_IN_RU_FLOOR
    assert known_in_ru >= NTREX_KB_IDS_IN_RU_FLOOR
