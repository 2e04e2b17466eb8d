"""Document tone in GDELT's V1.5TONE shape, from the VADER lexicon that ships
inside the ``vaderSentiment`` package (7,500 words and emoticons rated -4..+4).

GDELT's fields: tone (positive minus negative), positive score and negative
score (percent of words carrying positive / negative valence), polarity (their
sum), activity reference density, self/group reference density (percent of
words that are first-person pronouns), word count. newsgraph leaves activity
density empty: it has no activity-word list, and an invented one would pass
for GDELT's.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Tone", "tone"]

_WORD = re.compile(r"[a-z][a-z'’-]*")
_SELF_GROUP = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
_NEGATORS = frozenset({"not", "no", "never", "n't", "nor", "without", "hardly"})


@functools.lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {w: v for w, v in SentimentIntensityAnalyzer().lexicon.items() if w.isalpha()}


@dataclass(frozen=True)
class Tone:
    tone: float
    positive: float
    negative: float
    polarity: float
    self_group: float
    words: int

    def gkg(self) -> str:
        """The V1.5TONE field: seven comma-separated numbers."""
        return ",".join(
            [f"{self.tone:.4f}", f"{self.positive:.4f}", f"{self.negative:.4f}", f"{self.polarity:.4f}", "", f"{self.self_group:.4f}", str(self.words)]
        )


def tone(text: str) -> Tone:
    lex = _lexicon()
    words = _WORD.findall(text.lower())
    pos = neg = own = 0
    for i, w in enumerate(words):
        if w in _SELF_GROUP:
            own += 1
        v = lex.get(w)
        if v is None:
            continue
        # "not good" is not positive: a negator just before flips the word
        if i and (words[i - 1] in _NEGATORS or words[i - 1].endswith("n't")):
            v = -v
        if v > 0:
            pos += 1
        elif v < 0:
            neg += 1
    n = len(words) or 1
    p, q = 100 * pos / n, 100 * neg / n
    return Tone(p - q, p, q, p + q, 100 * own / n, len(words))
