"""Range resolvers: "November 11-12", "11–12 ноября", "from 2026 to 2030", "2026/30", "January–March".

A range's value is its TIMEX3 duration counted inclusively (11–12 November is ``P2D``); ``range``
holds the ISO values of both ends.
"""
from __future__ import annotations

from . import normalize as N
from .resolve import Context, Result, _g, _month, _need, _year
from .rules import Candidate


def r_range_days(c: Candidate, ctx: Context) -> Result | None:
    m, lang = c.match, ctx.language
    month2 = _month(_g(m, "month2") or _g(m, "month"), lang)
    month1 = _month(_g(m, "month1"), lang) or month2
    if month1 is None or month2 is None:
        return None
    year = _year(_g(m, "year"), ctx)
    anchored = True
    if year is None:
        anchor = _need(ctx)
        year = N.nearest_year(anchor, month2, int(_g(m, "day2")), ctx.tense(c.start))
    day1, day2 = int(_g(m, "day1")), int(_g(m, "day2"))
    year1 = year - 1 if month1 > month2 else year
    try:
        begin, end = N.make_date(year1, month1, day1), N.make_date(year, month2, day2)
    except N.InvalidDate as exc:
        return Result(c.rule.tag, None, reason=f"invalid date: {exc}", confidence=0.3)
    if end < begin:
        return Result(c.rule.tag, None, reason="range ends before it begins", confidence=0.3)
    days = (end - begin).days + 1
    return Result(c.rule.tag, f"P{days}D", {"begin": begin.isoformat(), "end": end.isoformat()},
                  anchored=anchored)


def r_range_years(c: Candidate, ctx: Context) -> Result | None:
    m = c.match
    first = _year(_g(m, "year1"), ctx)
    raw2 = _g(m, "year2") or ""
    if first is None or not raw2:
        return None
    second = int(raw2) if len(raw2) == 4 else first // 10 ** len(raw2) * 10 ** len(raw2) + int(raw2)
    if len(raw2) < 4 and second < first:
        second += 10 ** len(raw2)
    lo, hi = ctx.language.settings.get("bare_years", [1000, 2999])
    if not (lo <= first <= hi and lo <= second <= hi) or second <= first or second - first > 200:
        return None
    return Result(c.rule.tag, f"P{second - first + 1}Y",
                  {"begin": f"{first:04d}", "end": f"{second:04d}"})


def r_range_months(c: Candidate, ctx: Context) -> Result | None:
    m, lang = c.match, ctx.language
    month1, month2 = _month(_g(m, "month1"), lang), _month(_g(m, "month2"), lang)
    if month1 is None or month2 is None:
        return None
    year = _year(_g(m, "year"), ctx)
    if year is None:
        year = N.nearest_year(_need(ctx), month2, None, ctx.tense(c.start))
    year1 = year - 1 if month1 > month2 else year
    count = (year - year1) * 12 + month2 - month1 + 1
    return Result(c.rule.tag, f"P{count}M",
                  {"begin": f"{year1:04d}-{month1:02d}", "end": f"{year:04d}-{month2:02d}"})
