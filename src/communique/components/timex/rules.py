"""Per-language rule sets: lexicons and patterns loaded from ``<lang>.json``, compiled, matched.

A data file holds ``lexicon`` (word → value tables: ``month``, ``weekday``, ``number``, ``unit``, …),
``tense`` (regexes that mark a sentence as future or past) and ``rules``: each rule a regex in which
``@name`` stands for the alternation of the lexicon table ``name`` (``@num`` for a number in digits
or words), with named groups the resolver reads (``day``, ``month``, ``year``, ``weekday``, ``shift``,
``unit``, ``num``, ``rel``, ``pod``, ``day1``/``day2``, ``year1``/``year2`` …), a ``kind`` naming the
resolver, a ``tag`` and optional ``value``/``unit``/``confidence``/``case`` (case-sensitive).
A group named ``t`` narrows the expression's span inside the match (e.g. to leave out a preposition);
the setting ``trim_article`` (a regex) drops a leading article before an adjectival expression
("the 14-day truce" → "14-day"), as TimeML spans do.
Adding a language is adding a data file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...lang import data_file

_PLACEHOLDER = re.compile(r"@([a-z_]+)")
_FULL_WORD_STOP = re.compile(r"[^\W\d_]{5,}\.$")


@dataclass
class Rule:
    name: str
    kind: str
    tag: str
    regex: re.Pattern
    params: dict[str, Any] = field(default_factory=dict)
    order: int = 0

    @property
    def confidence(self) -> float:
        return float(self.params.get("confidence", 0.9))


@dataclass
class Language:
    code: str
    lexicon: dict[str, dict[str, Any]]
    rules: list[Rule]
    future: re.Pattern | None
    past: re.Pattern | None
    settings: dict[str, Any] = field(default_factory=dict)
    trim_article: re.Pattern | None = None  # leading article dropped before an adjectival timex

    def lookup(self, table: str, word: str | None) -> Any:
        if word is None:
            return None
        key = normal_key(word)
        values = self.lexicon.get(table, {})
        if key in values:
            return values[key]
        return values.get(key.rstrip("."))


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def normal_key(word: str) -> str:
    return re.sub(r"[\s\-]+", " ", word.strip().lower()).replace("ё", "е")


def _alternation(words: list[str]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        parts.append(r"[\s\-]+".join(re.escape(p) for p in re.split(r"[\s\-]+", word)))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _expand(pattern: str, tables: dict[str, str]) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in tables:
            raise KeyError(f"unknown placeholder @{name}")
        return tables[name]
    return _PLACEHOLDER.sub(sub, pattern)


def _tables(lexicon: dict[str, dict[str, Any]]) -> dict[str, str]:
    tables = {}
    for name, values in lexicon.items():
        words = list(values) if isinstance(values, dict) else list(values)
        words += [w.replace("е", "ё") for w in words if "е" in w]
        tables[name] = _alternation(words)
    word = tables.get("number", "(?!)")
    article = tables.get("article", "(?!)")
    tables["num"] = rf"(?:\d+(?:[.,]\d+)?|{word}(?:[\s\-]+(?:and[\s\-]+)?{word}){{0,3}}|{article})"
    tables["dnum"] = r"(?:\d+(?:[.,]\d+)?)"
    return tables


@lru_cache(maxsize=None)
def load_language(code: str) -> Language | None:
    data = data_file(__file__, "{lang}.json", code)
    if data is None:
        return None
    lexicon = {name: ({normal_key(k): v for k, v in values.items()} if isinstance(values, dict)
                      else {normal_key(k): True for k in values})
               for name, values in data.get("lexicon", {}).items()}
    tables = _tables(lexicon)
    rules = []
    for order, spec in enumerate(data.get("rules", [])):
        body = _expand(spec["pattern"], tables)
        flags = re.UNICODE | (0 if spec.get("case") else re.IGNORECASE)
        regex = re.compile(rf"(?<![\w\-/.])(?:{body})(?![\w])", flags)
        params = {k: v for k, v in spec.items() if k not in ("name", "kind", "tag", "pattern")}
        rules.append(Rule(spec["name"], spec["kind"], spec.get("tag", "DATE"), regex, params, order))
    tense = data.get("tense", {})
    future = re.compile("|".join(tense["future"]), re.IGNORECASE) if tense.get("future") else None
    past = re.compile("|".join(tense["past"]), re.IGNORECASE) if tense.get("past") else None
    settings = data.get("settings", {})
    trim = settings.get("trim_article")
    trim = re.compile(trim, re.IGNORECASE) if trim else None
    return Language(code, lexicon, rules, future, past, settings, trim)


def candidates(text: str, language: Language) -> list[Candidate]:
    """Every match of every rule (overlapping); ``select`` picks among them."""
    out = []
    trim = language.trim_article
    for rule in language.rules:
        for match in rule.regex.finditer(text):
            start, end = match.span("t") if "t" in rule.regex.groupindex and match.group("t") \
                else match.span()
            if text[end - 1] == "." and _FULL_WORD_STOP.search(text, max(0, end - 12), end):
                end -= 1  # a sentence's full stop after a whole word ("3 декабря.")
            if trim is not None:
                cut = trim.match(text[start:end])
                start += cut.end() if cut else 0
            if end > start:
                out.append(Candidate(start, end, rule, match))
    return out


def select(found: list[tuple[Candidate, Any]]) -> list[tuple[Candidate, Any]]:
    """Longest first, then earlier rule; drop whatever overlaps an accepted expression."""
    ordered = sorted(found, key=lambda cr: (-(cr[0].end - cr[0].start), cr[0].rule.order,
                                            cr[0].start))
    starts: list[int] = []
    taken: list[tuple[Candidate, Any]] = []  # kept sorted by start; accepted spans never overlap
    for cand, res in ordered:
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and taken[i - 1][0].end > cand.start:
            continue
        if i < len(taken) and taken[i][0].start < cand.end:
            continue
        starts.insert(i, cand.start)
        taken.insert(i, (cand, res))
    return taken
