"""The simulated organisation's customer feedback as a feedback tool exports it: one CSV row per
item with its id, the date it came in, the team (spelled as the team's name or its alias) and
the Jira keys it is linked to (an epic, or a story of one), oldest first."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from simulator.model import Organisation

HEADER = ("Feedback ID", "Received", "Team", "Linked issues")


def write_feedback(org: Organisation, path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for item in sorted(org.feedback, key=lambda f: (f.received_at, f.feedback_id)):
        keys = ", ".join(issue.key for issue in item.linked)
        writer.writerow([item.feedback_id, item.received_at.date().isoformat(), item.team, keys])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path
