"""documented_process_count: how many canonical processes the playbook documents, kept current.

Formula: the number of the seven canonical processes of a Level 3 playbook (sprint planning,
roadmap review, discovery sessions, GTM launch, retrospective, QBR prep, metrics review) that a
Markdown page of the playbook repository documents (its file name or one of its headings
matches the process's pattern) and that was updated (a commit to one of those pages) in the 180
days up to the as-of date. Samples: one per process, 1 when documented and current, else 0;
extras: documented_processes (documented, however old). Evidence: the current processes' ids.
Grain: the organisation, as of a date. Unit: count. Inputs: marts.fct_playbook_processes,
marts.fct_document_commits. The window ends at the last sync that found the playbook repository.
Seed 001 (Defined): "core processes documented and consistently practised".
"""

from indicators.base import sql_beside
from indicators.prelude import PLAYBOOK_UPDATES, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="documented_process_count",
    unit="count",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    entity_type="organisation",
    prelude=PLAYBOOK_UPDATES,
)
