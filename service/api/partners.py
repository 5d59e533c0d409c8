"""`/api/organizations` and `/api/cooperations`: the partnership directory (public reads)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from assistant.partners import DEFAULT_LIMIT, PartnerService
from retrieval.directory_view import Filters
from service.api.deps import ContainerDep
from service.api.errors import ApiError

router = APIRouter(prefix="/api", tags=["partners"])


def get_partners(container: ContainerDep) -> PartnerService:
    """The directory service."""
    return container.partners


PartnersDep = Annotated[PartnerService, Depends(get_partners)]


def list_params(
    q: str = "",
    kind: str = "",
    region: str = "",
    cooperation: str = "",
    since: str = "",
    until: str = "",
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    fmt: Annotated[str, Query(alias="format", pattern="^(json|csv)$")] = "json",
) -> tuple[Filters, int, int, str]:
    """The contract's list filters, checked (bad values are a JSON 422)."""
    try:
        filters = Filters(q, kind, region, cooperation, since, until)
    except ValueError as exc:
        raise ApiError(422, "invalid_filter", str(exc)) from None
    return filters, limit, offset, fmt


ListParams = Annotated[tuple[Filters, int, int, str], Depends(list_params)]


def _page(call: Any, filters: Filters, limit: int, offset: int) -> dict[str, Any]:
    try:
        result: dict[str, Any] = call(filters, limit, offset)
    except ValueError as exc:
        raise ApiError(422, "invalid_filter", str(exc)) from None
    return result


def _csv(text: str, name: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/organizations")
def organizations(partners: PartnersDep, params: ListParams) -> Any:
    """Organisations matching the filters: `{"total", "items"}`, or CSV."""
    filters, limit, offset, fmt = params
    if fmt == "csv":
        return _csv(partners.organizations_csv(filters), "organizations")
    return _page(partners.organizations, filters, limit, offset)


@router.get("/organizations/{org_id}")
def organization(org_id: str, partners: PartnersDep) -> dict[str, Any]:
    """One organisation with its cooperations and their evidence."""
    found = partners.organization(org_id)
    if found is None:
        raise ApiError(404, "not_found", f"no organisation with id '{org_id}'")
    return found


@router.get("/cooperations")
def cooperations(partners: PartnersDep, params: ListParams) -> Any:
    """Cooperations matching the filters: `{"total", "items"}`, or CSV."""
    filters, limit, offset, fmt = params
    if fmt == "csv":
        return _csv(partners.cooperations_csv(filters), "cooperations")
    return _page(partners.cooperations, filters, limit, offset)
