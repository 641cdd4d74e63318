"""The GitHub side of a simulated organisation, consistent with each team's true level.

`github_side(org)` gives the teams of a generated organisation their repositories, and the
organisation its playbook repository; `generate_github(teams, ...)` does the same for any
list of (team, level), e.g. the 200 repositories of the GitHub benchmark. Deterministic: the
same seed, teams and `now` give the same repositories, commit for commit.

What each level leaves behind (the organisation's level is the highest level two thirds of
its teams reach, as the model rolls up):
- the playbook: from level 3 all seven canonical processes, five as their own page and two
  as sections of a shared page, each updated in the last five months; at level 2 three
  processes, one of them stale; at level 1 a README and nothing else (an empty playbook);
- the metrics dictionary: from level 3 a YAML file naming a north star and four drivers;
  at level 2 a Markdown page with a north star but no drivers; at level 1 none;
- releases: irregular at level 1 (tags only, no GitHub releases), loosely fortnightly at
  level 2, fortnightly at 3, weekly and regular at 4-5;
- experiments (issues and pull requests labelled "experiment" or "a/b-test"): three or four
  a quarter at levels 4-5, one at level 3, rarely any below.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from simulator.github_model import GhRepo, GithubOrg
from simulator.launch_exports import launch_markdown, launches_of

# The seven recurring processes of a Level 3 playbook (seed 001): id, title.
PROCESSES = (
    ("sprint_planning", "Sprint planning"),
    ("roadmap_review", "Roadmap review"),
    ("discovery_sessions", "Discovery sessions"),
    ("gtm_launch", "GTM launch"),
    ("retrospective", "Retrospective"),
    ("qbr_prep", "QBR prep"),
    ("metrics_review", "Metrics review"),
)
# Documented as sections of one shared page, so heading matching is exercised too.
SHARED_PAGE = "rituals.md"
SHARED_PAGE_PROCESSES = ("retrospective", "qbr_prep")
LEVEL2_PROCESSES = ("sprint_planning", "roadmap_review", "retrospective")
EXPERIMENTS_PER_QUARTER = {1: 0.0, 2: 0.3, 3: 1.0, 4: 3.0, 5: 4.0}
# (mean days between releases, +/- jitter in days); level 1 tags irregularly, no releases.
RELEASE_RHYTHM = {2: (14, 6), 3: (14, 2), 4: (7, 1), 5: (7, 0.5)}
LAUNCH_DOCS_DAYS = 365  # launch docs kept in the playbook repository: the last year's


def github_side(org, *, owner: str = "acme", months: int = 12) -> GithubOrg:
    """The GitHub side of a generated `simulator.model.Organisation`: one repository per team."""
    return generate_github(
        [(team.name, team.true_level) for team in org.teams],
        seed=org.seed,
        now=org.now,
        owner=owner,
        months=months,
    )


def generate_github(
    teams: Sequence[tuple[str, int]],
    *,
    seed: int = 7,
    now: datetime,
    owner: str = "acme",
    months: int = 12,
    organisation_level: int | None = None,
) -> GithubOrg:
    """Repositories for teams at known levels, and the organisation's playbook repository.
    `organisation_level` overrides the level the playbook is written for."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    levels = [level for _, level in teams]
    level = organisation_level or _two_thirds_level(levels)
    gh = GithubOrg(owner=owner, now=now, repos={}, team_repos={}, playbook_repo="")
    playbook = gh.add_repo("product-playbook", now - timedelta(days=30 * months + 60))
    gh.playbook_repo = playbook.full_name
    gh.level = level
    gh.documented_processes = _write_playbook(playbook, gh, random.Random(f"{seed}/playbook"))
    _write_launch_docs(playbook, gh, teams)
    for index, (team, team_level) in enumerate(teams):
        rng = random.Random(f"{seed}/github/{index}")
        repo = gh.add_repo(f"{_slug(team)}-app", now - timedelta(days=30 * months + 30))
        gh.team_repos[team] = [repo.full_name]
        _team_history(repo, team_level, rng, now=now, months=months, labels=gh.experiment_labels)
    return gh


def _two_thirds_level(levels: Sequence[int]) -> int:
    reached = [lvl for lvl in range(1, 6) if 3 * sum(x >= lvl for x in levels) >= 2 * len(levels)]
    return max(reached, default=1)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# -- the playbook repository ---------------------------------------------------------------


