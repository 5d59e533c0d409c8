"""A synthetic bilingual collection of any size, built from the shipped documents.

Sentences of the shipped corpus (English and Chinese) are recombined into chunk-sized texts
(about 300-700 characters) so that vocabulary and lengths are realistic. Made-up facts are
planted, one per chosen chunk, each with a paraphrased question whose gold answer is that
chunk: recall@5 is the share of those questions whose chunk comes back in the top five.
Everything is deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus.dates import date_number
from corpus.language import detect_language
from corpus.loaders import load_file
from corpus.types import Chunk
from eval.bench import facts

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "corpus" / "documents"
GOLD = ROOT / "eval" / "datasets" / "gold.jsonl"
MIN_CHARS, MAX_CHARS = 300, 700
_SENTENCE = re.compile(
    r"[^。！？；!?\n]+?(?:[。！？；!?]+[”’\"」』）)]*|(?<=[a-z0-9%)”\"'])\.(?=\s+[\"“'A-Z0-9(])|$)"
)


@dataclass(frozen=True)
class BenchQuery:
    """A timed question; `gold` is the planted chunk's id (None for realistic questions)."""

    text: str
    gold: str | None = None
    answer: str | None = None


@dataclass(frozen=True)
class PlantedFact:
    """A made-up sentence inserted into one chunk, and a question that paraphrases it."""

    chunk_id: str
    sentence: str
    query: str
    answer: str
    language: str


