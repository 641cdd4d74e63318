"""How a team at each maturity level behaves in Jira: the generator's only tuning knobs.

The numbers put every level clearly on its side of the default rule thresholds, as
`simulator.truth_metrics` measures them: level 1 has irregular cadences, few estimates and
frequent planning delays; level 2 is regular and estimated but still plans late; from
level 3 planning is on time; levels 4-5 deliver what they commit to. Predictability is
a per-sprint *target* for the strict ratio (completed estimates of committed issues /
committed estimates), which the generator hits by choosing which committed issues finish.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelHabits:
    level: int
    profile: str
    irregular_cadence: bool  # sprint lengths alternate short (4-7 d) and long (20-28 d)
    delays_planning: bool  # every other sprint starts 2+ working days after the last one
    extra_delay_probability: float  # further delays on the remaining sprints
    estimated_share: float  # committed issues estimated at sprint start
    predictability: tuple[float, float]  # range of the per-sprint strict ratio target
    additions_per_sprint: float  # issues added after the start
    removals_per_sprint: float  # committed issues taken out before the end
    reestimate_probability: float  # a committed issue re-estimated mid-sprint
    late_estimate_probability: float  # an unestimated issue estimated mid-sprint
    reopen_probability: float
    added_completion_probability: float
    has_sprint_goals: bool
    discovery_share: float  # issues labelled "discovery" (formal discovery from level 3)


HABITS_BY_LEVEL = {
    1: LevelHabits(
        level=1,
        profile="ad-hoc",
        irregular_cadence=True,
        delays_planning=True,
        extra_delay_probability=0.35,
        estimated_share=0.22,
        predictability=(0.44, 0.51),
        additions_per_sprint=6.0,
        removals_per_sprint=2.0,
        reestimate_probability=0.2,
        late_estimate_probability=0.08,
        reopen_probability=0.1,
        added_completion_probability=0.45,
        has_sprint_goals=False,
        discovery_share=0.01,
    ),
    2: LevelHabits(
        level=2,
        profile="emerging",
        irregular_cadence=False,
        delays_planning=True,
        extra_delay_probability=0.3,
        estimated_share=0.92,
        predictability=(0.58, 0.67),
        additions_per_sprint=4.0,
        removals_per_sprint=1.5,
        reestimate_probability=0.15,
        late_estimate_probability=0.5,
        reopen_probability=0.08,
        added_completion_probability=0.55,
        has_sprint_goals=False,
        discovery_share=0.02,
    ),
    3: LevelHabits(
        level=3,
        profile="defined",
        irregular_cadence=False,
        delays_planning=False,
        extra_delay_probability=0.0,
        estimated_share=0.96,
        predictability=(0.65, 0.71),
        additions_per_sprint=3.0,
        removals_per_sprint=1.0,
        reestimate_probability=0.1,
        late_estimate_probability=0.6,
        reopen_probability=0.06,
        added_completion_probability=0.65,
        has_sprint_goals=True,
        discovery_share=0.08,
    ),
    4: LevelHabits(
        level=4,
        profile="managed",
        irregular_cadence=False,
        delays_planning=False,
        extra_delay_probability=0.0,
        estimated_share=0.98,
        predictability=(0.9, 0.96),
        additions_per_sprint=1.5,
        removals_per_sprint=0.4,
        reestimate_probability=0.06,
        late_estimate_probability=0.8,
        reopen_probability=0.04,
        added_completion_probability=0.8,
        has_sprint_goals=True,
        discovery_share=0.1,
    ),
    5: LevelHabits(
        level=5,
        profile="optimizing",
        irregular_cadence=False,
        delays_planning=False,
        extra_delay_probability=0.0,
        estimated_share=1.0,
        predictability=(0.93, 0.99),
        additions_per_sprint=1.0,
        removals_per_sprint=0.2,
        reestimate_probability=0.04,
        late_estimate_probability=1.0,
        reopen_probability=0.03,
        added_completion_probability=0.9,
        has_sprint_goals=True,
        discovery_share=0.12,
    ),
}

# Levels of teams 1..6; further teams cycle through it.
LEVEL_CYCLE = (1, 2, 3, 4, 5, 3)

TEAM_IDENTITIES = (
    ("Payments", "PAY"),
    ("Search", "SRCH"),
    ("Onboarding", "ONB"),
    ("Billing", "BILL"),
    ("Mobile", "MOB"),
    ("Platform", "PLAT"),
)

FIRST_BOARD_ID = 11


def team_identity(index: int) -> tuple[str, str, int]:
    """(team name, project key, board id) of the index-th team (0-based)."""
    if index < len(TEAM_IDENTITIES):
        name, key = TEAM_IDENTITIES[index]
    else:
        name, key = f"Team {index + 1}", f"T{index + 1}"
    return name, key, FIRST_BOARD_ID + index


def habits_for_team(index: int) -> LevelHabits:
    return HABITS_BY_LEVEL[LEVEL_CYCLE[index % len(LEVEL_CYCLE)]]
