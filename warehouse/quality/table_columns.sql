-- Purpose: a table's columns and their types, to read only what a suite checks (and to read
--          the types pandas cannot hold exactly as text).
-- Grain: one row per column. Inputs: duckdb_columns(); parameters: schema, table.
SELECT column_name, data_type
FROM duckdb_columns()
WHERE schema_name = ? AND table_name = ?
ORDER BY column_index;