def _write_playbook(repo: GhRepo, gh: GithubOrg, rng: random.Random) -> tuple[str, ...]:
    now, start = gh.now, repo.created_at
    repo.push(start, {"README.md": "# Product playbook\n\nHow we work.\n"}, "Start the playbook")
    if gh.level >= 3:
        documented = tuple(pid for pid, _ in PROCESSES)
        ages = {pid: rng.randint(10, 150) for pid in documented}  # days since the last edit
    elif gh.level == 2:
        documented = LEVEL2_PROCESSES
        ages = {"sprint_planning": 40, "roadmap_review": 300, "retrospective": 90}
    else:
        return ()
    titles = dict(PROCESSES)
    pages = {pid: f"{gh.playbook_path}/{pid.replace('_', '-')}.md" for pid in documented}
    for pid in SHARED_PAGE_PROCESSES:
        if pid in pages:
            pages[pid] = f"{gh.playbook_path}/{SHARED_PAGE}"
    # First drafts, one commit per page, about a year ago.
    for offset, path in enumerate(sorted(set(pages.values()))):
        sections = [pid for pid, page in pages.items() if page == path]
        at = start + timedelta(days=5 + offset)
        repo.push(at, {path: _page(path, sections, titles, revision=1)}, f"Draft {path}")
    # The latest edit of each page: its freshest process decides when.
    edits = sorted(
        {
            path: min(ages[p] for p in pages if pages[p] == path) for path in set(pages.values())
        }.items(),
        key=lambda item: -item[1],
    )
    for path, age in edits:
        sections = [pid for pid, page in pages.items() if page == path]
        repo.push(
            now - timedelta(days=age, hours=3),
            {path: _page(path, sections, titles, revision=2)},
            f"Update {path}",
        )
    _write_dictionary(repo, gh, rng)
    return documented


def _page(path: str, sections: list[str], titles: dict[str, str], *, revision: int) -> str:
    if path.endswith(SHARED_PAGE):
        body = ["# Team rituals", ""]
        for pid in sections:
            body += [f"## {titles[pid]}", "", f"How we run the {titles[pid].lower()}.", ""]
    else:
        title = titles[sections[0]]
        body = [f"# {title}", "", "## Purpose", "", f"Why we hold the {title.lower()}.", ""]
        body += ["## Steps", "", "1. Prepare", "2. Meet", "3. Record the outcome", ""]
    return "\n".join([*body, f"_Revision {revision}._", ""])


def _write_dictionary(repo: GhRepo, gh: GithubOrg, rng: random.Random) -> None:
    path = gh.metrics_dictionary_path
    at = gh.now - timedelta(days=rng.randint(20, 90))
    if gh.level >= 3:
        text = "\n".join(
            [
                "# The metrics dictionary: every metric we report, defined once.",
                "north_star:",
                "  name: Weekly active teams",
                "  definition: Teams with at least three active members in a week.",
                "drivers:",
                "  - name: Activation rate",
                "    definition: Share of new accounts active in their first week.",
                "  - name: Week-4 retention",
                "  - name: Seats per account",
                "  - name: Integrations connected",
                "",
            ]
        )
    else:
        # A Markdown page with a north star and no driver tree yet.
        path = path.rsplit(".", 1)[0] + ".md"
        gh.metrics_dictionary_path = path
        text = "# Metrics\n\n## North star\n\nMonthly revenue.\n"
    repo.push(at - timedelta(days=200), {path: text.replace("Week-4", "Week-2")}, "Dictionary")
    repo.push(at, {path: text}, "Refine the metrics dictionary")


def _write_launch_docs(repo: GhRepo, gh: GithubOrg, teams: Sequence[tuple[str, int]]) -> None:
    """Each team's launches of the last year as launch docs (front matter and a `- [x]`
    checklist), one folder per team: the same launches, by the same per-level rates, as the
    simulator's launch exports, so docs and exports of one organisation agree. Each doc is
    committed once its launch has happened (or, still planned, a week before now)."""
    docs = []
    for index, (team, level) in enumerate(teams):
        for launch in launches_of(team, level, index, gh.now.date()):
            if (gh.now.date() - launch.planned).days > LAUNCH_DOCS_DAYS:
                continue
            day = launch.actual or launch.planned
            at = min(datetime.combine(day, time(17), tzinfo=UTC), gh.now - timedelta(days=7))
            path = f"{gh.launch_docs_path}/{_slug(team)}/{launch.launch_id}.md"
            docs.append((at, path, launch_markdown(launch)))
    for at, path, text in sorted(docs):
        repo.push(at, {path: text}, f"Launch doc {path}")


