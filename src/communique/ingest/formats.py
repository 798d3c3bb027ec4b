"""One reader per source format. Each yields ``Article`` or ``InputRejected`` objects.

A reader never raises for a bad item: it yields the rejection and goes on with the rest.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterator

from ..errors import E, InputRejected
from .decode import decode


@dataclass
class Article:
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    attribution: str | None = None
    published: str | None = None  # ISO date from metadata
    language: str | None = None
    has_title_line: bool = True  # plain text: the first line may be the title


Item = Article | InputRejected
MIN_HTML_WORDS = 5

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article)", re.I)
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)


def sniff(name: str, data: bytes) -> str:
    """The format of a file from its name, then its first bytes."""
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith((".rss", ".atom")):
        return "feed"
    head = data[:2048]
    if lower.endswith(".xml") or (head.lstrip().startswith(b"<?xml") and _FEED_SNIFF.search(data[:4096])):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")) or _HTML_SNIFF.match(head):
        return "html"
    return "text"


def read(fmt: str, data: bytes, *, source: str) -> Iterator[Item]:
    return READERS[fmt](data, source=source)


def read_text(data: bytes, *, source: str) -> Iterator[Item]:
    try:
        yield Article(text=decode(data, source=source), source=source)
    except InputRejected as err:
        yield err


def read_jsonl(data: bytes, *, source: str) -> Iterator[Item]:
    try:
        text = decode(data, source=source)
    except InputRejected as err:
        yield err
        return
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of articles is accepted too
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as err:
            yield E.E205.exc(source=source, detail=f"line {err.lineno}: {err.msg}")
            return
        for index, obj in enumerate(items if isinstance(items, list) else [items], start=1):
            yield _from_json(obj, source=f"{source}:{index}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield E.E205.exc(source=where, detail=err.msg)
            continue
        yield _from_json(obj, source=where)


def _from_json(obj, *, source: str) -> Item:
    if not isinstance(obj, dict):
        return E.E205.exc(source=source, detail="a line must be a JSON object")
    text = obj.get("text") or obj.get("body") or obj.get("content")
    if not isinstance(text, str) or not text.strip():
        return E.E211.exc(source=source)
    def field(*names):
        for name in names:
            value = obj.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None
    return Article(text=text, source=field("url", "link") or source, url=field("url", "link"),
                   title=field("title", "headline"), outlet=field("outlet", "source", "publisher"),
                   attribution=field("attribution"), published=field("published", "date"),
                   language=field("language", "lang"), has_title_line=False)


def read_html(data: bytes, *, source: str) -> Iterator[Item]:
    try:
        html = decode(data, source=source)
    except InputRejected as err:
        yield err
        return
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as err:  # trafilatura raises many kinds on broken markup
        yield E.E207.exc(source=source) if "tree" in str(err).lower() else \
            E.E208.exc(source=source, detail=f"HTML parser failed: {err}")
        return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_HTML_WORDS:  # a menu or a caption is not an article
        yield E.E207.exc(source=source)
        return
    yield Article(text=text, source=getattr(doc, "url", None) or source, url=getattr(doc, "url", None),
                  title=getattr(doc, "title", None), outlet=getattr(doc, "sitename", None),
                  published=getattr(doc, "date", None), language=None, has_title_line=False)


def read_feed(data: bytes, *, source: str) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = str(getattr(parsed, "bozo_exception", "")) or "no entries"
        yield E.E206.exc(source=source, detail=reason.splitlines()[0])
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(parsed.entries, start=1):
        where = entry.get("link") or f"{source}#{index}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = _html_to_text(body)
        if not text.strip():
            yield E.E201.exc(source=f"{source}#{index}")
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        yield Article(text=text, source=where, url=entry.get("link"),
                      title=(entry.get("title") or "").strip() or None, outlet=outlet,
                      published=published, language=(parsed.feed.get("language") or None),
                      has_title_line=False)


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return re.sub(r"\n{3,}", "\n\n", root.text_content()).strip()


READERS = {"text": read_text, "jsonl": read_jsonl, "html": read_html, "feed": read_feed}
