"""Normal forms of mentions.

Russian: natasha inflects a multiword name to the nominative keeping agreement ("Шанхайской
организации сотрудничества" -> "Шанхайская организация сотрудничества"); where it gives nothing
usable the surface is kept. English: handled where candidates are cut (titles, "the", possessives).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=100_000)
def ru_lemma(word: str) -> str:
    """The most likely pymorphy3 lemma of a Russian word (lower-cased)."""
    from ... import models

    parses = models.morph_ru().parse(word.lower())
    return parses[0].normal_form if parses else word.lower()


def russian_normal(span: Any, vocab: Any) -> str:
    """Nominative form of a natasha span, with the surface's capitalisation kept per word."""
    try:
        span.normalize(vocab)
        normal = span.normal or span.text
    except Exception:  # natasha fails on odd token mixes; the surface is still a usable name
        return span.text
    return recase(normal, span.text)


def recase(normal: str, surface: str) -> str:
    """Give each word of ``normal`` the capitalisation of the surface word in the same place."""
    words, original = normal.split(" "), surface.split(" ")
    if len(words) != len(original):
        return normal
    out = []
    for word, orig in zip(words, original):
        caps = len(orig) - len(orig.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"))
        if orig.isupper() and len(orig) > 1:
            out.append(word.upper())
        elif caps >= 2:  # an abbreviation with a case ending: "МИДа" -> "МИД"
            out.append(word[:caps].upper() + word[caps:])
        elif orig[:1].isupper():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_GENDERS = {"Masc": "masc", "Fem": "femn"}
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def person_nominative(words: list[str], *, case: str | None, gender: str | None) -> list[str] | None:
    """Words of a person's name put in the nominative, all agreeing with the first name's case and
    gender (natasha sometimes leaves the surname inflected: "Касым-Жомарт Токаева")."""
    want_case = _CASES.get(case or "")
    if want_case is None:
        return None
    if want_case == "nomn":
        return list(words)
    from ... import models

    morph, want_gender = models.morph_ru(), _GENDERS.get(gender or "")
    out = []
    for word in words:
        out.append(_inflect_name(morph, word, want_case, want_gender) or word)
    return out


def _inflect_name(morph: Any, word: str, case: str, gender: str | None) -> str | None:
    if not any("а" <= ch <= "я" or ch == "ё" for ch in word.lower()):
        return None
    parses = [p for p in morph.parse(word.lower()) if p.tag.case == case
              and (gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag)]
    parses.sort(key=lambda p: (not (_NAME_TAGS & p.tag.grammemes), -p.score))
    for parse in parses[:1]:
        form = parse.inflect({"nomn", "sing"} if parse.tag.number == "sing" else {"nomn"})
        if form is not None:
            return recase_word(form.word, word)
    return None


def recase_word(word: str, like: str) -> str:
    """Capitalise each hyphen-joined part of ``word`` as in ``like``."""
    parts, model = word.split("-"), like.split("-")
    if len(parts) != len(model):
        return word[:1].upper() + word[1:] if like[:1].isupper() else word
    return "-".join(p.upper() if m.isupper() and len(m) > 1 else (p[:1].upper() + p[1:] if m[:1].isupper() else p)
                    for p, m in zip(parts, model))


def nominative_words(words: list[str], feats: list[dict]) -> list[str]:
    """Adjectives + a noun in the nominative, the adjectives agreeing with the noun's gender
    ("Тяньцзиньскую декларацию" -> "Тяньцзиньская декларация")."""
    from ... import models

    morph = models.morph_ru()
    head = _pick(morph, words[-1], feats[-1], "NOUN")
    if head is None:
        return list(words)
    number = head.tag.number or "sing"
    noun = head.inflect({"nomn", number})
    out = []
    for word, feat in zip(words[:-1], feats[:-1]):
        adj = _pick(morph, word, feat, "ADJF")
        want = {"nomn", number} | ({head.tag.gender} if number == "sing" and head.tag.gender else set())
        form = adj.inflect(want) if adj else None
        out.append(recase_word(form.word, word) if form else word)
    out.append(recase_word(noun.word, words[-1]) if noun else words[-1])
    return out


def _pick(morph: Any, word: str, feat: dict, pos: str):
    case = _CASES.get(feat.get("Case", ""))
    parses = [p for p in morph.parse(word.lower()) if p.tag.POS == pos]
    matching = [p for p in parses if case is None or p.tag.case == case]
    return (matching or parses or [None])[0]
