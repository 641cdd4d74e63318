"""Indicators: one module and one .sql each, reading marts and staging, returning values.

Each module's docstring is the indicator's definition (formula, grain, unit, inputs and the
seed sentence it measures). The registry is the explicit tuple in `indicators.registry`.
"""
