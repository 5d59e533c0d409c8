"""Parsing a question into weighted concepts: its content words weighted by rarity in the
collection, their translations, names, the thing asked for and the answer type."""

from __future__ import annotations

import re

from assistant.answerers.concepts.answer_types import (
    ASKING_WORD,
    SPECIFIC_TYPES,
    YEAR,
    answer_type,
    asks_more,
)
from assistant.answerers.concepts.concept import NUMBER, Concept, asks_deputy
from assistant.answerers.concepts.focus import focus_tokens
from assistant.answerers.concepts.question import Question
from assistant.answerers.concepts.question_words import (
    candidate_tokens,
    fragment_of,
    proper_tokens,
    stems,
    straddles,
    tagged,
)
from assistant.answerers.concepts.word_frequency import specificity, zipf
from assistant.query import Query
from corpus.language import has_cjk
from retrieval.crosslingual.dictionary import dictionary
from retrieval.crosslingual.pinyin import spells_pinyin
from retrieval.crosslingual.translator import translator_for
from retrieval.lexical import LexicalIndex
from retrieval.tokenize import tokenize_query

UNKNOWN_TERM_PENALTY = 0.4  # a missing specific word the collection has never seen
# A word no document uses and this frequent in general use (这些 6.0, 今天 5.7, "today" 5.6)
# is grammar, not a thing asked; "tomorrow" 5.0 and "weather" 4.9 stay (docs/evaluation.md).
FUNCTION_ZIPF = 5.5
FOCUS_PENALTY = 0.3  # a missing answer type or the thing asked for ("学费是多少")
NUMBER_PENALTY = 0.4  # a missing number or year of the question ("in 2025")
TYPED_VALUE_PENALTY = 0.6  # no value of a specific type asked (a year, a sum of money …)
FOCUS_WEIGHT = 2.0  # the thing asked for weighs double
CARRIED_WEIGHT = 0.5  # words a follow-up carries from earlier turns weigh half
_NUMBER_SIGN = re.compile(r"\b(?:No|Nr)\.\s*(?=\d)", re.IGNORECASE)
# A small number as Chinese text writes it ("No. 2" is 第二, "2 classes" 两个班).
_CHINESE_NUMERALS: dict[str, tuple[str, ...]] = {
    str(n): (word,) + (("两",) if n == 2 else ())
    for n, word in enumerate("一二三四五六七八九十", start=1)
}
_GRAMMAR_TAGS = frozenset("rdpcuyeo")  # jieba: pronoun, adverb, preposition, conjunction …


def parse_question(query: Query, index: LexicalIndex) -> Question:
    """The concepts of `query`, weighted by rarity in `index`.

    Words a follow-up carries from earlier turns weigh CARRIED_WEIGHT and cost nothing when
    missing.
    """
    asked, carried = query.asked, query.carried
    concepts = _word_concepts(asked, index, 1.0)
    names = {c.name for c in concepts}
    concepts += [c for c in _word_concepts(carried, index, CARRIED_WEIGHT) if c.name not in names]
    wanted = answer_type(asked)
    asking = ASKING_WORD.get(wanted) if wanted is not None else None
    if asking is not None:  # 文号, "share": what is asked, not a word the answer must hold
        concepts = [c for c in concepts if not asking.fullmatch(c.name)]
    if wanted is not None and concepts:
        # Sentences holding a count or a date rank as if they held the rarest word.
        typed = wanted is YEAR or (wanted in SPECIFIC_TYPES and not asks_more(asked, wanted))
        penalty = TYPED_VALUE_PENALTY if typed else FOCUS_PENALTY  # a count, or two values
        heaviest = max(c.weight for c in concepts)
        concepts.append(Concept("<answer type>", heaviest, (), penalty, wanted))
    return Question(query.text, tuple(concepts))


