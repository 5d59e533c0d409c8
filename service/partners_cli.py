"""`vca partners [QUERY] [--kind K] [--region R] [--cooperation C] [--json | --csv]`."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.partners import MAX_LIMIT
from assistant.settings import Settings
from corpus.orgnames import KINDS
from corpus.partners import COOPERATION_KINDS
from retrieval.directory_view import Filters


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `partners` subcommand."""
    p = sub.add_parser("partners", help="list organisations of the partnership directory")
    p.add_argument("query", nargs="?", default="", help="part of a name (either language)")
    p.add_argument("--kind", choices=KINDS, default="", help="organisation kind")
    p.add_argument("--region", default="", help="region, e.g. Jiangsu or Suzhou")
    p.add_argument("--cooperation", choices=COOPERATION_KINDS, default="", help="cooperation kind")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the API's JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the matching organisations (a table, JSON or CSV)."""
    from assistant.container import Container

    partners = Container(settings).partners
    filters = Filters(args.query, args.kind, args.region, args.cooperation)
    if args.csv:
        sys.stdout.write(partners.organizations_csv(filters))
        return 0
    page = partners.organizations(filters, limit=MAX_LIMIT)
    if args.json:
        print(json.dumps(page, ensure_ascii=False))
        return 0
    for item in page["items"]:
        names = f" ({' / '.join(item['names'])})" if item["names"] else ""
        region = f" [{item['region']}]" if item["region"] else ""
        print(
            f"{item['name']}{names} — {item['kind']}{region}, {item['cooperations']} cooperations"
        )
    print(f"{page['total']} organisations")
    return 0
