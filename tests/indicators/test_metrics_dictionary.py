"""Reading a metrics dictionary (warehouse/metrics_dictionary.py): the north star and its
drivers, in the YAML and Markdown shapes teams keep them."""

from __future__ import annotations

import pytest

from warehouse.metrics_dictionary import summarise

CASES = [
    (
        "dictionary.yaml",
        "north_star:\n  name: Weekly active teams\ndrivers:\n  - name: Activation\n  - Retention\n",
        "Weekly active teams",
        ("Activation", "Retention"),
    ),
    (
        "metrics.yml",
        "metrics_framework:\n  northStar: WAT\n  driver_tree:\n    Activation: {}\n    Seats: {}\n",
        "WAT",
        ("Activation", "Seats"),
    ),
    (
        "metrics.yml",
        "metrics:\n  - {name: WAT, type: north_star}\n  - {name: Seats, tier: driver}\n",
        "WAT",
        ("Seats",),
    ),
    (
        "metrics.md",
        "# Metrics\n\n## North star: **Weekly active teams**\n\n## Driver tree\n\n- Activation\n"
        "- [Retention](retention.md)\n1. Seats\n\n## Glossary\n\n- not a driver\n",
        "Weekly active teams",
        ("Activation", "Retention", "Seats"),
    ),
    ("metrics.md", "**North star:** WAT\n\n### Drivers\n* Activation\n", "WAT", ("Activation",)),
    ("metrics.md", "# Metrics\n\n## North star\n\nMonthly revenue.\n", "Monthly revenue", ()),
    ("metrics.md", "# Metrics\n\nWe track many things.\n", None, ()),
]


@pytest.mark.parametrize(("path", "text", "north_star", "drivers"), CASES)
def test_north_star_and_drivers(path, text, north_star, drivers):
    found = summarise(text, path)
    assert (found.north_star, found.drivers, found.parse_error) == (north_star, drivers, None)
    assert found.format == ("yaml" if path.endswith((".yaml", ".yml")) else "markdown")


def test_a_broken_file_says_why_and_names_nothing():
    found = summarise("north_star: [unclosed\n", "dictionary.yaml")
    assert found.north_star is None and found.parse_error.startswith("not valid YAML")
    assert summarise(None, "dictionary.yaml").parse_error == "no content"
