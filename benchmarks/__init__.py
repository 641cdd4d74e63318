"""Reproducible measurements: `make bench` (python -m benchmarks)."""
