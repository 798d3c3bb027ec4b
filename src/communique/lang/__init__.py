"""Per-language data files: one loader for every component's ``<something>_<lang>.json``.

``data_file(__file__, "triggers_{lang}.json", doc.lang)`` reads the file named
by ``pattern`` next to ``anchor`` (a module's ``__file__``, a folder or a module), for a language
code of ISO 639-1/-3 letters (lower-cased). A code of anything else ("", "en-US", "../x") or a
missing file is "no data" (None); a file that is not UTF-8 JSON holding an object raises
``LanguageDataError`` naming it. Files are read once per process: do not mutate what is returned.

The resources of this package itself live in ``lang/<code>/<name>.json`` (see ``load``).
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from types import ModuleType

_CODE = re.compile(r"[a-z]{2,3}")
Anchor = str | os.PathLike | ModuleType


from ..errors import E, LanguageDataError

__all__ = ["LanguageDataError", "clear_cache", "data_file", "language_code", "load"]


def language_code(lang: object) -> str | None:
    """``lang`` lower-cased when it is an ISO 639-1/-3 code (2 or 3 ASCII letters), else None."""
    if not isinstance(lang, str):
        return None
    code = lang.lower()
    return code if _CODE.fullmatch(code) else None


def data_file(anchor: Anchor, pattern: str, lang: object) -> dict | None:
    """The JSON object of the file ``pattern`` (``{lang}`` replaced by the code) beside ``anchor``;
    None for a code that is not one or a file that does not exist. Read once, then cached."""
    if "{lang}" not in pattern:
        raise ValueError(f"pattern {pattern!r} has no '{{lang}}' placeholder")
    code = language_code(lang)
    if code is None:
        return None
    if isinstance(anchor, ModuleType):
        if not anchor.__file__:
            raise ValueError(f"module {anchor.__name__} has no file to anchor data files to")
        anchor = anchor.__file__
    return _read(os.fspath(anchor), pattern.replace("{lang}", code))


@lru_cache(maxsize=None)
def _read(anchor: str, name: str) -> dict | None:
    base = Path(anchor)
    base = (base if base.is_dir() else base.parent).resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return _parse(path)


@lru_cache(maxsize=None)
def _parse(path: Path) -> dict:
    """The file's JSON object, read once however the file was reached."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise E.E104.exc(path=path, reason=f"not UTF-8 ({err.reason})") from err
    except json.JSONDecodeError as err:
        raise E.E104.exc(path=path, reason=f"malformed JSON at line {err.lineno}, "
                                           f"column {err.colno}: {err.msg}") from err
    if not isinstance(data, dict):
        raise E.E104.exc(path=path, reason=f"holds a JSON {type(data).__name__}, not an object")
    return data


def clear_cache() -> None:
    """Forget every file read (for tests and for data edited while running)."""
    _read.cache_clear()
    _parse.cache_clear()


def load(lang: str, name: str) -> dict:
    """The resource ``name`` of language ``lang``, or {} where that language has none."""
    if not re.fullmatch(r"[\w\-]+", name):
        return {}
    data = data_file(__file__, "{lang}/" + name + ".json", lang)
    return {} if data is None else data
