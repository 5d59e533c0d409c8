"""PNG-ready charts of the insights summary (matplotlib's Agg canvas; no pyplot state).

Used by the Insights tab and by `vca insights --plots DIR`. Chinese gap labels need a CJK
font: the first installed one of `CJK_FONTS` is put after the default, else labels keep
their Latin characters only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FONTS = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "SimHei")
LABEL_CHARS = 40  # longest gap label shown on the chart
COLORS = {"answered": "#4c9a5f", "refused": "#c44e52", "degraded": "#dd8452"}


def _fonts() -> list[str]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *[f for f in CJK_FONTS if f in installed]]


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def volume_figure(summary: dict[str, Any]) -> Figure:
    """Questions per day, split into answered and refused (stacked bars)."""
    days = summary.get("per_day", [])
    fig = _figure(7.5, 3.6)
    ax = fig.add_subplot()
    xs = [d["date"] for d in days]
    answered = [d["answered"] for d in days]
    ax.bar(xs, answered, color=COLORS["answered"], label="answered")
    ax.bar(
        xs, [d["refused"] for d in days], bottom=answered, color=COLORS["refused"], label="refused"
    )
    ax.set_ylabel("questions")
    ax.set_title("Questions per day")
    ax.tick_params(axis="x", rotation=30 if len(xs) > 6 else 0)
    if days:
        ax.legend()
    ax.grid(axis="y", alpha=0.3)
    return fig


def shares_figure(summary: dict[str, Any]) -> Figure:
    """Shares of answered, refused and degraded answers."""
    shares = summary.get("shares", {})
    fig = _figure(5.0, 3.6)
    ax = fig.add_subplot()
    names = ["answered", "refused", "degraded"]
    values = [float(shares.get(n, 0.0)) for n in names]
    ax.bar(names, values, color=[COLORS[n] for n in names])
    for i, v in enumerate(values):
        ax.text(i, v + 0.02, f"{v:.0%}", ha="center")
    ax.set_ylim(0, 1.1)
    ax.set_title(f"Answered / refused ({summary.get('questions', 0)} questions)")
    return fig


def gaps_figure(summary: dict[str, Any]) -> Figure:
    """The knowledge gaps, largest first (horizontal bars of their counts)."""
    gaps = list(reversed(summary.get("gaps", [])))
    fig = _figure(7.5, max(2.5, 0.45 * len(gaps) + 1.2))
    ax = fig.add_subplot()
    labels = [_short(g["label"]) for g in gaps]
    ax.barh(range(len(gaps)), [g["count"] for g in gaps], color=COLORS["refused"])
    ax.set_yticks(range(len(gaps)), labels, fontfamily=_fonts())
    ax.set_xlabel("questions")
    ax.set_title("Top knowledge gaps (refused or down-voted)")
    ax.grid(axis="x", alpha=0.3)
    return fig


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


FIGURES = {"volume": volume_figure, "shares": shares_figure, "gaps": gaps_figure}


def write_plots(summary: dict[str, Any], folder: Path) -> list[Path]:
    """Write `volume.png`, `shares.png` and `gaps.png` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in FIGURES.items():
        path = folder / f"{name}.png"
        make(summary).savefig(path, dpi=110)
        paths.append(path)
    return paths
