-- Purpose: every column of the tables the data dictionary describes, in table order.
-- Grain: one row per column. Inputs: duckdb_columns(), duckdb_tables(); parameter: the meta
--        tables to include.
SELECT c.schema_name, c.table_name, c.column_name, c.data_type, NOT c.is_nullable, c.comment
FROM duckdb_columns() c
SEMI JOIN duckdb_tables() t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
WHERE c.schema_name = 'marts' OR (c.schema_name = 'meta' AND list_contains(?, c.table_name))
ORDER BY c.schema_name, c.table_name, c.column_index;
