"""The only code that opens DuckDB: migrations, raw landing, staging and marts models, exports."""
