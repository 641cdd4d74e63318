"""playbook_freshness_days: how long ago the stalest documented process was last updated.

Formula: over the canonical processes the playbook documents as of the date (see
documented_process_count), the largest number of days between the process's last update (the
newest commit, on or before the as-of date, of the pages that document it) and the as-of date:
the playbook is only as fresh as its stalest process. Samples: each documented process's age in
days (processes in the seed's order); extras: newest_days (the freshest), median_days.
Evidence: the documented processes' ids, stalest first.
Grain: the organisation, as of a date. Unit: days. Inputs: marts.fct_playbook_processes,
marts.fct_document_commits.
Seed 001 (Defined): "core processes documented and consistently practised".
"""

from indicators.base import sql_beside
from indicators.prelude import PLAYBOOK_UPDATES, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="playbook_freshness_days",
    unit="days",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    entity_type="organisation",
    prelude=PLAYBOOK_UPDATES,
)
