"""Inline SVG charts for the report: no JavaScript, no external files, every label escaped.

Each function returns one `<svg>` element sized in CSS pixels with a viewBox, so it scales
with the page and prints sharply. `<title>` children give hover details in any browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

LEVEL_COLOURS = {1: "#d8544f", 2: "#f0913a", 3: "#e9c46a", 4: "#5aab61", 5: "#2f7fc1"}
LEVEL_INK = {1: "#ffffff", 2: "#ffffff", 3: "#3d3200", 4: "#ffffff", 5: "#ffffff"}
INK, MUTED, GRID = "#1f2933", "#6b7785", "#e4e8ee"
GOOD, BAD, NEUTRAL = "#5aab61", "#e0863a", "#7d93ab"


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}">'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: object, *, anchor="start", size=12, fill=INK, weight=400):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}" font-weight="{weight}">{esc(text)}</text>'
    )


def _rect(x, y, w, h, fill, *, title: str = "", extra: str = "") -> str:
    tip = f"<title>{esc(title)}</title>" if title else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}" {extra}>{tip}</rect>'
    )


def level_distribution(proven: Sequence[int], ceiling: Sequence[int], names: dict[int, str]) -> str:
    """Teams per level, level 5 on top: solid bars for the proven level, an outline for the
    ceiling (where the teams could be on the evidence available)."""
    width, row, left = 460, 34, 130
    top = max([*proven, *ceiling, 1])
    scale = (width - left - 60) / top
    body = []
    for i, level in enumerate(range(5, 0, -1)):
        y = 8 + i * row
        body.append(_text(0, y + 18, f"{level} {names.get(level, '')}", size=13))
        body.append(
            _rect(
                left,
                y + 4,
                scale * ceiling[level - 1],
                22,
                "none",
                extra=f'stroke="{LEVEL_COLOURS[level]}" stroke-width="1.5" '
                'stroke-dasharray="4 3" rx="3"',
                title=f"{ceiling[level - 1]} team(s) could reach level {level}",
            )
        )
        body.append(
            _rect(
                left,
                y + 4,
                scale * proven[level - 1],
                22,
                LEVEL_COLOURS[level],
                extra='rx="3"',
                title=f"{proven[level - 1]} team(s) at level {level}",
            )
        )
        body.append(
            _text(
                left + scale * max(proven[level - 1], ceiling[level - 1]) + 8,
                y + 20,
                proven[level - 1],
                size=13,
                weight=600,
            )
        )
    return _svg(width, 8 + 5 * row, body, "teams per maturity level")


def _x_positions(dates: Sequence[date], left: float, width: float) -> dict[date, float]:
    if len(dates) == 1:
        return {dates[0]: left + width / 2}
    step = width / (len(dates) - 1)
    return {d: left + i * step for i, d in enumerate(dates)}


def organisation_timeline(points: Sequence[tuple[date, int, int]], names: dict[int, str]) -> str:
    """The organisation's proven level (solid) and ceiling (dashed) at each as-of date."""
    width, height, left, bottom = 740, 210, 110, 30
    plot_h = height - bottom - 10
    dates = [p[0] for p in points]
    xs = _x_positions(dates, left + 10, width - left - 60)

    def y(level: int) -> float:
        return 10 + plot_h - (level - 1) / 4 * plot_h

    body = []
    for level in range(1, 6):
        body.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y(level):.1f}" '
            f'y2="{y(level):.1f}" stroke="{GRID}"/>'
        )
        body.append(
            _text(
                left - 8,
                y(level) + 4,
                f"{level} {names.get(level, '')}",
                anchor="end",
                size=11,
                fill=MUTED,
            )
        )
    for series, style in ((2, 'stroke-dasharray="5 4" stroke="#8a96a3"'), (1, f'stroke="{INK}"')):
        path = []
        for i, p in enumerate(points):
            x, lvl = xs[p[0]], p[series]
            if i:
                path.append(f"H{x:.1f}V{y(lvl):.1f}")
            else:
                path.append(f"M{x:.1f},{y(lvl):.1f}")
        body.append(f'<path d="{"".join(path)}" fill="none" stroke-width="2.5" {style}/>')
    for d, proven, ceiling in points:
        body.append(
            f'<circle cx="{xs[d]:.1f}" cy="{y(proven):.1f}" r="4.5" '
            f'fill="{LEVEL_COLOURS[proven]}" stroke="#fff"><title>'
            f"{esc(d)}: level {proven}, ceiling {ceiling}</title></circle>"
        )
    for d in _label_dates(dates, 8):
        body.append(
            _text(xs[d], height - 8, d.strftime("%b %Y"), anchor="middle", size=11, fill=MUTED)
        )
    return _svg(width, height, body, "organisation level over time")


