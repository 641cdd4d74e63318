-- Purpose: the exported files behind every file source (surveys, launches, outcomes): each
--          version of each path, and whether it is the newest (a corrected file replaces its
--          earlier version; raw keeps both). Only sources still in the config count.
-- Grain: one row per source and file version (content hash).
-- Inputs: raw.file_loads, cfg_file_sources (config).
CREATE OR REPLACE TABLE staging.file_versions AS
SELECT l.source_kind, l.source_name, l.file_path, l.file_sha256, l.loaded_at, l.run_id,
       l.file_format, l.layout, l.rows_read, l.rows_loaded, l.rows_quarantined,
       row_number() OVER (
           PARTITION BY l.source_kind, l.source_name, l.file_path
           ORDER BY l.loaded_at DESC, l.run_id DESC) = 1 AS is_current
FROM raw.file_loads l
JOIN cfg_file_sources c USING (source_kind, source_name);
