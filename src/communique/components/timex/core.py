"""``find_timexes`` and ``anchor_timexes``: the language-independent driver over the rule data."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from ...records import Timex
from . import named, ranges, resolve
from . import normalize as N
from .resolve import NO_ANCHOR, Context, Result, Unanchored
from .rules import candidates, load_language, select
from .tense import sentence_tense

EXTRACTOR = "timex@1"

RESOLVERS = {
    "fixed": resolve.r_fixed, "date": resolve.r_date, "year": resolve.r_year,
    "decade": resolve.r_decade, "century": resolve.r_century, "relday": resolve.r_relday,
    "relunit": resolve.r_relunit, "weekend": resolve.r_weekend, "ago": resolve.r_ago,
    "duration": resolve.r_duration,
    "set": resolve.r_set, "weekday": resolve.r_weekday, "month": resolve.r_month,
    "season": resolve.r_season, "quarter": resolve.r_quarter, "half": resolve.r_half,
    "time": named.r_time, "pod": named.r_pod, "lookup": named.r_lookup,
    "set_named": named.r_set_named, "holiday": named.r_holiday, "year_words": named.r_year_words,
    "range_days": ranges.r_range_days, "range_years": ranges.r_range_years,
    "range_months": ranges.r_range_months,
}

def parse_anchor(value: str | dt.date | None) -> dt.date | None:
    """An ISO date (or datetime) string → date; anything unreadable → None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_timexes(text: str, *, lang: str, anchor: dt.date | str | None, doc_id: str,
                 tense_of: Callable[[int], str] | None = None) -> list[Timex]:
    """Time expressions of ``text`` with TIMEX3 values anchored on ``anchor`` (the publication date).

    ``tense_of(offset)`` says "past", "present" or "future" for the expression at ``offset``
    (weekdays and dates without a year follow it); without it a cheap guess from the cues of the
    language data is used. Relative expressions without an anchor get ``value=None``,
    ``anchored=False``; invalid dates get ``value=None`` and a ``reason``. Languages without a
    data file give an empty list.
    """
    language = load_language((lang or "").lower()[:2])
    if language is None or not text:
        return []
    ctx = Context(parse_anchor(anchor), language, tense_of or sentence_tense(text, language))
    found = []
    for cand in candidates(text, language):
        if cand.rule.params.get("not_in_name") and _inside_name(text, cand.start):
            continue
        if _quoted_title(text, cand.start, cand.end):
            continue
        result = _resolve(cand, ctx)
        if result is not None:
            found.append((cand, result))
    out = []
    chosen = _discourse(select(found), ctx)
    for cand, res in chosen:
        out.append(Timex(doc=doc_id, start=cand.start, end=cand.end, text=text[cand.start:cand.end],
                         tag=res.tag, value=res.value, range=res.range, anchored=res.anchored,
                         reason=res.reason, extractor=EXTRACTOR,
                         confidence=round(min(res.confidence, cand.rule.confidence), 3)))
    return out


_NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\n])\s*\b[A-ZА-ЯЁ][\w\-]*[ \t]+$")


def _inside_name(text: str, start: int) -> bool:
    """A capitalised word right after another capitalised word inside a sentence is part of a
    name ("USA Today"), not a time expression."""
    if not text[start:start + 1].isupper():
        return False
    return bool(_NAME_BEFORE.search(text[max(0, start - 40):start]))


_OPEN_QUOTE = re.compile(r"(?:[\"“«`]|'')$")
_TITLE_END = re.compile(r"[.,!?]?(?:[\"”»]|''|\s+[A-ZА-ЯЁ])")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """Capitalised words opening a quotation and ending it or running on into more capitalised
    words are a title ("This Week", "60 Minutes"), not a time expression."""
    words = text[start:end].split()
    if len(words) < 2 or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    return bool(_OPEN_QUOTE.search(text, max(0, start - 2), start)) and \
        bool(_TITLE_END.match(text, end))


_QUARTER = re.compile(r"^(\d{4})-(Q[1-4])$")
_PERIOD = re.compile(r"^P(?:[2-9]|1[0-2])M$")
_DATE = re.compile(r"^\d{4}(?:-\d\d){0,2}$")
_WIDTH = {"Y": 4, "M": 7, "D": 10}


def _antecedent(last_date: str | None, unit: str | None) -> str | None:
    """"that year", "that day": the year (month, day) of the last date named before."""
    width = _WIDTH.get(unit or "")
    if last_date is None or width is None or len(last_date) < width:
        return None
    return last_date[:width]


