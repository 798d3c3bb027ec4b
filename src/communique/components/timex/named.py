"""Resolvers for named days and clock times: holidays, "every Thursday", "3 p.m.", "this morning",
and words whose value is a lexicon entry ("now" → PRESENT_REF)."""
from __future__ import annotations

import datetime as dt
import re

from . import normalize as N
from .resolve import Context, Result, _g, _need, _year, number, r_date
from .rules import Candidate


def r_holiday(c: Candidate, ctx: Context) -> Result | None:
    """Named days from the ``holiday`` table: "MM-DD", or "MM-Wd-n" for the n-th weekday d of
    the month ("11-W4-4": the fourth Thursday of November)."""
    lang = ctx.language
    spec = lang.lookup("holiday", _g(c.match, "name"))
    if not spec:
        return None
    month = int(spec[:2])
    year = _year(_g(c.match, "year"), ctx)
    if year is None:
        anchor = _need(ctx)
        shift = lang.lookup("shift", _g(c.match, "shift"))
        tense = {-1: "past", 1: "future"}.get(shift) if shift else ctx.tense(c.start)
        year = N.nearest_year(anchor, month, 15, None)
        date = N.holiday_date(year, spec)
        if tense == "past" and date > anchor:
            year -= 1
        elif tense == "future" and date < anchor:
            year += 1
    return Result(c.rule.tag, N.holiday_date(year, spec).isoformat())


def r_set_named(c: Candidate, ctx: Context) -> Result | None:
    """"every Thursday", "on Mondays", "each July" → XXXX-WXX-4, XXXX-07."""
    lang = ctx.language
    plural = _g(c.match, "weekdays")
    weekday = lang.lookup("weekday", _g(c.match, "weekday") or (plural[:-1] if plural else None))
    pod = lang.lookup("pod", _g(c.match, "pod"))
    if weekday:
        return Result(c.rule.tag, f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""))
    month = lang.lookup("month", _g(c.match, "month"))
    return Result(c.rule.tag, f"XXXX-{month:02d}") if month else None


def r_time(c: Candidate, ctx: Context) -> Result | None:
    lang, m = ctx.language, c.match
    word = lang.lookup("hourword", _g(m, "hourword"))
    hour = int(word if word is not None else _g(m, "hour"))
    minute = int(_g(m, "minute") or 0)
    half = lang.lookup("ampm", _g(m, "ampm"))
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return Result(c.rule.tag, None, reason="invalid time", confidence=0.3)
    if _g(m, "month") and _g(m, "day"):
        day = r_date(c, ctx)
        if day is None or day.value is None:
            return day
        date_value = day.value
    else:
        anchor = _need(ctx)
        weekday = lang.lookup("weekday", _g(m, "weekday"))
        offset = lang.lookup("relday", _g(m, "rel"))
        date = N.weekday_date(anchor, int(weekday), ctx.tense(c.start)) if weekday else \
            anchor + dt.timedelta(days=int(offset or 0))
        date_value = date.isoformat()
    clock = "24" if hour == 24 else f"{hour:02d}:{minute:02d}"
    return Result(c.rule.tag, f"{date_value}T{clock}")


def r_pod(c: Candidate, ctx: Context) -> Result | None:
    pod = ctx.language.lookup("pod", _g(c.match, "pod")) or c.rule.params.get("pod")
    if pod is None:
        return None
    anchor = _need(ctx)
    offset = ctx.language.lookup("relday", _g(c.match, "rel")) or c.rule.params.get("offset", 0)
    return Result(c.rule.tag, f"{(anchor + dt.timedelta(days=int(offset))).isoformat()}T{pod}")


def r_lookup(c: Candidate, ctx: Context) -> Result | None:
    """A word whose value is a lexicon entry (``now`` → PRESENT_REF, ``daily`` → P1D)."""
    value = ctx.language.lookup(c.rule.params.get("table", "ref"), _g(c.match, "w"))
    if value is None:
        return None
    return Result(c.rule.tag, value)


def r_year_words(c: Candidate, ctx: Context) -> Result | None:
    """Years in words: "nineteen ninety-six" → 1996, "the year two thousand" → 2000."""
    lang, m = ctx.language, c.match
    if _g(m, "mil"):
        low = number(_g(m, "low"), lang) if _g(m, "low") else 0
        year = 2000 + low if isinstance(low, int) else None
    else:
        cent = number(_g(m, "cent"), lang)
        rest = number(re.sub(r"^oh[\s\-]+", "", _g(m, "rest") or "", flags=re.I), lang)
        valid = isinstance(cent, int) and isinstance(rest, int) and 0 <= rest < 100
        year = cent * 100 + rest if valid else None
    if year is None or year > 2999:
        return None
    return Result(c.rule.tag, f"{year:04d}")
