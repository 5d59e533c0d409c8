"""A picture of the cooperation network around one organisation (matplotlib, PNG bytes)."""

from __future__ import annotations

import io
import math
from typing import Any

KIND_COLOURS = {
    "school": "#1f77b4",
    "enterprise": "#ff7f0e",
    "association": "#2ca02c",
    "alliance": "#9467bd",
    "government": "#d62728",
    "other": "#7f7f7f",
}
# Fonts tried in order so that Chinese names are drawn (the first installed one is used).
FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans"]
MAX_PARTNERS = 24  # partners drawn around the organisation; the rest are summarised
LABEL_CHARS = 18  # longer names are shortened on the picture


def network_png(org: dict[str, Any]) -> bytes:
    """The organisation in the middle, its partners around it, edges labelled by kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.sans-serif"] = FONTS
    plt.rcParams["axes.unicode_minus"] = False
    partners: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for coop in org["cooperations"]:
        entry = partners.setdefault(coop["partner"]["id"], (coop["partner"], []))
        entry[1].append(coop["kind"])
    shown = list(partners.values())[:MAX_PARTNERS]
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    ax.set_axis_off()
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.3, 1.3)
    for i, (partner, kinds) in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1)
        x, y = math.cos(angle), math.sin(angle)
        ax.plot([0, x], [0, y], color="#bbbbbb", zorder=1)
        ax.text(x / 2, y / 2, ", ".join(sorted(set(kinds))), fontsize=7, color="#555555",
                ha="center", va="center")  # fmt: skip
        ax.scatter([x], [y], s=300, color=KIND_COLOURS.get(partner["kind"], "#7f7f7f"), zorder=2)
        ax.text(x, y - 0.12, _short(partner["name"]), fontsize=8, ha="center", va="top")
    ax.scatter([0], [0], s=700, color=KIND_COLOURS.get(org["kind"], "#7f7f7f"), zorder=3)
    ax.text(0, -0.14, _short(org["name"]), fontsize=10, ha="center", va="top", weight="bold")
    if len(partners) > len(shown):
        ax.text(0, -1.25, f"+{len(partners) - len(shown)} more", ha="center", fontsize=8)
    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    plt.close(fig)
    return out.getvalue()


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
