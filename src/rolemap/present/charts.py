"""Charts as inline SVG (matplotlib, no network, no JavaScript): each returns the SVG markup of one
figure. Every chart in a report stands beside a table of its numbers."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

_INK, _ACCENT, _MUTED = "#1f2933", "#2563eb", "#9aa5b1"
plt.rcParams.update(
    {
        "font.size": 9,
        "axes.edgecolor": _MUTED,
        "axes.labelcolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",  # text stays text: searchable and readable by screen readers
        "svg.hashsalt": "rolemap",  # the same data gives the same file
    }
)


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    markup = buffer.getvalue()
    return markup[markup.index("<svg") :]


def bars(labels: list[str], values: list[float], title: str, percent: bool = False) -> str:
    """Horizontal bars, largest on top."""
    fig, ax = plt.subplots(figsize=(6, 0.28 * max(len(labels), 3) + 0.6))
    ax.barh(labels[::-1], values[::-1], color=_ACCENT)
    ax.set_title(title, loc="left", color=_INK)
    if percent:
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    return _svg(fig)


def pay_ranges(labels: list[str], p25: list[float], median: list[float], p75: list[float], title: str) -> str:
    """Each group's middle half (p25–p75) as a bar with its median marked."""
    fig, ax = plt.subplots(figsize=(6, 0.35 * max(len(labels), 3) + 0.6))
    y = list(range(len(labels)))[::-1]
    ax.barh(
        y, [b - a for a, b in zip(p25, p75, strict=True)], left=p25, color=_ACCENT, alpha=0.35, height=0.6
    )
    ax.scatter(median, y, color=_ACCENT, zorder=3, label="median")
    ax.set_yticks(y, labels)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v / 1000:.0f}k"))
    ax.set_title(title, loc="left", color=_INK)
    return _svg(fig)


def lines(periods: list[str], series: dict[str, list[float]], title: str) -> str:
    """Shares over time, one line a value."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for name, values in series.items():
        ax.plot(periods, values, marker="o", markersize=2.5, linewidth=1.4, label=name)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    step = max(1, len(periods) // 8)
    ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=30, ha="right")
    ax.legend(frameon=False, fontsize=8, ncols=2)
    ax.set_title(title, loc="left", color=_INK)
    return _svg(fig)