def _reported(quarter: re.Match, anchor: dt.date | None) -> bool:
    """A quarter that has begun by the anchor date (results compare it with a year before)."""
    if anchor is None:
        return True
    return (int(quarter.group(1)), int(quarter.group(2)[1])) <= (anchor.year, (anchor.month + 2) // 3)


def _shifted(value: str | None, n: int | None, unit: str | None) -> str | None:
    """"the following year" after 1995: 1996; "the previous day" after 2000-03-06: 2000-03-05."""
    if value is None or not n:
        return None
    try:
        if unit == "Y":
            year, month = int(value) + n, 1
        elif unit == "M":
            year, month = N.add_months(int(value[:4]), int(value[5:7]), n)
        else:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=n)).isoformat()
    except (ValueError, OverflowError):
        return None
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}" if unit == "Y" else f"{year:04d}-{month:02d}"


def _discourse(chosen: list, ctx: Context) -> list:
    """Expressions that take their granularity from the text before them: with rule parameter
    ``discourse`` = ``quarter``, "the quarter" is the quarter last named; with ``year_shift``,
    "a year earlier" after a quarter is that quarter of the shifted year; with ``anaphor``,
    "that year" is the year of the last date named (dropped when there is none); with
    ``anaphor_shift``, "the following year" counts from the last date named (from the anchor when
    there is none). Only quarters begun by the anchor date are compared with a year before, and
    a span of months ("the nine months") ends the quarter's context."""
    last_quarter, last_end, last_date = None, -1, None
    window = int(ctx.language.settings.get("discourse_window", 600))
    kept = []
    for cand, res in chosen:
        mode = cand.rule.params.get("discourse")
        recent = last_quarter and cand.start - last_end <= window
        if cand.rule.params.get("needs_context") and not recent:
            continue
        if mode == "anaphor":
            res.value = _antecedent(last_date, cand.rule.params.get("unit"))
            if res.value is None:
                continue
        elif mode == "anaphor_shift":
            unit = ctx.language.lookup("unit", cand.match.group("unit"))
            shift = ctx.language.lookup("shift", cand.match.group("shift"))
            res.value = _shifted(_antecedent(last_date, unit), shift, unit) or res.value
        elif _DATE.match(res.value or ""):
            last_date = res.value
        kept.append((cand, res))
        if mode and recent and res.value and ctx.anchor is not None:
            if mode == "quarter":
                res.value = last_quarter.group(0)
            elif mode == "year_shift" and re.fullmatch(r"\d{4}", res.value):
                year = int(last_quarter.group(1)) + int(res.value) - ctx.anchor.year
                res.value = f"{year:04d}-{last_quarter.group(2)}"
        match = _QUARTER.match(res.value or "")
        if match and mode != "year_shift" and _reported(match, ctx.anchor):
            last_quarter, last_end = match, cand.end
        elif _PERIOD.match(res.value or ""):
            last_quarter = None  # "the nine months": what follows compares that period
    return kept


def _resolve(cand, ctx: Context) -> Result | None:
    resolver = RESOLVERS.get(cand.rule.kind)
    if resolver is None:
        raise KeyError(f"unknown rule kind {cand.rule.kind!r} in {ctx.language.code}.json")
    try:
        return resolver(cand, ctx)
    except Unanchored:
        return Result(cand.rule.tag, None, anchored=False, reason=NO_ANCHOR,
                      confidence=cand.rule.confidence)
    except (ValueError, OverflowError) as exc:
        return Result(cand.rule.tag, None, reason=f"invalid: {exc}", confidence=0.3)


def anchor_timexes(timexes: list[Timex], *, anchor: dt.date | str, text: str, lang: str,
                   tense_of: Callable[[int], str] | None = None) -> list[Timex]:
    """Re-resolve the unanchored expressions once a date is known (e.g. from the story);
    anchored ones are returned unchanged."""
    if all(t.anchored for t in timexes):
        return list(timexes)
    fresh = {}
    for doc_id in {t.doc for t in timexes if not t.anchored}:
        for t in find_timexes(text, lang=lang, anchor=anchor, doc_id=doc_id, tense_of=tense_of):
            fresh[(t.doc, t.start, t.end)] = t
    return [t if t.anchored else fresh.get((t.doc, t.start, t.end), t) for t in timexes]