@dataclass
class SyntheticCorpus:
    """Chunks (with planted facts) and the questions to ask of them."""

    chunks: list[Chunk]
    facts: list[PlantedFact]
    realistic: list[str]
    #: Per chunk, the indices of its sentences in `sentence_pool(language)` (for approximate
    #: vectors, see `eval.bench.vectors`).
    sources: list[tuple[int, ...]] = field(default_factory=list)

    def queries(self, count: int) -> list[BenchQuery]:
        """`count` distinct questions: planted ones (up to 3/4) and realistic ones, mixed."""
        planted = [BenchQuery(f.query, f.chunk_id, f.answer) for f in self.facts]
        planted = planted[: count - count // 4]
        rest = [BenchQuery(q) for q in self.realistic[: count - len(planted)]]
        mixed = planted + rest
        random.Random(len(mixed)).shuffle(mixed)
        return mixed


@dataclass(frozen=True)
class _Source:
    """The shipped documents, reduced to what the generator draws from."""

    sentences: dict[str, list[str]]  # language -> sentences in document order
    titles: dict[str, list[str]]
    types: dict[str, list[str]]
    regions: list[str]
    zh_share: float


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, English or Chinese; very short fragments (headings) are dropped."""
    out = []
    for line in text.splitlines():
        for match in _SENTENCE.finditer(line):
            sentence = match.group().strip()
            if len(sentence) >= (8 if detect_language(sentence) == "zh" else 25):
                out.append(sentence[:MAX_CHARS])
    return out


@lru_cache(maxsize=2)
def _source(corpus_dir: Path = CORPUS_DIR) -> _Source:
    docs = [load_file(p, corpus_dir) for p in sorted(corpus_dir.glob("*.md"))]
    if not docs:
        raise FileNotFoundError(f"no documents under {corpus_dir}")
    sentences: dict[str, list[str]] = {"en": [], "zh": []}
    titles: dict[str, list[str]] = {"en": [], "zh": []}
    types: dict[str, list[str]] = {"en": [], "zh": []}
    regions: list[str] = []
    chars = {"en": 0, "zh": 0}
    for doc in docs:
        lang = str(doc.metadata["language"])
        for sentence in split_sentences(doc.text):
            sentences[detect_language(sentence)].append(sentence)
        titles[lang].append(str(doc.metadata["title"]).split(" / ")[0])
        types[lang].append(str(doc.metadata["type"]))
        regions.append(str(doc.metadata["region"]))
        chars[lang] += len(doc.text)
    for lang in ("en", "zh"):  # a language without documents borrows the other's
        other = "zh" if lang == "en" else "en"
        titles[lang] = titles[lang] or titles[other]
        types[lang] = types[lang] or types[other]
        sentences[lang] = sentences[lang] or sentences[other]
    share = chars["zh"] / max(1, chars["en"] + chars["zh"])  # chunks are cut by characters
    return _Source(sentences, titles, types, sorted(set(regions)), share)


def sentence_pool(language: str) -> list[str]:
    """The shipped sentences of one language that synthetic chunks are made of."""
    return _source().sentences[language]


def base_title(title: str) -> str:
    """A synthetic chunk's title without its document number."""
    return title.rsplit(" (", 1)[0]


def realistic_questions(count: int, seed: int = 0) -> list[str]:
    """Distinct realistic questions: the gold set's, then templated ones as needed."""
    out: list[str] = []
    if GOLD.exists():
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(str(json.loads(line)["question"]))
    rng = random.Random(seed)
    seen = set(out)
    for more in (False, True):  # the first questions stay those of earlier runs
        attempts = 0
        while len(out) < count and attempts < count * 50:
            attempts += 1
            question = facts.realistic_question(rng, more)
            if question not in seen:
                seen.add(question)
                out.append(question)
    return out[:count]


def fact_count(chunks: int) -> int:
    """How many facts a collection of `chunks` gets: min(200, chunks // 50), at least one."""
    return min(200, max(1, chunks // 50)) if chunks > 0 else 0


def _chunk_text(rng: random.Random, pool: list[str], lang: str) -> tuple[str, list[int]]:
    """Runs of 1-3 consecutive sentences from random places, 300-700 characters in all.

    Returns the text and the pool indices of its sentences (the last may be cut short).
    """
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    joiner = "" if lang == "zh" else " "
    parts: list[str] = []
    used: list[int] = []
    size = 0
    while size < target:
        start = rng.randrange(len(pool))
        for index in range(start, min(len(pool), start + rng.randint(1, 3))):
            sentence = pool[index]
            gap = len(joiner) if parts else 0
            room = MAX_CHARS - size - gap
            if len(sentence) > room:
                if size >= MIN_CHARS:
                    return joiner.join(parts), used
                sentence = sentence[:room]  # cut hard, as the chunker cuts long sentences
            parts.append(sentence)
            used.append(index)
            size += gap + len(sentence)
            if size >= target:
                break
    return joiner.join(parts), used


def _plant(text: str, sentence: str, lang: str, rng: random.Random) -> str:
    """Insert `sentence` at a sentence boundary of `text` (start, middle or end)."""
    pieces = split_sentences(text) or [text]
    at = rng.randint(0, len(pieces))
    joiner = "" if lang == "zh" else " "
    return joiner.join([*pieces[:at], sentence, *pieces[at:]])


def generate(chunks: int, seed: int = 13, queries: int = 200) -> SyntheticCorpus:
    """A collection of exactly `chunks` chunks with `fact_count(chunks)` planted facts."""
    src = _source()
    rng = random.Random(seed)
    texts: list[str] = []
    langs: list[str] = []
    sources: list[tuple[int, ...]] = []  # pool sentences of each chunk, before planting
    docs: list[tuple[int, int, str]] = []  # (first chunk, chunk count, language)
    while len(texts) < chunks:
        lang = "zh" if rng.random() < src.zh_share else "en"
        size = min(rng.randint(3, 12), chunks - len(texts))
        docs.append((len(texts), size, lang))
        for _ in range(size):
            text, used = _chunk_text(rng, src.sentences[lang], lang)
            texts.append(text)
            langs.append(lang)
            sources.append(tuple(used))

    planted: dict[int, tuple[facts.Fact, str]] = {}
    maker = facts.FactMaker(random.Random(seed + 1))
    for index in sorted(rng.sample(range(chunks), fact_count(chunks))):
        fact = maker.make(langs[index])
        texts[index] = _plant(texts[index], fact.sentence, langs[index], rng)
        planted[index] = (fact, langs[index])

    out: list[Chunk] = []
    found: list[PlantedFact] = []
    for number, (first, size, lang) in enumerate(docs):
        doc_id = f"synth-{number:06d}"
        date = f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        meta = {
            "doc_id": doc_id,
            "title": f"{rng.choice(src.titles[lang])} ({number})",
            "language": lang,
            "type": rng.choice(src.types[lang]),
            "region": rng.choice(src.regions),
            "date": date,
            "date_num": date_number(date),
            "source": "synthetic",
            "url": "",
        }
        offset = 0
        for position in range(size):
            text = texts[first + position]
            chunk_id = f"{doc_id}::{position}"
            out.append(
                Chunk(
                    chunk_id,
                    doc_id,
                    text,
                    {
                        **meta,
                        "position": position,
                        "start": offset,
                        "end": offset + len(text),
                    },
                )
            )
            offset += len(text) + 2  # chunks of a document are joined by a blank line
            if (first + position) in planted:
                fact, fact_lang = planted[first + position]
                found.append(
                    PlantedFact(chunk_id, fact.sentence, fact.query, fact.answer, fact_lang)
                )
    random.Random(seed + 2).shuffle(found)
    return SyntheticCorpus(out, found, realistic_questions(queries + 16, seed), sources)


def document_text(chunks: list[Chunk]) -> str:
    """The text of one synthetic document: its chunks joined by blank lines (offsets agree)."""
    return "\n\n".join(c.text for c in chunks)
