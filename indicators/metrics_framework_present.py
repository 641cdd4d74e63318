"""metrics_framework_present: a current metrics dictionary naming a north star and its drivers.

Formula: 1 when the configured metrics dictionary (YAML or Markdown, metrics_dictionary_path)
existed on the as-of date, names a north star metric and at least one driver metric, and
changed (a commit to the file) in the 180 days up to the as-of date; else 0. The north star and
drivers are read from the file's current version. One sample: the dictionary. Extras:
has_north_star (1/0), drivers_count, days_since_change. Evidence: repository:path.
Grain: the organisation, as of a date. Unit: flag. Inputs: marts.fct_metrics_dictionary,
marts.fct_document_commits. The window ends at the last sync that found the repository.
Seed 001 (Defined): "a metrics framework with a north star and driver tree".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="metrics_framework_present",
    unit="flag",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    entity_type="organisation",
)
