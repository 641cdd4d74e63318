-- Purpose: every column of every marts table, in table order, for content hashes and exports.
-- Grain: one row per marts table and column. Inputs: duckdb_columns(), duckdb_tables().
SELECT c.table_name, c.column_name
FROM duckdb_columns() c
SEMI JOIN duckdb_tables() t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
WHERE c.schema_name = 'marts'
ORDER BY c.table_name, c.column_index;
