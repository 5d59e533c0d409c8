"""Insights and curated answers through real servers: a scripted day of traffic, gaps grouped
by meaning, a curated answer seen by another process sharing the data folder, admin-only
routes, session deletion."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.server import (
    ADMIN,
    ADMIN_TOKEN,
    ROOT,
    RunningServer,
    copy_of_corpus,
    parse_sse,
    run_server,
    shared_cm,
)

pytestmark = pytest.mark.integration

#: Questions the collection cannot answer, each phrased several ways in each language.
UNANSWERABLE = {
    "pool-en": [
        "What time does the swimming pool open?",
        "When does the swimming pool open?",
        "What are the opening times of the swimming pool?",
    ],
    "pool-zh": ["游泳馆几点开门？", "游泳馆什么时候开放？"],
    "parking-en": [
        "How much is a parking permit for students?",
        "What does a student parking permit cost?",
        "How much do students pay for a parking permit?",
    ],
    "parking-zh": ["学生停车证多少钱？", "学生办停车证要交多少钱？"],
    "wifi-en": ["What is the guest Wi-Fi password?", "What's the password for the guest Wi-Fi?"],
}
REPEATS = 4  # each unanswerable phrasing is asked this many times during the day
GOLD_REPEATS = 3  # each standalone gold question is asked this many times
DOWN_EVERY = 7  # every 7th answered question is down-voted, every 5th up-voted
UP_EVERY = 5


def env() -> dict[str, str]:
    return {"VCA_ADMIN_TOKEN": ADMIN_TOKEN, "VCA_RATE_LIMIT_PER_MINUTE": "0"}


@pytest.fixture(scope="module")
def day_server() -> RunningServer:
    """A server of its own, so that its conversation store holds exactly the scripted day."""
    return shared_cm("insights-day", lambda: run_server(copy_of_corpus("insights-day"), **env()))


def gold_questions() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval/datasets/gold.jsonl").open()]
    return [r["question"] for r in rows if not r["history"]]


@pytest.fixture(scope="module")
def day(day_server: RunningServer) -> dict[str, Any]:
    """Hundreds of questions over HTTP, some unanswerable, some rated; what the server said."""
    asked: list[tuple[str, str]] = [(q, "") for q in gold_questions()] * GOLD_REPEATS
    for topic, phrasings in UNANSWERABLE.items():
        asked += [(q, topic) for q in phrasings] * REPEATS
    said: dict[str, Any] = {"responses": [], "up": 0, "down": 0, "down_questions": set()}
    with day_server.client() as client:
        for i, (question, topic) in enumerate(asked):
            response = client.post("/api/chat", json={"message": question})
            assert response.status_code == 200, response.text
            data = response.json()
            said["responses"].append((question, topic, data))
            if not data["grounded"]:
                continue
            if topic:  # the collection has no answer: a visitor given one votes it down
                rating: str | None = "down"
            else:
                rating = "down" if i % DOWN_EVERY == 0 else "up" if i % UP_EVERY == 0 else None
            if rating:
                posted = client.post(
                    "/api/feedback", json={"message_id": data["message_id"], "rating": rating}
                )
                assert posted.status_code == 201, posted.text
                said[rating] += 1
                if rating == "down":
                    said["down_questions"].add(question)
        insights = client.get("/api/admin/insights", headers=ADMIN)
        assert insights.status_code == 200, insights.text
        said["insights"] = insights.json()
        said["csv"] = client.get("/api/admin/insights.csv", headers=ADMIN)
    return said


def test_the_day_is_counted(day: dict[str, Any]) -> None:
    responses, got = day["responses"], day["insights"]
    assert len(responses) >= 200
    answered = sum(1 for _, _, d in responses if d["grounded"])
    assert got["questions"] == len(responses)
    assert got["answered"] == answered
    assert got["refused"] == len(responses) - answered
    assert got["degraded"] == sum(1 for _, _, d in responses if d["degraded"])
    assert got["feedback"] == {"up": day["up"], "down": day["down"]}
    assert day["down"] > 0 and day["up"] > 0
    assert sum(d["questions"] for d in got["per_day"]) == len(responses)
    assert got["latency_ms"]["p50"] is not None
    assert got["latency_ms"]["p50"] <= got["latency_ms"]["p95"]
    top = got["top_questions"][0]
    assert top["count"] == REPEATS, top  # each unanswerable phrasing is the most asked
    assert got["shares"]["answered"] == pytest.approx(answered / len(responses), abs=1e-3)


def test_unanswerable_paraphrases_are_one_gap(day: dict[str, Any]) -> None:
    gaps = day["insights"]["gaps"]
    topic_of = {q: t for t, phrasings in UNANSWERABLE.items() for q in phrasings}
    for topic, phrasings in UNANSWERABLE.items():
        holding = [g for g in gaps if set(phrasings) & set(g["examples"])]
        assert len(holding) == 1, (topic, holding)  # every phrasing in the same gap
        gap = holding[0]
        assert set(phrasings) <= set(gap["examples"]), gap
        assert gap["count"] >= REPEATS * len(phrasings)
        assert {topic_of.get(e, "") for e in gap["examples"]} <= {topic, ""}, gap
        assert gap["last_asked"] and isinstance(gap["documents"], list)
        assert gap["near_answer"] is None  # no curated answer on this server that day
    down_gaps = {e for g in gaps for e in g["examples"]} & day["down_questions"]
    assert down_gaps or len(gaps) == 10  # a down-voted answer is a gap too (when shown)


def test_csv_export_has_one_row_per_question_and_no_session(day: dict[str, Any]) -> None:
    response = day["csv"]
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.strip().splitlines()
    assert lines[0].split(",")[:3] == ["asked_at", "question", "grounded"]
    assert len(lines) == 1 + len(day["responses"])
    assert "session" not in lines[0]
    sessions = {d["session_id"] for _, _, d in day["responses"]}
    assert not any(s in response.text for s in list(sessions)[:20])


def test_a_gap_near_a_curated_answer_names_it(
    day_server: RunningServer, day: dict[str, Any]
) -> None:
    pool = next(g for g in day["insights"]["gaps"] if UNANSWERABLE["pool-en"][0] in g["examples"])
    with day_server.client() as client:
        body = {"question": "When is the college swimming pool open?", "answer": "6:00-21:00."}
        created = client.post("/api/admin/answers", json=body, headers=ADMIN)
        assert created.status_code == 201, created.text
        answer_id = created.json()["id"]
        try:
            gaps = client.get("/api/admin/insights", headers=ADMIN).json()["gaps"]
            near = next(g for g in gaps if g["label"] == pool["label"])["near_answer"]
            assert near is not None and near["id"] == answer_id
            assert near["question"] == body["question"] and near["similarity"] >= 0.9
            wifi = next(g for g in gaps if UNANSWERABLE["wifi-en"][0] in g["examples"])
            assert wifi["near_answer"] is None  # about another thing
        finally:
            client.delete(f"/api/admin/answers/{answer_id}", headers=ADMIN)


def test_time_range_filter(day_server: RunningServer, day: dict[str, Any]) -> None:
    with day_server.client() as client:
        past = client.get(
            "/api/admin/insights",
            params={"since": "2020-01-01", "until": "2020-01-31"},
            headers=ADMIN,
        )
        assert past.status_code == 200
        assert past.json()["questions"] == 0 and past.json()["gaps"] == []
        bad = client.get("/api/admin/insights", params={"since": "yesterday"}, headers=ADMIN)
        assert bad.status_code == 422 and "error" in bad.json()


# -- curated answers across processes ----------------------------------------------------


@pytest.fixture(scope="module")
def two_servers() -> Iterator[tuple[RunningServer, RunningServer]]:
    """Two server processes sharing one data folder."""
    data = copy_of_corpus("curated-shared")
    with run_server(data, **env()) as first, run_server(data, **env()) as second:
        yield first, second


LIBRARY = "图书馆的开放时间是什么？"
LIBRARY_PARAPHRASE = "图书馆什么时候开放？"
CANTEEN = "食堂的开放时间是什么？"  # a near miss: same form, another place
LIBRARY_EN = "When is the college library open?"


def ask(client: httpx.Client, message: str) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": message})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_curated_answer_is_served_by_another_process(
    two_servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = two_servers
    with first.client() as a, second.client() as b:
        assert ask(b, LIBRARY_PARAPHRASE)["curated"] is False
        body = {
            "question": LIBRARY,
            "answer": "The library opens 8:00-22:00 on weekdays.",
            "answers": {"zh": "图书馆工作日 8:00-22:00 开放。"},
            "paraphrases": [LIBRARY_EN],
        }
        created = a.post("/api/admin/answers", json=body, headers=ADMIN)
        assert created.status_code == 201, created.text
        answer_id = created.json()["id"]

        served = ask(b, LIBRARY_PARAPHRASE)
        assert served["curated"] is True and served["grounded"] is True
        assert "8:00-22:00" in served["answer"] and "学院" in served["answer"]
        english = ask(b, "When is the college library open")
        assert english["curated"] is True and "weekdays" in english["answer"]
        assert ask(b, CANTEEN)["curated"] is False

        streamed = b.post("/api/chat", json={"message": LIBRARY_PARAPHRASE, "stream": True})
        events = parse_sse(streamed.text)
        done = json.loads(next(d for e, d in events if e == "done"))
        assert done["curated"] is True
        openai = b.post(
            "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": LIBRARY_PARAPHRASE}]},
        )
        assert openai.status_code == 200 and openai.json()["curated"] is True
        assert "8:00-22:00" in openai.json()["choices"][0]["message"]["content"]

        updated = a.put(
            f"/api/admin/answers/{answer_id}",
            json={**body, "answers": {"zh": "图书馆工作日 7:30-22:00 开放。"}},
            headers=ADMIN,
        )
        assert updated.status_code == 200, updated.text
        assert "7:30-22:00" in ask(b, LIBRARY_PARAPHRASE)["answer"]

        exported = a.get("/api/admin/answers/export", headers=ADMIN).json()
        assert [x["id"] for x in exported["answers"]] == [answer_id]
        assert a.delete(f"/api/admin/answers/{answer_id}", headers=ADMIN).status_code == 200
        assert ask(b, LIBRARY_PARAPHRASE)["curated"] is False
        assert b.get(f"/api/admin/answers/{answer_id}", headers=ADMIN).status_code == 404

        imported = b.post("/api/admin/answers/import", json=exported, headers=ADMIN)
        assert imported.status_code == 200 and imported.json() == {"imported": 1}
        assert ask(a, LIBRARY_PARAPHRASE)["curated"] is True
        listed = a.get("/api/admin/answers", headers=ADMIN).json()
        assert listed["count"] == 1 and listed["answers"][0]["id"] == answer_id
        assert a.delete(f"/api/admin/answers/{answer_id}", headers=ADMIN).status_code == 200


BUS = "从火车站到学校坐几路公交车？"
BUS_NEAR_MISS = "从机场到学校坐几路公交车？"  # over the similarity gate: the near-miss check


def test_a_near_miss_over_the_gate_is_not_served(
    two_servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = two_servers
    with first.client() as a, second.client() as b:
        body = {"question": BUS, "answer": "Bus 12 and bus 30 go to the campus."}
        created = a.post("/api/admin/answers", json=body, headers=ADMIN)
        assert created.status_code == 201, created.text
        try:
            assert ask(b, "火车站坐哪路公交能到学校？")["curated"] is True
            assert ask(b, BUS_NEAR_MISS)["curated"] is False
        finally:
            a.delete(f"/api/admin/answers/{created.json()['id']}", headers=ADMIN)


def test_curated_answer_validation(two_servers: tuple[RunningServer, RunningServer]) -> None:
    first, _ = two_servers
    with first.client() as a:
        unknown = a.post(
            "/api/admin/answers",
            json={"question": "q?", "answer": "a", "documents": ["no-such-document"]},
            headers=ADMIN,
        )
        assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "unknown_document"
        empty = a.post("/api/admin/answers", json={"question": "", "answer": "a"}, headers=ADMIN)
        assert empty.status_code == 422
        assert a.delete("/api/admin/answers/nope", headers=ADMIN).status_code == 404


ADMIN_ROUTES = [
    ("GET", "/api/admin/insights"),
    ("GET", "/api/admin/insights.csv"),
    ("GET", "/api/admin/answers"),
    ("POST", "/api/admin/answers"),
    ("GET", "/api/admin/answers/export"),
    ("POST", "/api/admin/answers/import"),
    ("GET", "/api/admin/answers/some-id"),
    ("PUT", "/api/admin/answers/some-id"),
    ("DELETE", "/api/admin/answers/some-id"),
    ("GET", "/api/feedback"),
    ("POST", "/api/documents"),
    ("DELETE", "/api/documents/some-id"),
]


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_every_admin_route_refuses_non_admins(
    two_servers: tuple[RunningServer, RunningServer], token: str | None
) -> None:
    first, _ = two_servers
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with first.client() as client:
        for method, path in ADMIN_ROUTES:
            response = client.request(method, path, headers=headers, json={})
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["error"]["code"] == "unauthorized"


def test_a_session_can_be_deleted_by_its_holder(
    two_servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = two_servers
    with first.client() as a, second.client() as b:
        data = ask(a, "What time does the swimming pool open?")
        session = data["session_id"]
        assert b.delete(f"/api/sessions/{session}").status_code == 204
        assert a.delete(f"/api/sessions/{session}").status_code == 404
        assert a.delete("/api/sessions/bad id!").status_code == 422
        feedback = a.post("/api/feedback", json={"message_id": data["message_id"], "rating": "up"})
        assert feedback.status_code == 404  # the answer went with its session


def test_cli_prints_the_summary_and_writes_the_plots(
    day_server: RunningServer, day: dict[str, Any], tmp_path: Any
) -> None:
    import subprocess

    from tests.integration.server import PYTHON, clean_env

    result = subprocess.run(
        [PYTHON, "-m", "service.cli", "insights", "--json", "--plots", str(tmp_path)],
        cwd=ROOT,
        env=clean_env(day_server.data_dir),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["questions"] == day["insights"]["questions"]
    assert summary["feedback"] == day["insights"]["feedback"]
    for name in ("volume", "shares", "gaps"):
        png = tmp_path / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
