"""Which tool wrote a survey export, and what its header rows mean.

- qualtrics: 3 header rows (column ids such as StartDate, Finished, Q1; question text;
  `{"ImportId": ...}`), recognised by the row of ImportIds; the legacy export has 2 (V1, V2
  ...; ResponseID and question text). Complete: Finished = 1/True, and Status is not a
  survey preview, test or spam.
- surveymonkey: 2 header rows (question text, blank over the further sub-columns of a
  question; sub-labels: Response, Open-Ended Response, matrix rows), recognised by Respondent
  ID in the first row and Response in the second. Complete: every mapped answer given.
- typeform: 1 header row (#, the questions, Start Date (UTC), Submit Date (UTC), Network ID).
  Complete: Response Type = completed, else a Submit Date.
- google-forms: 1 header row (Timestamp, Email Address, the questions). Forms keeps only
  submitted answers; complete: every mapped answer given.
- generic: 1 header row, anything else. Complete: every mapped answer given.

A column can be named by any of its header cells: its id, its question text, a SurveyMonkey
sub-label, or the whole "question - sub-label"; case and spacing do not matter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from connectors.files.errors import FileRefusedError
from connectors.files.tables import Grid

FORMATS = ("auto", "google-forms", "typeform", "surveymonkey", "qualtrics", "generic")
_GOOGLE_TIMESTAMP = {
    "timestamp",
    "zeitstempel",
    "marca temporal",
    "horodateur",
    "carimbo de data/hora",
    "informazioni cronologiche",
}
_MONKEY_SUBLABELS = {"response", "open-ended response"}

# The columns each tool writes for who answered and when, used when the config names none.
DEFAULT_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "qualtrics": {
        "respondent": ("RecipientEmail", "EmailAddress", "ResponseId"),
        "submitted_at": ("RecordedDate", "EndDate"),
    },
    "surveymonkey": {
        "respondent": ("Email Address", "Respondent ID"),
        "submitted_at": ("End Date",),
    },
    "typeform": {"respondent": ("#",), "submitted_at": ("Submit Date (UTC)",)},
    "google-forms": {"respondent": ("Email Address",), "submitted_at": ("Timestamp",)},
    "generic": {},
}


@dataclass(frozen=True)
class Layout:
    survey_format: str
    header_rows: int
    names: list[str]  # the label a message uses for each column
    aliases: list[tuple[str, ...]]  # every header cell that may name the column

    def find(self, wanted: str) -> int | None:
        """The index of the column `wanted` names; FileRefusedError when it names several."""
        for normalise in (_exact, _loose):
            key = normalise(wanted)
            hits = [
                i
                for i, names in enumerate(self.aliases)
                if any(normalise(n) == key for n in names if n)
            ]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                where = ", ".join(str(i + 1) for i in hits)
                raise FileRefusedError(
                    f"'{wanted}' names {len(hits)} columns ({where}); name one by its full header",
                    column=wanted,
                )
        return None


def _exact(text: str) -> str:
    return text.strip()


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def detect_layout(grid: Grid, wanted: str = "auto") -> Layout:
    rows = [grid.header(i) for i in range(3)]
    found = _detect(rows)
    if wanted not in ("auto", found.survey_format):
        if wanted in ("qualtrics", "surveymonkey") or found.survey_format in (
            "qualtrics",
            "surveymonkey",
        ):
            raise FileRefusedError(
                f"format = '{wanted}' but the header rows look like {found.survey_format}'s "
                f'({found.header_rows} header row(s)); set format = "auto" or check the export'
            )
        return Layout(wanted, found.header_rows, found.names, found.aliases)
    return found


def _detect(rows: list[list[str]]) -> Layout:
    first, second, third = rows
    import_ids = [c for c in third if c]
    if import_ids and sum(c.startswith('{"ImportId"') for c in import_ids) >= len(import_ids) / 2:
        aliases = [(first[i], second[i], _import_id(third[i])) for i in range(len(first))]
        return Layout("qualtrics", 3, first, aliases)
    if first and re.fullmatch(r"V\d+", first[0]) and "responseid" in {c.lower() for c in second}:
        return Layout("qualtrics", 2, second, list(zip(second, first, strict=True)))
    lowered = {c.lower() for c in first}
    if "respondent id" in lowered and {c.lower() for c in second} & _MONKEY_SUBLABELS:
        return _surveymonkey(first, second)
    if (first and first[0] == "#") or "submit date (utc)" in lowered:
        return Layout("typeform", 1, first, [(c,) for c in first])
    if first and first[0].lower() in _GOOGLE_TIMESTAMP:
        return Layout("google-forms", 1, first, [(c,) for c in first])
    return Layout("generic", 1, first, [(c,) for c in first])


def _surveymonkey(first: list[str], second: list[str]) -> Layout:
    names, aliases, question = [], [], ""
    for top, sub in zip(first, second, strict=True):
        question = top or question  # a question's text sits over its first sub-column only
        if sub.lower() in _MONKEY_SUBLABELS or not sub:
            names.append(question)
            aliases.append((question,))
        else:
            names.append(f"{question} - {sub}")
            aliases.append((f"{question} - {sub}", sub))
    return Layout("surveymonkey", 2, names, aliases)


def _import_id(cell: str) -> str:
    try:
        return str(json.loads(cell).get("ImportId", ""))
    except (ValueError, AttributeError):
        return ""
