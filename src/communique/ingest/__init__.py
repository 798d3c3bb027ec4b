"""Ingest: sources (files, folders, .gz, JSONL, RSS/Atom, HTML, stdin) -> stored documents."""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import DEFAULTS
from ..errors import E, InputRejected
from ..records import Document
from . import langid, metadata
from .decode import clean_text, content_key, gunzip, is_gzip
from .formats import Article, read, sniff


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[InputRejected] = field(default_factory=list)


def iter_sources(paths: Iterable[str]) -> Iterator[tuple[str, bytes] | InputRejected]:
    """(name, raw bytes) for every file named or found under a folder; '-' reads stdin."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", sys.stdin.buffer.read()
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from _read_file(Path(root) / name)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield E.E210.exc(source=raw)


def _read_file(path: Path) -> Iterator[tuple[str, bytes] | InputRejected]:
    try:
        yield str(path), path.read_bytes()
    except OSError as err:
        yield E.E208.exc(source=str(path), detail=err.strerror or type(err).__name__)


def articles_from(name: str, data: bytes) -> Iterator[Article | InputRejected]:
    """Decompress if needed, pick the reader by name and content, and read every article."""
    inner = name
    if is_gzip(data):
        try:
            data = gunzip(data, source=name)
        except InputRejected as err:
            yield err
            return
        inner = name[:-3] if name.lower().endswith(".gz") else name
    yield from read(sniff(inner, data), data, source=name)


def build_document(article: Article, *, max_chars: int) -> Document:
    text = clean_text(article.text)
    if not text.strip():
        raise E.E201.exc(source=article.source)
    if len(text) > max_chars:
        raise E.E209.exc(source=article.source, size=len(text), limit=max_chars)
    sha = hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()
    language, confidence = (article.language.lower()[:2], 1.0) if article.language else langid.detect(text)
    title = article.title or (metadata.find_title(text, language) if article.has_title_line else None)
    outlet, attribution = metadata.find_outlet(text, language)
    published, date_source = _published(article, text)
    return Document(
        id=sha[:16], source=article.source, url=article.url, outlet=article.outlet or outlet,
        attribution=article.attribution or attribution, title=title, language=language,
        published=published, date_source=date_source, sha256=sha, n_chars=len(text), text=text,
        language_supported=langid.is_supported(language), language_confidence=round(confidence, 4),
    )


def _published(article: Article, text: str) -> tuple[str | None, str | None]:
    if article.published:
        value = metadata.parse_date(article.published) or _iso_prefix(article.published)
        if value:
            return value, "metadata"
    value = metadata.find_dateline(text)
    return (value, "text") if value else (None, None)


def _iso_prefix(value: str) -> str | None:
    head = value.strip()[:10]
    return head if len(head) == 10 and head[4] == "-" and head[7] == "-" else None


def ingest_paths(paths: Iterable[str], *, store, max_chars: int | None = None,
                 on_item: Callable[[str, str], None] | None = None) -> IngestReport:
    """Add every article found under ``paths`` to ``store``; bad inputs are collected, not raised."""
    limit = max_chars or DEFAULTS.max_chars
    report = IngestReport()
    for source in iter_sources(paths):
        if isinstance(source, InputRejected):
            report.rejected.append(source)
            continue
        name, data = source
        if len(data) > limit * 4:
            report.rejected.append(E.E209.exc(source=name, size=f"about {len(data)}", limit=limit))
            continue
        for item in articles_from(name, data):
            _store_one(item, store=store, limit=limit, report=report, on_item=on_item)
    return report


def _store_one(item, *, store, limit: int, report: IngestReport, on_item) -> None:
    if isinstance(item, InputRejected):
        report.rejected.append(item)
        return
    try:
        document = build_document(item, max_chars=limit)
    except InputRejected as err:
        report.rejected.append(err)
        return
    if store.add_document(document):
        report.added.append(document.id)
        status = "added"
    else:
        report.duplicates += 1
        status = "duplicate"
    if on_item:
        on_item(item.source, status)
