-- Purpose: the tables the data dictionary describes: every marts table, then the meta tables
--          BI reads (the run ledger, data-quality results), each with its description and key.
-- Grain: one row per table. Inputs: duckdb_tables(), duckdb_constraints(); parameter: the
--        meta tables to include.
SELECT t.schema_name, t.table_name, t.comment, k.constraint_column_names
FROM duckdb_tables() t
LEFT JOIN duckdb_constraints() k
  ON k.schema_name = t.schema_name AND k.table_name = t.table_name
 AND k.constraint_type = 'PRIMARY KEY'
WHERE t.schema_name = 'marts' OR (t.schema_name = 'meta' AND list_contains(?, t.table_name))
ORDER BY t.schema_name, t.table_name;
