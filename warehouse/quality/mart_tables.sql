-- Purpose: every marts table (views are derived and need no checks of their own).
-- Grain: one row per marts table. Inputs: duckdb_tables().
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' ORDER BY table_name;
