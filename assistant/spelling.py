"""Slips in a question's English words corrected to the word meant ("colege" -> "college",
"agrement" -> "agreement"), so that search and the answerer see the word the documents use.

A general rule over general data, no word list: a word of `MIN_SLIP_LETTERS` letters or more
that the collection does not hold and that is rare in English as written (wordfreq) becomes
the word one edit away (a letter left out, added, changed, or two swapped) that the collection
holds, else among English's `CANDIDATE_WORDS` most frequent words the most frequent if it is
common (`MEANT_ZIPF`). Words the collection holds (names such as "Koester"), the
pinyin of its Chinese words ("Liming": 黎明, not "timing") and words with no candidate near
them are left as typed.

A word the collection lacks may also be clipped, as students type ("zibo poly", "univ",
"agri"): it stands for the whole English word it starts that the collection holds, when one
such word's stem is far more frequent there than any other's (`completed`). Not a common
whole word ("cost"), not a capitalised name inside a sentence ("Expo").
"""

from __future__ import annotations

import bisect
import itertools
import re
import string
from functools import lru_cache

from assistant.answerers.concepts.word_frequency import load_word_frequencies, zipf
from retrieval.crosslingual.pinyin import spells_pinyin
from retrieval.crosslingual.translator import translator_for
from retrieval.lexical import LexicalIndex
from retrieval.tokenize import stemmer, tokenize

SLIP_ZIPF = 2.0  # rarer than this as written may be a slip (colege 1.3; mechatronics 2.2 stays)
MEANT_ZIPF = 3.0  # a correction the collection does not hold must be at least this common
MIN_SLIP_LETTERS = 4  # shorter words have too many neighbours ("wen": we, when, win, ten)
LONG_SLIP_LETTERS = 8  # this long, two slips ("apprentiship"); dev (563) must_include .822 -> .825
CANDIDATE_WORDS = 50_000  # wordfreq's most frequent English words: the corrections allowed
# A word the collection lacks may be clipped ("poly", "univ", "agri", `completed`):
CLIPPED_ZIPF = 4.0  # when rarer than this as written ("cost" is no clipped "costume")
MIN_CLIPPED_LETTERS = 3  # and a syllable shorter than the whole word ("dept" is no "depths")
CLIPPED_DOMINANCE = 3.0  # whose stem is in this many times the documents of any other one's
_WORD = re.compile(r"(?<![\w'-])[A-Za-z]+(?![\w'-])")
# Letters that are no word to pronounce (no vowel after the first letter): an acronym, left as
# typed ("avtc" is no slip of "lvtc": two colleges).
_INITIALS = re.compile(r"[a-z][b-df-hj-np-tv-xz]{2,5}")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The English words a slip may be corrected to (wordfreq's most frequent)."""
    from wordfreq import top_n_list

    load_word_frequencies("en")
    return frozenset(w for w in top_n_list("en", CANDIDATE_WORDS) if w.isalpha())


@lru_cache(maxsize=1)
def sorted_english_words() -> tuple[str, ...]:
    """`english_words` in order, for looking up the words that start alike."""
    return tuple(sorted(english_words()))


def _one_edit(word: str) -> set[str]:
    """Every string one edit from `word` (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = string.ascii_lowercase
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | swaps | changes | inserts


def _held(word: str, index: LexicalIndex) -> bool:
    return any(index.doc_freq.get(t, 0) > 0 for t in tokenize(word))


def completed(word: str, index: LexicalIndex) -> str | None:
    """The whole word a clipped one stands for ("poly": polytechnic, "univ": university):
    the English word starting with it, `MIN_CLIPPED_LETTERS` longer or more, whose stem the
    collection holds, when one stem is held far more often than any other ("dept": depth or
    department, "stat": state or statistics, is left as typed); None when there is none."""
    words = sorted_english_words()
    start = bisect.bisect_left(words, word)
    by_stem: dict[str, list[str]] = {}
    for candidate in itertools.takewhile(lambda w: w.startswith(word), words[start:]):
        if len(candidate) - len(word) >= MIN_CLIPPED_LETTERS:
            by_stem.setdefault(stemmer().stemWord(candidate), []).append(candidate)
    held = sorted(((index.doc_freq.get(stem, 0), stem) for stem in by_stem), reverse=True)
    held = [(n, stem) for n, stem in held if n]
    if not held or (len(held) > 1 and held[0][0] < CLIPPED_DOMINANCE * held[1][0]):
        return None
    return max(by_stem[held[0][1]], key=lambda w: (zipf(w), w))


def meant(word: str, index: LexicalIndex, clipped: bool = True) -> str:
    """The word meant by `word` (lower case), or `word` when it is not taken for a slip;
    `clipped`: it may also be a clipped word (not for a capitalised one inside a sentence,
    a name: "Expo" is no "exports")."""
    if len(word) < MIN_SLIP_LETTERS or _held(word, index) or _INITIALS.fullmatch(word):
        return word
    if translator_for(index).spells_name(word):
        return word  # a name of the collection's Chinese in pinyin ("Liming": 黎明)
    if clipped and zipf(word) < CLIPPED_ZIPF:
        whole = completed(word, index)
        if whole is not None:
            return whole
    if zipf(word) >= SLIP_ZIPF:
        return word
    edits = _one_edit(word)
    candidates = edits & english_words()
    # The collection's own words are meant too, even when rare in English ("daylillies":
    # the documents' "daylilies"); not for a word that spells pinyin, a Chinese name the
    # collection lacks ("Nantong" is no slip of "Wantong").
    ordered = sorted(candidates if spells_pinyin(word) else edits)
    held = [
        c
        for c, stem in zip(ordered, stemmer().stemWords(ordered), strict=True)
        if index.doc_freq.get(stem, 0) > 0
    ]
    common = [c for c in candidates if zipf(c) >= MEANT_ZIPF]
    pool = held or common
    if pool:
        return max(pool, key=lambda c: (c in candidates, zipf(c), c))
    return _two_edits(word, index) if len(word) >= LONG_SLIP_LETTERS else word


def _two_edits(word: str, index: LexicalIndex) -> str:
    """The most common English word two edits from a long `word` whose stem the collection
    holds, or `word` when there is none."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    near = extract(
        word, sorted_english_words(), scorer=Levenshtein.distance, score_cutoff=2, limit=None
    )
    held = [w for w, _, _ in near if index.doc_freq.get(stemmer().stemWord(w), 0) > 0]
    return max(held, key=lambda w: (zipf(w), w)) if held else word


def corrected(text: str, index: LexicalIndex) -> str:
    """`text` with the slips of its English words corrected (case of the first letter kept)."""

    def fix(match: re.Match[str]) -> str:
        typed = match.group()
        named = typed[0].isupper() and bool(text[: match.start()].strip())
        word = meant(typed.lower(), index, clipped=not named)
        if word == typed.lower():
            return typed
        return word.capitalize() if typed[0].isupper() else word

    return _WORD.sub(fix, text)
