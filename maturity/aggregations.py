"""How an indicator turns its samples (one per sprint, launch, answer, month...) into a figure.

A closed set, named by rule sets (`aggregation:` of an indicator and of each criterion that
reads it). The engine never recomputes an indicator: the indicator's SQL does. These exist so
that level stability can resample the samples and recompute the figure the same way, and so a
test can prove that each indicator's value is exactly `aggregate(its samples)`.

Samples are numbers, except for `ratio`, whose samples are [numerator, denominator] pairs
(e.g. estimated and committed issues of one sprint), so the pooled share is exact.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Literal

Aggregation = Literal["median", "mean", "cv", "ratio", "min", "max", "sum", "count", "latest"]
# Supporting figures a criterion may read that can also be recomputed from samples.
SampleStatistic = Literal["iqr"]


def _cv(xs: Sequence[float]) -> float | None:
    mean = statistics.fmean(xs)
    return None if mean == 0 else statistics.pstdev(xs) / mean


def _ratio(pairs: Sequence[Sequence[float]]) -> float | None:
    numerator = sum(float(p[0]) for p in pairs)
    denominator = sum(float(p[1]) for p in pairs)
    return None if denominator == 0 else 100.0 * numerator / denominator


def iqr(xs: Sequence[float]) -> float:
    """Interquartile range with linear interpolation (DuckDB's quantile_cont)."""
    if len(xs) < 2:
        return 0.0
    q1, _, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q3 - q1


_AGGREGATIONS: dict[str, Callable[[Sequence], float | None]] = {
    "median": lambda xs: statistics.median(float(x) for x in xs),
    "mean": lambda xs: statistics.fmean(float(x) for x in xs),
    "cv": lambda xs: _cv([float(x) for x in xs]),
    "ratio": _ratio,
    "min": lambda xs: float(min(xs)),
    "max": lambda xs: float(max(xs)),
    "sum": lambda xs: float(sum(xs)),
    "count": lambda xs: float(len(xs)),
    "latest": lambda xs: float(xs[-1]),
}
_STATISTICS: dict[str, Callable[[Sequence[float]], float]] = {
    "iqr": lambda xs: iqr([float(x) for x in xs]),
}
AGGREGATIONS: tuple[str, ...] = tuple(_AGGREGATIONS)
SAMPLE_STATISTICS: tuple[str, ...] = tuple(_STATISTICS)


def aggregate(aggregation: str, samples: Sequence) -> float | None:
    """The figure `aggregation` makes of `samples`; None when there are none (or no mean)."""
    if not samples:
        return None
    return _AGGREGATIONS[aggregation](samples)


def statistic(name: str, samples: Sequence[float]) -> float | None:
    return _STATISTICS[name](samples) if samples else None
