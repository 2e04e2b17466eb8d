"""The language of an article that does not say: a cheap English test first
(the share of English function words), then ``lingua``'s detector, which ships
its own models, for the texts that do not clearly read as English.

The detector is built once per process over ``LANGUAGES``, the languages news
most often comes in (fewer candidates: faster and surer); its models load
lazily, per language, on first use. The ``language`` field of an article
overrides all of this.
"""
from __future__ import annotations

import functools
import re

__all__ = ["guess_language", "language_code", "LANGUAGES"]

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    "the of and to a in is that for it on with as was by he said at from his be have has are an not this "
    "but they were which or had its their will would who been after also we more than one new there".split()
)
#: above this share of English function words a text is English without asking lingua
_CLEARLY_ENGLISH = 0.2
#: the detector's candidates (lingua ``Language`` names)
LANGUAGES = (
    "ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN", "UKRAINIAN",
    "POLISH", "TURKISH", "ARABIC", "PERSIAN", "HINDI", "CHINESE", "JAPANESE", "KOREAN", "INDONESIAN",
)
_SAMPLE = 2000  # characters of words the detector reads
_WINDOW = 20000  # characters searched for those words: digits, markup and symbols are skipped
_MIN_WORDS = 8
_MIN_CONFIDENCE = 0.5


def guess_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of ``text``'s language; ``default`` when the text is too
    short to tell or the detector is unsure. Only words count: a table of
    figures or a run of digits before the prose does not hide its language."""
    words = _WORD.findall(text[:_WINDOW].lower())
    if len(words) >= _MIN_WORDS and sum(map(_ENGLISH.__contains__, words)) / len(words) >= _CLEARLY_ENGLISH:
        return "en"  # plainly English: no sample, no detector
    sample = _words_sample(words)
    if len(words) < _MIN_WORDS and not _unspaced_script(sample):
        return default
    best = _detector().compute_language_confidence_values(sample)
    if not best or best[0].value < _MIN_CONFIDENCE:
        return default
    return best[0].language.iso_code_639_1.name.lower()


def _words_sample(words: list[str]) -> str:
    out, size = [], 0
    for w in words:
        out.append(w)
        size += len(w) + 1
        if size >= _SAMPLE:
            break
    return " ".join(out)


def language_code(value: str | None) -> str | None:
    """``"en-US"``, ``"EN"``, ``"en_GB"`` -> ``"en"``."""
    if not value:
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None


def _unspaced_script(text: str) -> bool:
    """Chinese or Japanese: many letters and few spaces, which the word count misses."""
    return len(text) >= 20 and text.count(" ") < len(text) / 20


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in LANGUAGES)).build()
