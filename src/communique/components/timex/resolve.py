"""Resolvers: one per rule ``kind``, turning a match's named groups into a TIMEX3 value.

Each takes the rule's match and a ``Context`` (anchor date, language data, tense of an offset) and
returns a ``Result`` or ``None`` (the match is not a time expression after all).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from . import normalize as N
from .rules import Candidate, Language

NO_ANCHOR = "no document date"


@dataclass
class Result:
    tag: str
    value: str | None
    range: dict[str, str] | None = None
    anchored: bool = True
    reason: str | None = None
    confidence: float = 0.9


@dataclass
class Context:
    anchor: dt.date | None
    language: Language
    tense: Callable[[int], str]


class Unanchored(Exception):
    """The expression is relative and there is no anchor date."""


def _g(match: re.Match, name: str) -> str | None:
    return match.groupdict().get(name)


def _need(ctx: Context) -> dt.date:
    if ctx.anchor is None:
        raise Unanchored()
    return ctx.anchor


def number(word: str | None, lang: Language) -> float | None:
    """Digits or number words ("twenty four", "три") → a number; vague words ("several") → None."""
    if word is None:
        return 1
    text = word.strip().replace(",", ".") if re.fullmatch(r"\d+,\d+", word.strip()) else word.strip()
    half = re.fullmatch(r"(\d+)\s+1/2", text)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value = float(text)
        return int(value) if value.is_integer() else value
    if lang.lookup("article", text) or lang.lookup("number", text) is not None:
        value = lang.lookup("article", text) or lang.lookup("number", text)
        return None if value == "X" else value
    total = 0.0
    for part in re.split(r"[\s\-]+", text):
        if lang.lookup("filler", part):
            continue
        value = lang.lookup("number", part)
        if value is None or value == "X":
            return None
        total += value
    return int(total) if float(total).is_integer() else total


def _month(word: str | None, lang: Language) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return lang.lookup("month", word)


def _year(word: str | None, ctx: Context) -> int | None:
    if word is None:
        return None
    digits = re.sub(r"\D", "", word)
    if not digits:
        return None
    if len(digits) <= 2:
        return N.two_digit_year(int(digits), ctx.anchor)
    return int(digits)


def _unit(match: re.Match, rule_unit: str | None, lang: Language) -> str | None:
    return lang.lookup("unit", _g(match, "unit")) or rule_unit


def r_fixed(c: Candidate, ctx: Context) -> Result:
    return Result(c.rule.tag, c.rule.params.get("value"))


def r_date(c: Candidate, ctx: Context) -> Result | None:
    m, lang = c.match, ctx.language
    month = _month(_g(m, "month"), lang)
    year = _year(_g(m, "year"), ctx)
    day = int(_g(m, "day")) if _g(m, "day") else None
    if month is None:
        return None
    anchored, reason = True, None
    if year is None:
        if ctx.anchor is None:
            raise Unanchored()
        year = N.nearest_year(ctx.anchor, month, day, ctx.tense(c.start)) if 1 <= month <= 12 \
            else ctx.anchor.year
    try:
        date = N.make_date(year, month, day or 1)
    except N.InvalidDate as exc:
        return Result(c.rule.tag, None, reason=f"invalid date: {exc}", confidence=0.3)
    if day is None:
        return Result(c.rule.tag, f"{year:04d}-{month:02d}", anchored=anchored)
    confidence = c.rule.confidence
    weekday = lang.lookup("weekday", _g(m, "weekday"))
    if weekday and weekday != date.isoweekday():
        confidence, reason = 0.4, "weekday contradicts the date"
    return Result(c.rule.tag, date.isoformat(), reason=reason, confidence=confidence)


def r_year(c: Candidate, ctx: Context) -> Result | None:
    year = _year(_g(c.match, "year"), ctx)
    lo, hi = ctx.language.settings.get("bare_years", [1000, 2999]) if not c.rule.params.get("any") \
        else (1, 9999)
    if year is None or not lo <= year <= hi:
        return None
    return Result(c.rule.tag, f"{year:04d}")


def r_decade(c: Candidate, ctx: Context) -> Result | None:
    year = _year(_g(c.match, "year"), ctx)
    if year is None:
        return None
    return Result(c.rule.tag, f"{year // 10:03d}")


def r_century(c: Candidate, ctx: Context) -> Result | None:
    n = ctx.language.lookup("ordinal", _g(c.match, "ord")) or _roman_or_int(_g(c.match, "ord"))
    if not n:
        return None
    return Result(c.rule.tag, f"{int(n) - 1:02d}")


def _roman_or_int(word: str | None) -> int | None:
    if not word:
        return None
    digits = re.sub(r"\D", "", word)
    if digits:
        return int(digits)
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total, prev = 0, 0
    for ch in reversed(word.upper()):
        v = values.get(ch, 0)
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total or None


def r_relday(c: Candidate, ctx: Context) -> Result | None:
    offset = ctx.language.lookup("relday", _g(c.match, "rel"))
    if offset is None:
        return None
    anchor = _need(ctx)
    value = (anchor + dt.timedelta(days=int(offset))).isoformat()
    pod = ctx.language.lookup("pod", _g(c.match, "pod"))
    return Result("TIME" if pod else c.rule.tag, value + (f"T{pod}" if pod else ""))


def r_relunit(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    n = lang.lookup("shift", _g(c.match, "shift"))
    n = c.rule.params.get("shift", 0) if n is None else n
    unit = _unit(c.match, c.rule.params.get("unit"), lang)
    if unit is None:
        return None
    anchor = _need(ctx)
    return Result(c.rule.tag, N.shift(anchor, int(n), unit))


def r_ago(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    unit = _unit(c.match, c.rule.params.get("unit"), lang)
    direction = lang.lookup("direction", _g(c.match, "dir"))
    if unit is None or direction is None:
        return None
    n = number(_g(c.match, "num"), lang)
    if n is None:
        return Result(c.rule.tag, "PAST_REF" if direction < 0 else "FUTURE_REF")
    anchor = _need(ctx)
    if not float(n).is_integer():
        return Result(c.rule.tag, "PAST_REF" if direction < 0 else "FUTURE_REF")
    return Result(c.rule.tag, N.shift_days(anchor, int(direction * n), unit))


def r_duration(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    unit = _unit(c.match, c.rule.params.get("unit"), lang)
    if unit is None:
        return None
    if unit == "Q" and _fraction(c, lang):
        return None
    n = None if c.rule.params.get("vague") else number(_g(c.match, "num"), lang)
    if n is not None and (n <= 0 or n > 100000 or (n >= 1000 and unit not in ("D", "H", "MIN", "S"))):
        return None
    return Result(c.rule.tag, N.duration(n, unit))


def _fraction(c: Candidate, lang: Language) -> bool:
    """"a quarter of", "three-quarters": a fraction, not three months."""
    after = c.match.string[c.match.end():c.match.end() + 4]
    num = (_g(c.match, "num") or "").lower()
    if num and number(num, lang) is None:
        return False  # "several quarters of losses": a vague count of quarters
    return after.startswith(" of") or num in ("a", "an") or bool(re.search(r"\w-quarters", c.match.group(0)))


def r_set(c: Candidate, ctx: Context) -> Result | None:
    unit = _unit(c.match, c.rule.params.get("unit"), ctx.language)
    if unit is None:
        return None
    n = number(_g(c.match, "num"), ctx.language)
    return Result(c.rule.tag, N.duration(n, unit))


def r_weekday(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    weekday = lang.lookup("weekday", _g(c.match, "weekday"))
    if weekday is None:
        return None
    anchor = _need(ctx)
    shift = lang.lookup("shift", _g(c.match, "shift"))
    tense = {-1: "past", 1: "future"}.get(shift) if shift else None
    tense = tense or ("past" if _possessive(c, lang) else ctx.tense(c.start))
    date = N.weekday_date(anchor, int(weekday), tense, same_day=not shift)
    if shift == -1 and date == anchor:
        date -= dt.timedelta(days=7)
    pod = lang.lookup("pod", _g(c.match, "pod")) if c.rule.params.get("with_pod") else None
    return Result("TIME" if pod else c.rule.tag, date.isoformat() + (f"T{pod}" if pod else ""),
                  confidence=min(c.rule.confidence, 0.8))


def _possessive(c: Candidate, lang: Language) -> bool:
    """"Wednesday's ruling": a day named as the owner of an event reports what happened."""
    pattern = lang.settings.get("past_possessive")
    return bool(pattern) and re.match(pattern, c.match.string[c.end:c.end + 3]) is not None


def r_month(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    month = _month(_g(c.match, "month"), lang)
    if month is None:
        return None
    shift = lang.lookup("shift", _g(c.match, "shift"))
    if c.rule.params.get("capital") and not _g(c.match, "month")[0].isupper():
        return None
    if _g(c.match, "month") and lang.lookup("ambiguous", _g(c.match, "month")) \
            and shift is None and not _g(c.match, "mod") and not c.rule.params.get("prep"):
        return None
    anchor = _need(ctx)
    yshift = lang.lookup("shift", _g(c.match, "yshift"))
    if yshift is not None:
        return Result(c.rule.tag, f"{anchor.year + int(yshift):04d}-{month:02d}")
    if shift == 0:
        year = anchor.year
    elif shift:
        year = anchor.year + shift if (month >= anchor.month if shift < 0 else month <= anchor.month) \
            else anchor.year
    else:
        year = N.nearest_year(anchor, month, None, ctx.tense(c.start))
    return Result(c.rule.tag, f"{year:04d}-{month:02d}")


def r_season(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    season = lang.lookup("season", _g(c.match, "season") or _g(c.match, "season2"))
    if season is None:
        return None
    year = _year(_g(c.match, "year"), ctx)
    if year is None:
        anchor = _need(ctx)
        shift = lang.lookup("shift", _g(c.match, "shift")) or 0
        year = anchor.year + int(shift)
        month = lang.settings.get("season_month", {}).get(season)
        if month and shift:  # "last summer": the latest one before the anchor's season
            passed = month < anchor.month if shift < 0 else month > anchor.month
            year = anchor.year + (0 if passed else (-1 if shift < 0 else 1))
        elif c.rule.params.get("tensed") and month:
            year = N.nearest_year(anchor, month, None, ctx.tense(c.start))
    return Result(c.rule.tag, f"{year:04d}-{season}")


def r_quarter(c: Candidate, ctx: Context) -> Result | None:
    lang = ctx.language
    n = lang.lookup("ordinal", _g(c.match, "ord")) or _roman_or_int(_g(c.match, "ord"))
    if not n or not 1 <= int(n) <= 4:
        return None
    year = _year(_g(c.match, "year"), ctx)
    shift = lang.lookup("shift", _g(c.match, "shift"))
    shift = c.rule.params.get("shift") if shift is None else shift
    if year is None and shift is not None:
        year = _need(ctx).year + int(shift)
    if year is None:
        anchor = _need(ctx)
        later = int(n) > (anchor.month - 1) // 3 + 1
        year = anchor.year - 1 if later and ctx.tense(c.start) == "past" else anchor.year
    return Result(c.rule.tag, f"{year:04d}-Q{int(n)}")


def r_half(c: Candidate, ctx: Context) -> Result | None:
    word = _g(c.match, "ord")
    n = ctx.language.lookup("ordinal", word) or ctx.language.lookup("half", word)
    if n not in (1, 2):
        return None
    year = _year(_g(c.match, "year"), ctx) or _need(ctx).year
    return Result(c.rule.tag, f"{year:04d}-H{n}")


def r_weekend(c: Candidate, ctx: Context) -> Result | None:
    """"over the weekend": the last weekend for the past, the coming one for the future."""
    anchor = _need(ctx)
    in_weekend = anchor.isoweekday() >= 6
    if ctx.tense(c.start) == "future":
        n = 1 if anchor.isoweekday() == 7 else 0
    else:
        n = 0 if in_weekend else -1
    return Result(c.rule.tag, N.shift(anchor, n, "WE"))
