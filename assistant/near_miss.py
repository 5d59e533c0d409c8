"""Near misses: a question as close to a curated one as a paraphrase, about another thing.

For multilingual-e5-small "What are the canteen opening hours?" is as close to "What are the
library opening hours?" as a true rewording is, so a similarity threshold alone cannot tell
them apart. The model itself can, one word at a time: leaving "library" out of the curated
question brings it *closer* to the canteen question (the visitor did not ask about the
library), and leaving "canteen" out of the visitor's question brings it closer to the
curated one. A paraphrase says the curated question's words in its own way, so leaving one
out does not bring the two closer. A word whose removal brings its question closer to the
other one is *unshared*; a pair with an unshared word on both sides asks about another
thing (a near miss), while a word only one side adds ("… and close?") is not enough.

The words left out are a question's content words (`content_words`: no question words,
grammar or search sub-words), in Chinese and English alike. A word the other question says
in so many words (the word itself, a Chinese word inside a longer one, or a synonym by
CC-CEDICT: two words with a Chinese translation in common) is shared whatever the vectors
say. No word list about particular content; thresholds are measured by
`python -m eval.curated_match` on the dev pairs.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from assistant.answerers.concepts import content_words
from assistant.meaning import MeaningVectors
from corpus.language import has_cjk
from retrieval.crosslingual import dictionary
from retrieval.tokenize import tokenize_query

# A word whose removal moves its own question by less than this (1 - cosine) weighs nothing:
# too slight to judge. Dev pairs: 0 and 0.005 gave the same figures, 0.01 and more less recall.
MIN_WEIGHT = 0.005
# A word is unshared when leaving it out raises the similarity to the other question by at
# least this share of its weight (dev pairs: 0.1 and 0.2 gave the same figures, 0 and 0.3
# less recall at precision 0.95).
UNSHARED_MARGIN = 0.1


def without(text: str, word: str) -> str:
    """`text` with the first occurrence of `word` left out (an English word whole)."""
    if has_cjk(word):
        return text.replace(word, "", 1)
    left = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", "", text, count=1, flags=re.I)
    return re.sub(r"\s{2,}", " ", left).strip()


@lru_cache(maxsize=4096)
def senses(word: str) -> frozenset[str]:
    """The Chinese words (CC-CEDICT) a word stands for: an English word's translations; a
    Chinese word itself and the translations of its English definitions. Two words that
    share one are synonyms (企业 and 公司 are both "company"; "school" and "college" 学院)."""
    if has_cjk(word):
        found = {word}
        for definition in dictionary().english(word):
            found.update(chinese for _, chinese in dictionary().chinese(definition))
        return frozenset(found)
    return frozenset(chinese for _, chinese in dictionary().chinese(word))


def said_in(word: str, text: str, words: list[str]) -> bool:
    """Whether `text` (whose content words are `words`) has `word` in so many words: the word
    itself (a Chinese word inside a longer one, an English word by its stem) or a synonym by
    the dictionary."""
    if has_cjk(word) and word in text:
        return True
    own, theirs = tokenize_query(word), set(tokenize_query(text))
    if own and all(t in theirs for t in own):
        return True
    mine = senses(word)
    return any(mine & senses(other) for other in words)


def unshared_words(
    text: str, vector: np.ndarray, other_text: str, other: np.ndarray, vectors: MeaningVectors
) -> list[str]:
    """The content words of `text` (whose unit vector is `vector`) that `other_text` (vector
    `other`) does not ask about: not said in it, and leaving the word out brings `text`
    closer to it."""
    similarity = float(vector @ other)
    other_words = content_words(other_text)
    found: list[str] = []
    for word in content_words(text):
        if said_in(word, other_text, other_words):
            continue  # the same word or a synonym: shared, whatever the vectors say
        left = without(text, word)
        if left == text or not left:
            continue
        reduced = vectors.one(left)
        weight = 1.0 - float(reduced @ vector)
        if weight < MIN_WEIGHT:
            continue
        if similarity - float(reduced @ other) <= -UNSHARED_MARGIN * weight:
            found.append(word)
    return found


def is_near_miss(
    question: str,
    question_vector: np.ndarray,
    variant: str,
    variant_vector: np.ndarray,
    vectors: MeaningVectors,
) -> bool:
    """Whether `question` asks about another thing than the curated `variant` (each side has
    an unshared word). The variant's side is checked first: most paraphrases stop there."""
    if not unshared_words(variant, variant_vector, question, question_vector, vectors):
        return False
    return bool(unshared_words(question, question_vector, variant, variant_vector, vectors))
