"""Near-duplicates, story clustering, timeline links, date propagation and the corpus run on an
in-memory store (a bag-of-words encoder stands in for the sentence encoder: fast, no model)."""
from __future__ import annotations

import hashlib
import re
import time
from datetime import date

import numpy as np
import pytest

from communique.corpus import run_corpus_stages
from communique.corpus.dates import propagate, story_date
from communique.corpus.features import DocFeatures, idf_weights, parse_day, sentence_key, unit
from communique.corpus.memory import MemoryStore
from communique.corpus.neardup import find_duplicates
from communique.corpus.stories import (ClusterConfig, StoryIndex, cluster, labels, shared_passage,
                                       timeline_links)
from communique.records import Document, Mention, Sentence, Timex


def bow(texts: list[str]) -> np.ndarray:
    """Hashed bag of words: similar wording, similar vectors."""
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
    return unit(out)


def document(doc_id: str, text: str, *, published: str | None = None, lang: str = "en",
             outlet: str | None = None, attribution: str | None = None, title: str | None = None):
    return Document(id=doc_id, source=doc_id, url=None, outlet=outlet, attribution=attribution,
                    title=title, language=lang, published=published,
                    date_source="metadata" if published else None,
                    sha256=hashlib.sha256(f"{doc_id}|{text}".encode()).hexdigest(), n_chars=len(text),
                    text=text)


def sentences(doc: Document) -> list[Sentence]:
    out = []
    for match in re.finditer(r"[^.!?\n]+[.!?]?", doc.text):
        text = match.group().strip()
        if text:
            start = doc.text.index(text, match.start())
            out.append(Sentence(doc=doc.id, index=len(out), start=start, end=start + len(text), text=text))
    return out


def mentions(doc: Document, names: dict[str, tuple[str, str]]) -> list[Mention]:
    """Mentions of the given surface names: name -> (kind, entity id)."""
    out = []
    for name, (kind, entity) in names.items():
        for match in re.finditer(re.escape(name), doc.text):
            out.append(Mention(doc=doc.id, start=match.start(), end=match.end(), text=name, kind=kind,
                               normal=name, entity=entity, extractor="test@1", confidence=1.0))
    return out


def store_of(docs: list[Document], names: dict | None = None, extra: list | None = None) -> MemoryStore:
    records = []
    for doc in docs:
        records += sentences(doc)
        records += mentions(doc, names or {})
    return MemoryStore(docs, [*records, *(extra or [])])


VISIT = ("Leaders of Aland and Borduria met in Capitalia and agreed to build the Zeta railway. "
         "The Zeta railway will link the northern ports with the border regions. "
         "Ministers also signed a memorandum on grain exports worth 300 million dollars.")
VISIT_2 = ("In Capitalia the heads of Aland and Borduria agreed to build the Zeta railway line. "
           "The new Zeta railway connects ports with the border regions. "
           "A memorandum on grain exports worth 300 million dollars was signed by ministers.")
OTHER = ("Floods hit the coastal province of Westmark after three days of heavy rain. "
         "Rescue teams evacuated villages along the river delta.")
NAMES = {"Aland": ("GPE", "country:ALA"), "Borduria": ("GPE", "country:BOR"),
         "Capitalia": ("GPE", "city:1"), "Zeta railway": ("FAC", "fac:zeta"), "Westmark": ("GPE", "region:w")}


# -- near-duplicates ---------------------------------------------------------------------------
def test_near_duplicates_found_and_linked_to_the_original():
    repost = VISIT.replace("Leaders", "The leaders") + " Photo: archive."
    dups = find_duplicates([("a", VISIT), ("b", repost), ("c", OTHER), ("d", VISIT_2)])
    assert dups["b"][0] == "a" and dups["b"][1] >= 0.8
    assert "c" not in dups and "d" not in dups  # a rewrite in other words is no duplicate


def test_thousand_copies_are_linear_links_and_fast():
    t0 = time.perf_counter()
    dups = find_duplicates((f"d{i}", VISIT) for i in range(1000))
    assert len(dups) == 999 and {orig for orig, _ in dups.values()} == {"d0"}
    assert time.perf_counter() - t0 < 20


def test_short_texts_are_not_compared():
    assert find_duplicates([("a", "Short."), ("b", "Short.")]) == {}


# -- clustering -----------------------------------------------------------------------------------
def feat(doc_id, vec, *, day=None, ents=(), actors=()):
    return DocFeatures(id=doc_id, date=parse_day(day), vector=unit(np.asarray(vec, dtype=np.float32)),
                       entities=frozenset(ents), actors=frozenset(actors))


