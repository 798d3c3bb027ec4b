"""Language identification with lingua, restricted to supported languages and their confusables."""
from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("en", "ru")
# supported plus the languages most easily confused with them in news text
CANDIDATES = ("en", "ru", "uk", "kk", "be", "bg", "sr", "mk", "de", "fr", "es", "it", "tr", "az")


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CANDIDATES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of the text's main language, or (None, 0.0)."""
    sample = text[:5000]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def is_supported(code: str | None) -> bool:
    return code in SUPPORTED