# -- a team's repository -------------------------------------------------------------------


def _team_history(
    repo: GhRepo,
    level: int,
    rng: random.Random,
    *,
    now: datetime,
    months: int,
    labels: tuple[str, ...],
) -> None:
    start = now - timedelta(days=30 * months)
    repo.push(start, {"README.md": f"# {repo.name}\n"}, "Initial commit")
    _releases(repo, level, rng, start=start, now=now)
    day = start
    while day < now:  # everyday work: a few issues and pull requests a week
        at = day + timedelta(hours=rng.randint(8, 18))
        is_pull = rng.random() < 0.55
        closed = at + timedelta(days=rng.randint(1, 20))
        repo.open_issue(
            at,
            f"{'Change' if is_pull else 'Report'} {rng.randint(100, 999)}",
            labels=(rng.choice(("bug", "feature", "chore")),),
            is_pull=is_pull,
            closed_at=closed if closed < now else None,
            merged=is_pull and rng.random() < 0.8,
        )
        day += timedelta(days=rng.randint(1, 4))
    quarter_start = datetime(start.year, 3 * ((start.month - 1) // 3) + 1, 1, tzinfo=start.tzinfo)
    while quarter_start < now:
        expected = EXPERIMENTS_PER_QUARTER[level]
        count = int(expected) + (rng.random() < expected - int(expected))
        for _ in range(count):
            at = quarter_start + timedelta(days=rng.randint(0, 88), hours=rng.randint(8, 18))
            if at >= now:
                continue
            closed = at + timedelta(days=rng.randint(7, 30))
            repo.open_issue(
                at,
                f"Experiment: variant {rng.randint(1, 99)}",
                labels=(rng.choice(labels), "feature"),
                is_pull=rng.random() < 0.5,
                closed_at=closed if closed < now else None,
                merged=True,
            )
        quarter_start = _next_quarter(quarter_start)


def _releases(repo: GhRepo, level: int, rng: random.Random, *, start, now) -> None:
    at, number = start + timedelta(days=3), 0
    while at < now:
        number += 1
        repo.push(at - timedelta(hours=2), {"CHANGELOG.md": f"v1.{number}.0\n"}, "Release")
        if level == 1:
            repo.tag(at, f"v1.{number}.0")  # tags only, whenever it happens
            at += timedelta(days=rng.uniform(3, 45))
            continue
        if level >= 3 and number % 5 == 0:  # release candidates are not releases
            repo.release(at - timedelta(days=1), f"v1.{number}.0-rc1", prerelease=True)
        repo.release(at, f"v1.{number}.0")
        mean, jitter = RELEASE_RHYTHM[level]
        at += timedelta(days=mean + rng.uniform(-jitter, jitter))


def _next_quarter(day: datetime) -> datetime:
    month = day.month + 3
    return day.replace(year=day.year + (month > 12), month=(month - 1) % 12 + 1)


def touch_repositories(gh: GithubOrg, share: float, *, at: datetime, seed: int = 0) -> list[str]:
    """Change `share` of the team repositories (at least one): a new pull request in each,
    and a release in every other one. Returns the full names changed (benchmarks, tests)."""
    names = sorted(name for repos in gh.team_repos.values() for name in repos)
    count = max(1, round(share * len(names)))
    chosen = sorted(random.Random(f"{seed}/touch").sample(names, count))
    for index, name in enumerate(chosen):
        repo = gh.repo(name)
        repo.open_issue(at, "Change made overnight", labels=("feature",), is_pull=True)
        if index % 2 == 0:
            repo.push(at, {"CHANGELOG.md": f"overnight {at:%Y-%m-%d}\n"}, "Release")
            repo.release(at + timedelta(minutes=5), f"v9.{index}.0")
    return chosen
