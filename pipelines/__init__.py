"""Pipelines: the CLI, Prefect flows and settings; the only place that wires layers together."""
