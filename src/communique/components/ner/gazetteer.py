"""Gazetteer matching: longest match of known names on word boundaries.

Entries are ``(surface, kind, entity_id)`` in the nominative. A document is cut into word pieces
(runs of letters and digits, so "Kassym-Jomart" is two pieces and matches "Kassym Jomart" too);
each piece has a set of keys: its exact text for English, its lower-cased text plus its lemmas for
Russian (so "Казахстаном" and "в Москве" match the nominative entries). An entry matches where each
of its pieces shares a key with the document piece in the same place. An entry written with a
capital letter only matches a capitalised piece, so "мир" never matches "Мир".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

PIECE = re.compile(r"\w+", re.UNICODE)
# pieces of one name may be joined by a hyphen/dash/apostrophe/dot or at most one space
_JOINER = re.compile(r"^(?:\s?[-–—'’.]?\s?|\s)$")


@dataclass(frozen=True)
class Entry:
    surface: str
    kind: str
    entity: str | None
    capital: bool  # the surface starts with a capital letter


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str


def pieces(text: str) -> list[Piece]:
    return [Piece(m.start(), m.end(), m.group()) for m in PIECE.finditer(text)]


def exact_keys(word: str) -> frozenset[str]:
    return frozenset((word,))


@lru_cache(maxsize=200_000)
def russian_keys(word: str) -> frozenset[str]:
    """Lower-cased form plus every pymorphy3 lemma of a word."""
    from ... import models

    lower = word.lower().replace("ё", "е")
    if not re.search(r"[а-я]", lower):
        return frozenset((lower,))
    lemmas = {p.normal_form.replace("ё", "е") for p in models.morph_ru().parse(lower)[:4]}
    return frozenset({lower, *lemmas})


def keyer_for(lang: str) -> Callable[[str], frozenset[str]]:
    return russian_keys if lang == "ru" else exact_keys


class Gazetteer:
    """Known names of one language, indexed by the keys of their first piece."""

    def __init__(self, entries: Iterable[Sequence], *, lang: str, max_pieces: int = 8):
        self.lang = lang
        self.keys = keyer_for(lang)
        self.max_pieces = max_pieces
        self._index: dict[str, list[tuple[tuple[frozenset[str], ...], Entry]]] = {}
        self.size = 0
        for surface, kind, entity in (tuple(e)[:3] for e in entries):
            self.add(surface=surface, kind=kind, entity=entity)

    def add(self, *, surface: str, kind: str, entity: str | None) -> None:
        parts = [p.text for p in pieces(surface or "")]
        if not parts or len(parts) > self.max_pieces:
            return
        entry = Entry(surface, kind, entity, surface.lstrip("«\"'“„")[:1].isupper())
        pattern = tuple(self.keys(p) for p in parts)
        for key in pattern[0]:
            self._index.setdefault(key, []).append((pattern, entry))
        self.size += 1

    def __len__(self) -> int:
        return self.size

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "keys"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.keys = keyer_for(self.lang)

    def match(self, text: str, *, start: int = 0, end: int | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right, in ``text[start:end]``."""
        if not self._index:
            return []
        end = len(text) if end is None else end
        found = pieces(text[start:end])
        doc_pieces = [Piece(p.start + start, p.end + start, p.text) for p in found]
        keys = [self.keys(p.text) for p in doc_pieces]
        out, i = [], 0
        while i < len(doc_pieces):
            best = self._longest(text, doc_pieces, keys, i)
            if best is None:
                i += 1
                continue
            n, entry = best
            stop = doc_pieces[i + n - 1].end
            if entry.surface.endswith(".") and text[stop:stop + 1] == ".":
                stop += 1  # "U.S."
            out.append(Match(doc_pieces[i].start, stop, entry))
            i += n
        return out

    def _longest(self, text: str, doc_pieces: list[Piece], keys: list[frozenset[str]],
                 i: int) -> tuple[int, Entry] | None:
        best: tuple[int, Entry] | None = None
        seen: set[int] = set()
        for key in keys[i]:
            for pattern, entry in self._index.get(key, ()):
                if id(pattern) in seen or (best and len(pattern) <= best[0]):
                    continue
                seen.add(id(pattern))
                if self._fits(text, doc_pieces, keys, i, pattern, entry):
                    best = (len(pattern), entry)
        return best

    @staticmethod
    def _fits(text: str, doc_pieces: list[Piece], keys: list[frozenset[str]], i: int,
              pattern: tuple[frozenset[str], ...], entry: Entry) -> bool:
        if i + len(pattern) > len(doc_pieces):
            return False
        if entry.capital and not doc_pieces[i].text[:1].isupper():
            return False
        for j, want in enumerate(pattern):
            if j and not _JOINER.match(text[doc_pieces[i + j - 1].end:doc_pieces[i + j].start]):
                return False
            if not (want & keys[i + j]):
                return False
        return True
