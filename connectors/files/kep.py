"""Kubernetes Enhancement Proposals as launches (kubernetes/enhancements, `keps/<sig>/<n>/`).

The mapping, chosen because a KEP's `kep.yaml` says where each stage was (or is targeted to
be) released while its README's "Release Signoff Checklist" is the readiness checklist of the
stage being worked on now:
- one launch per KEP: the release of its current `stage` (alpha, beta or stable);
  id `KEP-<kep-number>-<stage>`, name = `title`, team = `owning-sig`;
- planned date = the date of the release `milestone.<stage>` (e.g. "v1.33"), taken from the
  source's `milestone_dates`; a milestone without a date there is left as its name, which
  validation quarantines with a message saying to add it;
- actual date = that same date when the stage has shipped: `status: implemented`, or
  `latest-milestone` later than `milestone.<stage>` (work moved on past that release).
  Otherwise the launch is still targeted (no actual date yet). A KEP that was withdrawn,
  rejected, replaced or deferred did not launch that stage (no actual date). kep.yaml keeps
  no history of slips, so a shipped KEP stage is always "on time" by this mapping;
- adoption targets: KEPs have none;
- checklist items are undated: an item ticked counts as done by the launch.
A KEP without a stage (older proposals) is skipped: there is no launch to speak of.
"""

from __future__ import annotations

import re

SHIPPED_STATUSES = {"implemented"}
STOPPED_STATUSES = {"withdrawn", "rejected", "replaced", "deferred"}


def kep_launch(kep: object, milestone_dates: dict[str, str]) -> dict | None:
    """The launch fields of a parsed kep.yaml, or None when it describes no stage release."""
    if not isinstance(kep, dict):
        return None
    stage = str(kep.get("stage") or "").strip()
    milestones = kep.get("milestone") or {}
    if not stage or not isinstance(milestones, dict):
        return None
    milestone = str(milestones.get(stage) or "").strip()
    status = str(kep.get("status") or "").strip()
    latest = str(kep.get("latest-milestone") or "").strip()
    # Releases are written "v1.33" or "1.33"; either spelling finds the other's date.
    planned = next(
        (
            milestone_dates[key]
            for key in (milestone, f"v{milestone}", milestone.removeprefix("v"))
            if key in milestone_dates
        ),
        milestone,
    )
    shipped = status in SHIPPED_STATUSES or (
        status not in STOPPED_STATUSES and _later(latest, milestone)
    )
    return {
        "id": f"KEP-{kep.get('kep-number')}-{stage}",
        "name": str(kep.get("title") or "").strip(),
        "team": str(kep.get("owning-sig") or "").strip(),
        "planned_date": planned,
        "actual_date": planned if shipped and milestone else "",
        "__line__": 1,
    }


def _version(text: str) -> tuple[int, ...] | None:
    found = re.fullmatch(r"v?(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(g) for g in found.groups() if g is not None) if found else None


def _later(a: str, b: str) -> bool:
    va, vb = _version(a), _version(b)
    return va is not None and vb is not None and va > vb
