"""`/api/admin/insights`: what visitors asked and could not get (admin bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from assistant.insights import TOP_GAPS, TOP_QUESTIONS, InsightsService, TimeRange
from service.api.deps import AdminDep, ContainerDep
from service.api.errors import service_errors

router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=[AdminDep])
Since = Annotated[
    str | None, Query(max_length=40, description="ISO date/datetime (UTC) or epoch seconds.")
]
Until = Annotated[
    str | None,
    Query(max_length=40, description="ISO date (inclusive), datetime or epoch seconds; now."),
]


def get_insights(container: ContainerDep) -> InsightsService:
    """The insights service."""
    return container.insights


InsightsDep = Annotated[InsightsService, Depends(get_insights)]


@router.get("/insights")
async def insights(
    service: InsightsDep,
    since: Since = None,
    until: Until = None,
    top: Annotated[int, Query(ge=1, le=100)] = TOP_QUESTIONS,
    gaps: Annotated[int, Query(ge=0, le=100)] = TOP_GAPS,
) -> dict[str, Any]:
    """Counts, shares, feedback, latency, questions per day, top questions and knowledge
    gaps over [since, until) (default: the last 30 days)."""
    with service_errors():
        span = TimeRange.parse(since, until)
        return await run_in_threadpool(service.summary, span, top, gaps)


@router.get("/insights.csv")
async def insights_csv(service: InsightsDep, since: Since = None, until: Until = None) -> Response:
    """One row per answered question (time, question, flags, latency, ratings; no session
    ids and no addresses), as CSV."""
    with service_errors():
        span = TimeRange.parse(since, until)
    text = await run_in_threadpool(service.csv, span)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="insights.csv"'},
    )
