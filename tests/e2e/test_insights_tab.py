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
    # Saved without the gap's other phrasing: the gap then names the answer as near, and one
    # click adds the phrasing to its paraphrases.
    page.get_by_label("Paraphrases (one a line)").fill("")
    page.get_by_role("button", name="Save curated answer").click()
    status = page.locator("#vca-curated-status").filter(has_text="Saved curated answer")
    status.wait_for()
    answer_id = status.inner_text().split()[-1].rstrip(".")

    page.get_by_role("button", name="Load insights").click()
    # The gaps table names the answer in the bakery gap's near_answer cell.
    page.locator("#vca-gaps").get_by_text(answer_id).first.wait_for(
        state="attached", timeout=90_000
    )
    page.locator("#vca-gap input").click()
    page.get_by_role("option").filter(has_text="college bakery").first.click()
    page.get_by_role("button", name="Add the gap to its near curated answer").click()
    added = page.locator("#vca-curated-status").filter(
        has_text=f"Added 1 paraphrase(s) to curated answer {answer_id}"
    )
    added.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gradio-insights.png"), full_page=True)

    with httpx.Client(base_url=base_url, timeout=120) as client:
        # The gap's questions are the curated answer's question and paraphrases.
        for asked in GAP:
            served = client.post("/api/chat", json={"message": asked}).json()
            assert served["curated"] is True and "7:00" in served["answer"], served
        stored = client.get(f"/api/admin/answers/{answer_id}", headers=ADMIN).json()
        assert len(stored["paraphrases"]) == 1 and stored["paraphrases"][0] in GAP
        assert client.delete(f"/api/admin/answers/{answer_id}", headers=ADMIN).status_code == 200
        assert client.post("/api/chat", json={"message": GAP[1]}).json()["curated"] is False
