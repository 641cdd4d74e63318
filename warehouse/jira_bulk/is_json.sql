-- Purpose: whether an answer kept as delivered text (a sprint report) is whole JSON, checked
--          outside Python's GIL and without building Python objects of it.
-- Grain: one row.
-- Inputs: $1 = the answer's text.
SELECT coalesce(json_valid($1), false);
