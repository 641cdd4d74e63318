-- Purpose: the primary key of every marts table, to check it is unique before BI reads it.
-- Grain: one row per marts table with a primary key. Inputs: duckdb_constraints().
SELECT table_name, constraint_column_names
FROM duckdb_constraints()
WHERE schema_name = 'marts' AND constraint_type = 'PRIMARY KEY'
ORDER BY table_name;
