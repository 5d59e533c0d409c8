"""How frequent a word is in general use (wordfreq's Zipf scale) and so how specific."""

from __future__ import annotations

import threading
from functools import lru_cache

from corpus.language import has_cjk

EVERYDAY_ZIPF = 5.0  # words this frequent in general use (Zipf) cost nothing when missing
RARE_ZIPF = 3.5  # words this rare cost the whole UNKNOWN_TERM_PENALTY


def specificity(word: str) -> float:
    """How specific a word is in everyday language, 0 (everyday) to 1 (rare)."""
    return min(1.0, max(0.0, (EVERYDAY_ZIPF - zipf(word)) / (EVERYDAY_ZIPF - RARE_ZIPF)))


_frequency_lock = threading.Lock()
_frequency_languages: set[str] = set()


def load_word_frequencies(language: str) -> None:
    """Load wordfreq's table of one language ("en", "zh") once per process.

    wordfreq builds a table (and, for Chinese, its own jieba) on first use without a lock:
    sixteen concurrent first questions each built it, and the first seconds of serving went
    to that. The server's warm-up calls this for both languages.
    """
    if language in _frequency_languages:
        return
    with _frequency_lock:
        if language not in _frequency_languages:
            from wordfreq import zipf_frequency

            zipf_frequency("这些" if language == "zh" else "these", language)
            _frequency_languages.add(language)


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """A word's frequency in large general corpora (wordfreq's Zipf scale, English or
    Chinese): 6 for "these" or 这些, 3 for "embroidery"."""
    from wordfreq import zipf_frequency

    language = "zh" if has_cjk(word) else "en"
    load_word_frequencies(language)
    return float(zipf_frequency(word, language))
