-- Purpose: every column of every marts table with its DuckDB type, in table order: what
--          `maturity export` writes and the documented export schema maps to Arrow types.
-- Grain: one row per marts table and column. Inputs: duckdb_columns(), duckdb_tables().
SELECT c.table_name, c.column_name, c.data_type
FROM duckdb_columns() c
SEMI JOIN duckdb_tables() t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
WHERE c.schema_name = 'marts'
ORDER BY c.table_name, c.column_index;
