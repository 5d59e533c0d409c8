"""The Partners tab in a real Chromium: filter the table, open an organisation, export CSV."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tests.e2e.conftest import ARTIFACTS

TABLE = "#vca-partners-table"


def test_filter_open_and_export(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/ui/")
    page.get_by_role("tab", name="Partners").click()
    status = page.locator("#vca-partners-status")
    status.filter(has_text="organisations.").wait_for(timeout=30_000)
    everything = int(status.inner_text().split()[0])
    assert everything > 10

    page.locator("#vca-partners-q textarea").fill("厦门")
    page.locator("#vca-partners-search").click()
    status.filter(has_text="organisations.").filter(has_not_text=f"{everything} ").wait_for()
    filtered = int(status.inner_text().split()[0])
    assert 0 < filtered < everything
    table = page.locator(TABLE)
    table.get_by_text("厦门").filter(visible=True).first.wait_for()
    lines = [ln for ln in table.inner_text().splitlines() if re.search(r"\b[0-9a-f]{12}\b", ln)]
    ids = list(dict.fromkeys(re.findall(r"\b[0-9a-f]{12}\b", "\n".join(lines))))
    assert len(ids) == filtered, lines
    for org_id in ids:  # each listed organisation is named with the filter text
        org = page.request.get(f"{base_url}/api/organizations/{org_id}").json()
        assert any("厦门" in n for n in [org["name"], *org["names"]]), org

    # The busiest Xiamen organisation is listed first: open it.
    table.get_by_text(ids[0], exact=True).filter(visible=True).first.click()
    detail = page.locator("#vca-partners-detail")
    detail.filter(has_text="Partners (").wait_for(timeout=30_000)
    text = detail.inner_text()
    assert "厦门" in text and "“" in text  # its name and a quoted evidence sentence
    page.locator("#vca-partners-graph img").wait_for(timeout=30_000)

    page.locator("#vca-partners-export").click()
    link = page.locator("#vca-partners-csv a").first
    link.wait_for(timeout=30_000)
    href = link.get_attribute("href")
    assert href
    body = page.request.get(href if href.startswith("http") else f"{base_url}{href}").text()
    exported = list(csv.DictReader(io.StringIO(body)))
    assert len(exported) == filtered and all("厦门" in r["name"] + r["names"] for r in exported)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gradio-partners.png"), full_page=True)
