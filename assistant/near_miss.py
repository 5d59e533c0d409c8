"""Near misses: a question as close to a curated one as a paraphrase, about another thing.

For multilingual-e5-small "What are the canteen opening hours?" is as close to "What are the
library opening hours?" as a true rewording is, so a similarity threshold alone cannot tell
them apart. The model itself can, one word at a time: leaving "library" out of the curated
question brings it *closer* to the canteen question (the visitor did not ask about the
library), and leaving "canteen" out of the visitor's question brings it closer to the
curated one. A paraphrase says the curated question's words in its own way, so leaving one
out does not bring the two closer. Words whose removal brings their question closer to the
other one are *unshared*; a pair with unshared words on both sides asks about another thing
(a near miss), while words only one side adds ("… and close?") are not enough.

The words left out are a question's content words (`content_words`), adjacent ones together
("swimming pool"), and its asking words that the other question does not use (`asking_words`:
"how many" against "how long", 几本 against 多久). A content word the other question says in
so many words (the word itself, a Chinese word inside a longer one, or a synonym by CC-CEDICT:
two words with a Chinese translation in common) is shared whatever the vectors say. No word
list about particular content; the thresholds are measured by `python -m eval.curated_match`
on the dev pairs.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from assistant.answerers.concepts import asking_words, content_words
from assistant.meaning import MeaningVectors
from corpus.language import has_cjk
from retrieval.crosslingual import dictionary
from retrieval.tokenize import tokenize_query

# Words whose removal moves their own question by less than this (1 - cosine) weigh nothing:
# too slight to judge. Dev pairs, recall at precision 0.95: 0.395 here, 0.342 at 0 and 0.005,
# 0.211 at 0.02.
MIN_WEIGHT = 0.01
# A visitor's words are unshared when leaving them out raises the similarity to the curated
# question by at least this share of their weight. Dev pairs, recall at precision 0.95:
# 0.395 here, 0.368 at 0 and -0.1, 0.237 at 0.2 and 0.3 (a narrow optimum on 64 pairs).
UNSHARED_MARGIN = 0.1
# The curated question's words are unshared on weaker evidence: leaving them out lowers the
# similarity to the visitor's question by less than this share of their weight (the visitor
# does not lean on them: "car" against "Can I bring my pet …"). Dev pairs: the same recall at
# precision 0.95 from -0.1 to 0.3; at 0.1 the check turns away 20 of 26 near misses and 4 of
# 38 paraphrases (17 and 4 at 0 and -0.1, 20 and 6 at 0.2).
CURATED_MARGIN = 0.1


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


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where `words` stand in `text` (first occurrence, an English word whole), adjacent ones
    joined: "swimming pool" is left out as one thing, not word by word."""
    found: list[tuple[int, int]] = []
    for word in words:
        if has_cjk(word):
            start = text.find(word)
            span = (start, start + len(word)) if start >= 0 else None
        else:
            m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, flags=re.I)
            span = m.span() if m else None
        if span is not None:
            found.append(span)
    joined: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if joined and not text[joined[-1][1] : start].strip(" -"):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def unshared_words(
    text: str,
    vector: np.ndarray,
    other_text: str,
    other: np.ndarray,
    vectors: MeaningVectors,
    margin: float = UNSHARED_MARGIN,
) -> list[str]:
    """The words of `text` (whose unit vector is `vector`) that `other_text` (vector `other`)
    does not ask: content words it does not say (adjacent ones left out together) and asking
    words it does not use ("how many" / "how long"), each of which, left out, brings `text`
    closer to it by `margin` of their weight (a negative margin: take it less far away)."""
    similarity = float(vector @ other)
    other_words = content_words(other_text)
    unsaid = [w for w in content_words(text) if not said_in(w, other_text, other_words)]
    theirs = {w.lower() for w in asking_words(other_text)}
    asked = [
        w
        for w in asking_words(text)
        if w.lower() not in theirs and not (has_cjk(w) and w in other_text)
    ]
    found: list[str] = []
    for start, end in spans(text, unsaid) + [s for w in asked for s in spans(text, [w])]:
        left = re.sub(r"\s{2,}", " ", text[:start] + text[end:]).strip()
        if not left:
            continue
        reduced = vectors.one(left)
        weight = 1.0 - float(reduced @ vector)
        if weight < MIN_WEIGHT:
            continue
        if similarity - float(reduced @ other) <= -margin * weight:
            found.append(text[start:end])
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
    if not unshared_words(
        variant, variant_vector, question, question_vector, vectors, -CURATED_MARGIN
    ):
        return False
    return bool(unshared_words(question, question_vector, variant, variant_vector, vectors))