def basis(i: int, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = np.zeros(512, dtype=np.float32)
    v[i] = 1.0
    return v + noise * rng.normal(size=512).astype(np.float32)


def test_same_event_clusters_and_other_event_does_not():
    feats = [feat("a", basis(1, 0.05, 1), day="2025-03-12", ents={"fac:zeta", "country:ALA"}),
             feat("b", basis(1, 0.05, 2), day="2025-03-12", ents={"fac:zeta", "country:ALA"}),
             feat("c", basis(2, 0.05, 3), day="2025-03-12", ents={"region:w"})]
    lab = labels(cluster(feats))
    assert lab["a"] == lab["b"] != lab["c"]


def test_same_leaders_at_another_time_is_another_story():
    # same actors, similar wording, but three years apart and no specific entity in common
    feats = [feat("m2022", basis(1, 0.3, 1), day="2022-10-01", ents={"per:x", "per:y", "org:old"}),
             feat("m2025", basis(1, 0.3, 2), day="2025-11-12", ents={"per:x", "per:y", "fac:new"})]
    lab = labels(cluster(feats))
    assert lab["m2022"] != lab["m2025"]


def test_specific_entities_outweigh_common_ones():
    index = StoryIndex()
    common = {"country:ALA", "country:BOR"}
    index.idf = idf_weights([common | {f"x{i}"} for i in range(20)] + [common | {"fac:zeta"}] * 2)
    a = feat("a", basis(1), ents=common | {"fac:zeta"})
    b = feat("b", basis(2), ents=common | {"fac:zeta"})
    c = feat("c", basis(3), ents=common | {"x1"})
    assert index.entity_overlap(a, b) > index.entity_overlap(a, c)


def test_footers_many_articles_repeat_are_no_shared_passage():
    # three unrelated articles end with the same footer line; it must not tie any two of them
    footer = basis(7)
    feats = [DocFeatures(id=f"f{i}", date=parse_day("2025-03-12"), vector=unit(basis(1 + i)),
                         sentences=unit(np.vstack([basis(20 + i), footer])),
                         sentence_keys=(f"own {i}", sentence_key("Copyright 2017 The Wire.")))
             for i in range(3)]
    index = StoryIndex()
    index.count_sentences(feats)
    assert index.passages(feats[0]).shape == (1, 512)
    assert shared_passage(index.passages(feats[0]), index.passages(feats[1]), floor=0.8) == 0.0
    assert len(set(labels(cluster(feats)).values())) == 3
    # a passage two articles share (a quoted statement) still counts
    pair = feats[:2]
    quoted = StoryIndex()
    quoted.count_sentences(pair)
    assert shared_passage(quoted.passages(pair[0]), quoted.passages(pair[1]), floor=0.8) == 1.0
    assert sentence_key("Copyright 2017 The Wire.") == sentence_key("Copyright 2018 the wire")


def test_incremental_adding_keeps_stories_and_joins_new_articles():
    first = cluster([feat("a", basis(1, 0.05, 1), day="2025-03-12", ents={"fac:zeta"}),
                     feat("c", basis(2, 0.05, 3), day="2025-03-12", ents={"region:w"})])
    before = labels(first)
    cluster([feat("b", basis(1, 0.05, 2), day="2025-03-13", ents={"fac:zeta"})], index=first)
    after = labels(first)
    assert {k: after[k] for k in before} == before and after["b"] == after["a"]


def test_arrival_order_does_not_decide_a_second_chance_for_loners():
    # "m" arrives before "z", the article that ties it to "a"'s story
    feats = [feat("a", basis(1), day="2025-03-12"), feat("m", basis(2)), feat("z", basis(1) + basis(2))]
    lab = labels(cluster(feats))
    assert lab["a"] == lab["z"] == lab["m"]


def test_duplicates_follow_their_original_without_scoring():
    feats = [feat("a", basis(1), day="2025-03-12"), feat("b", basis(9), day="2025-03-12")]
    lab = labels(cluster(feats, duplicates={"b": "a"}))
    assert lab["a"] == lab["b"]


def test_undated_and_vectorless_articles_do_not_crash():
    feats = [DocFeatures(id="x"), feat("y", basis(1))]
    lab = labels(cluster(feats))
    assert set(lab) == {"x", "y"} and lab["x"] != lab["y"]


def test_timeline_links_stories_of_the_same_actors_in_time_order():
    actors = frozenset({"per:x", "per:y"})
    rows = [("s2", date(2025, 11, 12), actors, basis(1)), ("s1", date(2022, 10, 1), actors, basis(2)),
            ("s3", date(2025, 1, 1), frozenset({"per:z"}), basis(3))]
    links = timeline_links(rows)
    assert [(k, a, b) for k, a, b, _ in links] == [("same_actors", "s1", "s2")]


def test_cluster_is_not_quadratic_in_calls():
    rng = np.random.default_rng(0)
    feats = [feat(f"d{i}", rng.normal(size=512), day="2025-01-01") for i in range(2000)]
    t0 = time.perf_counter()
    index = cluster(feats, config=ClusterConfig(neighbours=8))
    assert len(index.feats) == 2000 and time.perf_counter() - t0 < 30


# -- dates ----------------------------------------------------------------------------------------
def test_story_date_is_the_earliest_own_date():
    docs = [document("a", "x", published="2025-11-13"), document("b", "x", published="2025-11-12"),
            document("c", "x")]
    assert story_date(docs) == "2025-11-12"
    assert story_date([document("c", "x")]) is None


def test_propagation_dates_undated_members_and_anchors_their_timexes():
    text = "The talks were held on Wednesday in Capitalia."
    docs = [document("a", VISIT, published="2025-11-12"), document("b", text)]
    tx = Timex(doc="b", start=text.index("Wednesday"), end=text.index("Wednesday") + 9, text="Wednesday",
               tag="DATE", value=None, anchored=False, extractor="timex@1", confidence=0.8)
    store = MemoryStore(docs, [tx])
    members = list(store.iter_documents())
    assert propagate(store, [members]) == ["b"]
    assert store.documents["b"].published == "2025-11-12" and store.documents["b"].date_source == "story"
    anchored = list(store.iter_records("timex", doc="b"))
    assert anchored[0].anchored and anchored[0].value == "2025-11-12"


def test_story_without_dated_member_stays_undated():
    store = MemoryStore([document("a", "x"), document("b", "y")])
    assert propagate(store, [list(store.iter_documents())]) == []
    assert store.documents["a"].published is None


# -- the whole run ----------------------------------------------------------------------------------
def test_empty_store():
    summary = run_corpus_stages(MemoryStore(), encoder=bow)
    assert summary["stories"] == 0 and summary["documents"] == 0


def test_run_groups_stories_dates_and_links():
    docs = [document("a", VISIT, published="2025-03-12", outlet="Wire"),
            document("b", VISIT_2, outlet="Herald"), document("c", OTHER, published="2025-03-12"),
            document("d", VISIT + " Photo: archive.", outlet="Reposter")]
    store = store_of(docs, NAMES)
    summary = run_corpus_stages(store, encoder=bow)
    stories = list(store.iter_records("story"))
    by_doc = {d: s.id for s in stories for d in s.documents}
    assert by_doc["a"] == by_doc["b"] == by_doc["d"] != by_doc["c"]
    assert summary["near_duplicates"] == 1
    links = list(store.iter_records("link"))
    assert [(l.kind, l.a, l.b) for l in links if l.kind == "near_duplicate"] == [("near_duplicate", "a", "d")]
    assert store.documents["b"].published == "2025-03-12" and store.documents["b"].date_source == "story"
    visit = next(s for s in stories if "a" in s.documents)
    assert visit.start == "2025-03-12" and visit.extractor == "stories@1" and 0 <= visit.confidence <= 1


def test_run_is_incremental_and_keeps_story_ids():
    store = store_of([document("a", VISIT, published="2025-03-12")], NAMES)
    run_corpus_stages(store, encoder=bow)
    first = next(store.iter_records("story")).id
    store.documents["b"] = document("b", VISIT_2, published="2025-03-12")
    store.records += sentences(store.documents["b"]) + mentions(store.documents["b"], NAMES)
    run_corpus_stages(store, encoder=bow)
    stories = list(store.iter_records("story"))
    assert len(stories) == 1 and stories[0].id == first and set(stories[0].documents) == {"a", "b"}


def test_thousand_copies_one_story_no_crash():
    docs = [document(f"d{i:04d}", VISIT, published="2025-03-12", outlet=f"o{i % 3}") for i in range(1000)]
    store = MemoryStore(docs, [s for d in docs[:1] for s in sentences(d)])
    t0 = time.perf_counter()
    summary = run_corpus_stages(store, encoder=bow)
    assert summary["stories"] == 1 and summary["near_duplicates"] == 999
    assert time.perf_counter() - t0 < 120


@pytest.mark.parametrize("lang", ["xx", None])
def test_unsupported_language_and_single_article(lang):
    store = store_of([document("a", "Lorem ipsum dolor sit amet, consectetur adipiscing.", lang=lang)])
    summary = run_corpus_stages(store, encoder=bow)
    assert summary["stories"] == 1 and summary["claims"] == 0 and summary["discrepancies"] == 0


def test_run_on_the_sqlite_store(tmp_path):
    store_mod = pytest.importorskip("communique.store")
    docs = [document("a", VISIT, published="2025-03-12", outlet="Wire"), document("b", VISIT_2, outlet="Herald"),
            document("c", OTHER, published="2025-03-12")]
    with store_mod.Store.open(tmp_path / "c.db") as store:
        for doc in docs:
            store.add_document(doc)
            store.add_records([*sentences(doc), *mentions(doc, NAMES)])
        summary = run_corpus_stages(store, encoder=bow)
        assert summary["stories"] == 2
        assert store.get_document("b").date_source == "story"
        claims = list(store.iter_records("claim"))
        assert any(set(c.documents) == {"a", "b"} for c in claims)
        again = run_corpus_stages(store, encoder=bow)  # a second run changes nothing
        assert again["stories"] == 2 and store.count_records("claim") == len(claims)
