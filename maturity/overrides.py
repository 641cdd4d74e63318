"""Overrides: a criterion declared not applicable to one team, with a reason, an approver and
an expiry date. An override can never make a criterion pass; an expired one is ignored and
reported. Both the raw level (without overrides) and the adjusted level are kept."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine imports this module; results are only annotated here
    from maturity.engine import CriterionResult

APPLIED, EXPIRED = "applied", "expired"


@dataclass(frozen=True)
class Override:
    entity: str  # the team's name
    criterion_id: str
    reason: str
    expires: date  # last day the override holds
    approved_by: str

    def is_active(self, as_of: date) -> bool:
        return as_of <= self.expires


@dataclass(frozen=True)
class OverrideNote:
    """What an override did to one criterion result: applied, or ignored because expired."""

    state: str  # applied or expired
    reason: str
    approved_by: str
    expires: date


def overrides_for(overrides: Iterable[Override], entity: str) -> dict[str, Override]:
    """The overrides of one entity by criterion; the latest expiry wins if one is listed twice."""
    found: dict[str, Override] = {}
    for o in sorted(overrides, key=lambda o: (o.criterion_id, o.expires)):
        if o.entity == entity:
            found[o.criterion_id] = o
    return found


def apply_overrides(
    results: Sequence[CriterionResult],
    overrides: Iterable[Override],
    *,
    entity: str,
    as_of: date,
    not_applicable: str,
) -> tuple[list[CriterionResult], list[str]]:
    """Results with active overrides turned to `not_applicable` (raw status kept), and a
    warning for every expired override."""
    mine = overrides_for(overrides, entity)
    adjusted, warnings = [], []
    for result in results:
        override = mine.get(result.criterion_id)
        if override is None:
            adjusted.append(result)
            continue
        note = OverrideNote(
            state=APPLIED if override.is_active(as_of) else EXPIRED,
            reason=override.reason,
            approved_by=override.approved_by,
            expires=override.expires,
        )
        if note.state == EXPIRED:
            warnings.append(
                f"the override of '{result.criterion_id}' for {entity} expired on "
                f"{override.expires} and is ignored (approved by {override.approved_by}: "
                f"{override.reason})"
            )
            adjusted.append(replace(result, override=note))
            continue
        adjusted.append(
            replace(
                result,
                status=not_applicable,
                reason="override",
                override=note,
                message=(
                    f"not applicable until {override.expires} (approved by "
                    f"{override.approved_by}: {override.reason}); without the override: "
                    f"{result.message}"
                ),
            )
        )
    return adjusted, warnings