def _label_dates(dates: Sequence[date], at_most: int) -> list[date]:
    every = max(1, -(-len(dates) // at_most))
    return [d for i, d in enumerate(dates) if i % every == 0 or i == len(dates) - 1]


def level_heatmap(
    rows: Sequence[str], dates: Sequence[date], cells: dict[tuple[str, date], tuple[int, int, bool]]
) -> str:
    """Teams (rows) by as-of date (columns), each cell the proven level with a strip on top in
    the ceiling's colour; faded when the level is unclear."""
    left, row_h = 150, 26
    cell_w = max(14.0, min(44.0, 600 / max(len(dates), 1)))
    width = left + cell_w * len(dates) + 10
    height = 26 + row_h * len(rows)
    body = []
    for j, d in enumerate(dates):
        if d in _label_dates(dates, 12):
            body.append(
                _text(
                    left + j * cell_w + cell_w / 2,
                    14,
                    d.strftime("%b %y"),
                    anchor="middle",
                    size=10,
                    fill=MUTED,
                )
            )
    for i, name in enumerate(rows):
        y = 22 + i * row_h
        body.append(_text(left - 10, y + 16, _clip(name, 20), anchor="end", size=12))
        for j, d in enumerate(dates):
            found = cells.get((name, d))
            if found is None:
                continue
            proven, ceiling, unclear = found
            tip = f"{name}, {d}: level {proven}, ceiling {ceiling}" + (
                " (unclear)" if unclear else ""
            )
            opacity = ' opacity="0.55"' if unclear else ""
            body.append(
                _rect(
                    left + j * cell_w + 1,
                    y + 1,
                    cell_w - 2,
                    row_h - 2,
                    LEVEL_COLOURS[proven],
                    title=tip,
                    extra=f'rx="3"{opacity}',
                )
            )
            # A strip on top in the ceiling's colour: where the evidence would let it be.
            strip = _rect(left + j * cell_w + 1, y + 1, cell_w - 2, 5, LEVEL_COLOURS[ceiling])
            body.append(strip.replace("<rect ", '<rect rx="2" ', 1))
            if cell_w >= 18:
                body.append(
                    _text(
                        left + j * cell_w + cell_w / 2,
                        y + 19,
                        proven,
                        anchor="middle",
                        size=11,
                        fill=LEVEL_INK[proven],
                        weight=600,
                    )
                )
    return _svg(width, height, body, "team levels over time")


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def sprint_bars(
    bars: Sequence[tuple[str, float | None, bool | None]],
    *,
    unit: str,
    top: float,
    band: tuple[float, float] | None,
    label: str,
    marks: Sequence[bool] = (),
) -> str:
    """One small chart: a bar per sprint (oldest left); `band` shades the range that passes;
    each bar is green when `ok`, amber when not, grey when None (nothing to judge it by);
    `marks` puts a dot under flagged sprints."""
    width, height, left, bottom = 300, 130, 34, 18
    plot_h = height - bottom - 8
    slot = (width - left - 6) / max(len(bars), 1)

    def y(v: float) -> float:
        return 8 + plot_h - min(max(v, 0), top) / top * plot_h

    body = [f'<line x1="{left}" x2="{width - 4}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="{GRID}"/>']
    if band:
        lo, hi = band
        body.append(
            _rect(left, y(hi), width - left - 4, y(lo) - y(hi), "#5aab61", extra='opacity="0.12"')
        )
    ticks = (0, 50, 100, 150) if top == 150 else (0, top / 2, top)
    for tick in ticks:
        body.append(_text(left - 4, y(tick) + 4, f"{tick:g}", anchor="end", size=9, fill=MUTED))
    for i, (name, value, ok) in enumerate(bars):
        x = left + i * slot + slot * 0.15
        if value is None:
            body.append(_text(x + slot * 0.35, y(0) - 3, "–", anchor="middle", size=10, fill=MUTED))
            continue
        body.append(
            _rect(
                x,
                y(value),
                slot * 0.7,
                y(0) - y(value),
                NEUTRAL if ok is None else GOOD if ok else BAD,
                extra='rx="1.5"',
                title=f"{name}: {value:.0f}{unit}",
            )
        )
        if i < len(marks) and marks[i]:
            body.append(
                f'<circle cx="{x + slot * 0.35:.1f}" cy="{height - 8}" r="3.2" '
                f'fill="#c0392b"><title>{esc(name)}: started late</title></circle>'
            )
    return _svg(width, height, body, label)


def indicator_bars(
    values: Sequence[tuple[str, float, bool]],
    *,
    unit: str,
    top: float,
    mark: float | None,
    label: str,
) -> str:
    """Teams as horizontal bars of one indicator; a dashed line at the threshold."""
    width, row_h, left = 460, 24, 150
    height = 8 + row_h * len(values) + 6
    scale = (width - left - 60) / top
    body = []
    for i, (team, value, ok) in enumerate(values):
        yy = 8 + i * row_h
        body.append(_text(left - 10, yy + 15, _clip(team, 20), anchor="end", size=12))
        body.append(
            _rect(
                left,
                yy + 3,
                scale * min(max(value, 0), top),
                row_h - 8,
                GOOD if ok else BAD,
                extra='rx="2"',
                title=f"{team}: {value:g}{unit}",
            )
        )
        body.append(
            _text(
                left + scale * min(max(value, 0), top) + 6,
                yy + 15,
                f"{value:.0f}{unit}",
                size=11,
                fill=MUTED,
            )
        )
    if mark is not None:
        x = left + scale * min(mark, top)
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="4" y2="{height - 4}" stroke="{INK}" '
            f'stroke-dasharray="4 3"><title>threshold {mark:g}{esc(unit)}</title></line>'
        )
    return _svg(width, height, body, label)
