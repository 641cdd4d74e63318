"""Data quality: Great Expectations suites as code, run on DuckDB tables, results in meta.

`gate.STAGING_SUITES` guard every staging model right after it is built; `marts_suites(con)`
guard every mart before the run commits (`gate.QualityGate` does both). A critical failure
raises `DataQualityError` (exit code 4); nothing here imports GX until a suite runs.
"""
