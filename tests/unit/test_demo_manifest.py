"""The bundled demo corpus and its gold manifest stay consistent.

The reader below is deliberately simple (stdlib only): the point is that every
annotated exact substring really occurs in the article text it belongs to.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from communique.records import (
    COMMITMENT_KINDS,
    COMMITMENT_STATUSES,
    DISCREPANCY_KINDS,
    ENTITY_KINDS,
    PLOVER_TYPES,
    SECTORS,
)

DEMO = Path(__file__).resolve().parents[2] / "src" / "communique" / "demo"
CORPUS = DEMO / "corpus"
MANIFEST = DEMO / "manifest.json"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _ArticleText(HTMLParser):
    """Collects the character data inside <article>, skipping script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def split_key(key: str) -> tuple[str, int | None]:
    """'feed.xml#2' -> ('feed.xml', 2); 'batch.jsonl:3' -> ('batch.jsonl', 3); items are 1-based."""
    m = re.match(r"^(.+\.xml)#(\d+)$", key) or re.match(r"^(.+\.jsonl):(\d+)$", key)
    if m:
        return m.group(1), int(m.group(2))
    return key, None


def read_article(key: str, *, encoding: str = "utf-8", corpus: Path = CORPUS) -> str:
    """The article text every manifest substring and offset refers to."""
    name, item = split_key(key)
    path = corpus / name
    if name.endswith(".jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        return json.loads(lines[item - 1])["text"]
    if name.endswith(".xml"):
        items = ET.parse(path).getroot().findall("./channel/item")
        return items[item - 1].findtext("description") or ""
    raw = path.read_bytes().decode(encoding)
    if name.endswith(".html"):
        parser = _ArticleText()
        parser.feed(raw)
        return "".join(parser.parts)
    return raw


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(manifest) -> dict[str, str]:
    return {
        key: read_article(key, encoding=art.get("encoding", "utf-8"))
        for key, art in manifest["articles"].items()
    }


def test_sizes(manifest):
    assert manifest["version"] == 1
    assert len(manifest["stories"]) >= 7
    assert 36 <= len(manifest["articles"]) <= 48
    assert {a["language"] for a in manifest["articles"].values()} == {"en", "ru"}


def test_every_story_has_articles_and_they_point_back(manifest):
    arts = manifest["articles"]
    listed = []
    for story in manifest["stories"]:
        assert story["articles"], story["id"]
        assert DATE_RE.match(story["date"])
        for key in story["articles"]:
            assert arts[key]["story"] == story["id"]
        listed += story["articles"]
    assert sorted(listed) == sorted(arts)


def test_files_readable_and_word_counts(texts):
    for key, text in texts.items():
        words = len(text.split())
        assert 80 <= words <= 400, (key, words)


def test_cp1251_article_is_not_utf8(manifest):
    encoded = [k for k, a in manifest["articles"].items() if a.get("encoding") == "cp1251"]
    assert encoded
    for key in encoded:
        raw = (CORPUS / key).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert re.search("[а-яё]", raw.decode("cp1251"))


def test_metadata_fields(manifest):
    for key, art in manifest["articles"].items():
        assert art["language"] in ("en", "ru"), key
        assert art["outlet"] is None or art["outlet"].strip(), key
        assert art["published"] is None or DATE_RE.match(art["published"]), key


def _located(text: str, sub: str, start: int | None) -> bool:
    if start is None:
        return sub in text
    return text[start:start + len(sub)] == sub


def test_entities_occur_in_order_with_valid_kinds(manifest, texts):
    for key, art in manifest["articles"].items():
        last = -1
        for ent in art["entities"]:
            assert ent["kind"] in ENTITY_KINDS, (key, ent)
            assert ent["canonical"], (key, ent)
            assert _located(texts[key], ent["text"], ent.get("start")), (key, ent)
            if "start" in ent:
                assert ent["start"] > last, (key, ent)
                last = ent["start"]


def test_english_articles_have_entity_gold(manifest):
    for key, art in manifest["articles"].items():
        if art["language"] == "en":
            assert len(art["entities"]) >= 5, key


def test_commitments(manifest, texts):
    statuses = set()
    for key, art in manifest["articles"].items():
        for com in art["commitments"]:
            assert com["evidence"] in texts[key], (key, com)
            assert com["kind"] in COMMITMENT_KINDS, (key, com)
            assert com["status"] in COMMITMENT_STATUSES, (key, com)
            assert com["sector"] in SECTORS, (key, com)
            assert com["title"], (key, com)
            statuses.add((art["language"], com["status"]))
    for lang in ("en", "ru"):
        assert {s for l, s in statuses if l == lang} == set(COMMITMENT_STATUSES), lang


def test_events(manifest, texts):
    for key, art in manifest["articles"].items():
        assert art["events"], key
        for ev in art["events"]:
            assert ev["evidence"] in texts[key], (key, ev)
            assert ev["plover"] in PLOVER_TYPES, (key, ev)
            assert ev["actor"], (key, ev)
            assert isinstance(ev["recipient"], list), (key, ev)


def test_timexes(manifest, texts):
    for key, art in manifest["articles"].items():
        for tx in art["timexes"]:
            assert _located(texts[key], tx["text"], tx.get("start")), (key, tx)
            assert tx["value"], (key, tx)


def test_differences(manifest, texts):
    diffs = manifest["differences"]
    assert len(diffs) >= 12
    stories = {s["id"] for s in manifest["stories"]}
    for d in diffs:
        assert d["kind"] in DISCREPANCY_KINDS, d
        assert d["story"] in stories, d
        assert d["explanation"], d
        for side in ("a", "b"):
            art = d[side]["article"]
            assert manifest["articles"][art]["story"] == d["story"], d
            assert d[side]["text"] in texts[art], d
        assert d["a"]["text"], d
        if d["kind"] not in ("addition", "omission"):
            assert d["b"]["text"], d


def test_stories_are_bilingual_where_told_by_several_outlets(manifest):
    arts = manifest["articles"]
    both = [
        s for s in manifest["stories"]
        if {arts[k]["language"] for k in s["articles"]} == {"en", "ru"}
    ]
    assert len(both) >= 5


def test_container_metadata_matches_manifest(manifest):
    arts = manifest["articles"]
    for key, art in arts.items():
        name, item = split_key(key)
        path = CORPUS / name
        if name.endswith(".jsonl"):
            rec = json.loads(path.read_text(encoding="utf-8").splitlines()[item - 1])
            for field in ("title", "outlet", "published", "language", "url"):
                assert rec[field] == art[field], (key, field)
        elif name.endswith(".xml"):
            node = ET.parse(path).getroot().findall("./channel/item")[item - 1]
            assert node.findtext("title") == art["title"], key
            assert node.findtext("link") == art["url"], key
            assert ET.parse(path).getroot().findtext("./channel/title") == art["outlet"], key
        elif name.endswith(".html"):
            raw = path.read_text(encoding="utf-8")
            assert f'<meta property="og:site_name" content="{art["outlet"]}">' in raw, key
            assert f'content="{art["published"]}T' in raw, key
