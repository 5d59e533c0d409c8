"""Where a question's time goes: the per-stage breakdown of our serving path.

The serving probe records each question's stages with `retrieval.timing.recording()`; this
module names them, derives the parts no stage covers, and summarises them per run, with the
query embedding alone as the floor of a hybrid search.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from eval.bench.common import percentile

#: The stages of one question, in the order they run (and are stacked in the plot).
STAGES = (
    "embed",  # the query embedding (the floor), beside the lexical channels
    "dense",  # Chroma's ANN search (ids and distances), after the embedding
    "lexical",  # BM25 over the question's tokens (tokenizing included)
    "translate",  # the question's terms in the other language (dictionary, pinyin)
    "translated",  # BM25 over those terms
    "wait",  # waiting for the dense channel once the lexical ones are done
    "lookup",  # texts and metadata of every channel's hits from the catalog
    "fusion",  # reciprocal-rank fusion and the translated channel's places
    "dedupe",  # near-duplicate removal and the channel leaders
    "other",  # the rest of `search` (language detection, index generation check)
    "select",  # the answerer's choice of sentences (`draft`)
    "refusal",  # the rest of the answer: the support check and the refusal
)
#: Stages that run on another thread, beside the question's own (not part of its sum).
BESIDE = ("embed", "dense")
#: The question's own thread during `search`: these add up to the retrieval time.
SEARCH_STAGES = tuple(s for s in STAGES[: STAGES.index("other")] if s not in BESIDE)
#: The stage that is the floor of a hybrid search: one query embedding.
FLOOR = "embed"


def stage_breakdown(recorded: Mapping[str, float], retrieval_ms: float) -> dict[str, float]:
    """Milliseconds per stage of one question from a `recording()` of search and answer
    (the answer recorded whole as "answer", its sentence choice as "select")."""
    out = {name: float(recorded.get(name, 0.0)) for name in (*BESIDE, *SEARCH_STAGES)}
    out["other"] = max(0.0, retrieval_ms - sum(out[name] for name in SEARCH_STAGES))
    if "answer" in recorded:
        out["select"] = float(recorded.get("select", 0.0))
        out["refusal"] = max(0.0, float(recorded["answer"]) - out["select"])
    return {name: round(out[name], 3) for name in STAGES if name in out}


def summarize(per_question: Sequence[Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """p50 and p95 of every stage over the questions (stages no question ran are left out)."""
    out: dict[str, dict[str, float]] = {}
    for name in STAGES:
        values = [float(q[name]) for q in per_question if name in q]
        if values:
            out[name] = {
                "p50": round(percentile(values, 50), 3),
                "p95": round(percentile(values, 95), 3),
            }
    return out


def floor(stages: Mapping[str, Mapping[str, float]], retrieval_p95_ms: float) -> dict[str, Any]:
    """The query embedding's p95 (the floor) and the hybrid p95 as a multiple of it."""
    embed = stages.get(FLOOR, {}).get("p95")
    if not embed:
        return {"floor_p95_ms": None, "p95_over_floor": None}
    return {"floor_p95_ms": embed, "p95_over_floor": round(retrieval_p95_ms / embed, 3)}


#: The start-up steps, in order (see `eval.bench.ours.serving`); "other" is the rest of the
#: cold start: the interpreter, the probe's own imports and the process spawn.
STARTUP = ("imports", "model", "index", "dictionary", "first answer", "other")


def startup_breakdown(steps: Mapping[str, float], cold_start_s: float) -> dict[str, float]:
    """Seconds per start-up step, with the rest of the cold start as "other"."""
    out = {name: round(float(steps[name]), 3) for name in STARTUP if name in steps}
    if out:
        out["other"] = round(max(0.0, cold_start_s - sum(out.values())), 3)
    return out
