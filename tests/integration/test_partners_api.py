"""The partnership directory over real HTTP: lists, filters, one organisation with its
evidence, CSV, bad filters as JSON 4xx, and an upload's organisations appearing at once and
leaving with it."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from tests.integration.server import ADMIN

pytestmark = pytest.mark.integration

HERONS = """---
title: 苍鹭职业技术学院与两家企业签订校企合作协议
date: 2026-10-12
language: zh
type: news
region: Zhejiang; Lishui
---

10月12日，苍鹭职业技术学院与丽水白鹭智能装备有限公司、丽水青松物流集团签订校企合作协议。
双方将共建实训基地。
""".encode()


def _error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] and error["message"]
    assert "Traceback" not in response.text


def test_organizations_list_is_paged_and_filtered(client: httpx.Client) -> None:
    everything = client.get("/api/organizations", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) > 10
    item = everything["items"][0]
    assert set(item) == {"id", "name", "names", "kind", "region", "cooperations"}
    page = client.get("/api/organizations", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == everything["total"]
    assert [i["id"] for i in page["items"]] == [i["id"] for i in everything["items"][5:10]]

    schools = client.get("/api/organizations", params={"kind": "school", "limit": 1000}).json()
    assert schools["total"] > 0 and {i["kind"] for i in schools["items"]} == {"school"}
    xiamen = client.get("/api/organizations", params={"q": "厦门", "limit": 1000}).json()
    assert xiamen["total"] > 0
    assert all(any("厦门" in n for n in [i["name"], *i["names"]]) for i in xiamen["items"])
    fujian = client.get("/api/organizations", params={"region": "fujian"}).json()
    assert fujian["total"] > 0 and all("Fujian" in i["region"] for i in fujian["items"])


def test_an_organization_has_its_partners_and_evidence(client: httpx.Client) -> None:
    items = client.get("/api/organizations", params={"limit": 1000}).json()["items"]
    busiest = max(items, key=lambda i: i["cooperations"])
    assert busiest["cooperations"] > 0
    detail = client.get(f"/api/organizations/{busiest['id']}").json()
    assert detail["id"] == busiest["id"] and len(detail["cooperations"]) == busiest["cooperations"]
    documents = {d["id"] for d in client.get("/api/documents").json()["documents"]}
    for coop in detail["cooperations"]:
        assert set(coop["partner"]) == {"id", "name", "kind"}
        assert coop["kind"] in {"agreement", "training_base", "order_class", "membership",
                                "visit", "event", "donation", "other"}  # fmt: skip
        for ev in coop["evidence"]:
            assert ev["doc_id"] in documents and ev["title"]
            assert 0 <= ev["start"] < ev["end"] and ev["end"] - ev["start"] == len(ev["text"])
    _error(client.get("/api/organizations/no-such-id"), 404)


def test_cooperations_and_csv(client: httpx.Client) -> None:
    coops = client.get("/api/cooperations", params={"limit": 1000}).json()
    assert coops["total"] == len(coops["items"]) > 0
    first = coops["items"][0]
    assert set(first) >= {"id", "a", "b", "kind", "date", "region", "evidence"}
    kind = first["kind"]
    same = client.get("/api/cooperations", params={"cooperation": kind, "limit": 1000}).json()
    assert same["total"] > 0 and {c["kind"] for c in same["items"]} == {kind}

    response = client.get("/api/cooperations", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == coops["total"] and rows[0]["evidence"]
    orgs = client.get("/api/organizations", params={"format": "csv", "kind": "school"})
    rows = list(csv.DictReader(io.StringIO(orgs.text)))
    assert rows and {r["kind"] for r in rows} == {"school"}


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "factory"},
        {"cooperation": "marriage"},
        {"since": "last year"},
        {"until": "2023-13"},
        {"limit": 0},
        {"limit": "many"},
        {"offset": -1},
        {"format": "xml"},
    ],
)
def test_bad_filters_are_json_4xx(client: httpx.Client, params: dict[str, object]) -> None:
    for path in ("/api/organizations", "/api/cooperations"):
        _error(client.get(path, params=params), 422)


def test_an_upload_appears_at_once_and_leaves_with_its_document(client: httpx.Client) -> None:
    files = [("files", ("herons-signing.md", HERONS, "application/octet-stream"))]
    response = client.post("/api/documents", files=files, headers=ADMIN)
    assert response.status_code == 200, response.text
    try:
        found = client.get("/api/organizations", params={"q": "苍鹭"}).json()
        assert [i["name"] for i in found["items"]] == ["苍鹭职业技术学院"]
        detail = client.get(f"/api/organizations/{found['items'][0]['id']}").json()
        partners = {c["partner"]["name"]: c for c in detail["cooperations"]}
        assert set(partners) == {"丽水白鹭智能装备有限公司", "丽水青松物流集团"}
        signing = partners["丽水白鹭智能装备有限公司"]
        assert signing["kind"] == "agreement" and signing["date"] == "2026-10-12"
        ev = signing["evidence"][0]
        assert ev["doc_id"] == "herons-signing" and ev["text"].startswith("10月12日")
        text = HERONS.decode()
        assert ev["text"] in text
    finally:
        deleted = client.delete("/api/documents/herons-signing", headers=ADMIN)
    assert deleted.status_code == 200
    assert client.get("/api/organizations", params={"q": "苍鹭"}).json()["total"] == 0
    assert client.get("/api/cooperations", params={"q": "白鹭"}).json()["total"] == 0
