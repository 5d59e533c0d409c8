"""The serving probe: a fresh process that loads a persisted index and answers questions.

`python -m eval.bench.probe {ours|baseline} DATA_DIR [--provider P]` loads the stack, answers
the warm-up questions (the first one is the cold start) and prints `{"event": "ready"}`. It
then reads one JSON question per line on stdin and prints, per question, its retrieval and
answer times (measured inside this process) and the top chunk ids. An empty line ends it
with `{"event": "done", "peak_rss_mb": ...}`.

The parent drives our probe and the baseline's in lockstep, one question to each in turn,
so that both see the same background load on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _emit(event: dict[str, Any]) -> None:
    print(json.dumps(event, ensure_ascii=False), flush=True)


def _stack(
    side: str, data_dir: Path, provider: str, startup: dict[str, float]
) -> tuple[Callable[[str], Any], Callable[[str, Any], str] | None, str]:
    if side == "ours":
        from eval.bench import ours

        return ours.serving(data_dir, provider, startup)
    from eval.bench import baseline

    ensemble = baseline.serving(data_dir)
    return (lambda q: baseline.search_ids(ensemble, q)), None, "none"


def main(argv: list[str] | None = None) -> int:
    """Run the probe; see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m eval.bench.probe")
    parser.add_argument("side", choices=["ours", "baseline"])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--provider", default="sentence-transformers")
    args = parser.parse_args(argv)

    from eval.bench.common import WARMUP, peak_rss_mb
    from eval.bench.stages import stage_breakdown
    from retrieval.timing import recording

    startup: dict[str, float] = {}
    search, answer, answerer = _stack(args.side, args.data_dir, args.provider, startup)
    for i, question in enumerate(WARMUP):
        start = time.perf_counter()
        hits = search(question)
        if answer is not None:
            answer(question, hits)
        if i == 0:
            startup["first answer"] = round(time.perf_counter() - start, 3)
            _emit({"event": "ready", "answerer": answerer, "startup": startup})
    for line in sys.stdin:
        if not line.strip():
            break
        question = json.loads(line)["q"]
        with recording() as stages:
            t0 = time.perf_counter()
            hits = search(question)
            t1 = time.perf_counter()
            text = answer(question, hits) if answer is not None else None
            t2 = time.perf_counter()
        _emit(
            {
                "event": "result",
                "retrieval_ms": (t1 - t0) * 1000,
                "answer_ms": (t2 - t0) * 1000 if answer is not None else None,
                "ids": [str(getattr(h, "chunk_id", h)) for h in hits][:5],
                "answer": text,
                "stages": stage_breakdown(stages, (t1 - t0) * 1000) if stages else None,
            }
        )
    _emit({"event": "done", "peak_rss_mb": peak_rss_mb()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
