"""Choosing which committed issues a sprint finishes, so strict predictability hits a target.

Strict predictability = completed estimates of committed issues / committed estimates.
Story points come in coarse Fibonacci steps, so drawing completions at random scatters
the ratio widely; a closest subset sum lands within a point or two of the target.
"""

from __future__ import annotations


def closest_subset(weights: list[int], target: float) -> set[int]:
    """Indices of `weights` whose sum is as close to `target` as any subset's (ties: smaller).

    A bitset per prefix records the reachable sums (bit s set = sum s reachable), so the
    search is a handful of big-integer shifts instead of a loop over every sum.
    """
    reachable = [1]
    for weight in weights:
        reachable.append(reachable[-1] | (reachable[-1] << weight))
    sums = reachable[-1]
    best = min(
        (total for total in range(sums.bit_length()) if sums >> total & 1),
        key=lambda total: (abs(total - target), total),
    )
    chosen: set[int] = set()
    for index in range(len(weights) - 1, -1, -1):
        if not reachable[index] >> best & 1:  # unreachable without this item: it is used
            chosen.add(index)
            best -= weights[index]
    return chosen
