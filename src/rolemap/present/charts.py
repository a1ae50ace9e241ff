"""Charts as inline SVG: each returns the markup of one figure, drawn from the numbers directly (no
plotting library, no script, no network), so a page with five charts renders in well under a millisecond
each and the same data always gives the same bytes. Every chart stands beside a table of its numbers; the
SVG carries a <title> for screen readers. Sizes are in SVG units and scale with the page."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

_INK, _ACCENT, _MUTED, _GRID = "#1f2933", "#2563eb", "#616e7c", "#e4e7eb"
_PALETTE = ("#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#65a30d", "#db2777")
_WIDTH, _LABEL_W, _ROW, _TOP = 600, 150, 22, 30
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def bars(labels: list[str], values: list[float], title: str, percent: bool = False) -> str:
    """Horizontal bars in the given order (callers pass largest first), each with its value printed."""
    top = max(values, default=0) or 1
    span = _WIDTH - _LABEL_W - 60
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = _TOP + i * _ROW
        width = span * value / top
        rows.append(
            f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end">{_cut(label)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 3}" width="{width:.1f}" height="{_ROW - 6}" fill="{_ACCENT}"/>'
            f'<text x="{_LABEL_W + width + 4:.1f}" y="{y + 15}" fill="{_MUTED}">{_value(value, percent)}</text>'
        )
    return _figure(title, _TOP + len(labels) * _ROW + 8, "".join(rows))


def pay_ranges(labels: list[str], p25: list[float], median: list[float], p75: list[float], title: str) -> str:
    """Each group's middle half (p25–p75) as a bar with its median marked, on one shared axis."""
    low, high = min(p25, default=0), max(p75, default=1)
    low, high = _nice_floor(low * 0.9), _nice_ceil(high * 1.05)
    span = _WIDTH - _LABEL_W - 20

    def x(value: float) -> float:
        return _LABEL_W + span * (value - low) / ((high - low) or 1)

    body = [_x_axis(low, high, x, _TOP + len(labels) * _ROW, lambda v: f"{v / 1000:.0f}k")]
    for i, label in enumerate(labels):
        y = _TOP + i * _ROW
        body.append(
            f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end">{_cut(label)}</text>'
            f'<rect x="{x(p25[i]):.1f}" y="{y + 4}" width="{max(x(p75[i]) - x(p25[i]), 1):.1f}" '
            f'height="{_ROW - 8}" fill="{_ACCENT}" fill-opacity="0.35"/>'
            f'<circle cx="{x(median[i]):.1f}" cy="{y + _ROW / 2:.1f}" r="4" fill="{_ACCENT}"/>'
        )
    return _figure(title, _TOP + len(labels) * _ROW + 26, "".join(body))


def lines(
    periods: list[str], series: dict[str, list[float | None]], title: str, partial: list[bool] | None = None
) -> str:
    """Shares over time, one line a value, with a legend under the plot. A period without data (None) is a
    gap in the line, never a fall to 0%; a lone point between gaps is a dot. Partial periods are shaded."""
    left, right, plot_top, plot_h = 50, _WIDTH - 10, _TOP, 180
    top = max((v for values in series.values() for v in values if v is not None), default=0) or 1
    top = _nice_ceil(top * 100) / 100
    step = (right - left) / max(len(periods) - 1, 1)

    def y(value: float) -> float:
        return plot_top + plot_h * (1 - value / top)

    body = []
    for i, shaded in enumerate(partial or []):
        if shaded:
            body.append(
                f'<rect x="{left + (i - 0.5) * step:.1f}" y="{plot_top}" width="{step:.1f}" height="{plot_h}" '
                f'fill="{_GRID}" fill-opacity="0.6"><title>{escape(periods[i])}: partial period</title></rect>'
            )
    for k in range(5):
        value = top * k / 4
        body.append(
            f'<line x1="{left}" x2="{right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{_GRID}"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{_MUTED}">{value:.0%}</text>'
        )
    every = max(1, len(periods) // 8)
    for i in range(0, len(periods), every):
        body.append(
            f'<text x="{left + i * step:.1f}" y="{plot_top + plot_h + 16}" text-anchor="middle" '
            f'fill="{_MUTED}">{escape(periods[i])}</text>'
        )
    legend_y = plot_top + plot_h + 36
    for n, (name, values) in enumerate(series.items()):
        color = _PALETTE[n % len(_PALETTE)]
        for run in _runs(values):
            if len(run) == 1:
                i = run[0]
                body.append(
                    f'<circle cx="{left + i * step:.1f}" cy="{y(values[i] or 0):.1f}" r="2.5" fill="{color}"/>'
                )
                continue
            points = " ".join(f"{left + i * step:.1f},{y(values[i] or 0):.1f}" for i in run)
            body.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        lx, ly = left + (n % 4) * 135, legend_y + (n // 4) * 18
        body.append(
            f'<rect x="{lx}" y="{ly - 9}" width="12" height="4" fill="{color}"/>'
            f'<text x="{lx + 16}" y="{ly - 4}">{_cut(name, 16)}</text>'
        )
    height = legend_y + ((len(series) + 3) // 4) * 18
    return _figure(title, height, "".join(body))


def _runs(values: list[float | None]) -> list[list[int]]:
    """The indexes of each unbroken stretch of known values."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def _figure(title: str, height: float, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height:.0f}" role="img" {_FONT} '
        f'fill="{_INK}"><title>{escape(title)}</title>'
        f'<text x="0" y="16" font-weight="600" font-size="13">{escape(title)}</text>{body}</svg>'
    )


def _x_axis(
    low: float, high: float, x: Callable[[float], float], y: float, label: Callable[[float], str]
) -> str:
    ticks = []
    for k in range(5):
        value = low + (high - low) * k / 4
        px = x(value)
        ticks.append(
            f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{_TOP}" y2="{y}" stroke="{_GRID}"/>'
            f'<text x="{px:.1f}" y="{y + 14}" text-anchor="middle" fill="{_MUTED}">{label(value)}</text>'
        )
    return "".join(ticks)


def _value(value: float, percent: bool) -> str:
    return f"{value:.0%}" if percent else f"{value:,.0f}"


def _cut(label: str, width: int = 22) -> str:
    return str(escape(label if len(label) <= width else label[: width - 1] + "…"))


def _nice_floor(value: float) -> float:
    step = _step(value)
    return (value // step) * step


def _nice_ceil(value: float) -> float:
    step = _step(value)
    return -((-value) // step) * step


def _step(value: float) -> float:
    """A round step for an axis: 10k for pay in the hundred thousands, 5 for shares in percent."""
    magnitude = 10 ** max(len(str(int(abs(value)))) - 2, 0)
    return float(max(magnitude, 1))
