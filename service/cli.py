"""The `vca` command: ingest, ask, serve, insights, eval, bench."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_env
from service.partners_cli import add_parser as add_partners_parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vca", description="Vocational cooperation assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="index documents (default: the shipped collection)")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders")
    ingest.add_argument("--prune", action="store_true", help="remove documents not seen")
    ingest.add_argument(
        "--rebuild",
        action="store_true",
        help="re-embed everything (after changing the embedding model)",
    )
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")

    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument("--session", help="continue this session id")
    ask.add_argument("--batch", type=Path, help="questions in the gold-set JSONL format")
    ask.add_argument("--json", action="store_true", help="print the chat response as JSON")

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument(
        "--workers", type=int, default=None, help="server processes (VCA_WORKERS; default 1)"
    )

    insights = sub.add_parser("insights", help="what visitors asked and could not get")
    insights.add_argument("--since", help="ISO date/datetime (UTC); default 30 days ago")
    insights.add_argument("--until", help="ISO date (inclusive) or datetime; default now")
    insights.add_argument("--plots", type=Path, help="write volume/shares/gaps PNGs here")
    insights.add_argument("--json", action="store_true", help="print the summary as JSON")

    add_partners_parser(sub)
    sub.add_parser("eval", help="evaluate answer quality (see `vca eval --help`)", add_help=False)
    sub.add_parser("bench", help="run the benchmarks (see `vca bench --help`)", add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `vca` console script."""
    apply_offline_env()
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if argv and argv[0] == "eval":
        from eval.cli import main as eval_main

        return eval_main(argv[1:])
    if argv and argv[0] == "bench":
        from eval.bench.cli import main as bench_main

        return bench_main(argv[1:])
    args = _parser().parse_args(argv)
    from assistant.settings import get_settings

    settings = get_settings()
    try:
        if args.command == "ingest":
            return _ingest(settings, args)
        if args.command == "ask":
            return _ask(settings, args)
        if args.command == "insights":
            return _insights(settings, args)
        if args.command == "partners":
            from service.partners_cli import run

            return run(settings, args)
        if args.command == "serve":
            from service.api.server import serve

            given = (("host", args.host), ("port", args.port), ("workers", args.workers))
            updates = {k: v for k, v in given if v}
            server = settings.server.model_copy(update=updates)
            serve(settings.model_copy(update={"server": server}))
            return 0
    except KeyboardInterrupt:
        print("interrupted; the next run repairs the index", file=sys.stderr)
        return 130
    except Exception as exc:
        from retrieval.store import StoreError

        if isinstance(exc, StoreError | FileNotFoundError | ValueError):
            print(f"error: {exc}", file=sys.stderr)
            return 2
        raise
    return 1


def _ingest(settings: object, args: argparse.Namespace) -> int:
    from assistant.container import Container
    from assistant.settings import Settings

    assert isinstance(settings, Settings)
    container = Container(settings)
    if args.rebuild:
        container.indexer.rebuild()
    paths = args.paths or [settings.corpus_dir]
    report = container.indexer.ingest_paths(paths, prune=args.prune)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(
            f"{report.documents} documents, {report.chunks} chunks: {report.added} added, "
            f"{report.updated} updated, {report.unchanged} unchanged, {report.removed} removed"
        )
    for error in report.errors:
        print(f"skipped: {error}", file=sys.stderr)
    return 0


def _ask(settings: object, args: argparse.Namespace) -> int:
    from assistant.container import Container
    from assistant.schemas import ChatRequest, Turn
    from assistant.settings import Settings

    assert isinstance(settings, Settings)
    chat = Container(settings).chat
    if args.batch:
        for number, line in enumerate(args.batch.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                history = [Turn(**t) for t in item.get("history", [])]
                request = ChatRequest(message=item["question"], history=history)
            except (ValueError, KeyError, TypeError) as exc:
                print(f"error: {args.batch}:{number}: {exc}", file=sys.stderr)
                return 2
            data = chat.answer(request).model_dump()
            data["id"] = item.get("id", str(number))
            print(json.dumps(data, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        print("error: give a QUESTION or --batch FILE", file=sys.stderr)
        return 2
    response = chat.answer(ChatRequest(message=args.question, session_id=args.session))
    if args.json:
        print(json.dumps(response.model_dump(), ensure_ascii=False))
        return 0
    print(response.answer)
    for source in response.sources:
        print(f"[{source.n}] {source.title} ({source.date or 'undated'}) — {source.id}")
    print(f"(session {response.session_id})")
    return 0


def _insights(settings: object, args: argparse.Namespace) -> int:
    from assistant.container import Container
    from assistant.insights import TimeRange
    from assistant.settings import Settings

    assert isinstance(settings, Settings)
    summary = Container(settings).insights.summary(TimeRange.parse(args.since, args.until))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_insights_text(summary))
    if args.plots:
        from ui.insights_plots import write_plots

        for path in write_plots(summary, args.plots):
            print(f"wrote {path}", file=sys.stderr)
    return 0


def _insights_text(d: dict[str, Any]) -> str:
    """The summary as a few plain lines."""
    lines = [
        f"{d['since']} .. {d['until']}",
        f"questions {d['questions']}: answered {d['answered']}, refused {d['refused']}, "
        f"degraded {d['degraded']}, curated {d['curated']}",
        f"feedback: {d['feedback']['up']} up, {d['feedback']['down']} down; "
        f"latency p50 {d['latency_ms']['p50']} ms, p95 {d['latency_ms']['p95']} ms",
        "most asked:",
        *(f"  {q['count']:5}  {q['question']}" for q in d["top_questions"]),
        "knowledge gaps:",
    ]
    for gap in d["gaps"]:
        docs = ", ".join(doc["id"] for doc in gap["documents"]) or "-"
        last = gap["last_asked"]
        lines.append(f"  {gap['count']:5}  {gap['label']}  (last {last}; near: {docs})")
        if gap.get("near_answer"):
            near = gap["near_answer"]
            lines.append(f"         close to curated answer {near['id']}: {near['question']}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
