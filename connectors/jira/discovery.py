"""What a Jira instance shows this account: deployment, fields, boards. Used by
`maturity doctor` (what to fix) and `maturity init` (a starter configuration)."""

from __future__ import annotations

from dataclasses import dataclass, field

from connectors.jira.client import AGILE_BASE, JiraConnection, JiraSourceError
from connectors.jira.fields import estimate_field_ids, sprint_field_id
from connectors.jira.pages import iter_board_pages


@dataclass(frozen=True)
class BoardFacts:
    id: int
    name: str
    project_key: str | None
    estimate_field: str | None  # the board's estimation field, when it estimates by a field


@dataclass
class InstanceFacts:
    deployment: str
    server_title: str
    version: str
    account_time_zone: str | None
    sprint_field: str | None
    estimate_fields: list[str]
    field_names: dict[str, str]
    boards: list[BoardFacts] = field(default_factory=list)
    board_errors: dict[int, str] = field(default_factory=dict)


def describe_instance(conn: JiraConnection, *, board_details: bool = True) -> InstanceFacts:
    info = conn.get("serverInfo", base="{server}/rest/api/2/{path}")
    myself = conn.get("myself")
    fields = conn.get("field")
    facts = InstanceFacts(
        deployment=conn.deployment,
        server_title=str(info.get("serverTitle", "")),
        version=str(info.get("version", "")),
        account_time_zone=myself.get("timeZone"),
        sprint_field=sprint_field_id(fields),
        estimate_fields=estimate_field_ids(fields),
        field_names={f["id"]: f.get("name", f["id"]) for f in fields},
    )
    for page in iter_board_pages(conn):
        for board in page:
            estimate = None
            if board_details:
                try:
                    config = conn.get(f"board/{board['id']}/configuration", base=AGILE_BASE)
                    estimate = ((config.get("estimation") or {}).get("field") or {}).get("fieldId")
                except JiraSourceError as err:
                    facts.board_errors[board["id"]] = str(err)
            facts.boards.append(
                BoardFacts(
                    id=board["id"],
                    name=board.get("name", f"board {board['id']}"),
                    project_key=(board.get("location") or {}).get("projectKey"),
                    estimate_field=estimate,
                )
            )
    return facts
