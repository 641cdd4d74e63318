"""Connectors: plain generators of records from a ready client or file.

A connector knows its source's API or file format and nothing of the warehouse, the
environment or the rest of this project (enforced by ruff's banned-api).
"""
