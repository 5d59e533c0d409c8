"""An English question cut into the phrases the dictionary translates."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.tokenize import STOPWORDS_EN

MAX_PHRASE_WORDS = 3  # longest English phrase looked up in the dictionary
# Words of a question's grammar ("how many") that have no content to translate: CC-CEDICT's
# 多个 / 不少 / 大多 are rare enough in a collection to pull up chunks that merely use them.
UNTRANSLATED_EN = frozenset({"many", "much"})
# English particles of phrasal verbs ("set up", "carry out") and "of" of "consist of", looked
# up with their verb: dev (563) must_include 0.840 -> 0.842 with "of" (unchanged without it).
PARTICLES = frozenset({"up", "out", "off", "down", "over", "back", "away", "on", "in", "of"})
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_POSSESSIVE = re.compile(r"'s?$")  # "the State Council's opinions": look up "State Council"


def english_pairs(
    query: str, look_up: Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The question's content words in the phrases the dictionary translates (the
    phrasing that translates the most of them), each with its best-placed translations
    (a word alone may also be a name spelled in pinyin) and all the senses the
    collection holds (`look_up`: a phrase's best-placed translations and its senses)."""
    tokens = [_POSSESSIVE.sub("", w) for w in _LATIN_WORD.findall(query)]
    at = [
        k
        for k, w in enumerate(tokens)
        if w.lower() not in STOPWORDS_EN and w.lower() not in UNTRANSLATED_EN
    ]
    words = [tokens[k] for k in at]

    def phrases(i: int, size: int) -> list[str]:
        """Words i..i+size of the content words: with the particle after them ("set
        up": 组建, not "set": 系列), as written, with the small words between them
        ("Ministry of Education"), then without them."""
        plain = " ".join(words[i : i + size])
        end = at[i + size - 1] + 1
        written = " ".join(tokens[at[i] : end])
        out = [written, plain] if written != plain else [plain]
        if end < len(tokens) and tokens[end].lower() in PARTICLES:
            out.insert(0, f"{written} {tokens[end]}")
        return out

    # The phrasing that translates the most words, then in the fewest phrases, then
    # with the longer phrase first: "Economic | Development Zone" (经济, 开发区) rather
    # than "Economic Development | Zone" (经济发展, and no 区).
    found: dict[tuple[int, int], tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    best: list[tuple[int, int, list[tuple[int, int]]]] = [(0, 0, [])] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        options = [best[i + 1]]  # word i untranslated
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            for phrase in phrases(i, size):
                targets, senses = look_up(phrase)
                if targets:
                    found[i, size] = (phrase, targets, senses)
                    covered, count, spans = best[i + size]
                    options.append((covered + size, count - 1, [(i, size), *spans]))
                    break
        best[i] = max(options, key=lambda option: option[:2])
    return [found[i, size] for i, size in best[0][2]]
