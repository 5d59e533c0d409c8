"""A question's terms in the other language, kept to what the collection (the lexical
index's vocabulary) holds."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from retrieval.crosslingual.context_fit import in_context
from retrieval.crosslingual.dictionary import CJK_RUN, dictionary
from retrieval.crosslingual.english_phrasing import english_pairs
from retrieval.crosslingual.pinyin import MONTH_ZH, MONTHS, pinyin_readings
from retrieval.crosslingual.spelled_names import (
    MAX_NAME_CHARS,
    MIN_NAME_CHARS,
    spelled_names,
    without_straddling,
)
from retrieval.crosslingual.tables import colloquial, field_glossary
from retrieval.lexical import LexicalIndex
from retrieval.tokenize import jieba_instance, tokenize_query

_T = TypeVar("_T")
MAX_TARGETS = 3  # translations kept per term (the ones the collection uses most)
# Senses of an English word weighed against the rest of the question: CC-CEDICT lists
# "provisions" as 食品 before 规定; beside 实习 the collection says 规定. Dev (323) the same
# at 4 (docs/evaluation.md).
MAX_SENSES = 8
PAIRS_CACHE = 4096  # questions whose translations are kept
TARGETS_CACHE = 16_384  # English phrases whose renderings are kept
_SINO = re.compile(r"sino-([a-z]+)", re.IGNORECASE)  # "Sino-German": China and Germany
_lock = threading.Lock()


def _remembered(store: dict[str, _T], key: str, compute: Callable[[str], _T], limit: int) -> _T:
    """`compute(key)`, kept in `store`, which is emptied when it holds `limit` entries."""
    found = store.get(key)
    if found is None:
        found = compute(key)
        if len(store) >= limit:
            store.clear()
        store[key] = found
    return found


class Translator:
    """Translations of a question's terms that the collection (`index`) holds."""

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index
        self._names: dict[str, list[str]] | None = None
        self._pairs: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        self._targets: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _frequency(self, term: str) -> int:
        """In how many chunks the rarest search token of `term` occurs (0: not held); a word
        the index holds whole counts as it is (jieba cuts 中德 alone as 中 / 德)."""
        whole = self.index.doc_freq.get(term, 0)
        if whole:
            return whole
        tokens = tokenize_query(term)
        return min((self.index.doc_freq.get(t, 0) for t in tokens), default=0)

    def _known(self, term: str) -> bool:
        return self._frequency(term) > 0

    def spells_name(self, word: str) -> bool:
        """Whether `word` is the pinyin of a Chinese word of the collection ("Liming": 黎明)."""
        return word.lower() in self._names_by_pinyin()

    def _names_by_pinyin(self) -> dict[str, list[str]]:
        """Pinyin -> the collection's Chinese words spelled so (built on first use)."""
        if self._names is None:
            names: dict[str, list[str]] = defaultdict(list)
            for token in self.index.doc_freq:
                if MIN_NAME_CHARS <= len(token) <= MAX_NAME_CHARS and CJK_RUN.fullmatch(token):
                    for spelled in pinyin_readings(token):
                        names[spelled].append(token)
            self._names = dict(names)
        return self._names

    def _ranked(self, words: list[str]) -> tuple[str, ...]:
        """The collection's words among `words`, most used first, at most MAX_TARGETS."""
        kept = [w for w in dict.fromkeys(words) if self._known(w)]
        kept.sort(key=lambda w: -self._frequency(w))
        return tuple(kept[:MAX_TARGETS])

    def _english_terms(self, word: str) -> tuple[str, ...]:
        """English terms of the collection for a Chinese word: its pinyin, when the
        collection's English spells a name so (天工: "Tiangong", before the dictionary's
        "engineering"), then its definitions."""
        out = []
        if MIN_NAME_CHARS <= len(word) <= MAX_NAME_CHARS:
            out += [spelled for spelled in pinyin_readings(word) if self._known(spelled)][:1]
        for definition in dictionary().english(word):
            if self._known(definition):
                out.append(definition)
        return tuple(dict.fromkeys(out))[: MAX_TARGETS + 1]

    def pairs(self, query: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each term of `query` that has translations in the collection, with them."""
        return _remembered(self._pairs, query, self._compute_pairs, PAIRS_CACHE)

    def translate(self, query: str) -> str:
        """The other language's terms for the terms of `query` ("" when none)."""
        terms = [t for _, targets in self.pairs(query) for t in targets]
        return " ".join(dict.fromkeys(terms))

    def _compute_pairs(self, query: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        pairs: list[tuple[str, tuple[str, ...]]] = []
        for run in CJK_RUN.findall(query):
            terms = sorted((t for t in field_glossary() if t in run), key=len, reverse=True)
            covered = [t for i, t in enumerate(terms) if not any(t in u for u in terms[:i])]
            words = covered + list(dict.fromkeys(jieba_instance().lcut_for_search(run)))
            for word in words:
                if len(word) < 2 or any(word != t and word in t for t in covered):
                    continue
                english = self._english_terms(word)
                formal = self._ranked(list(colloquial().get(word, ())))
                if english or formal:
                    pairs.append((word, english + formal))
            names = spelled_names(run, {w for w, _ in pairs}, self._known)
            pairs = without_straddling(pairs, names, run, self._english_terms)
            pairs.extend(names)
        pairs.extend(self._month_pairs(query))
        senses = english_pairs(query, self._english_targets)
        pairs.extend(in_context(self.index, senses, pairs, MAX_TARGETS))
        return tuple(pairs)

    def _month_pairs(self, query: str) -> list[tuple[str, tuple[str, ...]]]:
        """A month written 9月 is September in English (the number is the question's token)."""
        names = {chinese: english for english, chinese in MONTHS.items()}
        return [
            (number, (name,))
            for number in dict.fromkeys(MONTH_ZH.findall(query))
            if (name := names[f"{int(number)}月"]) and self._known(name)
        ]

    def _english_targets(self, phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The collection's words for an English phrase: its best-placed senses the
        collection holds (for a single word also the names whose pinyin it spells), and all
        its senses the collection holds as whole words, best-placed first (kept per phrase:
        a question's phrasing looks up every stretch of up to three words)."""
        return _remembered(self._targets, phrase, self._compute_targets, TARGETS_CACHE)

    def _compute_targets(self, phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        senses = dictionary().chinese(phrase)
        sino = _SINO.fullmatch(phrase)
        if sino and not any(self._known(w) for _, w in senses):
            # "Sino-German" is 中德: China's 中 and the first character of the other's name.
            senses = [(p, f"中{w[0]}") for p, w in dictionary().chinese(sino.group(1))]
        if " " not in phrase and not any(self._known(w) for _, w in senses):
            # The word's own senses are words the collection does not use ("robotics":
            # 机器人学): those of its stem may be ("robot": 机器人).
            senses = dictionary().chinese_by_stem(phrase)
        best = min((p for p, w in senses if self._known(w)), default=None)
        words = [w for p, w in senses if p == best]
        whole = [w for w in words if self.index.doc_freq.get(w, 0)]
        # A word the collection holds as one token beats one it only holds in pieces
        # ("work": 工作 and 劳动, not 做生活, "known" from 做 and 生活 anywhere).
        targets = self._ranked(whole or words) if senses else ()
        held = sorted(
            ((p, w) for p, w in senses if self.index.doc_freq.get(w, 0)),
            key=lambda pw: (pw[0], -self._frequency(pw[1])),
        )
        every = tuple(dict.fromkeys(w for _, w in held))[:MAX_SENSES]
        if " " not in phrase:
            names = list(self._names_by_pinyin().get(phrase.lower(), []))
            if phrase.lower() in MONTHS:
                names.append(MONTHS[phrase.lower()])
            targets = tuple(dict.fromkeys(targets + self._ranked(names)))
        return targets, every


def translator_for(index: LexicalIndex) -> Translator:
    """The translator over `index`'s vocabulary (one per index object)."""
    with _lock:
        found = _by_index.get(id(index))
        if found is None or found.index is not index:
            found = Translator(index)
            _by_index.clear()  # one collection at a time in a process, as a rule
            _by_index[id(index)] = found
        return found


_by_index: dict[int, Translator] = {}
