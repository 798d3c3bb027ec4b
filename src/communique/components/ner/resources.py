"""Per-language word lists of the recogniser, read once from the data files next to this module."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _words(name: str) -> frozenset[str]:
    """The first column of a word list."""
    return frozenset(row[0] for row in _rows(name))


@lru_cache(maxsize=None)
def demonyms(lang: str) -> dict[str, str]:
    """Country adjective or demonym -> country name (English keys as written, Russian lemmas)."""
    return {row[0]: row[1] for row in _rows(f"{lang}_demonyms.tsv") if len(row) >= 2}


@lru_cache(maxsize=None)
def en_titles() -> frozenset[str]:
    """Lower-cased words that precede a person's name without being part of it."""
    return _words("en_titles.txt")


@lru_cache(maxsize=None)
def ru_quote_triggers() -> dict[str, str]:
    """Lemma of a word announcing a quoted name -> the kind of that name."""
    return {row[0]: row[1] for row in _rows("ru_quote_triggers.tsv") if len(row) >= 2}


@lru_cache(maxsize=None)
def ru_not_names() -> frozenset[str]:
    """Capitalised words the Russian model takes for names that are not names ("СМИ")."""
    return _words("ru_not_names.txt")


@lru_cache(maxsize=None)
def ru_po_stop() -> frozenset[str]:
    """Lemmas after "по" that begin an adverbial phrase ("по словам", "по делу")."""
    return _words("ru_po_stop.txt")


@lru_cache(maxsize=None)
def ru_link_triggers() -> frozenset[str]:
    """Lemmas of nouns announcing dash-joined link names ("линия", "коридор", "газопровод")."""
    return _words("ru_link_triggers.txt")


@lru_cache(maxsize=None)
def ru_institutions() -> dict[str, str]:
    """Lemma of a common noun naming an organisation ("правительство") -> "" or how it is
    completed: "field" (a genitive field: "министерство культуры"), "owned" (needs an owner)."""
    return {row[0]: row[1] if len(row) > 1 else "" for row in _rows("ru_institutions.tsv")}


@lru_cache(maxsize=None)
def ru_institution_adj_stop() -> frozenset[str]:
    """Adjective lemmas before an institution noun that are not part of its designation."""
    return _words("ru_institution_adj_stop.txt")


@lru_cache(maxsize=None)
def ru_body_nouns() -> frozenset[str]:
    """Lemmas of nouns for kinds of organisation named by a capitalised adjective before them."""
    return _words("ru_body_nouns.txt")


def demonym_country(word: str, *, lang: str) -> str | None:
    """The country a demonym mention stands for ("Kazakh" -> "Kazakhstan", "российский" -> "Россия")."""
    table = demonyms(lang)
    return table.get(word) or table.get(word.lower()) or table.get(word[:1].upper() + word[1:].lower())
