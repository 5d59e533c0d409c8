"""The serving probe: a fresh process that loads a persisted index and answers questions.

`python -m eval.bench.probe {ours|baseline} DATA_DIR QUERIES.json [--provider P]` prints JSON
lines on stdout: `{"event": "ready"}` as soon as the first answer is back (the parent times
the cold start up to that line), then `{"event": "done", ...}` with the timings of the
questions (each asked once, after warm-up questions), recall hits and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any


def _emit(event: dict[str, Any]) -> None:
    print(json.dumps(event), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the probe; see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m eval.bench.probe")
    parser.add_argument("side", choices=["ours", "baseline"])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("queries", type=Path)
    parser.add_argument("--provider", default="sentence-transformers")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)

    from eval.bench.common import WARMUP, run_queries
    from eval.bench.synthetic import BenchQuery

    queries = [BenchQuery(**q) for q in json.loads(args.queries.read_text(encoding="utf-8"))]
    answer: Any = None
    answerer = "none"
    if args.side == "ours":
        from eval.bench import ours

        search, answer, answerer = ours.serving(args.data_dir, args.provider)
        answer(WARMUP[0], search(WARMUP[0]))
    else:
        from eval.bench import baseline

        ensemble = baseline.serving(args.data_dir)

        def search(query: str) -> list[str]:
            return baseline.search_ids(ensemble, query)

        search(WARMUP[0])
    _emit({"event": "ready"})
    for question in WARMUP[1:]:
        hits = search(question)
        if answer is not None:
            answer(question, hits)
    stats = run_queries(search, queries, answer, progress=not args.no_progress)
    data = asdict(stats)
    data.pop("cold_start_s")
    data["answerer"] = answerer
    _emit({"event": "done", **data})
    return 0


if __name__ == "__main__":
    sys.exit(main())
