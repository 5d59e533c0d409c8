"""`vca insights` prints the summary as plain lines."""

from __future__ import annotations

from service.cli import _insights_text


def test_summary_lines() -> None:
    summary = {
        "since": "2026-11-01T00:00:00Z",
        "until": "2026-11-27T00:00:00Z",
        "questions": 12,
        "answered": 9,
        "refused": 3,
        "degraded": 1,
        "curated": 2,
        "feedback": {"up": 4, "down": 1},
        "latency_ms": {"p50": 80.5, "p95": 310.0},
        "top_questions": [{"question": "游泳馆几点开门？", "count": 3}],
        "gaps": [
            {
                "label": "游泳馆几点开门？",
                "count": 3,
                "last_asked": "2026-11-26T10:00:00Z",
                "documents": [{"id": "news-a"}],
            }
        ],
    }
    text = _insights_text(summary)
    assert "questions 12: answered 9, refused 3, degraded 1, curated 2" in text
    assert "feedback: 4 up, 1 down; latency p50 80.5 ms, p95 310.0 ms" in text
    assert "    3  游泳馆几点开门？  (last 2026-11-26T10:00:00Z; near: news-a)" in text
