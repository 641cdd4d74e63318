-- The cost assumptions behind pm_time_value (issue 6), as configured, so BI can show what the
-- money figure rests on and indicators read them from the warehouse like any other input.
CREATE TABLE marts.dim_pm_costs (
    scope VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    pm_headcount INTEGER,
    pm_hourly_rate DOUBLE,
    currency VARCHAR NOT NULL,
    weeks_per_month DOUBLE NOT NULL,
    PRIMARY KEY (scope, entity)
);
COMMENT ON TABLE marts.dim_pm_costs IS 'One row per configured team and one for the organisation: the PM headcount, hourly rate and currency that turn overhead hours saved into pm_time_value.';
COMMENT ON COLUMN marts.dim_pm_costs.scope IS 'team or organisation.';
COMMENT ON COLUMN marts.dim_pm_costs.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.dim_pm_costs.pm_headcount IS 'PMs: [[teams]] pm_headcount, or [costs] pm_headcount for the organisation; null when not configured: pm_time_value then counts a team''s respondents in its latest survey wave, and sums the teams for the organisation.';
COMMENT ON COLUMN marts.dim_pm_costs.pm_hourly_rate IS '[costs] pm_hourly_rate: fully loaded cost of a PM hour; null when not configured (pm_time_value is then null).';
COMMENT ON COLUMN marts.dim_pm_costs.currency IS '[costs] currency of the rate and of pm_time_value, e.g. EUR.';
COMMENT ON COLUMN marts.dim_pm_costs.weeks_per_month IS '[costs] weeks_per_month: turns weekly hours into monthly (default 52/12).';
