"""TIMEX3 value arithmetic: shifting an anchor date by calendar units at their granularity.

Language-independent: the rules (``rules.py``) read words through the per-language lexicons and hand
numbers and unit codes here. Unit codes: ``D`` day, ``W`` week, ``M`` month, ``Q`` quarter, ``Y`` year,
``DE`` decade, ``CE`` century, ``H`` hour, ``MIN`` minute, ``S`` second, ``WE`` weekend.
"""
from __future__ import annotations

import calendar
import datetime as dt

DATE_UNITS = ("D", "W", "M", "Q", "Y", "DE", "CE")
TIME_UNITS = ("H", "MIN", "S")
_SPLIT = {"Y": ("Y", "M", 12), "D": ("D", "H", 24), "H": ("H", "M", 60), "MIN": ("M", "S", 60)}


class InvalidDate(ValueError):
    """A date that does not exist (31 February, month 13, year 0)."""


def make_date(year: int, month: int, day: int) -> dt.date:
    if not 1 <= year <= 9999:
        raise InvalidDate(f"year {year} out of range")
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} out of range")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise InvalidDate(f"day {day} out of range for {year}-{month:02d}")
    return dt.date(year, month, day)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift(anchor: dt.date, n: int, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` that lies ``n`` units from the one containing ``anchor``."""
    if unit in ("D", "H", "MIN", "S"):
        if unit != "D":
            n = 0 if abs(n) < 24 and unit == "H" else n // (24 if unit == "H" else 1440)
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        year, week, _ = (anchor + dt.timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "WE":
        year, week, _ = (anchor + dt.timedelta(weeks=n)).isocalendar()
        return f"{year}-W{week:02d}-WE"
    if unit == "M":
        year, month = add_months(anchor.year, anchor.month, n)
        return f"{year:04d}-{month:02d}"
    if unit == "Q":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "CE":
        return f"{anchor.year // 100 + n:02d}"
    raise ValueError(f"unknown unit {unit}")


def shift_days(anchor: dt.date, n: int, unit: str) -> str:
    """Anchor moved by ``n`` units, at the unit's granularity ("two days ago", "a year ago")."""
    if unit == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        return (anchor + dt.timedelta(weeks=n)).isoformat()
    return shift(anchor, n, unit)


def duration(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration: ``duration(3, "Y") == "P3Y"``; ``None`` for an unknown count gives ``PXY``."""
    if unit == "DE":
        count = "X" if n is None else _num(n * 10)
        return f"P{count}Y" if n is not None else "PXDE"
    if unit == "CE":
        return f"P{_num(n * 100)}Y" if n is not None else "PXCE"
    if unit == "WE":
        return f"P{_num(2 * n)}D" if n is not None else "PXWE"
    if n is not None and not float(n).is_integer() and unit in _SPLIT:
        return _split(n, unit)
    count = "X" if n is None else _num(n)
    if unit in TIME_UNITS:
        return f"PT{count}{'M' if unit == 'MIN' else unit}"
    return f"P{count}{unit}"


def _split(n: float, unit: str) -> str:
    """A fractional count in whole units plus the next smaller one: 2.5 years → ``P2Y6M``."""
    big, small, per = _SPLIT[unit]
    whole, rest = int(n), round((n - int(n)) * per)
    head = f"{whole}{big}" if whole else ""
    if unit == "D":
        return f"P{head}T{rest}H"
    return f"P{'T' if unit in TIME_UNITS else ''}{head}{rest}{small}"


def _num(n: int | float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def weekday_date(anchor: dt.date, weekday: int, tense: str, *, same_day: bool = True) -> dt.date:
    """The date of ISO ``weekday`` (1 = Monday) nearest the anchor: on or before it for the past
    and present, after it for the future; the anchor's own weekday is the anchor itself unless
    ``same_day`` is false ("next Friday" said on a Friday)."""
    delta = (weekday - anchor.isoweekday()) % 7
    if tense == "future":
        return anchor + dt.timedelta(days=delta or (0 if same_day else 7))
    return anchor - dt.timedelta(days=(anchor.isoweekday() - weekday) % 7)


def nearest_year(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """Year for a day or month named without one: the year that puts it nearest the anchor, moved
    to the adjacent year when the tense says the date lies on the other side of the anchor."""
    def months_apart(year: int) -> int:
        return (year - anchor.year) * 12 + month - anchor.month

    year = min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: abs(months_apart(y)))
    if tense == "past" and months_apart(year) > 2:
        return year - 1
    if tense == "future" and months_apart(year) < -2:
        return year + 1
    return year


def two_digit_year(value: int, anchor: dt.date | None) -> int:
    """A two-digit year read in the century that puts it nearest the anchor (default: 1950–2049)."""
    pivot = anchor.year if anchor else 2000
    candidates = [c * 100 + value for c in (pivot // 100 - 1, pivot // 100, pivot // 100 + 1)]
    return min(candidates, key=lambda y: abs(y - pivot))


def holiday_date(year: int, spec: str) -> dt.date:
    """``"12-25"`` → 25 December; ``"11-W4-4"`` → the fourth Thursday of November."""
    parts = spec.split("-")
    month = int(parts[0])
    if len(parts) == 2:
        return make_date(year, month, int(parts[1]))
    weekday, nth = int(parts[1][1:]), int(parts[2])
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    return day
