"""Transliteration and matching keys for names across scripts.

``ru_to_en`` romanises Russian (and Kazakh/Ukrainian letters) the way English-language news does
(BGN/PCGN-like: Токаев -> Tokayev, Дмитрий -> Dmitriy, Щ -> Shch, ь dropped). ``en_to_ru``
is a rough reverse used only for matching. ``match_key`` maps a name in any script onto one folded
Cyrillic key, so "Tokayev", "Tokaev" and "Токаев" share a key; ``slug`` turns that key into a stable,
readable Latin id part.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_RU_EN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh, Ukrainian and Belarusian letters, as news romanises them
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "w",
}
_VOWELS_RU = set("аеёиоуыэюяәөұүіїєь ъ")
_VOWELS_EN = set("aeiouy")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")

# Latin -> Cyrillic, longest first; only for building matching keys
_EN_RU = [
    ("shch", "щ"), ("sch", "ш"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("ju", "ю"), ("ja", "я"),
    ("ph", "ф"), ("th", "т"), ("ck", "к"), ("gh", "г"), ("x", "кс"), ("w", "в"), ("j", "дж"),
    ("q", "к"), ("c", "к"), ("h", "х"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"),
]
_EN_RU_RE = re.compile("|".join(re.escape(a) for a, _ in _EN_RU))
_EN_RU_MAP = dict(_EN_RU)
_FOLD = str.maketrans({
    "ё": "е", "э": "е", "й": "и", "ы": "и", "ъ": "", "ь": "", "ә": "а", "ғ": "г", "қ": "к",
    "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ї": "и", "є": "е", "ґ": "г",
    "ў": "в",
})
_CLEAN = str.maketrans({**{c: " " for c in "«»\"“”„'’‘`´()[]{}.,;:!?/\\"},
                        **{c: "-" for c in "‐‑‒–—―"}, "ё": "е", "Ё": "Е"})


def _word_ru_to_en(word: str, *, initial_ye: bool = True) -> str:
    out, prev = [], " " if initial_ye else "-"
    low = word.lower()
    for i, ch in enumerate(low):
        rom = _RU_EN.get(ch)
        if rom is None:
            rom = ch
        elif ch == "е" and prev in _VOWELS_RU:
            rom = "ye"
        elif ch == "й" and prev == "и" and i == len(low) - 1:
            rom = "y"  # -ий -> -iy
        elif ch == "й" and prev == "ы" and i == len(low) - 1:
            rom = ""  # -ый -> -y
        out.append(rom)
        prev = ch
    text = "".join(out)
    if word.isupper() and len(word) > 1:
        return text.upper()
    if word[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def ru_to_en(text: str, *, initial_ye: bool = True) -> str:
    """Romanise Cyrillic words (news conventions); other scripts go through anyascii."""
    parts = re.split(r"([\w\u0400-\u04FF]+)", text)
    out = []
    for part in parts:
        if _CYRILLIC.search(part):
            out.append(_word_ru_to_en(part, initial_ye=initial_ye))
        elif part.isascii():
            out.append(part)
        else:
            out.append(anyascii(part))
    return "".join(out)


def en_to_ru(text: str) -> str:
    """A rough Latin -> Cyrillic rendering (lower case), used to build matching keys."""
    low = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return _EN_RU_RE.sub(lambda m: _EN_RU_MAP[m.group(0)], low)


def normalize(text: str) -> str:
    """Case-folded, quote- and dash-normalised surface form used for exact lookups."""
    if text.isascii():
        if text.isalpha():
            return text.lower()
        return " ".join(text.translate(_CLEAN).lower().split())
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.translate(_CLEAN).casefold().split())


@lru_cache(maxsize=200_000)
def match_key(text: str) -> str:
    """One folded Cyrillic key for a name in any script ("Tokayev" and "Токаев" -> "токаев")."""
    text = normalize(text)
    if _LATIN.search(text) or not (text.isascii() or _CYRILLIC.search(text)):
        text = "".join(en_to_ru(_silent_e(w)) if not _CYRILLIC.search(w) else w
                       for w in re.split(r"(\s+|-)", text))
    text = text.translate(_FOLD).replace("дж", "ж").replace("тс", "ц").replace("ия", "иа")
    text = re.sub(r"(.)\1+", r"\1", text)
    text = re.sub(r"[^\w\s-]", "", text)
    return " ".join(text.replace("-", " - ").split()).replace(" - ", "-")


def _silent_e(word: str) -> str:
    """English drops a final e after a consonant ("Senate" ~ "Сенат", "Rose" ~ "Роз")."""
    if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiouy":
        return word[:-1]
    return word


def slug(text: str) -> str:
    """A stable Latin id part for a name in any script ("Шокан Уалиханов" -> "shokan-ualikhanov")."""
    key = match_key(text)
    latin = ru_to_en(key, initial_ye=False).lower()
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    return latin[:80] or "x"


def script(text: str) -> str:
    """'cyrl', 'latn' or 'other' for the letters of a name."""
    if _CYRILLIC.search(text):
        return "cyrl"
    if _LATIN.search(text):
        return "latn"
    return "other"
