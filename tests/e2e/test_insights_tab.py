"""The Insights tab in a real Chromium: plots render, a gap becomes a curated answer."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import ARTIFACTS
from tests.integration.server import ADMIN, ADMIN_TOKEN

GAP = ["What time does the college bakery open?", "When does the college bakery open?"]


def test_insights_tab_turns_a_gap_into_a_curated_answer(page: Any, base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        for question in GAP * 3:
            data = client.post("/api/chat", json={"message": question}).json()
            if data["grounded"]:  # not in the collection: a visitor given an answer votes down
                vote = {"message_id": data["message_id"], "rating": "down"}
                assert client.post("/api/feedback", json=vote).status_code == 201

    page.goto(f"{base_url}/ui/")
    page.get_by_role("tab", name="Insights").click()
    page.locator("#vca-insights-token input").fill("wrong-token")
    page.get_by_role("button", name="Load insights").click()
    page.locator("#vca-insights-summary").filter(has_text="Invalid admin token").wait_for()

    page.locator("#vca-insights-token input").fill(ADMIN_TOKEN)
    page.get_by_role("button", name="Load insights").click()
    page.locator("#vca-insights-summary").filter(has_text="questions").wait_for(timeout=90_000)
    for plot in ("#vca-plot-volume", "#vca-plot-shares", "#vca-plot-gaps"):
        page.locator(f"{plot} img").first.wait_for()
        assert page.locator(f"{plot} img").first.evaluate("i => i.naturalWidth") > 100

    page.locator("#vca-gap input").click()
    page.get_by_role("option").filter(has_text="college bakery").first.click()
    question = page.locator("#vca-curated-question textarea")
    page.wait_for_function(
        "el => el.value.includes('college bakery')", arg=question.element_handle()
    )
    page.locator("#vca-curated-answer textarea").fill("The bakery opens at 7:00 every day.")
    page.get_by_role("button", name="Save curated answer").click()
    status = page.locator("#vca-curated-status").filter(has_text="Saved curated answer")
    status.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gradio-insights.png"), full_page=True)

    with httpx.Client(base_url=base_url, timeout=120) as client:
        # The gap's questions are the curated answer's question and paraphrases.
        served = client.post("/api/chat", json={"message": GAP[1]}).json()
        assert served["curated"] is True and "7:00" in served["answer"], served
        answer_id = status.inner_text().split()[-1].rstrip(".")
        assert client.delete(f"/api/admin/answers/{answer_id}", headers=ADMIN).status_code == 200
        assert client.post("/api/chat", json={"message": GAP[1]}).json()["curated"] is False
