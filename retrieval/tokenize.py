"""Tokens for lexical search: jieba words for Chinese, stemmed words for English."""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

_SEGMENTS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9][A-Za-z0-9'\-.%]*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
STOPWORDS_EN = frozenset(
    """a an and are as at be been but by can do does did for from had has have how i if in
    into is it its of on or our so than that the their them then there these they this to
    was we were what when where which who whom why will with would you your about after
    also any all more most other some such only own same too very s t just over under
    again further once here both each few nor not out up down off""".split()
)
STOPWORDS_ZH = frozenset(
    "的 了 和 与 及 或 是 在 为 对 等 由 其 之 中 以 于 并 将 把 被 有 也 就 都 而 "
    "吗 呢 什么 哪些 多少 怎么 如何 是否 哪 个".split()
)

_lock = threading.Lock()
_state: dict[str, Any] = {}


def jieba_instance() -> Any:
    """jieba, initialised once per process (its dictionary loads in about a second)."""
    with _lock:
        if "jieba" not in _state:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _state["jieba"] = jieba
        return _state["jieba"]


def stemmer() -> Any:
    """The English Snowball stemmer, built once per process."""
    with _lock:
        if "stemmer" not in _state:
            import Stemmer

            _state["stemmer"] = Stemmer.Stemmer("english")
        return _state["stemmer"]


# British spellings and their American forms, by regular correspondence: labour/labor,
# organisation/organization, centre/center, programme/program, catalogue/catalog,
# licence/license, analyse/analyze. A word is respelt only when the American form is a common
# English word (wordfreq), so "four", "premise" or "fence" stay as they are. The dictionary's
# English (CC-CEDICT) is American; many reports on China are written in British English.
_BRITISH = (
    (re.compile(r"^(.{3,})our(s|ed|ing|er|ers|ite|ites|able)?$"), r"\1or\2"),
    (re.compile(r"^(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(.{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(.{2,})tre(s|d)?$"), r"\1ter\2"),
    (re.compile(r"^(.{3,})mme(s)?$"), r"\1m\2"),
    (re.compile(r"^(.{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(.{2,})ence(s)?$"), r"\1ense\2"),
)
AMERICAN_ZIPF = 3.0  # the American form must be at least this common (labor 4.6, premize 0)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """A lower-case English word in American spelling ("centre": center), else as it is."""
    for pattern, replacement in _BRITISH:
        if pattern.match(word):
            respelt = pattern.sub(replacement, word)
            with _lock:  # wordfreq builds its table on first use, without a lock of its own
                from wordfreq import zipf_frequency

                if zipf_frequency(respelt, "en") >= AMERICAN_ZIPF:
                    return respelt
    return word


def tokenize(text: str) -> list[str]:
    """Split `text` into search tokens (Chinese words and sub-words, English stems)."""
    return _tokens(text, chinese=True)


def english_tokens(text: str) -> list[str]:
    """`tokenize` without the Chinese words: the English stems and numbers of `text`.

    What a non-Chinese term can match; jieba, most of `tokenize`'s time, is not run.
    """
    return _tokens(text, chinese=False)


_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)$|n't$")
_IRREGULAR_NOT = {"can't": "can", "won't": "will", "shan't": "shall"}


def _tokens(text: str, *, chinese: bool) -> list[str]:
    tokens: list[str] = []
    english: list[str] = []
    jieba = None
    for segment in _SEGMENTS.findall(text):
        if _CJK.match(segment):
            if not chinese:
                continue
            jieba = jieba or jieba_instance()  # its lock taken once per text, not per run
            for word in jieba.lcut_for_search(segment):
                if word not in STOPWORDS_ZH:
                    tokens.append(word)
        else:
            word = segment.lower().strip("'.-%") or segment.lower()
            # A clitic is grammar: "what's" is "what" (a stopword), "don't" "do".
            word = _IRREGULAR_NOT.get(word) or _CLITIC.sub("", word) or word
            # A hyphenated word also stands for its parts ("blue-collar": blue, collar).
            parts = [p for p in word.split("-") if p] if "-" in word else []
            english.extend(american(w) for w in (word, *parts) if w not in STOPWORDS_EN)
    if english:
        tokens.extend(stemmer().stemWords(english))
    return tokens


@lru_cache(maxsize=4096)
def tokenize_query(text: str) -> tuple[str, ...]:
    """`tokenize` for queries, cached: the same question is tokenized once. Chat spellings
    ("ppl", "thru") count as the words they stand for, 09年 as 2009年."""
    text = _SHORT_YEAR_ZH.sub(r"200\1年", text)
    return tuple(tokenize(_CHAT_WORD.sub(lambda m: chat_words()[m.group().lower()], text)))


# A year typed short with its leading zero, as students do: 09年 is 2009年 (15年 may be fifteen
# years, so only 00年-09年).
_SHORT_YEAR_ZH = re.compile(r"(?<![\d.])0(\d)年")


@lru_cache(maxsize=1)
def chat_words() -> dict[str, str]:
    """Everyday English chat spelling -> the words it stands for (`data/chat_en.tsv`)."""
    rows = (_DATA / "chat_en.tsv").read_text(encoding="utf-8").splitlines()
    pairs = (row.split("\t") for row in rows if row and not row.startswith("#"))
    return {chat: words for chat, words in pairs}


_DATA = Path(__file__).parent / "data"
_CHAT_WORD = re.compile(
    r"(?<![\w'&.-])(?:"
    + "|".join(sorted(map(re.escape, chat_words()), key=len, reverse=True))
    + r")(?![\w'&-]|\.\w)",
    re.IGNORECASE,
)
