"""Metadata found in an article's text: title, publisher (outlet), attribution and a dateline.

The patterns are data (``lang/<code>/metadata.json``); this module applies them.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .. import lang as lang_data

_TERMINAL = re.compile(r"[.!?;:…]$")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DATE_PREFIX = re.compile(r"^\s*(?:date|dated|published|опубликовано|дата)\s*:?\s*", re.I)
_TLD = re.compile(r"\.(?:kz|ru|com|org|net|gov|uz|kg|by|ua|info)$", re.I)
DATELINE_WINDOW = 200


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _months() -> dict[str, int]:
    merged: dict[str, int] = {}
    for code in ("en", "ru"):
        merged.update(lang_data.load(code, "metadata").get("months", {}))
    return merged


def parse_date(fragment: str) -> str | None:
    """The first complete calendar date written in ``fragment`` as an ISO date, or None."""
    months = _months()
    candidates = []
    for match in _ISO.finditer(fragment):
        candidates.append((match.start(), _valid(int(match[1]), int(match[2]), int(match[3]))))
    for match in _DOTTED.finditer(fragment):
        candidates.append((match.start(), _valid(int(match[3]), int(match[2]), int(match[1]))))
    for match in _DAY_MONTH_YEAR.finditer(fragment):
        month = months.get(match[2].lower())
        if month:
            candidates.append((match.start(), _valid(int(match[3]), month, int(match[1]))))
    for match in _MONTH_DAY_YEAR.finditer(fragment):
        month = months.get(match[1].lower())
        if month:
            candidates.append((match.start(), _valid(int(match[3]), month, int(match[2]))))
    valid = sorted((pos, value) for pos, value in candidates if value)
    return valid[0][1] if valid else None


_DATELINE_AT_START = re.compile(
    r"^[^\W\d_][\w .'’-]{1,30}, ((?:\d{1,2}\.?\s+)?[^\W\d_]+\.?(?:\s+\d{1,2})?,?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\s*(?:[—–:.-]|$)")


_DATE_AT_LINE_START = re.compile(
    r"^(\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|"
    r"[^\W\d_]+\.? \d{1,2}, \d{4})\b")


def find_dateline(text: str) -> str | None:
    """A publication date written at the start of the text, or None: a `date` line, a line
    holding only a date, or a "City, 14 March 2025 —" dateline in one of the first lines."""
    lines = [line.strip() for line in text.lstrip()[:DATELINE_WINDOW * 3].split("\n") if line.strip()]
    for index, line in enumerate(lines[:3]):
        if _DATE_PREFIX.match(line):
            return parse_date(line[:DATELINE_WINDOW])
        if len(line.split()) <= 5 and parse_date(line):  # a line holding only a date
            return parse_date(line)
        match = _DATE_AT_LINE_START.match(line) or _DATELINE_AT_START.match(line)
        if match:
            return parse_date(match.group(1))
        if index == 0 and not _looks_like_title_shape(line):
            break  # the body has started: a date further on is not a dateline
    return None


def _looks_like_title_shape(line: str) -> bool:
    return len(line.split()) <= 30 and not _TERMINAL.search(line)


def _looks_like_section_heading(line: str, lang: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) > 4:
        return False
    return not _has_verb(line, lang)


def _has_verb(line: str, lang: str) -> bool:
    from .. import models

    if lang == "en":
        doc = models.spacy_en()(line)
        return any(t.pos_ in ("VERB", "AUX") for t in doc)
    if lang == "ru":
        morph = models.morph_ru()
        return any(morph.parse(w)[0].tag.POS in ("VERB", "INFN")
                   for w in re.findall(r"[а-яёА-ЯЁ]+", line))
    return True


def find_title(text: str, lang: str | None) -> str | None:
    """The first line when it reads as a headline; None for a section heading, a dateline or
    a first paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and _DATE_PREFIX.match(lines[0]) and len(lines[0]) <= 40:
        lines = lines[1:]  # a leading `date 2025-03-12` line comes before the title
    if len(lines) < 2:
        return None
    first = lines[0]
    words = first.split()
    if (_TERMINAL.search(first) and not first.endswith("?")) or len(words) > 30 or len(first) > 250:
        return None
    if find_dateline(first) or _DATE_PREFIX.match(first):
        return None
    if _looks_like_section_heading(first, lang or ""):
        return None
    return first


@lru_cache(maxsize=None)
def _patterns(lang: str, key: str) -> list[re.Pattern]:
    data = lang_data.load(lang, "metadata")
    names = dict(data.get("names", {}))
    names["OUTLET_NOUN"] = "|".join(map(re.escape, data.get("outlet_nouns", []))) or "(?!)"
    names["INSTITUTION_NOUN"] = "|".join(map(re.escape, data.get("institution_nouns", []))) or "(?!)"
    out = []
    for pattern in data.get(key, []):
        for name, value in names.items():
            pattern = pattern.replace("{" + name + "}", f"(?:{value})")
        out.append(re.compile(pattern, re.M))
    return out


def _clean_name(name: str | None, lang: str, *, domain: bool) -> str | None:
    if not name:
        return None
    data = lang_data.load(lang, "metadata")
    name = " ".join(name.split()).strip(" \"'“”.,;:")
    if name.startswith("«") and name.endswith("»") and name.count("«") == 1:
        name = name[1:-1]
    for suffix in data.get("outlet_suffixes", []):
        if name.lower().endswith(" " + suffix.lower()):
            name = name[: -len(suffix) - 1].strip()
        elif name.lower().startswith(suffix.lower() + " "):
            name = name[len(suffix) + 1:].strip()
    words = name.split(" ")
    forms = data.get("normal_forms", {})
    name = " ".join(forms.get(word, word) for word in words)
    if domain:
        name = _TLD.sub("", name)
    return name or None


def find_outlet(text: str, lang: str | None) -> tuple[str | None, str | None]:
    """(outlet, attribution) named in the text: "X cites Y", "передает X", "the Y press service"."""
    code = lang if lang in ("en", "ru") else "en"
    outlet = attribution = None
    best = None
    for pattern in _patterns(code, "outlet_patterns"):
        for match in pattern.finditer(text):
            if best is None or match.start() < best.start():
                best = match
            break
    if best is not None:
        outlet = best.groupdict().get("outlet")
        attribution = best.groupdict().get("attribution")
    if not attribution:
        for pattern in _patterns(code, "attribution_patterns"):
            match = pattern.search(text)
            if match:
                attribution = match.group("attribution")
                break
    outlet = _clean_name(outlet, code, domain=False)
    attribution = _clean_name(attribution, code, domain=True)
    if outlet and attribution and outlet.lower() == attribution.lower():
        attribution = None
    return outlet, attribution
