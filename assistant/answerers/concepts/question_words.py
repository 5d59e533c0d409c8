"""The words of a question: those that say what it asks about, those that shape how it
asks (interrogatives, 哪些, 几个), its names, and jieba's parts of speech for them."""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.language import has_cjk
from retrieval.tokenize import jieba_instance, tokenize, tokenize_query

# Chinese words that only shape a question: interrogatives (哪天, 几家, 按多大) and a
# numeral with its classifier (两家, 三个); jieba keeps them as words.
_QUESTION_GRAMMAR_ZH = re.compile(
    r"哪|几|啥|谁|吗|呢|什么|时候|怎么|多少|多大|多长|多久|多高|多远|如何|是否|咋|干嘛|干吗"
    r"|^[一二两三四五六七八九十百千万]+[个家名所项位人条种次年月天周批]$"
    r"|^有没有$|^(.)不\1$"  # A-not-A: 有没有, 能不能, 是不是, 会不会
)


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    """Words that shape a question but carry no content ("how many", "哪些")."""
    english = tokenize(
        "many much long often kind list tell me describe involve date besides which what who "
        "whom when where how why please name give explain mention say says according each "
        "respectively onto upon within bring get make take go come happen need want know "
        "find use show see look document documents described"
    )
    return frozenset(english) | frozenset(
        "哪个 几个 谁 哪位 什么 多长 多长时间 长时间 那 它 哪些 多少 "
        "怎么 怎样 如何 吗 呢 最 分别 请 哪一年 哪年 几年 家 名 位 要 需要 可以 "
        "一共 总共 到底 究竟 名字".split()
    )


def candidate_tokens(tokens: tuple[str, ...]) -> list[str]:
    """A question's search tokens that may name what it asks: not question words, not a
    compound of two others, not single Chinese characters (的, 向, 多: mostly grammar or
    segmentation debris) nor question grammar."""
    skip = question_words()
    return [
        t
        for t in tokens
        if t not in skip
        and not _compound_of(t, tokens)
        and not (len(t) == 1 and has_cjk(t))
        and not _QUESTION_GRAMMAR_ZH.search(t)
    ]


def content_words(text: str) -> list[str]:
    """The words of `text` as written that say what it asks about: not question words
    (`question_words`, 哪些, 几个), single Chinese characters, nor a search sub-word of a
    longer word or a compound of two others (the same choice as a question's concepts)."""
    kept = candidate_tokens(tokenize_query(text))
    surface = {stem: word for word, stem in stems(text)}
    words = [
        surface.get(t, t) for t in kept if not fragment_of(t, kept) and not straddles(t, kept, text)
    ]
    return list(dict.fromkeys(words))


#: English words that shape what a question asks (its interrogatives and their quantifiers);
#: the Chinese ones are `question_words` and `_QUESTION_GRAMMAR_ZH`.
_ASKING_EN = frozenset("how what when where which who whom why many much long often".split())
_PARTICLES_ZH = frozenset("吗呢")  # sentence-final particles: a question, not what it asks


def asking_words(text: str) -> list[str]:
    """The words of `text`, as written, that shape what it asks rather than what about
    ("how many", "which"; 哪些, 几本, 多久, 可以): the other half of `content_words`."""
    if has_cjk(text):
        words = [
            w
            for w in jieba_instance().lcut(text)
            if has_cjk(w)
            and w not in _PARTICLES_ZH
            and (w in question_words() or _QUESTION_GRAMMAR_ZH.search(w))
        ]
    else:
        words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _ASKING_EN]
    return list(dict.fromkeys(words))


def stems(text: str) -> list[tuple[str, str]]:
    """(word as written, its search token) for the English words of `text`."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)]
    return [(w, t) for w in words for t in tokenize_query(w)[:1]]


def _compound_of(token: str, tokens: tuple[str, ...]) -> bool:
    """Whether a Chinese word is two other words of the question (改革方案 = 改革 + 方案)."""
    if not has_cjk(token):
        return False
    parts = set(tokens) - {token}
    return any(token[:i] in parts and token[i:] in parts for i in range(1, len(token)))


def straddles(token: str, tokens: list[str], text: str) -> bool:
    """Whether a Chinese search sub-word spans the joint of two other words of the question
    (院办 in 国务院办公厅 = 国务院 + 办公厅) rather than being a word of its own."""
    if not has_cjk(token):
        return False
    others = [t for t in tokens if t != token and has_cjk(t) and not fragment_of(t, tokens)]
    return any(
        token in a + b and token not in a and token not in b and a + b in text
        for a in others
        for b in others
    )


def fragment_of(token: str, tokens: list[str]) -> bool:
    """Whether a Chinese search sub-word is part of a longer word of the question."""
    return has_cjk(token) and any(token != t and token in t for t in tokens)


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The words of `text` with jieba's parts of speech (one cut per question, shared by the
    names, the thing counted and the lone nouns)."""
    import jieba.posseg

    jieba_instance()  # initialised once, quietly
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


_PROPER_TAGS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg", "j"})  # names, abbreviations
_CAPITALISED = re.compile(r"(?<=[a-z0-9,;:]\s)[A-Z][A-Za-z-]+")  # not a sentence's first word


@lru_cache(maxsize=4096)
def proper_tokens(text: str) -> frozenset[str]:
    """The search tokens of the names a question uses (English: capitalised words inside a
    sentence; Chinese: jieba's proper nouns); Chinese ones whole, matched by containment."""
    found: set[str] = set()
    for word in _CAPITALISED.findall(text):
        found.update(tokenize_query(word))
    if has_cjk(text):
        found.update(w for w, flag in tagged(text) if flag in _PROPER_TAGS and has_cjk(w))
    return frozenset(found)