def _word_concepts(text: str, index: LexicalIndex, scale: float) -> list[Concept]:
    text = _NUMBER_SIGN.sub("", text)  # "No. 2 Vocational School": the number is the word
    translations = _translations(text, index)
    focus = focus_tokens(text)
    surface = {stem: word for word, stem in stems(text)}
    concepts: list[Concept] = []
    seen: set[str] = set()
    kept = candidate_tokens(tokenize_query(text) if text else ())
    names = proper_tokens(text) if text and scale == 1.0 else frozenset()
    # Segmentation debris (建了, 年招 of "09年招多少人"): a Chinese word no document holds, no
    # dictionary knows and no name contains cannot be answered for, and weighing it only
    # lowered the support; the words inside it stand instead (实习 of 实习期). Dev (263):
    # must_include 0.769 -> 0.784, answerable refused 0.087 -> 0.072, one unanswerable
    # answered (refused again by JOINT_ACT_NAME_PENALTY).
    kept = [t for t in kept if not _debris(t, index, translations, names)]
    for token in kept:
        if token in seen or fragment_of(token, kept):
            continue
        if straddles(token, kept, text):
            continue  # 院办 of 国务院|办公厅: a search sub-word across two words
        held = index.doc_freq.get(token, 0) > 0
        seen.add(token)
        # A Chinese word stands for the search sub-words it contains (南海区: 南海, 海区)
        # and takes their translations (南海 is Nanhai).
        parts = [t for t in kept if t != token and has_cjk(t) and t in token]
        proper = token in names or (has_cjk(token) and any(token in n for n in names))
        # A name's parts lend it only their names (南海区: Nanhai), not their dictionary
        # senses: 福建师范大学 is not any "college".
        lent = (
            term
            for t in parts
            for term in translations.get(t, ())
            if not proper or spells_pinyin(term)
        )
        other = tuple(dict.fromkeys((*translations.get(token, ()), *lent))) + _CHINESE_NUMERALS.get(
            token, ()
        )
        known = held or bool(other)
        weight = index.idf(token) * scale
        if zipf(surface.get(token, token)) >= FUNCTION_ZIPF and (
            not known or _grammar_word(token, text)
        ):
            continue  # 这些, 今天: grammar no document needs to repeat, not a thing asked
        # Only a specific word the collection lacks says it cannot answer ("tuition"), or a
        # Latin-script name it holds in neither language ("Nantong", and no 南通; a Chinese
        # name may be cut otherwise by jieba): everyday words ("went", "一共"), slang and
        # typos no dictionary knows say nothing.
        unknown = 0.0
        principal = False
        is_focus = False
        if not known and (dictionary().knows(token) or (token in names and not has_cjk(token))):
            unknown = UNKNOWN_TERM_PENALTY * specificity(surface.get(token, token))
        if not known and not proper and _phrasing_word(surface.get(token, token)):
            # An everyday word no document uses that cannot name a thing ("roughly",
            # "supposed") is phrasing: it weighs by how specific it is, not as the rarest.
            # Dev (563): must_include 0.836 -> 0.838, answerable refused 0.055 -> 0.050.
            weight *= specificity(surface.get(token, token))
        penalty = unknown
        if NUMBER.fullmatch(token):
            penalty = NUMBER_PENALTY
        elif token in focus:
            penalty = FOCUS_PENALTY
            is_focus = True
            principal = not asks_deputy(text, surface.get(token, token))
            if known:  # not segmentation debris such as 数之比
                weight *= FOCUS_WEIGHT
        concepts.append(
            Concept(
                token,
                weight,
                other,
                penalty if scale == 1.0 else 0.0,
                unknown=unknown > 0,
                proper=proper,
                principal=principal,
                focus=is_focus and scale == 1.0,
            )
        )
    if scale == 1.0 and has_cjk(text):
        concepts += _lone_nouns(text, index, seen)
    return concepts


def _debris(
    token: str, index: LexicalIndex, translations: dict[str, list[str]], names: frozenset[str]
) -> bool:
    """Whether a Chinese search token is a stretch jieba cut that is no word: the collection
    does not hold it, it has no translation, no dictionary knows it and no name holds it."""
    return (
        has_cjk(token)
        and index.doc_freq.get(token, 0) == 0
        and not translations.get(token)
        and not any(token in n for n in names)
        and not dictionary().knows(token)
    )


def _phrasing_word(word: str) -> bool:
    """Whether an English word cannot be a noun (an adverb, a verb, an adjective: "roughly",
    "supposed"), by the SPECIALIST Lexicon (`lemminflect`)."""
    from lemminflect import getAllLemmas

    if has_cjk(word):
        return False
    kinds = getAllLemmas(word.lower())
    return bool(kinds) and "NOUN" not in kinds and "PROPN" not in kinds


def _grammar_word(token: str, text: str) -> bool:
    """Whether a Chinese word of `text` is grammar by jieba's part of speech (a pronoun,
    adverb, preposition, conjunction or particle: 这些, 已经, 通过), whatever the
    collection holds."""
    if not has_cjk(token):
        return False
    flag = dict(tagged(text)).get(token) or next((f for _, f in tagged(token)), "")
    return flag[:1] in _GRAMMAR_TAGS


def _lone_nouns(text: str, index: LexicalIndex, seen: set[str]) -> list[Concept]:
    """Single-character Chinese nouns of `text` that no word of the collection holds (醋 and
    鱼 of 西湖醋鱼, which jieba leaves apart): a thing asked about that the collection lacks,
    costing the unknown-word penalty by how specific the character is."""
    out: list[Concept] = []
    for char, flag in tagged(text):
        if (
            len(char) == 1
            and has_cjk(char)
            and flag == "n"
            and char not in seen
            and char not in index.characters
            and not any(char in t for t in seen)
        ):
            seen.add(char)
            penalty = UNKNOWN_TERM_PENALTY * specificity(char)
            out.append(Concept(char, index.idf(char), (), penalty, unknown=penalty > 0))
    return out


def _translations(question: str, index: LexicalIndex) -> dict[str, list[str]]:
    """Question token -> the other language's terms for the phrase it is part of."""
    out: dict[str, list[str]] = {}
    for source, targets in translator_for(index).pairs(question):
        for token in tokenize_query(source):
            out.setdefault(token, []).extend(t.lower() for t in targets)
    return out
