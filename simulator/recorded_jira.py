"""RecordedJira: real Jira Cloud responses served over HTTP, so tests meet real payloads.

    folder = Path(".../realdata/devlake-jira/raw_tables")
    with RecordedJira(folder) as jira:
        JIRA(server=jira.url, basic_auth=(jira.email, jira.token))

Served as recorded, byte for byte (see `simulator.recorded_data`):
- /rest/agile/1.0/board/{id}/sprint: board 8's 30 sprint records (one, 15, originates on
  board 13); board 93 lists sprint 175 of board 92 as its issues recorded it.
- /rest/api/3/search/jql: the 33 issues, each with the requested fields it has (values as
  recorded; `expand=changelog` adds the recorded inline changelog), with the JQL subset of
  `simulator.jira_emulator.jql` (e.g. `project = EE`, `project in (EE, K5)`), dates in
  Asia/Shanghai.
- /rest/api/3/changelog/bulkfetch and /rest/api/3/issue/{id}/changelog: each issue's
  inline histories, oldest first; issues 13383, 13491 and 13954 (reachable by id only) have
  their recorded per-issue pages. Histories filtered by `fieldIds` keep the recorded text of
  every kept member and item.
- /rest/api/{2,3}/field: ends with the two recorded field rows (from another server).

Synthesised, because the recording has none (shapes as `JiraEmulator` serves them):
- /rest/agile/1.0/board: scrum boards 8 ("EE board", project EE) and 93 ("K5 board", K5).
- /rest/agile/1.0/board/{id}/configuration, the same for both boards: To Do, In Progress
  and Done columns holding the statuses the recorded issues use (current and changelog)
  that `_raw_jira_api_status.csv` knows, by status category; Done thus holds Closed (6)
  and 已完成 (10068). Statuses the status list lacks (5, 10000, 10020, 10029: older
  workflows) are on no column. Estimation field: customfield_10024 "Story Points".
- /rest/api/{2,3}/field: the system fields the connector reads, Sprint (customfield_10020,
  gh-sprint) and Story Points (customfield_10024, a float field).
- serverInfo (Cloud) and myself (timeZone Asia/Shanghai).
The sprint report answers 404, as on sites where it is unavailable; the retired /search
answers 410. Fault injection and the request log work as for `JiraEmulator`.
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator import recorded_api as api
from simulator.jira_emulator.platform_api import SPRINT_SCHEMA, custom_field, system_fields
from simulator.jira_emulator.request import json_bytes
from simulator.jira_emulator.routes import BOTH, Route, platform
from simulator.jira_emulator.search_api import search_gone
from simulator.jira_emulator.site import CLOUD
from simulator.jira_emulator.transport import EmulatedJira
from simulator.jira_format import offset_millis
from simulator.model import SPRINT_FIELD_ID
from simulator.recorded_data import Recording, load_recording

STORY_POINTS = "customfield_10024"
FLOAT_TYPE = "com.atlassian.jira.plugin.system.customfieldtypes:float"
BOARD_NAMES = {8: "EE board", 93: "K5 board"}
_COLUMNS = (("To Do", "new"), ("In Progress", "indeterminate"), ("Done", "done"))


class RecordedJira(EmulatedJira):
    def __init__(
        self, folder: Path, *, email: str = "rec@example.com", token: str = "rec-token"
    ) -> None:
        super().__init__(deployment=CLOUD, email=email, token=token)
        self.recording: Recording = load_recording(Path(folder))

    def _routes(self) -> list[Route]:
        agile = "/rest/agile/1.0/board"
        return [
            *platform("GET", "/serverInfo", api.server_info),
            *platform("GET", "/myself", api.myself),
            *platform("GET", "/field", api.fields),
            *platform("GET", "/search/jql", api.search_jql),
            *platform("POST", "/search/jql", api.search_jql),
            *platform("GET", "/search", search_gone),
            *platform("POST", "/search", search_gone),
            *platform("POST", "/changelog/bulkfetch", api.bulk_changelog),
            *platform("GET", "/issue/{issueIdOrKey}/changelog", api.issue_changelog),
            Route("GET", agile, api.boards, BOTH),
            Route("GET", agile + "/{boardId}/configuration", api.board_configuration, BOTH),
            Route("GET", agile + "/{boardId}/sprint", api.board_sprints, BOTH),
            Route(
                "GET", "/rest/greenhopper/1.0/rapid/charts/sprintreport", api.sprint_report, BOTH
            ),
        ]

    def _build_site(self, base_url: str) -> api.RecordedSite:
        projects = {}
        for issue in self.recording.issues:
            projects.setdefault(issue.board_id, json.loads(issue.fields["project"]))
        return api.RecordedSite(
            self.recording,
            base_url=base_url,
            tokens=self.tokens,
            boards=[_board(base_url, b, p) for b, p in sorted(projects.items())],
            configurations={b: self._configuration(base_url, b, p) for b, p in projects.items()},
            fields=self._fields(),
            server_info=self._server_info(base_url),
            myself=self._myself(base_url),
        )

    def _configuration(self, base_url: str, board_id: int, project: dict) -> dict:
        used = self._used_status_ids()
        category = {i: self.recording.statuses[i]["statusCategory"]["key"] for i in used}
        columns = []
        for name, key in _COLUMNS:
            ids = sorted((i for i in used if category[i] == key), key=int)
            statuses = [{"id": i, "self": f"{base_url}/rest/api/2/status/{i}"} for i in ids]
            columns.append({"name": name, "statuses": statuses})
        return {
            "id": board_id,
            "name": BOARD_NAMES.get(board_id, f"Board {board_id}"),
            "type": "scrum",
            "self": f"{base_url}/rest/agile/1.0/board/{board_id}/configuration",
            "location": {"type": "project", "key": project["key"], "id": project["id"]},
            "columnConfig": {"columns": columns, "constraintType": "issueCount"},
            "estimation": {
                "type": "field",
                "field": {"fieldId": STORY_POINTS, "displayName": "Story Points"},
            },
            "ranking": {"rankCustomFieldId": 10019},
        }

    def _used_status_ids(self) -> set[str]:
        """Statuses the recorded issues are in or moved through, that the status list knows."""
        used = set()
        for issue in self.recording.issues:
            used.add(json.loads(issue.fields["status"])["id"])
            for history in issue.histories:
                for field_id, raw in history.items:
                    if field_id == "status":
                        item = json.loads(raw)
                        used.update(filter(None, (item["from"], item["to"])))
        return used & set(self.recording.statuses)

    def _fields(self) -> bytes:
        synthesised = [
            *system_fields(),
            custom_field(SPRINT_FIELD_ID, "Sprint", SPRINT_SCHEMA),
            custom_field(STORY_POINTS, "Story Points", {"type": "number", "custom": FLOAT_TYPE}),
        ]
        rows = ",".join(self.recording.field_rows).encode()
        return json_bytes(synthesised)[:-1] + b"," + rows + b"]"

    def _server_info(self, base_url: str) -> dict:
        newest = max(issue.updated_at for issue in self.recording.issues)
        return {
            "baseUrl": base_url,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100201,
            "serverTime": offset_millis(newest, api.TIME_ZONE),  # the site frozen at its last edit
            "serverTitle": "Jira",
        }

    def _myself(self, base_url: str) -> dict:
        return {
            "self": f"{base_url}/rest/api/3/user?accountId=recorded-api-user",
            "accountId": "recorded-api-user",
            "emailAddress": self.email,
            "displayName": "Recorded API user",
            "active": True,
            "timeZone": api.TIME_ZONE,
            "locale": "zh_CN",
            "accountType": "atlassian",
        }


def _board(base_url: str, board_id: int, project: dict) -> dict:
    return {
        "id": board_id,
        "self": f"{base_url}/rest/agile/1.0/board/{board_id}",
        "name": BOARD_NAMES.get(board_id, f"Board {board_id}"),
        "type": "scrum",
        "location": {
            "projectId": int(project["id"]),
            "displayName": f"{project['name']} ({project['key']})",
            "projectName": project["name"],
            "projectKey": project["key"],
            "projectTypeKey": project.get("projectTypeKey", "software"),
            "name": f"{project['name']} ({project['key']})",
        },
    }
